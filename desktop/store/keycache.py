"""Key dates cached in case_file: computed with every save, refreshed when rules or flags change.

The list sorts and filters by the core's next step in SQL, so each case row carries the inputs
of that step (`codec.KEY_DATE_COLUMNS`) and the key of what they were computed with (pack,
flags, cache format). A case whose key differs from the current one is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from desktop.core.model import Case, Event, KeyDates
from desktop.store import codec, engine
from desktop.store.damage import BadValueError
from desktop.store.database import Database
from desktop.store.engine import Cursor
from desktop.store.keydates import KeyDateSource
from desktop.store.settings import Settings, flags_in
from desktop.store.snapshot import CachedCase, cached_case
from desktop.store.statements import EVENT_SELECT, now, update_sql

log = logging.getLogger("termijn.store")


class KeyDateCache:
    """Keeps case_file's key-date columns in step with the cases, the rule pack and the flags."""

    def __init__(self, db: Database, source: KeyDateSource, settings: Settings) -> None:
        self.db = db
        self.source = source
        self.settings = settings

    def current_key(self) -> str:
        """The cache key now, flags read afresh (another process may have switched them)."""
        self.source.flags = self.settings.flags()
        return self.source.cache_key

    def values(self, case: Case, case_id: int | None = None) -> dict[str, Any]:
        """The key-date columns of `case` under the current key (call `current_key` first).

        Computed outside any transaction: the core takes milliseconds, a write lock should not.
        """
        return codec.key_date_values(self.source.cache_key, self.source.compute(case, case_id))

    def recompute(self, cur: Cursor, case_id: int) -> None:
        """Recompute one case's key dates inside the write that changed its events."""
        self.source.flags = flags_in(cur)
        row = cur.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
        events = [codec.event_of(r) for r in cur.execute(EVENT_SELECT, (case_id,)).fetchall()]
        case = codec.case_file_of(row, events).case  # BadValueError: the caller's write rolls back
        values = self.values(case, case_id) | {"updated": codec.stamp(now())}
        sql, params = update_sql("case_file", values)
        cur.execute(sql, (*params, case_id))

    def _compute(self, row: Mapping[str, Any], events: list[Event]) -> KeyDates | None:
        """Key dates of a row, None when the core cannot compute it or the row is unreadable."""
        try:
            case = codec.case_of(row, events)
        except BadValueError as exc:
            # Like a case the core cannot compute: no key dates (the row itself is untouched).
            log.warning("case %s cannot be read (%s): no key dates", row["id"], exc.column)
            return None
        return self.source.compute(case, row["id"])

    def stale_count(self) -> int:
        """Cases whose cached key dates came from another rule pack or other flags (or none)."""
        key = self.current_key()
        with self.db.reading() as conn:
            sql = "SELECT count(*) FROM case_file WHERE kd_rules != ?"
            return int(conn.execute(sql, (key,)).fetchone()[0])

    def refresh(
        self,
        *,
        all_cases: bool = False,
        batch: int = 500,
        progress: Callable[[int, int], None] | None = None,
        observe: Callable[[CachedCase, KeyDates | None], None] | None = None,
    ) -> int:
        """Recompute stale cached key dates (after a rule-pack or flag change); returns how many.

        Works in batches of short transactions, so a save from the window never waits long.
        `progress(done, total)` is called before the first batch and after each one (on the
        calling thread). `observe(was, new)` is called for each case that is not deleted whose
        key dates change (or had none): the change report, without reading the file twice.
        """
        rules = self.current_key()
        where = "id > ?" if all_cases else "id > ? AND kd_rules != ?"
        done = 0
        last_id = 0
        total = 0
        if progress is not None:
            with self.db.reading() as conn:
                params: tuple[Any, ...] = (last_id,) if all_cases else (last_id, rules)
                sql = f"SELECT count(*) FROM case_file WHERE {where}"
                total = int(conn.execute(sql, params).fetchone()[0])
            progress(0, total)
        assignments = ", ".join(f"{column} = ?" for column in codec.KEY_DATE_COLUMNS)
        cache_key = self.source.cache_key  # built from the pack and flags: once, not per case
        while True:
            with self.db.reading() as conn:
                cur = engine.row_cursor(conn)
                params = (last_id,) if all_cases else (last_id, rules)
                rows = cur.execute(
                    f"SELECT * FROM case_file WHERE {where} ORDER BY id LIMIT {int(batch)}", params
                ).fetchall()
                if not rows:
                    return done
                marks = ",".join("?" * len(rows))
                events, bad = codec.events_by_case(
                    (r["id"] for r in rows),
                    cur.execute(
                        f"SELECT * FROM case_event WHERE case_id IN ({marks}) ORDER BY case_id, "
                        "position, id",
                        [r["id"] for r in rows],
                    ),
                )
            updates = []
            for row in rows:
                # The case alone: key dates need no people, and their JSON costs time at 100,000.
                key = None if row["id"] in bad else self._compute(row, events[row["id"]])
                values = codec.key_date_values(cache_key, key)
                if observe is not None and not row["deleted"]:
                    _observe(observe, row, values, key)
                updates.append(
                    (*(values[c] for c in codec.KEY_DATE_COLUMNS), row["id"], row["updated"])
                )
            with self.db.writing() as conn:
                # Only where nothing changed meanwhile: a concurrent save computed its own.
                conn.executemany(
                    f"UPDATE case_file SET {assignments} WHERE id = ? AND updated = ?", updates
                )
            done += len(rows)
            last_id = rows[-1]["id"]
            if progress is not None:
                total = max(total, done)  # cases may go stale while this runs
                progress(done, total)


def _observe(
    observe: Callable[[CachedCase, KeyDates | None], None],
    row: Mapping[str, Any],
    values: Mapping[str, Any],
    key: KeyDates | None,
) -> None:
    """Tell `observe` about a case whose cached key dates change (the cache key aside)."""
    dates = codec.KEY_DATE_COLUMNS[1:]  # [0] is kd_rules, which a refresh always changes
    if row["kd_rules"] and all(row[c] == values[c] for c in dates):
        return
    try:
        was = cached_case(row)
    except BadValueError:
        return  # an unreadable case is no change of law: it is named where it is opened
    observe(was, key)
