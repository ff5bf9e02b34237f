"""Which dates Termijn reminds of while it runs, and when (pure: the window shows them).

On start and each morning: every date of an open case from today up to the furthest reminder
day the user set (7 by default), except cases the user snoozed up to and including today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.feed.plan import CasePlan
from desktop.feed.privacy import CaseLabel

MORNING_HOUR = 8  # "each morning": the first check at or after 08:00 local time


@dataclass(frozen=True, slots=True)
class Reminder:
    label: CaseLabel
    kind: str
    day: date
    title: str  # an English msgid (desktop.feed.plan.TITLES)

    @property
    def case_id(self) -> int:
        return self.label.case_id

    def days_left(self, today: date) -> int:
        return (self.day - today).days


def window_days(alarm_days: Iterable[int]) -> int:
    """How far ahead reminders look: the furthest reminder day (0: only today's dates)."""
    return max(alarm_days, default=0)


def due(
    plans: Iterable[CasePlan],
    today: date,
    days_ahead: int,
    snoozed: Mapping[int, date] | None = None,
) -> list[Reminder]:
    """The dates to remind of on `today`, earliest first."""
    last = today + timedelta(days=days_ahead)
    quiet = snoozed or {}
    found = []
    for plan in plans:
        until = quiet.get(plan.label.case_id)
        if until is not None and until >= today:
            continue
        for event in plan.events:
            if today <= event.day <= last:
                found.append(Reminder(plan.label, event.kind, event.day, event.title))
    found.sort(key=lambda r: (r.day, r.label.reference, r.case_id, r.kind))
    return found


def case_count(reminders: Iterable[Reminder]) -> int:
    return len({r.case_id for r in reminders})


def dismiss_until(reminders: Iterable[Reminder], case_id: int) -> date | None:
    """Snooze a case past the dates shown for it: the last of them (None if none shown)."""
    days = [r.day for r in reminders if r.case_id == case_id]
    return max(days) if days else None


def morning_due(now: datetime, last_shown: date | None) -> bool:
    """Whether to remind now: not yet today, and it is morning or later."""
    return last_shown != now.date() and now.hour >= MORNING_HOUR
