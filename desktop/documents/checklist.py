"""The one-page registered-mail checklist that goes with a Notice of Default, as PDF."""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from desktop.core.casefile import CaseFile
from desktop.core.model import Result
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    Gettext,
    IndContact,
    author_of,
    earliest_posting,
    footer_id,
    full_date,
    ind_contact,
    join_lines,
    long_date,
    projected,
    rule_pack,
)
from desktop.documents.fonts import FAMILY
from desktop.documents.layout import (
    BOTTOM,
    FRAME_WIDTH,
    PAGE_HEIGHT,
    Section,
    build_pdf,
    field_table,
    p,
    text,
)
from desktop.documents.markup import para
from desktop.i18n import translator

BOX = "☐"  # U+2610 BALLOT BOX, drawn by DejaVu Sans: a real box to tick with a pen


def checklist_dates(
    case_file: CaseFile, result: Result, today: date
) -> tuple[date, list[tuple[str, date | None]]]:
    """The receipt day and the dates that follow from it, all from the core (keys, not labels)."""
    receipt, later = projected(case_file, result, today)
    rows: list[tuple[str, date | None]] = []
    if later.appeal_from is not None:
        rows.append(("decide_by", later.appeal_from - timedelta(days=1)))
    if later.penalty.applies:
        rows.append(("first_penalty_day", later.penalty.first_day))
        if later.penalty.certain_from != later.penalty.first_day:
            rows.append(("penalty_certain_from", later.penalty.certain_from))
    else:
        rows.append(("no_penalty", None))
    rows.append(("appeal_from", later.appeal_from))
    return receipt, rows


def date_rows(dates: list[tuple[str, date | None]], lang: str, _: Gettext) -> list[tuple[str, str]]:
    """Label/value rows for the dates; the row without a date says why."""
    labels = date_labels(_)
    return [
        (labels[key], full_date(day, lang) if day else _("does not apply to this application"))
        for key, day in dates
    ]


def date_labels(_: Gettext) -> dict[str, str]:
    return {
        "decide_by": _("The IND must decide by"),
        "first_penalty_day": _("First penalty day (dwangsom)"),
        "penalty_certain_from": _("Penalty certain from (if the two weeks end on a holiday)"),
        "no_penalty": _("Administrative penalty (dwangsom)"),
        "appeal_from": _("Appeal against the failure to decide (Awb 6:12) possible from"),
    }


def _items(
    case_file: CaseFile, result: Result, ind: IndContact, today: date, lang: str, _: Gettext
) -> list[list[Flowable]]:
    earliest = earliest_posting(result)
    sign = _("Sign and date the Notice.")
    if case_file.representative is not None:
        sign += " " + _("Have the applicant sign the authorisation (machtiging).")
    where = join_lines([ind.name, *ind.address])
    send = [
        p(
            para(_("Send it on or after {date}, by registered post (aangetekend), to:")).format(
                date=f"<b>{para(full_date(max(today, earliest), lang))}</b>"
            )
        ),
        text(where),
    ]
    if ind.fax:
        send.append(text(_("Or by fax to {fax}.").format(fax=ind.fax)))
    send.append(text(_("Never by e-mail.")))
    if ind.checked is not None:
        checked = _(
            "IND address as last checked on {date}. Check it on the IND's current form "
            "before you send."
        ).format(date=long_date(ind.checked, lang))
    else:
        checked = _("Check the IND address on the IND's current form before you send.")
    send.append(text(checked, "small"))
    return [
        [text(_("Check the Notice: names, date of birth, V-number, IND reference and dates."))],
        [text(sign)],
        [
            text(
                _(
                    "Make a copy of everything you send, after signing, and keep it with this "
                    "checklist."
                )
            )
        ],
        send,
        [
            text(
                _(
                    "Keep the proof: the post office receipt with the tracking number, or the fax "
                    "transmission report."
                )
            ),
            text(_("Tracking number: ______________________________")),
        ],
        [
            text(
                _(
                    "Follow the tracking number until delivery. The IND received it on: "
                    "____ / ____ / ________"
                )
            ),
            text(_("Enter this date in Termijn: the dates below follow from it."), "small"),
        ],
    ]


def _tick_table(rows: list[list[Flowable]]) -> Table:
    data = [[text(BOX, "box"), cell] for cell in rows]
    table = Table(data, colWidths=[9 * mm, FRAME_WIDTH - 9 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
            ]
        )
    )
    return table


def checklist_flowables(
    case_file: CaseFile, result: Result, lang: str, settings: DocumentSettings, today: date
) -> list[Flowable]:
    """The checklist's content in one language."""
    _ = translator(lang)
    rules = rule_pack(result)
    ind = ind_contact(rules, settings)
    receipt, dates = checklist_dates(case_file, result, today)
    ident = [
        (_("Applicant"), case_file.applicant.name),
        (_("V-number"), case_file.v_number),
        (_("IND reference"), case_file.ind_reference),
    ]
    if case_file.reference:
        ident.append((_("Our reference"), case_file.reference))
    ident.append((_("Rule pack"), result.rules))
    story: list[Flowable] = [
        text(_("Checklist: sending the Notice of Default (ingebrekestelling)"), "title"),
        field_table(ident, label_width=40 * mm),
        Spacer(1, 4 * mm),
    ]
    if today < earliest_posting(result):
        story.append(
            text(
                _(
                    "Do not post or fax the Notice before {date}: if it reaches the IND "
                    "earlier, it does not count."
                ).format(date=full_date(earliest_posting(result), lang)),
                "banner",
            )
        )
    story.append(_tick_table(_items(case_file, result, ind, today, lang, _)))
    story.append(Spacer(1, 4 * mm))
    if result.notice is not None and result.notice.valid:
        intro = _("The IND received the Notice on {date}. The dates that follow from it:")
    else:
        intro = _("If the IND receives the Notice on {date}, the dates that follow are:")
    story.append(p("<b>" + para(intro.format(date=full_date(receipt, lang))) + "</b>"))
    story.append(
        field_table(
            date_rows(dates, lang, _),
            label_width=95 * mm,
        )
    )
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
    # One page, whatever the names: shrink rather than spill onto a second sheet.
    return [KeepInFrame(FRAME_WIDTH, PAGE_HEIGHT - BOTTOM - 20 * mm - 2, story, mode="shrink")]


def build_checklist(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    today: date,
) -> bytes:
    """The registered-mail checklist as one page of PDF."""
    settings = settings or DocumentSettings()
    _ = translator(lang)
    section = Section(
        key="checklist", footer=footer_id(case_file, _), page_label=_("Page {page} of {pages}")
    )
    title = _("Checklist: sending the Notice of Default (ingebrekestelling)")
    return build_pdf(
        [(section, checklist_flowables(case_file, result, lang, settings, today))],
        title=f"{title} – {case_file.applicant.name}",
        author=author_of(case_file),
        subject=title,
        lang=PDF_LANG[lang],
    )
