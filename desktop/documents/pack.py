"""The bilingual pack: the Dutch Notice to send, then an explanation sheet for the applicant."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Result, Text
from desktop.core.rulepack import RulePack
from desktop.documents.checklist import checklist_dates, date_rows
from desktop.documents.cite import cite
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    author_of,
    footer_id,
    full_date,
    ind_contact,
    long_date,
    pack_keywords,
    penalty_outlook,
    procedure_name,
    rule_pack,
)
from desktop.documents.layout import Section, bold, build_pdf, field_table, p, text
from desktop.documents.letter import check_identification, document_warnings, period_words
from desktop.documents.markup import para
from desktop.documents.notice import (
    authorisation,
    draft_line,
    notice_flowables,
    notice_section,
    translation_mark,
)
from desktop.documents.state import NoticeRound, earliest_posting, notice_round
from desktop.i18n import format_money, translator


def warning_flowables(warnings: tuple[Text, ...] | list[Text], lang: str) -> list[Flowable]:
    """The core's and the documents' warnings, each a bullet, under one heading."""
    if not warnings:
        return []
    _ = translator(lang)
    out: list[Flowable] = [bold(_("Check before you send"), "heading")]
    out += [p("•&nbsp;" + para(w.get(lang)), "body") for w in warnings]
    return out


def explanation_flowables(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings,
    today: date,
    *,
    rules: RulePack,
    warnings: tuple[Text, ...] = (),
    round_: NoticeRound | None = None,
) -> list[Flowable]:
    """What was sent, why now, what it may bring and what the dates mean, for the applicant."""
    _ = translator(lang)
    ind = ind_contact(rules, settings)
    term = result.term
    receipt, dates, real = checklist_dates(case_file, result, today, rules)
    weeks = period_words(rules.window_days, lang, _)
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
                "{name} ({procedure}), and asks it to decide within {weeks} of receiving the "
                "letter. Only the Dutch letter is signed and sent; this sheet is for you to keep."
            ).format(
                name=case_file.applicant.name,
                procedure=procedure_name(result.procedure, _),
                weeks=weeks,
            )
        ),
    ]
    if round_ is not None and round_.earlier is not None:
        story.append(
            text(
                _(
                    "The IND already received a Notice on {date}. It may not count, so the "
                    "letter says so and gives notice again. Keep the proof of the first one."
                ).format(date=long_date(round_.earlier, lang))
            )
        )
    story += [
        bold(_("Why now"), "heading"),
        text(
            _(
                "The period the IND had to decide ends or ended on {end}. A Notice that reaches "
                "the IND on or before the last day of that period does not count and would have "
                "to be sent again. To be safe under every reading of the law, the Notice must "
                "reach the IND on {safe} or later."
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
    story += warning_flowables(warnings, lang)
    story += _what_it_brings(result, rules, receipt, lang)
    intro = (
        _("The IND received the Notice on {date}:")
        if real
        else _(
            "If you post the Notice by registered post now, it can reach the IND on {date} at "
            "the earliest. The dates then are:"
        )
    )
    story += [
        bold(_("What the dates mean"), "heading"),
        text(intro.format(date=full_date(receipt, lang))),
        field_table(date_rows(dates, lang, _, weeks), label_width=95 * mm),
        Spacer(1, 2 * mm),
        text(
            _(
                "The {weeks} start on the day after the IND receives the Notice, so the real "
                "dates move with the delivery date on the tracking record. Enter that date in "
                "Termijn."
            ).format(weeks=weeks),
            "small",
        ),
        bold(_("How the dates were worked out"), "heading"),
    ]
    for step in result.steps:
        when = long_date(step.date, lang) if step.date else ""
        line = f"{when}: {step.text.get(lang)}" if when else step.text.get(lang)
        markup = "•&nbsp;" + para(line)
        if step.basis:
            markup += f" <i>({para(step.basis)})</i>"
        story.append(p(markup, "small"))
    checked = (
        _("IND address as last checked on {date}.").format(date=long_date(ind.checked, lang))
        if ind.checked is not None
        else ""
    )
    story.append(
        text(
            _("Rule pack {pack}.").format(pack=f"{rules.id} ({rules.short_hash})") + " " + checked,
            "small",
        )
    )
    if case_file.notes.strip():
        story += [bold(_("Notes"), "heading"), text(case_file.notes)]
    if case_file.representative is not None:
        story += [
            PageBreak(),
            text(
                _(
                    "The authorisation (machtiging) the applicant signs, translated. Sign the "
                    "Dutch one."
                ),
                "note",
            ),
            authorisation(case_file, result, rules, lang, _, translation=True),
        ]
    return story


def _what_it_brings(result: Result, rules: RulePack, receipt: date, lang: str) -> list[Flowable]:
    """The amounts and their cap, or, without an administrative penalty, the court's own."""
    _ = translator(lang)
    outlook = penalty_outlook(result, rules, receipt)
    out: list[Flowable] = [bold(_("What it can bring"), "heading")]
    if outlook.applies:
        rows = []
        for index, rate in enumerate(outlook.daily):
            first = index * outlook.days_per_tier + 1
            rows.append(
                (
                    _("Days {first} to {last}").format(
                        first=first, last=first + outlook.days_per_tier - 1
                    ),
                    _("{amount} a day").format(amount=format_money(rate, lang)),
                )
            )
        rows.append((_("At most, in total"), format_money(outlook.cap, lang)))
        out += [
            text(
                _(
                    "If the IND does not decide in time, it owes a penalty (dwangsom) for each "
                    "day of further delay ({basis}). It stops when the IND decides, and after "
                    "{days} days at the latest. The IND must then fix the amount by a decision "
                    "({fix})."
                ).format(
                    basis=cite(rules.cite("penalty"), lang, rules),
                    days=rules.tiers_for(receipt).max_days,
                    fix=cite(rules.cite("fix_decision"), lang, rules),
                )
            ),
            field_table(rows, label_width=60 * mm),
            Spacer(1, 2 * mm),
        ]
    else:
        court = rules.letters.court_penalty if rules.letters is not None else rules.cite("appeal")
        out.append(
            text(
                _(
                    "In this procedure the IND owes no penalty (dwangsom) of its own. If it still "
                    "does not decide, you can appeal to the court against the failure to decide; "
                    "the court then orders the IND to decide within a set time and can attach a "
                    "penalty of its own to that order ({basis})."
                ).format(basis=cite(court, lang, rules))
            )
        )
    return out


def build_pack(
    case_file: CaseFile,
    result: Result,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    draft: bool = False,
    explain_lang: str = "en",
    rules: RulePack | None = None,
    warnings: tuple[Text, ...] | None = None,
) -> bytes:
    """The Dutch Notice (and authorisation) first, then the explanation sheet in `explain_lang`.

    Raises the same errors as `build_notice` when the Notice may not be made.
    """
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    round_ = notice_round(result, today, draft)
    check_identification(case_file, draft)
    if warnings is None:
        warnings = document_warnings(case_file, result, draft, today, rules)
    nl, other = translator("nl"), translator(explain_lang)
    notice = notice_section(
        case_file,
        "nl",
        "notice",
        draft_line(result, today, "nl", nl) if draft else "",
        rules,
        settings,
    )
    sheet = Section(
        key="explanation",
        footer=footer_id(case_file, other),
        page_label=other("Page {page} of {pages}"),
        draft=draft_line(result, today, explain_lang, other) if draft else "",
        mark=translation_mark(other) if explain_lang != "nl" else "",
    )
    return build_pdf(
        [
            (
                notice,
                notice_flowables(
                    case_file, result, "nl", settings, today, rules=rules, round_=round_
                ),
            ),
            (
                sheet,
                explanation_flowables(
                    case_file,
                    result,
                    explain_lang,
                    settings,
                    today,
                    rules=rules,
                    warnings=warnings,
                    round_=round_,
                ),
            ),
        ],
        title=nl("Notice of Default (ingebrekestelling)") + " – " + case_file.applicant.name,
        author=author_of(case_file),
        subject=nl("Notice of Default (ingebrekestelling)"),
        keywords=pack_keywords(rules),
        lang=PDF_LANG["nl"],  # the document's main language: the letter that is sent
    )
