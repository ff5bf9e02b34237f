"""Which dates of a case go into the calendar, each with the core's own words (no Qt, no SQL).

One event per date. Each kind is one of the case's key dates (desktop.core.model.KeyDates) or an
appointment's or the mvv's deadline from the result. Its sentences are the core's next step *on
that day* (`desktop.core.nextstep.next_step`, which compute() calls for `today`, called with the
event's date), so the calendar says what the case list will say when the day comes. Nothing here
works a date out itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop.core.explain import Explainer
from desktop.core.model import Case, NoticeState, Result, Step, Text
from desktop.core.nextstep import next_step
from desktop.core.rulepack import RulePack
from desktop.feed.privacy import CaseLabel
from desktop.i18n import N_

# The kinds, in the order a case meets them. A UID is (case, kind): these names never change.
NOTICE = "notice"  # the safe date for a Notice of Default to reach the IND
WINDOW = "window"  # the IND's last day to decide after the Notice (its window)
APPEAL = "appeal"  # penalty certain and non-decision appeal open: one date, one event
LAST_PENALTY_DAY = "last-penalty-day"
CLAIM = "claim"  # the IND's decision fixing the penalty owed is due
REMEDY = "remedy"  # the last day to object to or appeal against the decision
PROOF = "proof"  # proof for a missed asylum interview; "proof-2", … for later ones
MVV = "mvv"  # the last day to collect the mvv

# Event titles (English msgids, translated when the feed is written); a pair is a variant.
TITLES: dict[str | tuple[str, str], str] = {
    NOTICE: N_("Notice of Default may reach the IND from today"),
    (NOTICE, "again"): N_("New Notice of Default may reach the IND from today"),
    WINDOW: N_("Last day for the IND to decide after the Notice"),
    APPEAL: N_("Penalty runs and appeal possible from today"),
    (APPEAL, "no_penalty"): N_("Appeal for not deciding possible from today"),
    LAST_PENALTY_DAY: N_("Last possible penalty day"),
    CLAIM: N_("The IND must fix the penalty owed"),
    REMEDY: N_("Last day to object or appeal"),
    (REMEDY, "objection"): N_("Last day to object (bezwaar)"),
    (REMEDY, "appeal"): N_("Last day to appeal to the court (beroep)"),
    PROOF: N_("Proof for the missed asylum interview must reach the IND"),
    MVV: N_("Last day to collect the mvv"),
}
# The rule pack's citation keys behind each kind (the remedy's and the proof's come with them).
_CITATIONS: dict[str | tuple[str, str], tuple[str, ...]] = {
    NOTICE: ("safe_notice",),
    (NOTICE, "again"): ("notice", "safe_notice"),
    WINDOW: ("window",),
    APPEAL: ("penalty", "appeal"),
    (APPEAL, "no_penalty"): ("no_admin_penalty", "appeal"),
    LAST_PENALTY_DAY: ("last_penalty_day",),
    CLAIM: ("fix_decision",),
}


def base_kind(kind: str) -> str:
    """The kind without its counter: "proof-2" -> "proof"."""
    return PROOF if kind.startswith(PROOF) else kind


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """One date of one case as the calendar shows it; texts in both languages."""

    kind: str
    day: date
    title: str  # an English msgid of TITLES, translated when the feed is written
    sentences: tuple[Text, ...]  # the core's words for that day
    basis: str  # the citations, from the rule pack or the result's steps
    rule: str  # the rule IDs of rules.md, e.g. "R4.5, R4.9"

    @property
    def digest(self) -> str:
        """Changes when the date or the core's wording (in either language) changes."""
        parts = [self.kind, self.day.isoformat(), self.title, self.basis, self.rule]
        for text in self.sentences:
            parts += [text.en, text.nl]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class CasePlan:
    """The events of one open case, and what the feed may say about whose case it is."""

    label: CaseLabel  # the full name in it is shown only where the user switched names on
    procedure: Text
    rules: str  # the rule pack the dates come from
    events: tuple[PlannedEvent, ...]


def needs_explanation(result: Result) -> bool:
    """Whether `plan_events` reads the result's explained steps (computed with explain=True).

    The next-step sentences are rendered here for each date; only a missed asylum interview's
    proof and the mvv's collection take their words from the result, so most cases can be
    computed without explanations (about twice as fast).
    """
    return result.mvv_collect_until is not None or any(
        a.proof_due is not None for a in result.appointments
    )


def plan_events(case: Case, result: Result, pack: RulePack) -> tuple[PlannedEvent, ...]:
    """The calendar's events for one case computed with `pack` (see the module docstring)."""
    key = result.key_dates
    events: list[PlannedEvent] = []

    def reached(day: date) -> bool:
        # A date after the decision was never reached: the decision stopped the clock.
        return key.decided is None or day <= key.decided

    def step_event(kind: str, day: date, variant: str | tuple[str, str]) -> PlannedEvent:
        return _step_event(case, result, pack, kind, day, variant)

    if key.notice_state is not NoticeState.SAFE and reached(key.safe_notice_receipt):
        again = key.notice_state is NoticeState.UNSAFE
        variant = (NOTICE, "again") if again else NOTICE
        events.append(step_event(NOTICE, key.safe_notice_receipt, variant))
    if key.notice_state is NoticeState.SAFE:
        assert key.window_last is not None and key.certain_from is not None
        if reached(key.window_last):
            events.append(step_event(WINDOW, key.window_last, WINDOW))
        if reached(key.certain_from):
            variant = APPEAL if key.penalty_applies else (APPEAL, "no_penalty")
            events.append(step_event(APPEAL, key.certain_from, variant))
        if key.penalty_applies and key.day_42 is not None and reached(key.day_42):
            events.append(step_event(LAST_PENALTY_DAY, key.day_42, LAST_PENALTY_DAY))
    if key.claim_due is not None and key.penalty_fixed is None:
        events.append(step_event(CLAIM, key.claim_due, CLAIM))
    if key.decided is not None and key.remedy_until is not None:
        remedy = pack.remedy(case.procedure)
        variant = (REMEDY, remedy.kind) if (REMEDY, remedy.kind) in TITLES else REMEDY
        events.append(_event(case, result, pack, REMEDY, key.remedy_until, variant, remedy.basis))
    events += _proof_events(result, reached)
    if result.mvv_collect_until is not None:
        events.append(_from_step(result, MVV, result.mvv_collect_until, "mvv_collect_until"))
    return tuple(events)


def _step_event(
    case: Case,
    result: Result,
    pack: RulePack,
    kind: str,
    day: date,
    variant: str | tuple[str, str],
) -> PlannedEvent:
    basis = _join(*(pack.cite(key) for key in _CITATIONS[variant]))
    return _event(case, result, pack, kind, day, variant, basis)


def _event(
    case: Case,
    result: Result,
    pack: RulePack,
    kind: str,
    day: date,
    variant: str | tuple[str, str],
    basis: str,
) -> PlannedEvent:
    """An event whose words are the core's next step on `day`, and the other rows that apply."""
    step = next_step(result.key_dates, day, case, result.term, pack, Explainer(pack))
    sentences = (step.text, *(also.text for also in step.also))
    rules = _join(step.rule, *(also.rule for also in step.also))
    return PlannedEvent(kind, day, TITLES[variant], sentences, basis, rules)


def _proof_events(result: Result, reached: Callable[[date], bool]) -> list[PlannedEvent]:
    """One event per missed asylum interview, numbered in date order ("proof", "proof-2")."""
    events = []
    proofs = [a for a in result.appointments if a.proof_due is not None]
    for number, appointment in enumerate(proofs, start=1):
        assert appointment.proof_due is not None
        if not reached(appointment.proof_due):
            continue
        kind = PROOF if number == 1 else f"{PROOF}-{number}"
        step = _step_of(result, "proof_due", appointment.proof_due)
        events.append(
            PlannedEvent(
                kind,
                appointment.proof_due,
                TITLES[PROOF],
                (appointment.text,),
                appointment.basis,
                step.rule if step else "",
            )
        )
    return events


def _from_step(result: Result, kind: str, day: date, step_kind: str) -> PlannedEvent:
    """An event explained by the result's own step for that date (its words and citation)."""
    step = _step_of(result, step_kind, day)
    sentences = (step.text,) if step else ()
    return PlannedEvent(
        kind, day, TITLES[kind], sentences, step.basis if step else "", step.rule if step else ""
    )


def _step_of(result: Result, kind: str, day: date) -> Step | None:
    return next((s for s in result.steps if s.kind == kind and s.date == day), None)


def _join(*parts: str) -> str:
    """Citations or rule IDs, each once, in order."""
    seen: list[str] = []
    for part in parts:
        for item in part.split("; "):
            if item and item not in seen:
                seen.append(item)
    return "; ".join(seen)
