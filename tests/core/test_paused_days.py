"""Paused days are counted once (R2.9): the merged ranges agree with a plain set of days."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.model import Suspension
from desktop.core.term import _PausedDays

START = date(2026, 1, 1)
spans = st.lists(st.tuples(st.integers(0, 120), st.integers(0, 40)), max_size=25)


def pause(offset: int, length: int) -> Suspension:
    trigger = START + timedelta(days=offset)
    return Suspension(trigger, trigger + timedelta(days=length), "pause", False, False, True, "")


@given(spans)
def test_merged_ranges_count_each_day_once(items):
    counted, days = _PausedDays(), set()
    for offset, length in items:
        s = pause(offset, length)
        new = set(range(s.trigger.toordinal() + 1, s.last.toordinal() + 1)) - days
        assert counted.add(s) == len(new)
        days |= new
        assert len(counted) == len(days)
    # The ranges stay disjoint and in order.
    pairs = counted.ranges
    assert all(a <= b for a, b in pairs)
    assert all(pairs[i][1] + 1 < pairs[i + 1][0] for i in range(len(pairs) - 1))


def test_a_century_of_pauses_is_counted_by_range():
    counted = _PausedDays()
    long = Suspension(date(1990, 1, 1), date(2100, 1, 1), "pause", False, False, True, "")
    assert counted.add(long) == (date(2100, 1, 1) - date(1990, 1, 1)).days
    assert counted.add(long) == 0  # the same days again: nothing new
    assert len(counted.ranges) == 1
