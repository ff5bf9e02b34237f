"""The calendar feed's memory in the case file: published events, reminder snoozes, open cases.

What each (case, kind) event was last published as lets a calendar that imports the feed again
update an event in place (same UID, higher SEQUENCE) or see it cancelled, instead of getting a
duplicate. Nothing here holds personal data beyond the case id.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from desktop.core.casefile import CaseFile
from desktop.core.model import Event
from desktop.i18n import N_
from desktop.store import codec, engine
from desktop.store.damage import BadValueError
from desktop.store.database import Database

log = logging.getLogger("termijn.store")

_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit
_OVERLAP = timedelta(seconds=60)  # see `changed_since`; longer than the 30 s busy timeout
_EVENT_COLUMNS = ("case_id", "kind", "day", "sequence", "digest", "cancelled", "changed")
_UPSERT = (
    f"INSERT INTO calendar_event ({', '.join(_EVENT_COLUMNS)}) VALUES "
    f"({', '.join('?' for _ in _EVENT_COLUMNS)}) ON CONFLICT (case_id, kind) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _EVENT_COLUMNS[2:])
)


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    """One event as the feed last published it."""

    case_id: int
    kind: str
    day: date
    sequence: int
    digest: str
    cancelled: bool
    changed: datetime  # UTC without tzinfo, as the store keeps moments


@dataclass(frozen=True, slots=True)
class ChangeMark:
    """The newest `updated` stamp seen, and the (case, stamp) pairs of the minute before it."""

    newest: str
    recent: frozenset[tuple[int, str]]


def _within(stamp: str, newest: str) -> bool:
    return bool(newest) and codec.moment_of(stamp) > codec.moment_of(newest) - _OVERLAP


@dataclass(frozen=True, slots=True)
class OpenCase:
    """A case the feed covers (not archived, not in the bin)."""

    id: int
    case_file: CaseFile


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _published_of(row: Sequence[Any]) -> PublishedEvent:
    day = codec.day_of(row[2])
    assert day is not None  # NOT NULL
    return PublishedEvent(
        case_id=int(row[0]),
        kind=str(row[1]),
        day=day,
        sequence=int(row[3]),
        digest=str(row[4]),
        cancelled=bool(row[5]),
        changed=codec.moment_of(row[6]),
    )


class CalendarState:
    """Reads and writes the calendar tables; each write is one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Open cases `open_cases` met that cannot be read: their published events are kept as
        # they are (a damaged row is no reason to cancel a deadline in someone's calendar).
        self.unreadable: set[int] = set()

    # ------------------------------------------------------------------ published events

    def published(
        self, case_ids: Collection[int] | None = None
    ) -> dict[int, dict[str, PublishedEvent]]:
        """Published events by case id and kind: of `case_ids`, or of every case when None."""
        select = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM calendar_event"
        found: dict[int, dict[str, PublishedEvent]] = {}
        with self.db.reading() as conn:
            if case_ids is None:
                rows: Iterable[Sequence[Any]] = conn.execute(select).fetchall()
            else:
                rows = []
                for chunk in _chunks(sorted(case_ids)):
                    marks = ",".join("?" * len(chunk))
                    rows += conn.execute(f"{select} WHERE case_id IN ({marks})", chunk).fetchall()
        for row in rows:
            event = _published_of(row)
            found.setdefault(event.case_id, {})[event.kind] = event
        return found

    def save_published(self, events: Iterable[PublishedEvent]) -> int:
        """Insert or update these events; rows of cases purged meanwhile are skipped."""
        rows = [
            (
                e.case_id,
                e.kind,
                e.day.isoformat(),
                e.sequence,
                e.digest,
                int(e.cancelled),
                codec.stamp(e.changed),
            )
            for e in events
        ]
        if not rows:
            return 0
        with self.db.writing(N_("update the calendar")) as conn:
            live = self._existing(conn, sorted({r[0] for r in rows}))
            kept = [r for r in rows if r[0] in live]
            conn.executemany(_UPSERT, kept)
        return len(kept)

    @staticmethod
    def _existing(conn: engine.Connection, ids: Sequence[int]) -> set[int]:
        found: set[int] = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id FROM case_file WHERE id IN ({marks})"
            found.update(r[0] for r in conn.execute(sql, chunk))
        return found

    # ------------------------------------------------------------------ cases

    def case_ids(self) -> list[int]:
        """Every case id, open or not, in the bin included (their events must be cancelled)."""
        with self.db.reading() as conn:
            return [r[0] for r in conn.execute("SELECT id FROM case_file ORDER BY id")]

    def _open(
        self,
        row: Any,
        events: dict[int, list[Event]],
        bad: dict[int, BadValueError],
    ) -> OpenCase | None:
        """The open case of a row, or None (and noted in `unreadable`) if it cannot be read."""
        try:
            if row["id"] in bad:
                raise bad[row["id"]]
            return OpenCase(row["id"], codec.case_file_of(row, events[row["id"]]))
        except BadValueError as exc:
            log.warning("case %s cannot be read (%s): its calendar stays", row["id"], exc.column)
            self.unreadable.add(row["id"])
            return None

    def open_cases(
        self, ids: Sequence[int] | None = None, batch: int = _CHUNK
    ) -> Iterator[list[OpenCase]]:
        """The open cases (not archived, not deleted) among `ids` (all when None), in batches.

        Each batch is read in one short transaction, so a save from the window never waits long.
        """
        last = 0
        pending = None if ids is None else sorted(set(ids))
        while True:
            with self.db.reading() as conn:
                cur = engine.row_cursor(conn)
                if pending is None:
                    rows = cur.execute(
                        "SELECT * FROM case_file WHERE id > ? AND deleted = 0 AND archived = 0 "
                        f"ORDER BY id LIMIT {int(batch)}",
                        (last,),
                    ).fetchall()
                else:
                    chunk, pending = pending[:batch], pending[batch:]
                    marks = ",".join("?" * len(chunk))
                    rows = cur.execute(
                        f"SELECT * FROM case_file WHERE id IN ({marks}) AND deleted = 0 "
                        "AND archived = 0 ORDER BY id",
                        chunk,
                    ).fetchall()
                events: dict[int, list[Event]] = {r["id"]: [] for r in rows}
                bad: dict[int, BadValueError] = {}
                for chunk_ids in _chunks(list(events)):
                    marks = ",".join("?" * len(chunk_ids))
                    found, unreadable = codec.events_by_case(
                        chunk_ids,
                        cur.execute(
                            f"SELECT * FROM case_event WHERE case_id IN ({marks}) "
                            "ORDER BY case_id, position, id",
                            chunk_ids,
                        ),
                    )
                    events |= found
                    bad |= unreadable
            if rows:
                yield [case for case in (self._open(r, events, bad) for r in rows) if case]
                last = rows[-1]["id"]
            if pending is None and len(rows) < batch:
                return
            if pending is not None and not pending:
                return

    def labels(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """Case id -> (reference, applicant name), for cases the feed no longer covers."""
        found: dict[int, tuple[str, str]] = {}
        with self.db.reading() as conn:
            for chunk in _chunks(sorted(set(ids))):
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT id, reference, applicant_name FROM case_file WHERE id IN ({marks})"
                for case_id, reference, name in conn.execute(sql, chunk):
                    found[int(case_id)] = (str(reference), str(name))
        return found

    # ------------------------------------------------------------------ what changed

    def change_mark(self) -> ChangeMark:
        """Where the cases stand now, for `changed_since`."""
        return self.changed_since(None)[1]

    def changed_since(self, mark: ChangeMark | None) -> tuple[list[int], ChangeMark]:
        """Cases saved, archived or deleted since `mark` (all when None), and the next mark.

        A save stamps `updated` before it waits for the write lock, so it may commit with a
        stamp older than the newest one seen: the last minute before the mark is looked at again,
        and a (case, stamp) seen before is not reported twice.
        """
        with self.db.reading() as conn:
            if mark is None:
                rows = conn.execute("SELECT id, updated FROM case_file").fetchall()
            else:
                since = codec.stamp(codec.moment_of(mark.newest) - _OVERLAP)
                rows = conn.execute(
                    "SELECT id, updated FROM case_file WHERE updated > ?", (since,)
                ).fetchall()
        pairs = {(int(r[0]), str(r[1])) for r in rows}
        seen = mark.recent if mark is not None else frozenset()
        changed = sorted({case_id for case_id, stamp in pairs - seen})
        stamps = [stamp for _, stamp in pairs]
        newest = max([mark.newest if mark is not None else "", *stamps])
        recent = frozenset(pair for pair in pairs if _within(pair[1], newest))
        return changed, ChangeMark(newest, recent)

    # ------------------------------------------------------------------ snoozes

    def snoozes(self) -> dict[int, date]:
        """Case id -> the last day its reminders are snoozed."""
        with self.db.reading() as conn:
            rows = conn.execute("SELECT case_id, until FROM calendar_snooze").fetchall()
        found: dict[int, date] = {}
        for case_id, until in rows:
            day = codec.day_of(until)
            if day is not None:
                found[int(case_id)] = day
        return found

    def snooze(self, case_ids: Iterable[int], until: date) -> None:
        """No reminders for these cases up to and including `until`."""
        ids = sorted(set(case_ids))
        with self.db.writing(N_("snooze reminders")) as conn:
            live = self._existing(conn, ids)
            conn.executemany(
                "INSERT INTO calendar_snooze (case_id, until) VALUES (?, ?) "
                "ON CONFLICT (case_id) DO UPDATE SET until = excluded.until",
                [(case_id, until.isoformat()) for case_id in ids if case_id in live],
            )

    def drop_snoozes(self, before: date) -> None:
        """Forget snoozes that ended before `before` (they no longer hide anything)."""
        with self.db.writing(N_("tidy reminders")) as conn:
            conn.execute("DELETE FROM calendar_snooze WHERE until < ?", (before.isoformat(),))
