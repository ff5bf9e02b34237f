"""The SQL mirror of `stage_on` must agree with it on every combination of key dates."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.stage import KeyDates, stage_on
from desktop.store import codec
from desktop.store.listing import NEXT_DATE_SQL, STAGE_SQL

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
key_dates = st.builds(
    KeyDates,
    safe_notice_receipt=days,
    notice_received=st.none() | days,
    certain_from=st.none() | days,
    penalty_applies=st.booleans(),
    penalty_last_day=st.none() | days,
    decided=st.none() | days,
)


@settings(max_examples=400, deadline=None)
@given(key=key_dates, today=days)
def test_sql_stage_agrees_with_stage_on(key, today):
    import sqlite3

    with sqlite3.connect(":memory:") as raw:
        values = codec.key_date_values("pack", key)
        columns = ", ".join(f":{k} AS {k}" for k in values)
        sql = f"SELECT ({STAGE_SQL}), ({NEXT_DATE_SQL}) FROM (SELECT {columns})"
        stage, next_date = raw.execute(sql, values | {"today": today.isoformat()}).fetchone()
    expected = stage_on(key, today)
    assert stage == expected.stage.value
    assert codec.day_of(next_date) == expected.next_date
