"""The one-page registered-mail checklist that goes with a Notice of Default, as PDF."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from desktop.core.casefile import CaseFile
from desktop.core.model import Result, Text
from desktop.core.rulepack import RulePack
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    Gettext,
    IndContact,
    author_of,
    footer_id,
    full_date,
    ind_contact,
    join_lines,
    long_date,
    pack_keywords,
    projected,
    rule_pack,
)
from desktop.documents.fonts import FAMILY
from desktop.documents.layout import (
    BOTTOM,
    FRAME_WIDTH,
    PAGE_HEIGHT,
    Section,
    bold,
    build_pdf,
    field_table,
    p,
    text,
)
from desktop.documents.letter import document_warnings, period_words
from desktop.documents.markup import para
from desktop.documents.state import NoticeRound, check_checklist, earliest_posting, notice_round
from desktop.i18n import translator

BOX = "☐"  # U+2610 BALLOT BOX, drawn by DejaVu Sans: a real box to tick with a pen


def checklist_dates(
    case_file: CaseFile, result: Result, today: date, rules: RulePack
) -> tuple[date, list[tuple[str, date | None]], bool]:
    """The receipt day, the dates that follow from it (keys, not labels), and whether it is real.

    All from the core's key dates for that receipt: the end of the IND's two weeks, the penalty
    days and the 42nd, when the IND must fix the amount (Awb 4:18) and pay, and the appeal.
    """
    receipt, later, real = projected(case_file, result, today, rules)
    key = later.key_dates
    rows: list[tuple[str, date | None]] = []
    if key.window_last is not None:
        rows.append(("decide_by", key.window_last))
    if key.penalty_applies:
        rows.append(("first_penalty_day", later.penalty.first_day))
        if key.certain_from != later.penalty.first_day:
            rows.append(("penalty_certain_from", key.certain_from))
        rows.append(("day_42", key.day_42))
        if key.claim_due is not None:  # the core's date (Awb 4:18), not worked out again here
            rows.append(("fix_by", key.claim_due))
    else:
        rows.append(("no_penalty", None))
    rows.append(("appeal_from", key.certain_from))
    return receipt, rows, real


def date_rows(
    dates: list[tuple[str, date | None]], lang: str, _: Gettext, weeks: str
) -> list[tuple[str, str]]:
    """Label/value rows for the dates; the row without a date says why.

    `weeks` names the IND's period after a Notice in words, from the pack (period_words).
    """
    labels = date_labels(_, weeks)
    return [
        (labels[key], full_date(day, lang) if day else _("does not apply to this application"))
        for key, day in dates
    ]


def date_labels(_: Gettext, weeks: str) -> dict[str, str]:
    return {
        "decide_by": _("The IND must decide by"),
        "first_penalty_day": _("First penalty day (dwangsom)"),
        "penalty_certain_from": _("Penalty certain from (if the {weeks} end on a holiday)").format(
            weeks=weeks
        ),
        "day_42": _("Last possible penalty day (if the IND still has not decided)"),
        "fix_by": _("The IND must fix the amount by decision by (if the penalty ran in full)"),
        "no_penalty": _("Administrative penalty (dwangsom)"),
        "appeal_from": _("Appeal against the failure to decide possible from"),
    }


def _items(
    case_file: CaseFile,
    result: Result,
    ind: IndContact,
    today: date,
    lang: str,
    _: Gettext,
    *,
    by_fax: bool,
    round_: NoticeRound,
) -> list[list[Flowable]]:
    earliest = earliest_posting(result)
    sign = _("Sign and date the Notice.")
    enclosed = []
    if case_file.representative is not None:
        sign += " " + _("Have the applicant sign the authorisation (machtiging).")
        enclosed.append(_("the signed authorisation (machtiging)"))
    if round_.earlier is not None:
        enclosed.append(_("a copy of the earlier Notice of Default and its proof of delivery"))
    items: list[list[Flowable]] = [
        [text(_("Check the Notice: names, date of birth, V-number, IND reference and dates."))],
        [text(sign)],
    ]
    if enclosed:
        items.append([text(_("Enclose: {items}.").format(items="; ".join(enclosed)))])
    items.append(
        [text(_("Make a copy of everything you send, after signing, and keep it with this list."))]
    )
    send = [
        p(
            para(_("Send it on or after {date}, by registered post (aangetekend), to:")).format(
                date=f"<b>{para(full_date(max(today, earliest), lang))}</b>"
            )
        ),
        text(join_lines([ind.name, *ind.address])),
    ]
    if ind.fax:
        fax = _("Also by fax to {fax}.") if by_fax else _("Or by fax to {fax}.")
        send.append(text(fax.format(fax=ind.fax)))
    send.append(text(_("Never by e-mail: the IND accepts a Notice only by post or fax.")))
    if ind.checked is not None:
        checked = _(
            "IND address and fax as last checked on {date}. Check them on the IND's page "
            "before you send."
        ).format(date=long_date(ind.checked, lang))
    else:
        checked = _("Check the IND address on the IND's page before you send.")
    send.append(text(checked, "small"))
    items.append(send)
    proof = [
        text(
            _(
                "Keep the post office receipt with the tracking number, and print the "
                "track-and-trace page (PostNL) once it shows the delivery: it proves the day the "
                "IND received the Notice, and that day counts."
            )
        ),
        text(_("Tracking number: ______________________________")),
    ]
    if ind.fax:
        proof.append(
            text(
                _(
                    "After faxing, keep the transmission report with the number dialled, the "
                    'date and time, the number of pages and "OK": it proves the IND received '
                    "the fax that day."
                )
            )
        )
    items.append(proof)
    items.append(
        [
            text(
                _(
                    "Follow the tracking number until delivery. The IND received it on: "
                    "____ / ____ / ________"
                )
            ),
            text(
                _(
                    "Enter this date in Termijn: the dates below follow from it. Keep the IND's "
                    "confirmation of receipt with the rest when it comes."
                ),
                "small",
            ),
        ]
    )
    return items


def _tick_table(rows: list[list[Flowable]]) -> Table:
    data = [[text(BOX, "box"), cell] for cell in rows]
    table = Table(data, colWidths=[9 * mm, FRAME_WIDTH - 9 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
            ]
        )
    )
    return table


def checklist_flowables(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings,
    today: date,
    *,
    rules: RulePack,
    warnings: tuple[Text, ...] = (),
) -> list[Flowable]:
    """The checklist's content in one language."""
    _ = translator(lang)
    ind = ind_contact(rules, settings)
    round_ = notice_round(result, today, draft=True)
    receipt, dates, real = checklist_dates(case_file, result, today, rules)
    weeks = period_words(rules.window_days, lang, _)
    ident = [
        (_("Applicant"), case_file.applicant.name),
        (_("V-number"), case_file.v_number),
        (_("IND reference"), case_file.ind_reference),
    ]
    if case_file.reference:
        ident.append((_("Our reference"), case_file.reference))
    ident.append((_("Rule pack"), f"{rules.id} ({rules.short_hash})"))
    story: list[Flowable] = [
        text(_("Checklist: sending the Notice of Default (ingebrekestelling)"), "title"),
        field_table(ident, label_width=40 * mm),
        Spacer(1, 3 * mm),
    ]
    if not real and today < earliest_posting(result):
        story.append(
            text(
                _(
                    "Do not post or fax the Notice before {date}: if it reaches the IND "
                    "earlier, it does not count."
                ).format(date=full_date(earliest_posting(result), lang)),
                "banner",
            )
        )
    if real:
        story.append(
            text(
                _("The IND received the Notice on {date}: it counts on every reading.").format(
                    date=full_date(receipt, lang)
                ),
                "note",
            )
        )
    else:
        if round_.earlier is not None:
            story.append(
                text(
                    _(
                        "The IND received a Notice on {date} that may not count. This list is "
                        "for the new one; keep the proof of the first."
                    ).format(date=long_date(round_.earlier, lang)),
                    "note",
                )
            )
        by_fax = settings.by_fax or case_file.particulars.send_by_fax
        story.append(
            _tick_table(
                _items(case_file, result, ind, today, lang, _, by_fax=by_fax, round_=round_)
            )
        )
        story.append(Spacer(1, 3 * mm))
    if real:
        intro = _("The dates that follow from it:")
    else:
        intro = _(
            "Posted by registered post now, the Notice can reach the IND on {date} at the "
            "earliest. The dates that follow from that day:"
        )
    story.append(p("<b>" + para(intro.format(date=full_date(receipt, lang))) + "</b>"))
    story.append(field_table(date_rows(dates, lang, _, weeks), label_width=95 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(
        _tick_table(
            [
                [
                    text(
                        _(
                            "Put the day after the IND must decide in your diary: check then "
                            "whether a decision has arrived."
                        )
                    )
                ]
            ]
        )
    )
    if warnings:
        story.append(Spacer(1, 2 * mm))
        story.append(bold(_("Check before you send"), "subhead"))
        story += [p("•&nbsp;" + para(w.get(lang)), "small") for w in warnings]
    # One page, whatever the names: shrink rather than spill onto a second sheet.
    return [KeepInFrame(FRAME_WIDTH, PAGE_HEIGHT - BOTTOM - 20 * mm - 2, story, mode="shrink")]


def build_checklist(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    rules: RulePack | None = None,
    warnings: tuple[Text, ...] | None = None,
) -> bytes:
    """The registered-mail checklist as one page of PDF (refused once the IND has decided)."""
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    check_checklist(result)
    if warnings is None:
        warnings = document_warnings(case_file, result, True, today, rules)
    _ = translator(lang)
    section = Section(
        key="checklist", footer=footer_id(case_file, _), page_label=_("Page {page} of {pages}")
    )
    title = _("Checklist: sending the Notice of Default (ingebrekestelling)")
    return build_pdf(
        [
            (
                section,
                checklist_flowables(
                    case_file, result, lang, settings, today, rules=rules, warnings=warnings
                ),
            )
        ],
        title=f"{title} – {case_file.applicant.name}",
        author=author_of(case_file),
        subject=title,
        keywords=pack_keywords(rules),
        lang=PDF_LANG[lang],
    )


def build_checklists(
    case_file: CaseFile,
    result: Result,
    langs: tuple[str, ...],
    settings: DocumentSettings | None = None,
    *,
    today: date,
    rules: RulePack | None = None,
    warnings: tuple[Text, ...] | None = None,
) -> bytes:
    """The checklist in several languages, one page each, in one PDF."""
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    check_checklist(result)
    if warnings is None:
        warnings = document_warnings(case_file, result, True, today, rules)
    parts = []
    for lang in langs:
        _ = translator(lang)
        section = Section(
            key=f"checklist-{lang}",
            footer=footer_id(case_file, _),
            page_label=_("Page {page} of {pages}"),
        )
        flowables = checklist_flowables(
            case_file, result, lang, settings, today, rules=rules, warnings=warnings
        )
        parts.append((section, flowables))
    first = translator(langs[0])
    title = first("Checklist: sending the Notice of Default (ingebrekestelling)")
    return build_pdf(
        parts,
        title=f"{title} – {case_file.applicant.name}",
        author=author_of(case_file),
        subject=title,
        keywords=pack_keywords(rules),
        lang=PDF_LANG[langs[0]],
    )
