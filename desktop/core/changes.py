"""What a change of law did to one case: its next step and key dates before and after (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from desktop.core.model import KeyDates, NextCode, Procedure
from desktop.core.nextstep import plan

# The key dates a person acts on, in the order a report lists them (`KeyDates` field names).
# `window_last` and `notice_received` follow from the Notice and `certain_from`; not repeated.
KEY_FIELDS = (
    "safe_notice_receipt",
    "certain_from",
    "penalty_applies",
    "day_42",
    "claim_due",
    "remedy_until",
    "notice_state",
    "provisional",
)
assert set(KEY_FIELDS) <= {f.name for f in fields(KeyDates)}


@dataclass(frozen=True, slots=True)
class CaseState:
    """A case's key dates and, on the report's day, its next step (None: not computed)."""

    key: KeyDates | None
    next_code: NextCode | None
    next_date: date | None


def case_state(key: KeyDates | None, today: date) -> CaseState:
    if key is None:
        return CaseState(None, None, None)
    first = plan(key, today)[0]
    return CaseState(key, first.code, first.date)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One thing that moved: "next_step" (a NextCode), "next_date", or a KEY_FIELDS name."""

    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class CaseChange:
    case_id: int
    reference: str
    name: str
    procedure: Procedure
    before: CaseState
    after: CaseState
    changes: tuple[FieldChange, ...]

    @property
    def new_date(self) -> date | None:
        """The date the report sorts by: the new next step's, else the earliest new key date."""
        if self.after.next_date is not None:
            return self.after.next_date
        moved = [c.new for c in self.changes if isinstance(c.new, date)]
        return min(moved) if moved else None


def compare_case(
    case_id: int,
    reference: str,
    name: str,
    procedure: Procedure,
    before: KeyDates | None,
    after: KeyDates | None,
    today: date,
) -> CaseChange | None:
    """The case's change, or None when neither its next step nor a key date moved."""
    old, new = case_state(before, today), case_state(after, today)
    changes = []
    if old.next_code != new.next_code:
        changes.append(FieldChange("next_step", old.next_code, new.next_code))
    if old.next_date != new.next_date:
        changes.append(FieldChange("next_date", old.next_date, new.next_date))
    for name_ in KEY_FIELDS:
        was = getattr(before, name_) if before is not None else None
        now = getattr(after, name_) if after is not None else None
        if was != now:
            changes.append(FieldChange(name_, was, now))
    if not changes:
        return None
    return CaseChange(case_id, reference, name, procedure, old, new, tuple(changes))


def sort_changes(changes: Iterable[CaseChange], today: date) -> list[CaseChange]:
    """By how soon the new date is: the most urgent first.

    From today on, the nearest first; then dates already past, the most recent first (they may
    need action at once); undated last; ties by case id.
    """

    def urgency(change: CaseChange) -> tuple[int, int, int]:
        day = change.new_date
        if day is None:
            return 2, 0, change.case_id
        if day >= today:
            return 0, (day - today).days, change.case_id
        return 1, (today - day).days, change.case_id

    return sorted(changes, key=urgency)


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """What a change of law did to the cases in one case file."""

    before: str  # the law the dates came from: "nl-2026.11", "nl-2026.12 + bill_36349"
    after: str
    today: date  # the day the next steps are worked out for
    checked: int  # cases compared
    first_time: int  # cases that had no dates before (never computed): not compared
    changes: tuple[CaseChange, ...]  # sorted: the most urgent new date first
