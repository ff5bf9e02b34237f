"""What to do next for a case on a given day: the one answer the list, letters and CLI all give.

The answer comes in two layers so that the store can mirror it in SQL:

- `KeyDates` are the few dates the answer depends on. They do not depend on `today`, so the
  store caches them per case and recomputes them only when the case or the law changes.
- `plan(key, today)` turns them into the rows of the next-step table that apply on `today`,
  most important first. `next_step()` adds the bilingual sentences. The store's SQL `CASE`
  (desktop/store/listing.py) must agree with `plan()`; a test checks it on random cases.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop.core.calendar import add, roll
from desktop.core.explain import Explainer
from desktop.core.model import (
    Case,
    KeyDates,
    NextCode,
    NextStep,
    NoticeEvent,
    NoticeState,
    PenaltyFixed,
    Suggestion,
    TermResult,
    Text,
)
from desktop.core.penalty import notice_dates
from desktop.core.rulepack import RulePack

# Where several rows apply, the lowest row of the table wins (a decision wins over a penalty
# still to be fixed), except that the open non-decision appeal never hides a penalty that runs or
# is to be claimed: it goes in `also` beside them.
PRIORITY = (
    NextCode.DECIDED,
    NextCode.CLAIM_PENALTY,
    NextCode.PENALTY_RUNNING,
    NextCode.APPEAL_POSSIBLE,
    NextCode.AWAIT_DECISION,
    NextCode.RESEND_NOTICE,
    NextCode.SEND_NOTICE,
    NextCode.WAIT,
)

RULES = {
    NextCode.WAIT: "R3.8",
    NextCode.SEND_NOTICE: "R4.1",
    NextCode.RESEND_NOTICE: "R4.1",
    NextCode.AWAIT_DECISION: "R4.4",
    NextCode.PENALTY_RUNNING: "R4.5",
    NextCode.APPEAL_POSSIBLE: "R4.9",
    NextCode.CLAIM_PENALTY: "R4.8",
    NextCode.DECIDED: "R5.5",
}


@dataclass(frozen=True, slots=True)
class Action:
    """One row of the next-step table that applies today."""

    code: NextCode
    date: date | None


def _on_or_before(day: date | None, today: date) -> bool:
    return day is not None and day <= today


def plan(key: KeyDates, today: date) -> list[Action]:
    """The rows that apply on `today`, the next step first (mirrored in SQL by the store)."""
    rows: list[Action] = []
    decided = _on_or_before(key.decided, today)
    if decided:
        rows.append(Action(NextCode.DECIDED, key.remedy_until))
    if key.notice_state is NoticeState.SAFE:
        rows += _after_notice(key, today, decided)
    elif not decided:
        if key.notice_state is NoticeState.UNSAFE:
            rows.append(Action(NextCode.RESEND_NOTICE, max(today, key.safe_notice_receipt)))
        elif today < key.safe_notice_receipt:
            rows.append(Action(NextCode.WAIT, key.safe_notice_receipt))
        else:
            rows.append(Action(NextCode.SEND_NOTICE, key.safe_notice_receipt))
    rows.sort(key=lambda row: PRIORITY.index(row.code))
    return rows


def _after_notice(key: KeyDates, today: date, decided: bool) -> list[Action]:
    """The rows of a case whose Notice is safe on every reading."""
    assert key.certain_from is not None and key.window_last is not None
    rows: list[Action] = []
    running = key.penalty_applies and not _on_or_before(key.penalty_fixed, today)
    day_42 = key.day_42
    over = decided or (day_42 is not None and today > day_42)
    if running and over and key.claim_due is not None:  # the IND must fix what it owes
        rows.append(Action(NextCode.CLAIM_PENALTY, key.claim_due))
    if decided:
        return rows
    if today < key.certain_from:
        rows.append(Action(NextCode.AWAIT_DECISION, key.window_last))
        return rows
    if running and day_42 is not None and today <= day_42:
        rows.append(Action(NextCode.PENALTY_RUNNING, day_42))
    rows.append(Action(NextCode.APPEAL_POSSIBLE, key.certain_from))
    return rows


def derive_key_dates(
    case: Case,
    term: TermResult,
    pack: RulePack,
    flags: frozenset[str],
    decision: date | None,
    provisional: bool,
) -> KeyDates:
    """The next step's inputs for one computed case (pure; no `today`)."""
    safe = term.safe_notice_receipt
    received = sorted(n.received for n in case.of_type(NoticeEvent))
    safe_notice = next((day for day in received if day >= safe), None)
    fixed = sorted(p.sent for p in case.of_type(PenaltyFixed))
    remedy_until = None
    if decision is not None:
        remedy = pack.remedy(case.procedure)
        remedy_until = roll(pack.atw, add(decision, remedy.period))  # the Atw covers it (R3.7)
    base = KeyDates(
        safe_notice_receipt=safe,
        notice_state=NoticeState.UNSAFE if received else NoticeState.NONE,
        notice_received=received[-1] if received else None,
        window_last=None,
        certain_from=None,
        penalty_applies=False,
        day_42=None,
        claim_due=None,
        penalty_fixed=fixed[0] if fixed else None,
        decided=decision,
        remedy_until=remedy_until,
        provisional=provisional,
    )
    if safe_notice is None:
        return base
    dates = notice_dates(pack, safe_notice)
    applies = pack.penalty_applies(case.procedure, safe_notice, flags)
    claim_due = None
    if applies and (decision is None or decision >= dates.first_day):
        last_day = dates.day_42 if decision is None else min(decision, dates.day_42)
        claim_due = last_day + timedelta(days=pack.fix_decision_days)
    return replace(
        base,
        notice_state=NoticeState.SAFE,
        notice_received=safe_notice,
        window_last=dates.certain_from - timedelta(days=1),
        certain_from=dates.certain_from,
        penalty_applies=applies,
        day_42=dates.day_42,
        claim_due=claim_due,
    )


def next_step(
    key: KeyDates, today: date, case: Case, term: TermResult, pack: RulePack, ex: Explainer
) -> NextStep:
    """The next step on `today` with its sentences; the other rows that apply go in `also`."""
    rows = [_suggest(row, key, today, case, term, pack, ex) for row in plan(key, today)]
    first, *others = rows
    return NextStep(
        code=first.code,
        date=first.date,
        text=first.text,
        rule=first.rule,
        provisional=first.provisional,
        also=tuple(others),
    )


def _suggest(
    row: Action,
    key: KeyDates,
    today: date,
    case: Case,
    term: TermResult,
    pack: RulePack,
    ex: Explainer,
) -> Suggestion:
    text = _sentence(row, key, today, case, term, pack, ex)
    provisional = key.provisional and row.code is not NextCode.DECIDED
    if provisional and ex.enabled:
        note = ex.text("next_provisional")
        text = Text(en=f"{text.en} {note.en}", nl=f"{text.nl} {note.nl}")
    return Suggestion(row.code, row.date, text, RULES[row.code], provisional)


def _sentence(
    row: Action,
    key: KeyDates,
    today: date,
    case: Case,
    term: TermResult,
    pack: RulePack,
    ex: Explainer,
) -> Text:
    """The sentence of one row, in words a worried applicant understands."""
    code, day = row.code, row.date
    if code is NextCode.WAIT:
        return ex.text("next_wait", date=key.safe_notice_receipt)
    if code is NextCode.SEND_NOTICE:
        return ex.text("next_send_notice", date=key.safe_notice_receipt)
    assert day is not None
    if code is NextCode.RESEND_NOTICE:
        assert key.notice_received is not None
        # Void: it came on or before the last day of the term. Risky: valid on the statutory
        # reading only, so a court may still hold it premature (R4.1).
        void = key.notice_received <= term.statutory_end
        return ex.text(
            "next_resend_void" if void else "next_resend_risky",
            received=key.notice_received,
            safe=key.safe_notice_receipt,
            date=day,
        )
    if code is NextCode.AWAIT_DECISION:
        assert key.notice_received is not None and key.certain_from is not None
        text_key = "next_await_penalty" if key.penalty_applies else "next_await_appeal"
        return ex.text(text_key, received=key.notice_received, date=day, next=key.certain_from)
    if code is NextCode.PENALTY_RUNNING:
        return ex.text("next_penalty_running", date=day)
    if code is NextCode.APPEAL_POSSIBLE:
        if not key.penalty_applies:
            procedure = ex.text(f"procedure_{case.procedure.value}")
            return ex.text("next_appeal_no_penalty", date=day, procedure=procedure)
        if _on_or_before(key.penalty_fixed, today):
            return ex.text("next_appeal_after_penalty", date=day)
        return ex.text("next_appeal_open", date=day)
    if code is NextCode.CLAIM_PENALTY:
        return ex.text("next_claim_penalty", date=day)
    assert key.decided is not None
    remedy = pack.remedy(case.procedure)
    if remedy.alternative is not None:
        other = roll(pack.atw, add(key.decided, remedy.alternative))
        key_alt = f"next_decided_{remedy.kind}_alt"
        return ex.text(key_alt, decision=key.decided, date=day, other=other)
    return ex.text(f"next_decided_{remedy.kind}", decision=key.decided, date=day)
