"""Turn a core Result into the lanes, spans and marks the timeline widget draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from desktop.core.model import Case, Result
from desktop.i18n import _


class Lane(StrEnum):
    TERM = "term"
    PAUSES = "pauses"
    NOTICE = "notice"


class Style(StrEnum):
    """How a span or mark looks; the widget maps each to a colour AND a shape or pattern."""

    BASE = "base"
    EXTENSION = "extension"
    INVALID = "invalid"
    PAUSE = "pause"
    CONTESTED = "contested"
    WINDOW = "window"
    TIER1 = "tier1"
    TIER2 = "tier2"
    TIER3 = "tier3"
    END = "end"
    IND_END = "ind_end"
    SAFE = "safe"
    APPEAL = "appeal"
    EVENT = "event"


@dataclass(frozen=True, slots=True)
class Span:
    lane: Lane
    start: date
    end: date  # inclusive
    style: Style
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A clickable date; `kinds` are the Step.kind tags "Why this date?" highlights."""

    lane: Lane
    day: date
    style: Style
    label: str
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineData:
    first: date
    last: date
    today: date
    spans: tuple[Span, ...] = ()
    marks: tuple[Mark, ...] = field(default=())


def lane_title(lane: Lane) -> str:
    return {Lane.TERM: _("Term"), Lane.PAUSES: _("Pauses"), Lane.NOTICE: _("Notice and penalty")}[
        lane
    ]


def build_timeline(case: Case, result: Result) -> TimelineData:
    """Every date the issue asks the timeline to show, labelled in the current language."""
    term = result.term
    spans: list[Span] = []
    start = case.received or case.objected_decision_sent or term.start
    marks: list[Mark] = [Mark(Lane.TERM, start, Style.EVENT, _("Receipt"), ("start", "received"))]
    spans.append(Span(Lane.TERM, start, term.base_end, Style.BASE, _("Base term")))
    marks.append(Mark(Lane.TERM, term.base_end, Style.BASE, _("Base term ends"), ("base_end",)))
    if term.rolled_end > term.base_end:
        # One span: the core knows how extensions and pauses combined (R2.9); we do not redo it.
        spans.append(
            Span(
                Lane.TERM,
                term.base_end + timedelta(days=1),
                term.rolled_end,
                Style.EXTENSION,
                _("Extended term"),
            )
        )
    if term.ind_view_end > term.rolled_end:
        spans.append(
            Span(
                Lane.TERM,
                term.rolled_end + timedelta(days=1),
                term.ind_view_end,
                Style.CONTESTED,
                _("Claimed by the IND"),
            )
        )
    for ext in term.extensions:
        label = _("Extension ({basis})").format(basis=ext.basis)
        if not ext.valid:
            label = _("Invalid extension ({basis})").format(basis=ext.basis)
        style = Style.EXTENSION if ext.valid else Style.INVALID
        marks.append(Mark(Lane.TERM, ext.sent, style, label, ("extension",)))
    marks.append(
        Mark(
            Lane.TERM,
            term.rolled_end,
            Style.END,
            _("Term ends (your reading)"),
            ("statutory_end", "rolled_end", "canonical_end", "chronological_end"),
        )
    )
    if term.ind_view_end != term.rolled_end:
        marks.append(
            Mark(
                Lane.TERM,
                term.ind_view_end,
                Style.IND_END,
                _("Term ends (IND reading)"),
                ("ind_view_end",),
            )
        )
    for pause in term.suspensions:
        first = pause.trigger + timedelta(days=1)
        if pause.contested:
            style, label = Style.CONTESTED, _("Contested pause")
        else:
            style, label = Style.PAUSE, _("Pause")
        spans.append(Span(Lane.PAUSES, first, max(first, pause.last), style, label))
        marks.append(Mark(Lane.PAUSES, pause.trigger, style, label, ("pause", pause.source)))
    marks.append(
        Mark(
            Lane.NOTICE,
            term.safe_notice_receipt,
            Style.SAFE,
            _("Notice may arrive from"),
            ("safe_notice_receipt",),
        )
    )
    if result.notice is not None:
        notice = result.notice
        style = Style.EVENT if notice.valid else Style.INVALID
        marks.append(Mark(Lane.NOTICE, notice.received, style, _("Notice received"), ("notice",)))
        penalty = result.penalty
        if notice.valid and penalty.first_day is not None:
            spans.append(
                Span(
                    Lane.NOTICE,
                    notice.received + timedelta(days=1),
                    penalty.first_day - timedelta(days=1),
                    Style.WINDOW,
                    _("Two-week window"),
                )
            )
        if penalty.applies and penalty.first_day is not None:
            first = penalty.first_day
            for i, (style, label) in enumerate(
                (
                    (Style.TIER1, _("€23 a day")),
                    (Style.TIER2, _("€35 a day")),
                    (Style.TIER3, _("€45 a day")),
                )
            ):
                spans.append(
                    Span(
                        Lane.NOTICE,
                        first + timedelta(days=14 * i),
                        first + timedelta(days=14 * i + 13),
                        style,
                        label,
                    )
                )
            marks.append(
                Mark(Lane.NOTICE, first, Style.TIER1, _("Penalty starts"), ("penalty_first_day",))
            )
            if penalty.day_42 is not None:
                marks.append(
                    Mark(
                        Lane.NOTICE,
                        penalty.day_42,
                        Style.TIER3,
                        _("Penalty maximum"),
                        ("penalty_day_42", "penalty_last_day"),
                    )
                )
    if result.appeal_from is not None:
        marks.append(
            Mark(
                Lane.NOTICE,
                result.appeal_from,
                Style.APPEAL,
                _("Appeal possible from"),
                ("appeal_from", "certain_from"),
            )
        )
    if result.decision is not None:
        marks.append(Mark(Lane.TERM, result.decision, Style.EVENT, _("Decision"), ("decision",)))
    for appt in result.appointments:
        if not appt.attended:
            marks.append(
                Mark(
                    Lane.PAUSES, appt.date, Style.INVALID, _("Missed appointment"), ("appointment",)
                )
            )
    days = [m.day for m in marks] + [s.end for s in spans] + [result.today]
    first_day = min([start, *days])
    last_day = max(days)
    margin = timedelta(days=max(7, (last_day - first_day).days // 20))
    return TimelineData(
        first=first_day - margin,
        last=last_day + margin,
        today=result.today,
        spans=tuple(spans),
        marks=_merge(marks),
    )


def _merge(marks: list[Mark]) -> tuple[Mark, ...]:
    """One mark per lane and day: labels joined, kinds combined (no stacked twins)."""
    merged: dict[tuple[Lane, date], Mark] = {}
    for mark in marks:
        key = (mark.lane, mark.day)
        if key in merged:
            first = merged[key]
            merged[key] = Mark(
                mark.lane,
                mark.day,
                first.style,
                f"{first.label} · {mark.label}",
                first.kinds + mark.kinds,
            )
        else:
            merged[key] = mark
    return tuple(sorted(merged.values(), key=lambda m: (m.day, list(Lane).index(m.lane))))
