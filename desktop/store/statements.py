"""SQL the repository's parts share: inserts built from the codec's column lists, a case's rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.core.casefile import CaseFile
from desktop.core.model import Event, KeyDates
from desktop.store import codec
from desktop.store.engine import Cursor
from desktop.store.records import NoticeProof

EVENT_SELECT = "SELECT * FROM case_event WHERE case_id = ? ORDER BY position, id"
CASE_INSERT_COLUMNS = (
    "id",
    *codec.CASE_COLUMNS,
    *codec.KEY_DATE_COLUMNS,
    "deleted",
    "created",
    "updated",
)
EVENT_INSERT_COLUMNS = ("case_id", "position", *codec.EVENT_COLUMNS, *codec.PROOF_COLUMNS)


def insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


CASE_INSERT = insert_sql("case_file", CASE_INSERT_COLUMNS)
EVENT_INSERT = insert_sql("case_event", EVENT_INSERT_COLUMNS)


def now() -> datetime:
    """The current moment in UTC, as the store keeps it (naive)."""
    return datetime.now(UTC).replace(tzinfo=None)


def update_sql(table: str, values: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
    """`UPDATE table SET a = ?, b = ? WHERE id = ?` and the values (the id still to append)."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    return f"UPDATE {table} SET {assignments} WHERE id = ?", tuple(values.values())


def case_params(
    case_id: int, case_file: CaseFile, rules: str, key: KeyDates | None, stamp: str
) -> tuple[Any, ...]:
    """One row of CASE_INSERT: a new case, not in the bin, created and updated at `stamp`."""
    values = codec.case_values(case_file) | codec.key_date_values(rules, key)
    values |= {"id": case_id, "deleted": 0, "created": stamp, "updated": stamp}
    return tuple(values[column] for column in CASE_INSERT_COLUMNS)


def event_params(
    case_id: int, position: int, event: Event, proof: NoticeProof | None
) -> tuple[Any, ...]:
    """One row of EVENT_INSERT."""
    values = codec.event_values(event) | codec.proof_values(proof)
    values |= {"case_id": case_id, "position": position}
    return tuple(values[column] for column in EVENT_INSERT_COLUMNS)


def live_case(cur: Cursor, case_id: int, *, deleted_ok: bool = False) -> Mapping[str, Any]:
    """The case's row, inside the caller's transaction.

    Raises:
        KeyError: no such case, or it is in the bin (unless `deleted_ok`).
    """
    row = cur.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
    if row is None or (row["deleted"] and not deleted_ok):
        raise KeyError(case_id)
    result: Mapping[str, Any] = row
    return result
