"""The change report (which cases a change of law moved, old -> new) as table rows, CSV and PDF."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from desktop.core.changes import ChangeReport, FieldChange
from desktop.core.model import NextCode, NoticeState
from desktop.documents.common import PDF_LANG, Gettext
from desktop.documents.fonts import FAMILY
from desktop.documents.layout import FRAME_WIDTH, Section, build_pdf, text
from desktop.i18n import N_, long_date, translator
from desktop.i18n.names import next_step_name, procedure_name

# A printable report: beyond this many rows the PDF would run to hundreds of pages (and minutes);
# the CSV has every row.
PDF_ROWS = 1000

FIELD_LABELS = {
    "next_step": N_("Next step"),
    "next_date": N_("Date of the next step"),
    "safe_notice_receipt": N_("Notice may reach the IND from"),
    "certain_from": N_("Appeal possible from"),
    "penalty_applies": N_("Administrative penalty (dwangsom)"),
    "day_42": N_("Last possible penalty day"),
    "claim_due": N_("The IND must fix the penalty by"),
    "remedy_until": N_("Last day to object or appeal"),
    "notice_state": N_("Notice of Default"),
    "provisional": N_("Provisional dates"),
}
NOTICE_STATES = {
    NoticeState.NONE: N_("none received"),
    NoticeState.UNSAFE: N_("void or at risk"),
    NoticeState.SAFE: N_("safe on every reading"),
}


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One changed case as text: who, the next step before and after, what else moved."""

    reference: str
    applicant: str
    procedure: str
    before: str  # "Send Notice, 3 March 2026"
    after: str
    also: str  # the other changes, "label: old -> new", joined with "; "
    new_date: date | None


def _value(value: object, lang: str, _: Gettext) -> str:
    if value is None:
        return "—"
    if isinstance(value, NextCode):
        return next_step_name(value, lang)
    if isinstance(value, NoticeState):
        return _(NOTICE_STATES[value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return long_date(value, lang)
    return str(value)


def _step(code: NextCode | None, day: date | None, lang: str, _: Gettext) -> str:
    if code is None:
        return _("not computed")
    name = next_step_name(code, lang)
    return f"{name}, {long_date(day, lang)}" if day else name


def _change(change: FieldChange, lang: str, _: Gettext) -> str:
    label = _(FIELD_LABELS[change.field])
    return f"{label}: {_value(change.old, lang, _)} → {_value(change.new, lang, _)}"


def report_rows(report: ChangeReport, lang: str) -> list[ReportRow]:
    """The report's cases, most urgent new date first, in `lang`."""
    _ = translator(lang)
    rows = []
    for case in report.changes:
        also = [c for c in case.changes if c.field not in ("next_step", "next_date")]
        rows.append(
            ReportRow(
                reference=case.reference,
                applicant=case.name,
                procedure=procedure_name(case.procedure, lang),
                before=_step(case.before.next_code, case.before.next_date, lang, _),
                after=_step(case.after.next_code, case.after.next_date, lang, _),
                also="; ".join(_change(c, lang, _) for c in also),
                new_date=case.new_date,
            )
        )
    return rows


def headers(lang: str) -> list[str]:
    _ = translator(lang)
    return [
        _("Reference"),
        _("Applicant"),
        _("Procedure"),
        _("Next step before"),
        _("Next step now"),
        _("Also changed"),
    ]


def summary(report: ChangeReport, lang: str) -> str:
    """Which law to which, on which day; cases checked, and cases whose dates or step moved."""
    _ = translator(lang)
    return _(
        "Rules {before} → {after}, worked out for {date}. Cases checked: {checked}. Cases whose "
        "dates or next step changed: {changed}."
    ).format(
        before=report.before,
        after=report.after,
        checked=report.checked,
        date=long_date(report.today, lang),
        changed=len(report.changes),
    )


def to_csv(report: ChangeReport, lang: str) -> str:
    """The report as CSV text (comma-separated, every field quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in report_rows(report, lang):
        writer.writerow(
            [row.reference, row.applicant, row.procedure, row.before, row.after, row.also]
        )
    return out.getvalue()


def write_csv(report: ChangeReport, path: Path, lang: str) -> None:
    # UTF-8 with a byte-order mark, so spreadsheet programs read the accents right.
    path.write_text(to_csv(report, lang), encoding="utf-8-sig", newline="")


def _table(rows: list[ReportRow], lang: str) -> LongTable:
    widths = [46 * mm, 36 * mm, 36 * mm]
    widths.append(FRAME_WIDTH - sum(widths))
    _ = translator(lang)
    head = [_("Case"), _("Next step before"), _("Next step now"), _("Also changed")]
    data = [[text(h, "label") for h in head]]
    for row in rows:
        case = "\n".join(x for x in (row.reference, row.applicant, row.procedure) if x)
        data.append(
            [
                text(case, "cell"),
                text(row.before, "cell"),
                text(row.after, "cell"),
                text(row.also.replace("; ", "\n") or "—", "small"),
            ]
        )
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
            ]
        )
    )
    return table


def build_change_report(report: ChangeReport, lang: str, author: str = "") -> bytes:
    """The report as PDF: a summary line, then a table of every changed case."""
    _ = translator(lang)
    title = _("What changed: rules {before} → {after}").format(
        before=report.before, after=report.after
    )
    story: list[Flowable] = [text(title, "title"), text(summary(report, lang)), Spacer(1, 3 * mm)]
    rows = report_rows(report, lang)
    if len(rows) > PDF_ROWS:
        story.append(
            text(
                _(
                    "This PDF lists the {shown} most urgent of {count} changed cases; the CSV "
                    "export lists them all."
                ).format(shown=PDF_ROWS, count=len(rows)),
                "banner",
            )
        )
        rows = rows[:PDF_ROWS]
    if rows:
        story.append(
            text(
                _(
                    "The nearest new date first, then dates already past. Check each case "
                    "before you act on it."
                ),
                "small",
            )
        )
        story.append(_table(rows, lang))
    else:
        story.append(text(_("No case's dates or next step changed.")))
    section = Section(
        key="changes", footer=_("Change report · Termijn"), page_label=_("Page {page} of {pages}")
    )
    return build_pdf(
        [(section, story)], title=title, author=author, subject=title, lang=PDF_LANG[lang]
    )
