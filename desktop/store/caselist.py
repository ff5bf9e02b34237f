"""The case list's reads: the ids a query matches in order, pages of rows, and counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.model import Procedure
from desktop.core.nextstep import plan
from desktop.store import codec, engine
from desktop.store.damage import BadValueError, unreadable
from desktop.store.database import Database
from desktop.store.listing import ordered_ids_sql
from desktop.store.records import CaseQuery, CaseRow

PAGE_SIZE = 200
_TEXTS = ("reference", "applicant_name", "v_number")
_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit
ROW_COLUMNS = ", ".join(
    ("id", "reference", "applicant_name", "v_number", "procedure", "archived", "received")
    + codec.KEY_DATE_COLUMNS
)


def page_sql(count: int) -> str:
    """The list rows of `count` ids (`id IN (?, …)`), each looked up by its primary key."""
    marks = ",".join("?" * count)
    live = f"{engine.by_row_only('deleted')} = 0"
    return f"SELECT {ROW_COLUMNS} FROM case_file WHERE {live} AND id IN ({marks})"


def _row(row: Mapping[str, Any], today: date, path: Path) -> CaseRow:
    key = codec.key_dates_of(row)
    step = plan(key, today)[0] if key is not None else None
    reference, name, v_number = row["reference"], row["applicant_name"], row["v_number"]
    procedure: Procedure | None = None
    received = damage = None
    try:
        if not (type(reference) is str and type(name) is str and type(v_number) is str):
            for column in _TEXTS:
                codec.text_in(row, column)  # raises, naming the column
        procedure = codec.procedure_in(row)
        received = codec.date_in(row, "received")
    except BadValueError as exc:
        # Shown, not hidden: a case the user cannot open is still one they must know about.
        procedure, received, damage = None, None, unreadable(path, row["id"], row, exc)
    return CaseRow(
        id=row["id"],
        reference=reference if type(reference) is str else "",
        applicant_name=name if type(name) is str else "",
        v_number=v_number if type(v_number) is str else "",
        procedure=procedure,
        next_code=step.code if step else None,
        next_date=step.date if step else None,
        archived=bool(row["archived"]),
        received=received,
        damage=damage,
    )


class CaseList:
    """Search, filter and sort run in SQL; rows are read a page at a time."""

    def __init__(self, db: Database, today: Callable[[], date]) -> None:
        self.db = db
        self.today = today  # the repository's clock (tests set a fixed day on it)

    def ordered_ids(self, query: CaseQuery) -> list[int]:
        """All case ids the query matches, in display order (search, filter, sort done in SQL)."""
        sql, params = ordered_ids_sql(query, query.today or self.today())
        with self.db.reading() as conn:
            return [row[0] for row in conn.execute(sql, params)]

    def rows(self, ids: Sequence[int], today: date | None = None) -> dict[int, CaseRow]:
        """List rows for up to a page of ids (any order), keyed by id; unknown ids are absent."""
        day = today or self.today()
        found: dict[int, CaseRow] = {}
        with self.db.reading() as conn:
            cur = engine.row_cursor(conn)
            for start in range(0, len(ids), _CHUNK):
                chunk = list(ids[start : start + _CHUNK])
                for row in cur.execute(page_sql(len(chunk)), chunk):
                    found[row["id"]] = _row(row, day, self.db.path)
        return found

    def count(self, *, include_archived: bool = True) -> int:
        """How many (not deleted) cases there are."""
        sql = "SELECT count(*) FROM case_file WHERE deleted = 0"
        if not include_archived:
            sql += " AND archived = 0"
        with self.db.reading() as conn:
            return int(conn.execute(sql).fetchone()[0])
