"""Turn a core Result into the lanes, spans and marks the timeline widget draws, lane by lane.

Amounts, tiers and periods come from the rule pack the result was computed with; the Notice and
penalty lane rests on the same key dates as the next step, so the picture never contradicts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from desktop.core.model import Case, NoticeEvent, NoticeState, PenaltyFixed, Result
from desktop.core.penalty import notice_dates
from desktop.core.rulepack import RulePack, load_rule_pack
from desktop.i18n import _, current_language, format_money
from desktop.ui.models.text import long_date


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
    RISKY = "risky"
    WINDOW = "window"
    TIER1 = "tier1"
    TIER2 = "tier2"
    TIER3 = "tier3"
    END = "end"
    IND_END = "ind_end"
    SAFE = "safe"
    APPEAL = "appeal"
    EVENT = "event"
    DEADLINE = "deadline"


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
    """Everything to draw; `focus_first`..`focus_last` is the decisive period shown at first."""

    first: date
    last: date
    today: date
    spans: tuple[Span, ...] = ()
    marks: tuple[Mark, ...] = field(default=())
    focus_first: date | None = None
    focus_last: date | None = None
    readings: str = ""  # one plain sentence on the two readings of the end


def lane_title(lane: Lane) -> str:
    titles = {Lane.TERM: _("Term"), Lane.PAUSES: _("Pauses"), Lane.NOTICE: _("Notice")}
    return titles[lane]


def legend_text(style: Style) -> str:
    """What a colour and shape stand for, for the legend under the timeline."""
    texts = {
        Style.BASE: _("Original term"),
        Style.EXTENSION: _("Extension"),
        Style.CONTESTED: _("Counted by the IND only"),
        Style.PAUSE: _("Pause"),
        Style.WINDOW: _("The IND's time after the Notice"),
        Style.TIER1: _("Penalty (dwangsom)"),
        Style.TIER2: _("Penalty (dwangsom)"),
        Style.TIER3: _("Penalty (dwangsom)"),
        Style.END: _("End, your reading"),
        Style.IND_END: _("End, IND reading"),
        Style.SAFE: _("Notice may arrive from"),
        Style.APPEAL: _("Appeal possible from"),
        Style.EVENT: _("Letter or event"),
        Style.INVALID: _("Void, invalid or missed"),
        Style.RISKY: _("Notice that may be premature"),
        Style.DEADLINE: _("Deadline"),
    }
    return texts[style]


def build_timeline(case: Case, result: Result, pack: RulePack | None = None) -> TimelineData:
    """Every date that matters, labelled in the current language, one lane at a time."""
    pack = pack or load_rule_pack(result.rules)
    start = case.received or case.objected_decision_sent or result.term.start
    spans: list[Span] = []
    marks: list[Mark] = []
    for lane in (_term_lane(start, result), _pause_lane(result), _notice_lane(case, result, pack)):
        spans += lane[0]
        marks += lane[1]
    days = [m.day for m in marks] + [s.end for s in spans] + [result.today, start]
    first_day, last_day = min(days), max(days)
    margin = timedelta(days=max(7, (last_day - first_day).days // 20))
    focus = _decisive_period(result, marks)
    return TimelineData(
        first=first_day - margin,
        last=last_day + margin,
        today=result.today,
        spans=tuple(spans),
        marks=_merge(marks),
        focus_first=focus[0],
        focus_last=focus[1],
        readings=readings_sentence(result),
    )


def readings_sentence(result: Result) -> str:
    """The two readings of the end in plain words (the same on the overview and under the chart)."""
    term = result.term
    if term.ind_view_end == term.rolled_end:
        return _(
            "Your reading and the IND's give the same end of the decision term: {date}."
        ).format(date=long_date(term.rolled_end))
    return _(
        "The decision term has two readings. Yours ends on {yours}: it counts only what the "
        "law certainly allows. The IND's ends on {ind}: it also counts what you can contest. "
        "A Notice is safe only if it arrives after both."
    ).format(yours=long_date(term.rolled_end), ind=long_date(term.ind_view_end))


# ------------------------------------------------------------------ lanes


def _term_lane(start: date, result: Result) -> tuple[list[Span], list[Mark]]:
    term = result.term
    spans = [Span(Lane.TERM, start, term.base_end, Style.BASE, _("Original term"))]
    marks = [
        Mark(Lane.TERM, start, Style.EVENT, _("Receipt"), ("start", "received")),
        Mark(Lane.TERM, term.base_end, Style.BASE, _("Original term ends"), ("base_end",)),
    ]
    if term.rolled_end > term.base_end:
        # One span: the core knows how extensions and pauses combined (R2.9); we do not redo it.
        spans.append(
            Span(
                Lane.TERM,
                term.base_end + timedelta(days=1),
                term.rolled_end,
                Style.EXTENSION,
                _("Extended"),
            )
        )
    if term.ind_view_end > term.rolled_end:
        spans.append(
            Span(
                Lane.TERM,
                term.rolled_end + timedelta(days=1),
                term.ind_view_end,
                Style.CONTESTED,
                _("IND only"),
            )
        )
    for ext in term.extensions:
        if not ext.valid:
            label, style = _("Invalid extension ({basis})").format(basis=ext.basis), Style.INVALID
        elif ext.contested:
            label = _("Contested extension ({basis})").format(basis=ext.basis)
            style = Style.CONTESTED
        else:
            label, style = _("Extension ({basis})").format(basis=ext.basis), Style.EXTENSION
        marks.append(Mark(Lane.TERM, ext.sent, style, label, ("extension",)))
    marks.append(
        Mark(
            Lane.TERM,
            term.rolled_end,
            Style.END,
            _("End (your reading)"),
            ("statutory_end", "rolled_end", "end"),
        )
    )
    if term.ind_view_end != term.rolled_end:
        marks.append(
            Mark(Lane.TERM, term.ind_view_end, Style.IND_END, _("End (IND)"), ("ind_view_end",))
        )
    if result.decision is not None:
        marks.append(Mark(Lane.TERM, result.decision, Style.EVENT, _("Decision"), ("decision",)))
    return spans, marks


def _pause_lane(result: Result) -> tuple[list[Span], list[Mark]]:
    spans: list[Span] = []
    marks: list[Mark] = []
    for pause in result.term.suspensions:
        first = pause.trigger + timedelta(days=1)
        if pause.contested:
            style, label = Style.CONTESTED, _("Contested pause")
        else:
            style, label = Style.PAUSE, _("Pause")
        spans.append(Span(Lane.PAUSES, first, max(first, pause.last), style, label))
        marks.append(Mark(Lane.PAUSES, pause.trigger, style, label, ("suspension", pause.source)))
    for appt in result.appointments:
        if not appt.attended:
            marks.append(
                Mark(
                    Lane.PAUSES, appt.date, Style.INVALID, _("Missed appointment"), ("appointment",)
                )
            )
        if appt.proof_due is not None:
            marks.append(
                Mark(Lane.PAUSES, appt.proof_due, Style.DEADLINE, _("Proof due"), ("proof_due",))
            )
    return spans, marks


def _notice_lane(case: Case, result: Result, pack: RulePack) -> tuple[list[Span], list[Mark]]:
    """Notices, the IND's time, the penalty and the appeal: from the next step's key dates."""
    key, term = result.key_dates, result.term
    spans: list[Span] = []
    marks: list[Mark] = []
    if key.decided is None:
        marks.append(
            Mark(
                Lane.NOTICE,
                term.safe_notice_receipt,
                Style.SAFE,
                _("Notice may arrive"),
                ("safe_notice_receipt",),
            )
        )
    for notice in sorted(case.of_type(NoticeEvent), key=lambda n: n.received):
        if notice.received <= term.statutory_end:
            style, label = Style.INVALID, _("Notice (too early)")
        elif notice.received < term.safe_notice_receipt:
            style, label = Style.RISKY, _("Notice (may be too early)")
        else:
            style, label = Style.EVENT, _("Notice received")
        marks.append(Mark(Lane.NOTICE, notice.received, style, label, ("notice",)))
    received = key.notice_received
    if key.notice_state is NoticeState.SAFE and received is not None:
        dates = notice_dates(pack, received)
        last = key.window_last or dates.window_last
        spans.append(
            Span(Lane.NOTICE, received + timedelta(days=1), last, Style.WINDOW, _("IND to decide"))
        )
        if key.penalty_applies:
            spans += _penalty_spans(pack, received, dates.first_day, result)
            marks.append(
                Mark(Lane.NOTICE, dates.first_day, Style.TIER1, _("Penalty from"), ("first_day",))
            )
            if key.day_42 is not None:
                marks.append(
                    Mark(
                        Lane.NOTICE,
                        key.day_42,
                        Style.TIER3,
                        _("Last penalty day"),
                        ("last_day", "penalty_days"),
                    )
                )
        if key.certain_from is not None and key.decided is None:
            marks.append(
                Mark(
                    Lane.NOTICE,
                    key.certain_from,
                    Style.APPEAL,
                    _("Appeal possible"),
                    ("appeal_from", "certain_from"),
                )
            )
        if key.claim_due is not None and key.penalty_fixed is None:
            marks.append(
                Mark(
                    Lane.NOTICE,
                    key.claim_due,
                    Style.DEADLINE,
                    _("IND fixes the penalty"),
                    ("fix_decision_due", "fix_decision_rolled"),
                )
            )
    for fixed in case.of_type(PenaltyFixed):
        marks.append(
            Mark(Lane.NOTICE, fixed.sent, Style.EVENT, _("Penalty fixed"), ("penalty_fixed",))
        )
    if key.remedy_until is not None:
        marks.append(
            Mark(
                Lane.NOTICE,
                key.remedy_until,
                Style.DEADLINE,
                _("Object or appeal by"),
                ("decision",),
            )
        )
    return spans, marks


def _penalty_spans(pack: RulePack, received: date, first_day: date, result: Result) -> list[Span]:
    """The penalty's tiers as the pack sets them, cut off by a decision."""
    styles = (Style.TIER1, Style.TIER2, Style.TIER3)
    lang = current_language()
    spans = []
    decided = result.key_dates.decided
    for index, (start, end, rate) in enumerate(pack.tiers_for(received).tier_starts(first_day)):
        if decided is not None:
            if start > decided:
                break
            end = min(end, decided)
        label = _("{amount} a day").format(amount=format_money(rate, lang))
        spans.append(Span(Lane.NOTICE, start, end, styles[min(index, 2)], label))
    return spans


def _decisive_period(result: Result, marks: list[Mark]) -> tuple[date | None, date | None]:
    """From shortly before the end of the term to the last date that still matters.

    Receipt and the original term can lie months before: they are in the whole view. Today is
    in the period when it lies close by; otherwise an arrow at the edge points to it.
    """
    term = result.term
    anchors = [term.rolled_end, term.ind_view_end, term.safe_notice_receipt]
    anchors += [m.day for m in marks if m.lane is Lane.NOTICE or m.style is Style.DEADLINE]
    if result.next_step.date is not None:
        anchors.append(result.next_step.date)
    low, high = min(anchors), max(anchors)
    pad = timedelta(days=max(10, (high - low).days // 8))
    low, high = low - pad, high + pad
    span = high - low
    if low - span <= result.today < low:
        low = result.today - timedelta(days=5)
    elif high < result.today <= high + span:
        high = result.today + timedelta(days=5)
    return low, high


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
