"""What the case's next step allows each document to be: the core decides, documents only read.

Every check here reads `Result.next_step` and `Result.key_dates` (desktop/core/nextstep.py); no
date rule is worked out again. A refusal is a `DocumentRefused` whose reasons the window shows;
`draft=True` lifts the refusals that only concern timing (a draft is marked on every page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.model import Appointment, Case, NextCode, NoticeState, Result
from desktop.documents.errors import DecidedError, DocumentRefused, PrematureNoticeError, both


def codes(result: Result) -> set[NextCode]:
    """Every row of the next-step table that applies today: the step and its `also`."""
    step = result.next_step
    return {step.code, *(s.code for s in step.also)}


def decided_on(result: Result) -> date | None:
    """The decision day if the next step says the case is decided."""
    return result.key_dates.decided if NextCode.DECIDED in codes(result) else None


def earliest_posting(result: Result) -> date:
    """The first day to post or fax a Notice: a fax can arrive the same day."""
    return result.key_dates.safe_notice_receipt


@dataclass(frozen=True, slots=True)
class NoticeRound:
    """Whether this Notice is the first, or follows one that may not count (R4.1)."""

    earlier: date | None = None  # the day the IND received the earlier Notice
    void: bool = False  # it came on or before the last day of the term: it never counted


def notice_round(result: Result, today: date, draft: bool) -> NoticeRound:
    """The Notice this case needs now, or a refusal naming why and from when."""
    key = result.key_dates
    decided = decided_on(result)
    if decided is not None:
        raise DecidedError(decided)
    if key.notice_state is NoticeState.SAFE and not draft:
        assert key.notice_received is not None
        raise DocumentRefused(
            both(
                "The IND already received a Notice of Default on {date} that counts on every "
                "reading: a new one is not needed.",
                date=key.notice_received,
            )
        )
    if today < earliest_posting(result) and not draft:
        raise PrematureNoticeError(earliest_posting(result))
    if key.notice_state is NoticeState.UNSAFE and key.notice_received is not None:
        void = key.notice_received <= result.term.statutory_end
        return NoticeRound(earlier=key.notice_received, void=void)
    return NoticeRound()


def check_checklist(result: Result) -> None:
    """The posting checklist serves no purpose once the IND has decided."""
    decided = decided_on(result)
    if decided is not None:
        raise DecidedError(
            decided,
            both(
                "The IND already decided on {date}: there is no Notice of Default to send, so "
                "no checklist either.",
                date=decided,
            ),
        )


def check_appeal(result: Result, today: date, draft: bool) -> date:
    """The day a non-decision appeal is possible from (R4.9), or a refusal."""
    key = result.key_dates
    decided = decided_on(result)
    if decided is not None:
        raise DecidedError(
            decided,
            both(
                "The IND already decided on {date}: an appeal against its failure to decide "
                "no longer serves a purpose. If the decision goes against you, object to it "
                "or appeal against the decision itself.",
                date=decided,
            ),
        )
    if key.certain_from is None:
        if draft:
            return earliest_posting(result)
        raise DocumentRefused(
            both(
                "An appeal against the failure to decide needs a Notice of Default that reached "
                "the IND on or after {date}; none is recorded. Send the Notice first and enter "
                "the day the IND received it.",
                date=earliest_posting(result),
            )
        )
    if today < key.certain_from and not draft:
        raise DocumentRefused(
            both(
                "The IND still has until {last} to decide after the Notice of Default. An appeal "
                "against the failure to decide is possible from {date}.",
                last=key.window_last or key.certain_from,
                date=key.certain_from,
            )
        )
    return key.certain_from


def check_penalty_request(result: Result, today: date, draft: bool) -> None:
    """A request to fix the penalty (Awb 4:18) only when the next step says to claim it."""
    key = result.key_dates
    if key.notice_state is not NoticeState.SAFE:
        raise DocumentRefused(
            both(
                "No Notice of Default that counts on every reading is recorded, so no penalty "
                "(dwangsom) has started. Send the Notice first."
            )
        )
    if not key.penalty_applies:
        raise DocumentRefused(
            both(
                "No administrative penalty (dwangsom) applies to this procedure, so there is "
                "nothing to ask the IND to fix. An appeal against the failure to decide is the "
                "way to go."
            )
        )
    if key.penalty_fixed is not None and key.penalty_fixed <= today:
        raise DocumentRefused(
            both(
                "The IND already fixed the penalty (dwangsom) by a decision sent on {date}. If "
                "you disagree with the amount, object to that decision.",
                date=key.penalty_fixed,
            )
        )
    if NextCode.CLAIM_PENALTY in codes(result) or draft:
        return
    if key.certain_from is not None and today < key.certain_from:
        raise DocumentRefused(
            both(
                "No penalty (dwangsom) is owed yet: it starts on {date} if the IND has not "
                "decided by then.",
                date=key.certain_from,
            )
        )
    assert key.day_42 is not None
    raise DocumentRefused(
        both(
            "The penalty (dwangsom) is still running, until the IND decides or {date} at the "
            "latest. Ask the IND to fix the amount after that.",
            date=key.day_42,
        )
    )


def missed_appointment(case: Case, number: int) -> Appointment:
    """The `number`th appointment of the case (1 = the first entered), which must be missed."""
    appointments = case.of_type(Appointment)
    if not appointments:
        raise DocumentRefused(both("The case has no appointment. Enter the missed appointment."))
    if not 1 <= number <= len(appointments):
        raise DocumentRefused(
            both(
                "There is no appointment {number}: the case has {count} (1 to {count}).",
                number=number,
                count=len(appointments),
            )
        )
    found = appointments[number - 1]
    if found.attended:
        raise DocumentRefused(
            both(
                "The appointment of {date} was attended: there is nothing to explain.",
                date=found.date,
            )
        )
    return found
