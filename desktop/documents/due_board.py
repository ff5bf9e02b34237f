"""The due board on paper, for offices that plan on paper: overdue, then a page per week."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop.documents.common import PDF_LANG
from desktop.documents.fonts import BOLD, FAMILY
from desktop.documents.layout import FRAME_WIDTH, Section, build_pdf, p, text
from desktop.documents.markup import para
from desktop.i18n import format_date, translator

BOX = "☐"  # U+2610, drawn by DejaVu Sans: a box to tick with a pen
_WIDTHS = (7 * mm, 24 * mm, 48 * mm, 28 * mm, FRAME_WIDTH - 107 * mm)


@dataclass(frozen=True, slots=True)
class BoardLine:
    """One case on the board, with texts already in the board's language."""

    day: date
    applicant: str
    reference: str
    step: str  # the next step's name ("Send Notice")
    meaning: str  # what the date is ("Notice may reach the IND from")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def build_due_board(
    lines: Iterable[BoardLine], today: date, lang: str, until: date | None = None
) -> bytes:
    """The board as PDF: an "Overdue" section, then a section per week that has dates.

    `until`: the last day the lines cover (said on every page; later dates are not printed).
    """
    _ = translator(lang)
    ordered = sorted(lines, key=lambda line: (line.day, line.applicant.casefold(), line.reference))
    printed = _("Termijn due board · printed on {date}").format(
        date=format_date(today, lang, "long")
    )
    label = _("Page {page} of {pages}")
    scope = ""
    if until is not None:
        scope = _(
            "Dates up to and including {date}; later ones are on the due board in Termijn."
        ).format(date=format_date(until, lang, "long"))
    parts: list[tuple[Section, Sequence[Flowable]]] = []
    overdue = [line for line in ordered if line.day < today]
    if overdue:
        heading = _("Overdue: still to do")
        parts.append(
            (
                Section("overdue", printed, label),
                _page(
                    heading,
                    _("Dates that have passed while the step is still open."),
                    overdue,
                    lang,
                    with_date=True,
                ),
            )
        )
    upcoming = [line for line in ordered if line.day >= today]
    for monday, week in groupby(upcoming, key=lambda line: week_start(line.day)):
        sunday = monday + timedelta(days=6)
        heading = _("Week {week}: {start} to {end}").format(
            week=monday.isocalendar().week,
            start=format_date(monday, lang, "long"),
            end=format_date(sunday, lang, "long"),
        )
        parts.append(
            (
                Section(f"week-{monday.isoformat()}", printed, label),
                _page(heading, scope, list(week), lang),
            )
        )
    if not parts:
        parts.append(
            (
                Section("empty", printed, label),
                [text(_("Due board"), "title"), text(_("Nothing is due.")), text(scope, "small")],
            )
        )
    return build_pdf(
        parts,
        title=_("Due board"),
        author="Termijn",
        subject=printed,
        lang=PDF_LANG[lang],
    )


def _page(
    heading: str, intro: str, lines: Sequence[BoardLine], lang: str, *, with_date: bool = False
) -> list[Flowable]:
    _ = translator(lang)
    story: list[Flowable] = [text(heading, "title")]
    if intro:
        story.append(text(intro, "small"))
    header = ["", _("Date"), _("Applicant"), _("Reference"), _("Next step")]
    rows = [[text(cell, "label") for cell in header]]
    day_rows = []
    for day, group in groupby(lines, key=lambda line: line.day):
        for index, line in enumerate(group):
            shown = (
                format_date(day, lang, "medium" if with_date else "EEE d MMM") if index == 0 else ""
            )
            rows.append(
                [
                    text(BOX, "cell"),
                    text(shown, "cell"),
                    text(line.applicant or _("(no name)"), "cell"),
                    text(line.reference, "cell"),
                    p(f"<b>{para(line.step)}</b><br/>{para(line.meaning)}", "cell"),
                ]
            )
            if index == 0:
                day_rows.append(len(rows) - 1)
    table = Table(rows, colWidths=_WIDTHS, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
    ]
    # A firmer line above each new day, so the eye finds the days.
    style += [("LINEABOVE", (0, r), (-1, r), 0.6, colors.HexColor("#808080")) for r in day_rows[1:]]
    table.setStyle(TableStyle(style))
    story += [Spacer(1, 2 * mm), table]
    return story
