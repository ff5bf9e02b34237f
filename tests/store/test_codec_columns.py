"""The codec's column lists are the tables' columns: a test, as the codec must not import them.

The SQLModel tables are the one description of the schema, but importing SQLAlchemy costs a
third of a second at start-up; so the codec keeps its lists by hand and this proves they match
the tables, the layout a file is checked against on open, and what the codec writes.
"""

from datetime import date

from desktop.core.casefile import parse_case_file
from desktop.core.model import KeyDates, NoticeState
from desktop.store import codec
from desktop.store.records import NoticeProof
from desktop.store.schema import SCHEMA, layout
from desktop.store.statements import CASE_INSERT_COLUMNS, EVENT_INSERT_COLUMNS
from desktop.store.tables import CaseTable, EventTable, table


def _columns(model):
    return [column.name for column in table(model).columns]


def test_case_columns_are_the_tables():
    assert sorted(CASE_INSERT_COLUMNS) == sorted(_columns(CaseTable))
    assert len(set(CASE_INSERT_COLUMNS)) == len(CASE_INSERT_COLUMNS)
    assert set(CASE_INSERT_COLUMNS) == layout(SCHEMA)["case_file"][1]


def test_event_columns_are_the_tables():
    assert sorted(("id", *EVENT_INSERT_COLUMNS)) == sorted(_columns(EventTable))
    assert set(("id", *EVENT_INSERT_COLUMNS)) == layout(SCHEMA)["case_event"][1]


def test_the_codec_writes_exactly_its_columns():
    case_file = parse_case_file(
        {
            "procedure": "regular",
            "received": "2026-01-05",
            "events": [{"type": "notice", "received": "2026-09-01"}],
        }
    )
    assert tuple(codec.case_values(case_file)) == codec.CASE_COLUMNS
    key = KeyDates(
        safe_notice_receipt=date(2026, 5, 1),
        notice_state=NoticeState.NONE,
        notice_received=None,
        window_last=None,
        certain_from=None,
        penalty_applies=True,
        day_42=None,
        claim_due=None,
        penalty_fixed=None,
        decided=None,
        remedy_until=None,
        provisional=False,
    )
    assert tuple(codec.key_date_values("k", key)) == codec.KEY_DATE_COLUMNS
    assert tuple(codec.key_date_values("k", None)) == codec.KEY_DATE_COLUMNS
    assert tuple(codec.event_values(case_file.case.events[0])) == codec.EVENT_COLUMNS
    assert tuple(codec.proof_values(NoticeProof())) == codec.PROOF_COLUMNS
    assert tuple(codec.proof_values(None)) == codec.PROOF_COLUMNS
