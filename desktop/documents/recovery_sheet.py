"""The recovery key sheet: printed or saved once, kept away from the computer."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents.common import PDF_LANG
from desktop.documents.layout import Section, build_pdf, field_table, text
from desktop.i18n import format_date, translator


def recovery_lines(lang: str) -> list[str]:
    """The instructions on the sheet (also shown in the window beside the key)."""
    _ = translator(lang)
    return [
        _(
            "This key opens your Termijn case file if the passphrase is forgotten. Anyone who "
            "has it and a copy of the case file can read every case: keep it away from the "
            "computer, like a spare house key."
        ),
        _(
            'To use it: start Termijn, choose "Forgot the passphrase?", type the key (capital '
            "letters or not, with or without dashes) and choose a new passphrase."
        ),
        _(
            "The file termijn.sqlite.key beside the case file holds the locked key; keep it with "
            "the case file (a copy goes into the backup folder). Without it, neither the "
            "passphrase nor this key opens the cases."
        ),
    ]


def recovery_pdf(recovery_key: str, folder: str, made: date, lang: str) -> bytes:
    _ = translator(lang)
    title = _("Termijn recovery key")
    story: list[Flowable] = [
        text(title, "title"),
        Spacer(0, 4 * mm),
        text(recovery_key, "box"),
        Spacer(0, 6 * mm),
        field_table(
            [
                (_("Case file folder"), folder),
                (_("Made on"), format_date(made, lang, "long")),
            ]
        ),
        Spacer(0, 6 * mm),
    ]
    story += [text(line) for line in recovery_lines(lang)]
    section = Section(key="recovery", footer=title, page_label=_("Page {page} of {pages}"))
    return build_pdf(
        [(section, story)], title=title, author="Termijn", subject=title, lang=PDF_LANG[lang]
    )
