"""Every case's cached key dates at once, and every case in batches: for the change report."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.model import Case, KeyDates, Procedure
from desktop.store import codec, engine
from desktop.store.damage import BadValueError
from desktop.store.database import Database

log = logging.getLogger("termijn.store")

_SNAPSHOT_SQL = (
    "SELECT id, reference, applicant_name, procedure, archived, "
    + ", ".join(codec.KEY_DATE_COLUMNS)
    + " FROM case_file WHERE NOT deleted ORDER BY id"
)


@dataclass(frozen=True, slots=True)
class CachedCase:
    """What the list shows of a case: who, and the key dates cached for it (None: none)."""

    id: int
    reference: str
    applicant_name: str
    procedure: Procedure
    archived: bool
    key: KeyDates | None
    rules: str  # the cache key the key dates came from ("" when never computed)


def cached_case(row: Mapping[str, Any]) -> CachedCase:
    """From a case_file row with the snapshot's columns (or all); BadValueError if unreadable."""
    return CachedCase(
        id=row["id"],
        reference=codec.text_in(row, "reference"),
        applicant_name=codec.text_in(row, "applicant_name"),
        procedure=codec.procedure_in(row),
        archived=bool(row["archived"]),
        key=codec.key_dates_of(row),
        rules=row["kd_rules"] or "",
    )


def cached_cases(db: Database) -> dict[int, CachedCase]:
    """One read of every case that is not deleted, with its cached key dates."""
    with db.reading() as conn:
        rows = engine.row_cursor(conn).execute(_SNAPSHOT_SQL).fetchall()
    found = {}
    for row in rows:
        try:
            found[row["id"]] = cached_case(row)
        except BadValueError as exc:  # unreadable: left out of the report, named where it is opened
            log.warning("case %s cannot be read (%s): left out", row["id"], exc.column)
    return found


def case_count_and_usual_law(db: Database) -> tuple[int, str]:
    """Cases not deleted, and the cache key most of them were computed under ("" if none)."""
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT coalesce(kd_rules, ''), count(*) FROM case_file WHERE NOT deleted "
            "GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
    total = sum(n for _rules, n in rows)
    usual = next((rules for rules, _n in rows if rules), "")
    return total, usual


def all_cases(db: Database, batch: int = 1000) -> Iterator[tuple[int, Case]]:
    """Every case that is not deleted, as the core sees it, in id order (batched reads)."""
    last_id = 0
    while True:
        with db.reading() as conn:
            cur = engine.row_cursor(conn)
            rows = cur.execute(
                f"SELECT * FROM case_file WHERE id > ? AND NOT deleted ORDER BY id LIMIT {batch}",
                (last_id,),
            ).fetchall()
            if not rows:
                return
            marks = ",".join("?" * len(rows))
            events, bad = codec.events_by_case(
                (r["id"] for r in rows),
                cur.execute(
                    f"SELECT * FROM case_event WHERE case_id IN ({marks}) "
                    "ORDER BY case_id, position, id",
                    [r["id"] for r in rows],
                ),
            )
        for row in rows:
            try:
                if row["id"] in bad:
                    raise bad[row["id"]]
                case = codec.case_of(row, events[row["id"]])
            except BadValueError as exc:  # unreadable: left out here, named where it is opened
                log.warning("case %s cannot be read (%s): left out", row["id"], exc.column)
                continue
            yield row["id"], case
        last_id = rows[-1]["id"]
