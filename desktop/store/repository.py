"""The one repository the GUI and CLI share: list, get, save, archive, events, audit, settings."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from desktop.core.casefile import CaseFile
from desktop.core.model import Event, NoticeEvent, Procedure
from desktop.core.nextstep import plan
from desktop.store import codec
from desktop.store.database import Database
from desktop.store.keydates import KeyDateSource
from desktop.store.listing import ordered_ids_sql
from desktop.store.records import (
    AuditEntry,
    CaseQuery,
    CaseRow,
    DocumentRecord,
    NoticeProof,
    StoredCase,
)

if TYPE_CHECKING:
    from desktop.core.rulepack import RulePack

log = logging.getLogger("termijn.store")

PAGE_SIZE = 200
FLAGS_SETTING = "rules.flags"  # pending legislation switched on: "bill_35749,bill_36349"
_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit
_ROW_COLUMNS = ", ".join(
    ("id", "reference", "applicant_name", "v_number", "procedure", "archived", "received")
    + codec.KEY_DATE_COLUMNS
)
_EVENT_SELECT = "SELECT * FROM case_event WHERE case_id = ? ORDER BY position, id"


def page_sql(count: int) -> str:
    """The list rows of `count` ids (`id IN (?, …)`), each looked up by its primary key.

    The unary `+` keeps SQLite from using an index on `deleted`: with it, a page of ids became
    a search of every live case (14 ms a page at 100,000 cases) instead of `count` lookups.
    """
    marks = ",".join("?" * count)
    return f"SELECT {_ROW_COLUMNS} FROM case_file WHERE +deleted = 0 AND id IN ({marks})"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _cursor(conn: sqlite3.Connection) -> sqlite3.Cursor:
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


_CASE_INSERT_COLUMNS = (
    "id",
    *codec.CASE_COLUMNS,
    *codec.KEY_DATE_COLUMNS,
    "deleted",
    "created",
    "updated",
)
_CASE_INSERT = _insert_sql("case_file", _CASE_INSERT_COLUMNS)
_EVENT_INSERT_COLUMNS = ("case_id", "position", *codec.EVENT_COLUMNS, *codec.PROOF_COLUMNS)
_EVENT_INSERT = _insert_sql("case_event", _EVENT_INSERT_COLUMNS)
_AUDIT_INSERT = "INSERT INTO audit (at, case_id, field, old, new) VALUES (?, ?, ?, ?, ?)"


class CaseRepository:
    """Every read and write of cases goes through here; each write is one IMMEDIATE transaction.

    Methods raise `StorageError` for the environment's faults (disk full, read-only, locked) and
    `KeyError` for an unknown (or deleted) case or event id. Reads never see half a save.
    """

    def __init__(self, db: Database, rules: RulePack | None = None) -> None:
        self.db = db
        self.key_dates = KeyDateSource(rules)

    # ------------------------------------------------------------------ the case list

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
            cur = _cursor(conn)
            for start in range(0, len(ids), _CHUNK):
                chunk = list(ids[start : start + _CHUNK])
                for row in cur.execute(page_sql(len(chunk)), chunk):
                    found[row["id"]] = self._row(row, day)
        return found

    @staticmethod
    def _row(row: Mapping[str, Any], today: date) -> CaseRow:
        key = codec.key_dates_of(row)
        step = plan(key, today)[0] if key is not None else None
        return CaseRow(
            id=row["id"],
            reference=row["reference"],
            applicant_name=row["applicant_name"],
            v_number=row["v_number"],
            procedure=Procedure(row["procedure"]),
            next_code=step.code if step else None,
            next_date=step.date if step else None,
            archived=bool(row["archived"]),
            received=codec.day_of(row["received"]),
        )

    def count(self, *, include_archived: bool = True) -> int:
        """How many (not deleted) cases there are."""
        sql = "SELECT count(*) FROM case_file WHERE deleted = 0"
        if not include_archived:
            sql += " AND archived = 0"
        with self.db.reading() as conn:
            return int(conn.execute(sql).fetchone()[0])

    # ------------------------------------------------------------------ one case

    def get(self, case_id: int, *, include_deleted: bool = False) -> StoredCase:
        with self.db.reading() as conn:
            cur = _cursor(conn)
            row = cur.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
            if row is None or (row["deleted"] and not include_deleted):
                raise KeyError(case_id)
            event_rows = cur.execute(_EVENT_SELECT, (case_id,)).fetchall()
        events = [codec.event_of(r) for r in event_rows]
        proofs = {
            r["id"]: codec.proof_of(r)
            for r in event_rows
            if r["type"] == "notice" and not codec.proof_of(r).empty
        }
        return StoredCase(
            id=case_id,
            case_file=codec.case_file_of(row, events),
            event_ids=tuple(r["id"] for r in event_rows),
            notice_proofs=proofs,
            key_dates=codec.key_dates_of(row),
            rules=row["kd_rules"],
            created=codec.moment_of(row["created"]),
            updated=codec.moment_of(row["updated"]),
            deleted=bool(row["deleted"]),
        )

    def save(
        self,
        case_file: CaseFile,
        case_id: int | None = None,
        *,
        notice_proofs: Mapping[int, NoticeProof] | None = None,
    ) -> int:
        """Insert (case_id None) or update a case; returns its id.

        Events are matched to the stored ones by value: unchanged events keep their id (and
        proof), removed ones are deleted, new ones inserted. `notice_proofs` is keyed by the
        index of the notice event in `case_file.case.events`. Every changed field gets an audit
        row; key dates are recomputed and cached.
        """
        proofs = dict(notice_proofs or {})
        if case_id is None:
            return self.save_many([case_file], [proofs])[0]
        self._load_flags()
        key = self.key_dates.compute(case_file.case, case_id)
        rules = self.key_dates.cache_key
        now = _now()
        with self.db.writing() as conn:
            cur = _cursor(conn)
            row = cur.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
            if row is None or row["deleted"]:
                raise KeyError(case_id)
            event_rows = cur.execute(_EVENT_SELECT, (case_id,)).fetchall()
            old = codec.case_file_of(row, [codec.event_of(r) for r in event_rows])
            audit: list[tuple[str, str | None, str | None]] = []
            before, after = codec.audit_fields(old), codec.audit_fields(case_file)
            audit += [(f, before[f], after[f]) for f in after if before[f] != after[f]]
            audit += self._sync_events(cur, case_id, event_rows, case_file.case.events, proofs)
            values = codec.case_values(case_file) | codec.key_date_values(rules, key)
            values["updated"] = codec.stamp(now)
            assignments = ", ".join(f"{column} = ?" for column in values)
            cur.execute(
                f"UPDATE case_file SET {assignments} WHERE id = ?", (*values.values(), case_id)
            )
            self._audit(cur, now, case_id, audit)
        log.info("case %s saved (%d changes)", case_id, len(audit))
        return case_id

    def _sync_events(
        self,
        cur: sqlite3.Cursor,
        case_id: int,
        stored: Sequence[Mapping[str, Any]],
        events: Sequence[Event],
        proofs: Mapping[int, NoticeProof],
    ) -> list[tuple[str, str | None, str | None]]:
        """Make the stored events equal `events`, keeping the ids of unchanged ones."""
        audit: list[tuple[str, str | None, str | None]] = []
        unmatched = {r["id"]: (codec.event_of(r), r) for r in stored}
        for position, event in enumerate(events):
            match = next((i for i, (e, _) in unmatched.items() if e == event), None)
            proof = proofs.get(position) if isinstance(event, NoticeEvent) else None
            if match is None:
                cur.execute(_EVENT_INSERT, self._event_params(case_id, position, event, proof))
                audit.append((f"event {cur.lastrowid}", None, codec.event_text(event, proof)))
                continue
            _, row = unmatched.pop(match)
            old_proof = codec.proof_of(row)
            if proof is not None and proof != old_proof:
                cur.execute(
                    "UPDATE case_event SET posted = ?, tracking_number = ?, fax_report = ?, "
                    "delivered = ? WHERE id = ?",
                    (*codec.proof_values(proof).values(), match),
                )
                audit.append(
                    (
                        f"event {match}",
                        codec.event_text(event, old_proof),
                        codec.event_text(event, proof),
                    )
                )
            if row["position"] != position:
                cur.execute("UPDATE case_event SET position = ? WHERE id = ?", (position, match))
        for event_id, (event, row) in unmatched.items():
            cur.execute("DELETE FROM case_event WHERE id = ?", (event_id,))
            audit.append((f"event {event_id}", codec.event_text(event, codec.proof_of(row)), None))
        return audit

    @staticmethod
    def _event_params(
        case_id: int, position: int, event: Event, proof: NoticeProof | None
    ) -> tuple[Any, ...]:
        values = codec.event_values(event) | codec.proof_values(proof)
        return (case_id, position, *(values[c] for c in _EVENT_INSERT_COLUMNS[2:]))

    @staticmethod
    def _audit(
        cur: sqlite3.Cursor,
        now: datetime,
        case_id: int,
        changes: Iterable[tuple[str, str | None, str | None]],
    ) -> None:
        at = codec.stamp(now)
        cur.executemany(_AUDIT_INSERT, [(at, case_id, f, old, new) for f, old, new in changes])

    def save_many(
        self,
        case_files: Iterable[CaseFile],
        notice_proofs: Sequence[Mapping[int, NoticeProof]] | None = None,
        *,
        compute: bool = True,
    ) -> list[int]:
        """Insert new cases in one transaction (import, demo): all or nothing; returns their ids.

        Args:
            case_files: the cases to add.
            notice_proofs: per case, proofs keyed by the notice event's index (or None).
            compute: cache key dates now; False leaves them for `refresh_key_dates`.
        """
        files = list(case_files)
        if compute:
            self._load_flags()
        rules = self.key_dates.cache_key if compute else ""
        keys = [self.key_dates.compute(cf.case) if compute else None for cf in files]
        now = codec.stamp(_now())
        with self.db.writing() as conn:
            raw = conn
            # Ids handed out here: the IMMEDIATE lock means no other writer can take them.
            seq = raw.execute("SELECT seq FROM sqlite_sequence WHERE name = 'case_file'").fetchone()
            first = (seq[0] if seq else 0) + 1
            ids = list(range(first, first + len(files)))
            case_rows = []
            event_rows = []
            audit_rows = []
            for i, (case_id, cf, key) in enumerate(zip(ids, files, keys, strict=True)):
                values = codec.case_values(cf) | codec.key_date_values(rules, key)
                case_rows.append((case_id, *values.values(), 0, now, now))
                proofs = notice_proofs[i] if notice_proofs else {}
                for position, event in enumerate(cf.case.events):
                    proof = proofs.get(position) if isinstance(event, NoticeEvent) else None
                    event_rows.append(self._event_params(case_id, position, event, proof))
                # What was entered, and when: the case as it was first saved.
                audit_rows.append((now, case_id, "created", None, codec.case_text(cf, proofs)))
            raw.executemany(_CASE_INSERT, case_rows)
            raw.executemany(_EVENT_INSERT, event_rows)
            raw.executemany(_AUDIT_INSERT, audit_rows)
        if len(ids) == 1:
            log.info("case %s created", ids[0])
        else:
            log.info(
                "%d cases created (ids %s-%s)",
                len(ids),
                ids[0] if ids else "",
                ids[-1] if ids else "",
            )
        return ids

    def _set_flag(self, case_id: int, column: str, value: bool, *, deleted_ok: bool) -> None:
        with self.db.writing() as conn:
            cur = _cursor(conn)
            row = cur.execute(
                f"SELECT {column}, deleted FROM case_file WHERE id = ?", (case_id,)
            ).fetchone()
            if row is None or (row["deleted"] and not deleted_ok):
                raise KeyError(case_id)
            if bool(row[column]) == value:
                return
            now = _now()
            cur.execute(
                f"UPDATE case_file SET {column} = ?, updated = ? WHERE id = ?",
                (int(value), codec.stamp(now), case_id),
            )
            text = {True: "true", False: "false"}
            self._audit(cur, now, case_id, [(column, text[not value], text[value])])
        log.info("case %s %s=%s", case_id, column, value)

    def archive(self, case_id: int, archived: bool = True) -> None:
        self._set_flag(case_id, "archived", archived, deleted_ok=False)

    def delete(self, case_id: int) -> None:
        """Move a case to the bin (soft delete): hidden everywhere until `undelete` or `purge`."""
        self._set_flag(case_id, "deleted", True, deleted_ok=False)

    def undelete(self, case_id: int) -> None:
        self._set_flag(case_id, "deleted", False, deleted_ok=True)

    def purge(self, case_id: int) -> None:
        """Remove a deleted case for good, with its events, documents and audit rows."""
        with self.db.writing() as conn:
            raw = conn
            row = raw.execute("SELECT deleted FROM case_file WHERE id = ?", (case_id,)).fetchone()
            if row is None or not row[0]:
                raise KeyError(case_id)  # only a case in the bin can be purged
            raw.execute("DELETE FROM case_file WHERE id = ?", (case_id,))
        log.info("case %s purged", case_id)

    def deleted_ids(self) -> list[int]:
        with self.db.reading() as conn:
            sql = "SELECT id FROM case_file WHERE deleted = 1 ORDER BY updated DESC, id"
            return [r[0] for r in conn.execute(sql)]

    # ------------------------------------------------------------------ events

    @contextmanager
    def _case_edit(self, case_id: int) -> Iterator[sqlite3.Cursor]:
        """A write on one case's events; afterwards its key dates are recomputed in the same go."""
        with self.db.writing() as conn:
            cur = _cursor(conn)
            row = cur.execute("SELECT deleted FROM case_file WHERE id = ?", (case_id,)).fetchone()
            if row is None or row["deleted"]:
                raise KeyError(case_id)
            yield cur
            self.key_dates.flags = self._flags_in(cur)
            self._recompute(cur, case_id)

    def _recompute(self, cur: sqlite3.Cursor, case_id: int) -> None:
        row = cur.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
        events = [codec.event_of(r) for r in cur.execute(_EVENT_SELECT, (case_id,)).fetchall()]
        case = codec.case_file_of(row, events).case
        values = codec.key_date_values(
            self.key_dates.cache_key, self.key_dates.compute(case, case_id)
        )
        values["updated"] = codec.stamp(_now())
        assignments = ", ".join(f"{column} = ?" for column in values)
        cur.execute(f"UPDATE case_file SET {assignments} WHERE id = ?", (*values.values(), case_id))

    def _event_case(self, event_id: int) -> int:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT case_id FROM case_event WHERE id = ?", (event_id,)
            ).fetchone()
        if row is None:
            raise KeyError(event_id)
        return int(row[0])

    def add_event(self, case_id: int, event: Event, proof: NoticeProof | None = None) -> int:
        """Add one event at the end; returns its id. Key dates are recomputed."""
        with self._case_edit(case_id) as cur:
            position = cur.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM case_event WHERE case_id = ?",
                (case_id,),
            ).fetchone()[0]
            cur.execute(_EVENT_INSERT, self._event_params(case_id, position, event, proof))
            event_id = cur.lastrowid
            assert event_id is not None
            self._audit(
                cur, _now(), case_id, [(f"event {event_id}", None, codec.event_text(event, proof))]
            )
        log.info("case %s: event %s added", case_id, event_id)
        return event_id

    def update_event(self, event_id: int, event: Event, proof: NoticeProof | None = None) -> None:
        """Replace an event (and, for a notice, its proof unless `proof` is None)."""
        case_id = self._event_case(event_id)
        with self._case_edit(case_id) as cur:
            row = cur.execute(
                "SELECT * FROM case_event WHERE id = ? AND case_id = ?", (event_id, case_id)
            ).fetchone()
            if row is None:
                raise KeyError(event_id)
            old_event, old_proof = codec.event_of(row), codec.proof_of(row)
            new_proof = proof if proof is not None else old_proof
            if not isinstance(event, NoticeEvent):
                new_proof = NoticeProof()
            values = codec.event_values(event) | codec.proof_values(new_proof)
            assignments = ", ".join(f"{column} = ?" for column in values)
            cur.execute(
                f"UPDATE case_event SET {assignments} WHERE id = ?", (*values.values(), event_id)
            )
            old_text = codec.event_text(old_event, old_proof)
            new_text = codec.event_text(event, new_proof)
            if old_text != new_text:
                self._audit(cur, _now(), case_id, [(f"event {event_id}", old_text, new_text)])
        log.info("case %s: event %s updated", case_id, event_id)

    def delete_event(self, event_id: int) -> None:
        case_id = self._event_case(event_id)
        with self._case_edit(case_id) as cur:
            row = cur.execute("SELECT * FROM case_event WHERE id = ?", (event_id,)).fetchone()
            if row is None:
                raise KeyError(event_id)
            cur.execute("DELETE FROM case_event WHERE id = ?", (event_id,))
            old = codec.event_text(codec.event_of(row), codec.proof_of(row))
            self._audit(cur, _now(), case_id, [(f"event {event_id}", old, None)])
        log.info("case %s: event %s deleted", case_id, event_id)

    def set_notice_proof(self, event_id: int, proof: NoticeProof) -> None:
        case_id = self._event_case(event_id)
        with self.db.writing() as conn:
            cur = _cursor(conn)
            row = cur.execute("SELECT * FROM case_event WHERE id = ?", (event_id,)).fetchone()
            if row is None or row["type"] != "notice":
                raise KeyError(event_id)
            event, old = codec.event_of(row), codec.proof_of(row)
            if old == proof:
                return
            cur.execute(
                "UPDATE case_event SET posted = ?, tracking_number = ?, fax_report = ?, "
                "delivered = ? WHERE id = ?",
                (*codec.proof_values(proof).values(), event_id),
            )
            change = (
                f"event {event_id}",
                codec.event_text(event, old),
                codec.event_text(event, proof),
            )
            self._audit(cur, _now(), case_id, [change])

    # ------------------------------------------------------------------ audit, documents

    def audit(self, case_id: int) -> list[AuditEntry]:
        """The case's change log, oldest first."""
        with self.db.reading() as conn:
            cur = _cursor(conn)
            rows = cur.execute(
                "SELECT * FROM audit WHERE case_id = ? ORDER BY id", (case_id,)
            ).fetchall()
        return [
            AuditEntry(
                id=r["id"],
                at=codec.moment_of(r["at"]),
                case_id=r["case_id"],
                field=r["field"],
                old=r["old"],
                new=r["new"],
            )
            for r in rows
        ]

    def record_document(
        self, case_id: int, kind: str, language: str, content: bytes, file_name: str = ""
    ) -> DocumentRecord:
        """Remember that a document was generated (its SHA-256, not the file itself)."""
        now = _now()
        digest = hashlib.sha256(content).hexdigest()
        with self.db.writing() as conn:
            cur = _cursor(conn)
            row = cur.execute("SELECT deleted FROM case_file WHERE id = ?", (case_id,)).fetchone()
            if row is None or row["deleted"]:
                raise KeyError(case_id)
            cur.execute(
                "INSERT INTO document (case_id, kind, language, created, sha256, file_name) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (case_id, kind, language, codec.stamp(now), digest, file_name),
            )
            doc_id = cur.lastrowid
            assert doc_id is not None
        return DocumentRecord(doc_id, case_id, kind, language, now, digest, file_name)

    def documents(self, case_id: int) -> list[DocumentRecord]:
        with self.db.reading() as conn:
            rows = (
                _cursor(conn)
                .execute("SELECT * FROM document WHERE case_id = ? ORDER BY id", (case_id,))
                .fetchall()
            )
        return [
            DocumentRecord(
                r["id"],
                r["case_id"],
                r["kind"],
                r["language"],
                codec.moment_of(r["created"]),
                r["sha256"],
                r["file_name"],
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.db.reading() as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self.db.writing() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def flags(self) -> frozenset[str]:
        """The pending legislation the user switched on (cached key dates are computed with it)."""
        with self.db.reading() as conn:
            return self._flags_in(_cursor(conn))

    def set_flags(self, flags: Iterable[str]) -> None:
        """Switch flags; every case cached with other flags is then stale (`refresh_key_dates`)."""
        self.set_setting(FLAGS_SETTING, ",".join(sorted(set(flags))))

    @staticmethod
    def _flags_in(cur: sqlite3.Cursor) -> frozenset[str]:
        row = cur.execute("SELECT value FROM setting WHERE key = ?", (FLAGS_SETTING,)).fetchone()
        return frozenset(f for f in (row[0] if row else "").split(",") if f)

    def _load_flags(self) -> None:
        # Read each time: the window or another process may have switched them.
        self.key_dates.flags = self.flags()

    # ------------------------------------------------------------------ computed dates

    def stale_count(self) -> int:
        """Cases whose cached key dates came from another rule pack or other flags (or none)."""
        self._load_flags()
        with self.db.reading() as conn:
            return int(
                conn.execute(
                    "SELECT count(*) FROM case_file WHERE kd_rules != ?",
                    (self.key_dates.cache_key,),
                ).fetchone()[0]
            )

    def refresh_key_dates(
        self,
        *,
        all_cases: bool = False,
        batch: int = 500,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Recompute stale cached key dates (after a rule-pack or flag change); returns how many.

        Works in batches of short transactions, so a save from the window never waits long.
        `progress(done, total)` is called before the first batch and after each one (on the
        calling thread).
        """
        self._load_flags()
        rules = self.key_dates.cache_key
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
        while True:
            with self.db.reading() as conn:
                cur = _cursor(conn)
                params = (last_id,) if all_cases else (last_id, rules)
                rows = cur.execute(
                    f"SELECT * FROM case_file WHERE {where} ORDER BY id LIMIT {batch}", params
                ).fetchall()
                if not rows:
                    return done
                events: dict[int, list[Event]] = {r["id"]: [] for r in rows}
                marks = ",".join("?" * len(rows))
                for e in cur.execute(
                    f"SELECT * FROM case_event WHERE case_id IN ({marks}) ORDER BY case_id, "
                    "position, id",
                    list(events),
                ):
                    events[e["case_id"]].append(codec.event_of(e))
            updates = []
            for row in rows:
                case = codec.case_file_of(row, events[row["id"]]).case
                values = codec.key_date_values(rules, self.key_dates.compute(case, row["id"]))
                updates.append((*values.values(), row["id"], row["updated"]))
            assignments = ", ".join(f"{column} = ?" for column in codec.KEY_DATE_COLUMNS)
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

    def today(self) -> date:
        return date.today()
