"""The bilingual pack: the Dutch Notice to send, then an explanation sheet for the applicant."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Result
from desktop.documents.checklist import checklist_dates, date_rows
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    author_of,
    check_timing,
    earliest_posting,
    footer_id,
    full_date,
    ind_contact,
    long_date,
    procedure_name,
    rule_pack,
)
from desktop.documents.layout import Section, bold, build_pdf, field_table, p, text
from desktop.documents.markup import para
from desktop.documents.notice import draft_line, notice_flowables, notice_section
from desktop.i18n import translator


def explanation_flowables(
    case_file: CaseFile, result: Result, lang: str, settings: DocumentSettings, today: date
) -> list[Flowable]:
    """What was sent, why now, and what the dates mean, for the applicant to keep."""
    _ = translator(lang)
    ind = ind_contact(rule_pack(result), settings)
    term = result.term
    receipt, dates = checklist_dates(case_file, result, today)
    story: list[Flowable] = [
        text(
            _("Your Notice of Default (ingebrekestelling): what it is and what happens next"),
            "title",
        ),
        bold(_("What was sent"), "heading"),
        text(
            _(
                "The Dutch letter before this sheet is a Notice of Default (ingebrekestelling) to "
                "the IND. It tells the IND that it has not decided in time on the application of "
                "{name} ({procedure}), and asks it to decide within two weeks of receiving the "
                "letter. Only the Dutch letter is sent; this sheet is for you to keep."
            ).format(name=case_file.applicant.name, procedure=procedure_name(result.procedure, _))
        ),
        bold(_("Why now"), "heading"),
        text(
            _(
                "The period the IND had to decide ended on {end}. A Notice that reaches the IND "
                "on or before the last day of that period does not count and would have to be "
                "sent again. To be safe under every reading of the law, the Notice must reach the "
                "IND on {safe} or later."
            ).format(
                end=long_date(term.statutory_end, lang),
                safe=long_date(term.safe_notice_receipt, lang),
            )
        ),
    ]
    if today < earliest_posting(result):
        story.append(
            text(
                _("It is too early: do not post or fax the Notice before {date}.").format(
                    date=full_date(earliest_posting(result), lang)
                ),
                "banner",
            )
        )
    story += [
        bold(_("What the dates mean"), "heading"),
        text(_("If the IND receives the Notice on {date}:").format(date=full_date(receipt, lang))),
        field_table(
            date_rows(dates, lang, _),
            label_width=95 * mm,
        ),
        Spacer(1, 2 * mm),
        text(
            _(
                "The two weeks start on the day after the IND receives the Notice, so the real "
                "dates move with the delivery date on the tracking record. Enter that date in "
                "Termijn."
            ),
            "small",
        ),
    ]
    if not any(key == "no_penalty" for key, _day in dates):
        story.append(
            text(
                _(
                    "The penalty runs for at most 42 days and stops when the IND sends its "
                    "decision. The IND must then set the amount by decision within two weeks, and "
                    "pay it within six weeks after that."
                )
            )
        )
    story.append(bold(_("How the dates were worked out"), "heading"))
    for step in result.steps:
        when = long_date(step.date, lang) if step.date else ""
        line = f"{when}: {step.text.get(lang)}" if when else step.text.get(lang)
        markup = "•&nbsp;" + para(line)
        if step.basis:
            markup += f" <i>({para(step.basis)})</i>"
        story.append(p(markup, "small"))
    if ind.checked is not None:
        story.append(
            text(
                _("Rule pack {pack}; IND address as last checked on {date}.").format(
                    pack=result.rules, date=long_date(ind.checked, lang)
                ),
                "small",
            )
        )
    else:
        story.append(text(_("Rule pack {pack}.").format(pack=result.rules), "small"))
    if case_file.notes.strip():
        story += [bold(_("Notes"), "heading"), text(case_file.notes)]
    return story


def build_pack(
    case_file: CaseFile,
    result: Result,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    draft: bool = False,
    explain_lang: str = "en",
) -> bytes:
    """The Dutch Notice (and authorisation) first, then the explanation sheet in `explain_lang`.

    Raises the same errors as `build_notice` when the Notice may not be sent yet.
    """
    settings = settings or DocumentSettings()
    if not draft:
        check_timing(result, today)
    nl, other = translator("nl"), translator(explain_lang)
    notice = notice_section(
        case_file, "nl", "notice", draft_line(result, today, "nl", nl) if draft else ""
    )
    sheet = Section(
        key="explanation",
        footer=footer_id(case_file, other),
        page_label=other("Page {page} of {pages}"),
        draft=draft_line(result, today, explain_lang, other) if draft else "",
    )
    return build_pdf(
        [
            (notice, notice_flowables(case_file, result, "nl", settings, today)),
            (sheet, explanation_flowables(case_file, result, explain_lang, settings, today)),
        ],
        title=nl("Notice of Default (ingebrekestelling)") + " – " + case_file.applicant.name,
        author=author_of(case_file),
        subject=nl("Notice of Default (ingebrekestelling)"),
        lang=PDF_LANG["nl"],  # the document's main language: the letter that is sent
    )
