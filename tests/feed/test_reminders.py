"""Which dates Termijn reminds of, on which days, and how snoozing quiets a case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.core.model import Text
from desktop.feed.plan import CasePlan, PlannedEvent
from desktop.feed.privacy import CaseLabel
from desktop.feed.reminders import (
    case_count,
    dismiss_until,
    due,
    morning_due,
    window_days,
)
from desktop.feed.sync import FeedBuilder
from desktop.store.calendar_state import CalendarState
from tests.feed.conftest import TODAY


def _plan(case_id, *days):
    events = tuple(
        PlannedEvent(f"k{i}", day, "Last day to object", (), "", "") for i, day in enumerate(days)
    )
    return CasePlan(CaseLabel(case_id, f"T-{case_id}", "Ayşe Yıldız"), Text("", ""), "p", events)


MONDAY = date(2026, 6, 1)
PLANS = [
    _plan(1, MONDAY),  # today
    _plan(2, MONDAY + timedelta(days=7)),  # the last day of the window
    _plan(3, MONDAY + timedelta(days=8)),  # one day too far
    _plan(4, MONDAY - timedelta(days=1)),  # yesterday: past, not a reminder
    _plan(5, MONDAY + timedelta(days=2), MONDAY + timedelta(days=30)),
]


def test_which_cases_on_a_fixed_day():
    reminders = due(PLANS, MONDAY, window_days((7, 1)))
    assert [(r.case_id, r.day) for r in reminders] == [
        (1, MONDAY),
        (5, MONDAY + timedelta(days=2)),
        (2, MONDAY + timedelta(days=7)),
    ]
    assert case_count(reminders) == 3
    assert reminders[0].days_left(MONDAY) == 0
    assert reminders[0].label.text(str) == "T-1 (A.Y.)"  # reference and initials, no name


def test_which_days_a_date_is_reminded_of():
    deadline = date(2026, 6, 20)
    plans = [_plan(9, deadline)]
    reminded_on = [
        day
        for day in (deadline - timedelta(days=n) for n in range(-3, 15))
        if due(plans, day, window_days((7, 1)))
    ]
    assert sorted(reminded_on) == [deadline - timedelta(days=n) for n in range(7, -1, -1)]
    # Only "on the day": the window is that day alone; no reminders at all: nothing ahead.
    assert [d for d in (deadline - timedelta(days=n) for n in range(5)) if due(plans, d, 0)] == [
        deadline
    ]
    assert window_days(()) == 0


def test_snoozing_quiets_a_case_up_to_and_including_its_day():
    tomorrow = MONDAY + timedelta(days=1)
    snoozed = {1: MONDAY, 5: MONDAY + timedelta(days=2)}
    today = due(PLANS, MONDAY, 7, snoozed)
    assert [r.case_id for r in today] == [2]
    next_day = due(PLANS, tomorrow, 7, snoozed)
    assert [r.case_id for r in next_day] == [2, 3]  # case 1's date has passed; 5 still quiet
    # The snooze ended: case 5's next date is reminded of when it comes within the window.
    later = due(PLANS, MONDAY + timedelta(days=23), 7, snoozed)
    assert [(r.case_id, r.day) for r in later] == [(5, MONDAY + timedelta(days=30))]
    assert dismiss_until(due(PLANS, MONDAY, 7), 5) == MONDAY + timedelta(days=2)
    assert dismiss_until([], 5) is None


def test_each_morning_once():
    assert morning_due(datetime(2026, 6, 2, 8, 0), last_shown=date(2026, 6, 1))
    assert not morning_due(datetime(2026, 6, 2, 7, 59), last_shown=date(2026, 6, 1))
    assert not morning_due(datetime(2026, 6, 2, 14, 0), last_shown=date(2026, 6, 2))
    assert morning_due(datetime(2026, 6, 2, 14, 0), last_shown=None)


def test_reminders_of_real_cases_are_their_feed_dates(small_repo):
    builder = FeedBuilder(small_repo)
    synced = builder.sync(None, TODAY)
    reminders = due(synced.plans.values(), TODAY, 30)
    assert reminders, "the demo has dates in the next 30 days"
    planned = {(c, e.kind): e.day for c, p in synced.plans.items() for e in p.events}
    for reminder in reminders:
        assert planned[(reminder.case_id, reminder.kind)] == reminder.day
        assert TODAY <= reminder.day <= TODAY + timedelta(days=30)
    state = CalendarState(small_repo.db)
    first = reminders[0].case_id
    state.snooze([first], TODAY)
    quiet = due(synced.plans.values(), TODAY, 30, state.snoozes())
    assert first not in {r.case_id for r in quiet}
