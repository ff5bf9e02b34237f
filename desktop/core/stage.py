"""The legal stage of a case on a given day, from a handful of key dates (list, due board, SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.core.model import Result


class Stage(StrEnum):
    """Stages in legal order; the store mirrors `stage_on` in SQL with these values."""

    TERM_RUNNING = "term_running"
    NOTICE_POSSIBLE = "notice_possible"
    NOTICE_SENT = "notice_sent"  # the IND's two-week window after receiving the Notice
    PENALTY_RUNNING = "penalty_running"
    APPEAL_OPEN = "appeal_open"
    DECIDED = "decided"


STAGE_ORDER = {stage: i for i, stage in enumerate(Stage)}


@dataclass(frozen=True, slots=True)
class KeyDates:
    """What a stage depends on; cached per case by the store (recomputed when events change)."""

    safe_notice_receipt: date
    notice_received: date | None  # the valid Notice's receipt, if any
    certain_from: date | None  # penalty certain / appeal possible from
    penalty_applies: bool
    penalty_last_day: date | None  # day 42, or the decision day
    decided: date | None


@dataclass(frozen=True, slots=True)
class StageInfo:
    stage: Stage
    next_date: date | None  # the next date that matters in this stage
    next_kind: str  # what happens on next_date: a stable key the UI translates


def key_dates(result: Result) -> KeyDates:
    valid_notice = result.notice if result.notice is not None and result.notice.valid else None
    penalty = result.penalty
    last = penalty.last_day or penalty.day_42 if penalty.applies else None
    return KeyDates(
        safe_notice_receipt=result.term.safe_notice_receipt,
        notice_received=valid_notice.received if valid_notice else None,
        certain_from=penalty.certain_from if valid_notice else None,
        penalty_applies=penalty.applies,
        penalty_last_day=last,
        decided=result.decision,
    )


def stage_on(key: KeyDates, today: date) -> StageInfo:
    """The stage on `today`; the store's SQL CASE expression must agree with this function."""
    if key.decided is not None and key.decided <= today:
        return StageInfo(Stage.DECIDED, None, "")
    if key.notice_received is None or key.certain_from is None:
        if today < key.safe_notice_receipt:
            return StageInfo(Stage.TERM_RUNNING, key.safe_notice_receipt, "notice_possible")
        return StageInfo(Stage.NOTICE_POSSIBLE, key.safe_notice_receipt, "notice_possible")
    if today < key.certain_from:
        return StageInfo(Stage.NOTICE_SENT, key.certain_from, "window_ends")
    if key.penalty_applies and key.penalty_last_day is not None and today <= key.penalty_last_day:
        return StageInfo(Stage.PENALTY_RUNNING, key.penalty_last_day, "penalty_max")
    return StageInfo(Stage.APPEAL_OPEN, key.certain_from, "appeal_open")
