"""The SQL mirror of the core's next step must agree with `plan()` on every kind of key dates."""

import sqlite3
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.model import KeyDates, NoticeState
from desktop.core.nextstep import plan
from desktop.store import codec
from desktop.store.listing import NEXT_CODE_SQL, NEXT_DATE_SQL

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
offsets = st.integers(min_value=0, max_value=60)


@st.composite
def key_dates(draw):
    """Key dates as the core makes them: a safe Notice brings its window, 42nd day and claim."""
    state = draw(st.sampled_from(NoticeState))
    decided = draw(st.none() | days)
    fields = {
        "safe_notice_receipt": draw(days),
        "notice_state": state,
        "notice_received": None if state is NoticeState.NONE else draw(days),
        "window_last": None,
        "certain_from": None,
        "penalty_applies": False,
        "day_42": None,
        "claim_due": None,
        "penalty_fixed": draw(st.none() | days),
        "decided": decided,
        "remedy_until": None if decided is None else decided + timedelta(days=draw(offsets)),
        "provisional": draw(st.booleans()),
    }
    if state is NoticeState.SAFE:
        window_last = fields["notice_received"] + timedelta(days=draw(st.integers(14, 18)))
        day_42 = window_last + timedelta(days=draw(st.integers(1, 42)))
        fields |= {
            "window_last": window_last,
            "certain_from": window_last + timedelta(days=1),
            "penalty_applies": draw(st.booleans()),
            "day_42": day_42,
            "claim_due": draw(st.none() | st.just(day_42 + timedelta(days=14))),
        }
    return KeyDates(**fields)


@settings(max_examples=600, deadline=None)
@given(key=key_dates(), today=days)
def test_sql_next_step_agrees_with_plan(key, today):
    with sqlite3.connect(":memory:") as raw:
        values = codec.key_date_values("pack", key)
        columns = ", ".join(f":{k} AS {k}" for k in values)
        sql = f"SELECT ({NEXT_CODE_SQL}), ({NEXT_DATE_SQL}) FROM (SELECT {columns})"
        code, next_date = raw.execute(sql, values | {"today": today.isoformat()}).fetchone()
    expected = plan(key, today)[0]
    assert code == expected.code.value
    assert codec.day_of(next_date) == expected.date


def test_unknown_key_dates_give_no_step():
    with sqlite3.connect(":memory:") as raw:
        values = codec.key_date_values("pack", None)
        columns = ", ".join(f":{k} AS {k}" for k in values)
        sql = f"SELECT ({NEXT_CODE_SQL}), ({NEXT_DATE_SQL}) FROM (SELECT {columns})"
        assert raw.execute(sql, values | {"today": "2026-01-01"}).fetchone() == (None, None)
