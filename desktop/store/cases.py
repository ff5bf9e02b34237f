"""One case at a time: read it, save it (events matched by value), add many, archive, bin, purge."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from desktop.core.casefile import CaseFile
from desktop.core.model import Event, NoticeEvent
from desktop.store import audit, codec, engine
from desktop.store.damage import reading_case
from desktop.store.database import Database
from desktop.store.engine import Cursor
from desktop.store.keycache import KeyDateCache
from desktop.store.records import NoticeProof, StoredCase
from desktop.store.statements import (
    CASE_INSERT,
    EVENT_INSERT,
    EVENT_SELECT,
    case_params,
    event_params,
    live_case,
    now,
    update_sql,
)

log = logging.getLogger("termijn.store")

PROOF_UPDATE = (
    "UPDATE case_event SET posted = ?, tracking_number = ?, fax_report = ?, delivered = ? "
    "WHERE id = ?"
)


def proof_params(proof: NoticeProof, event_id: int) -> tuple[Any, ...]:
    values = codec.proof_values(proof)
    return (*(values[c] for c in codec.PROOF_COLUMNS), event_id)


class Cases:
    """Reads and writes whole cases; every write is one transaction with its audit rows."""

    def __init__(self, db: Database, cache: KeyDateCache) -> None:
        self.db = db
        self.cache = cache

    def get(self, case_id: int, *, include_deleted: bool = False) -> StoredCase:
        with self.db.reading() as conn:
            cur = engine.row_cursor(conn)
            row = live_case(cur, case_id, deleted_ok=include_deleted)
            event_rows = cur.execute(EVENT_SELECT, (case_id,)).fetchall()
        return self._stored(case_id, row, event_rows)

    def _stored(
        self, case_id: int, row: Mapping[str, Any], event_rows: Sequence[Mapping[str, Any]]
    ) -> StoredCase:
        """The stored case of its rows; UnreadableCaseError names a value Termijn cannot read."""
        with reading_case(self.db.path, case_id, row):
            return codec.stored_case(case_id, row, event_rows)

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
        self.cache.current_key()
        key_values = self.cache.values(case_file.case, case_id)
        moment = now()
        with self.db.writing() as conn:
            cur = engine.row_cursor(conn)
            row = live_case(cur, case_id)
            event_rows = cur.execute(EVENT_SELECT, (case_id,)).fetchall()
            # An unreadable case is not saved over: what is stored may still be recovered.
            old = self._stored(case_id, row, event_rows).case_file
            before, after = codec.audit_fields(old), codec.audit_fields(case_file)
            changes = [(f, before[f], after[f]) for f in after if before[f] != after[f]]
            changes += self._sync_events(cur, case_id, event_rows, case_file.case.events, proofs)
            values = codec.case_values(case_file) | key_values
            values["updated"] = codec.stamp(moment)
            sql, params = update_sql("case_file", values)
            cur.execute(sql, (*params, case_id))
            audit.write(cur, moment, case_id, changes)
        log.info("case %s saved (%d changes)", case_id, len(changes))
        return case_id

    @staticmethod
    def _sync_events(
        cur: Cursor,
        case_id: int,
        stored: Sequence[Mapping[str, Any]],
        events: Sequence[Event],
        proofs: Mapping[int, NoticeProof],
    ) -> list[audit.Change]:
        """Make the stored events equal `events`, keeping the ids of unchanged ones."""
        changes: list[audit.Change] = []
        unmatched = {r["id"]: (codec.event_of(r), r) for r in stored}
        for position, event in enumerate(events):
            match = next((i for i, (e, _) in unmatched.items() if e == event), None)
            proof = proofs.get(position) if isinstance(event, NoticeEvent) else None
            if match is None:
                cur.execute(EVENT_INSERT, event_params(case_id, position, event, proof))
                new_id = engine.inserted_id(cur)
                changes.append((f"event {new_id}", None, codec.event_text(event, proof)))
                continue
            _, row = unmatched.pop(match)
            old_proof = codec.proof_of(row)
            if proof is not None and proof != old_proof:
                cur.execute(PROOF_UPDATE, proof_params(proof, match))
                old_text = codec.event_text(event, old_proof)
                changes.append((f"event {match}", old_text, codec.event_text(event, proof)))
            if row["position"] != position:
                cur.execute("UPDATE case_event SET position = ? WHERE id = ?", (position, match))
        for event_id, (event, row) in unmatched.items():
            cur.execute("DELETE FROM case_event WHERE id = ?", (event_id,))
            changes.append(
                (f"event {event_id}", codec.event_text(event, codec.proof_of(row)), None)
            )
        return changes

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
            compute: cache key dates now; False leaves them for `KeyDateCache.refresh`.
        """
        files = list(case_files)
        rules = self.cache.current_key() if compute else ""
        keys = [self.cache.source.compute(cf.case) if compute else None for cf in files]
        stamp = codec.stamp(now())
        with self.db.writing() as conn:
            # Ids handed out here: the write lock means no other writer can take them.
            first = engine.reserve_ids(conn, "case_file", len(files))
            ids = list(range(first, first + len(files)))
            case_rows = []
            event_rows = []
            audit_rows = []
            for i, (case_id, cf, key) in enumerate(zip(ids, files, keys, strict=True)):
                case_rows.append(case_params(case_id, cf, rules, key, stamp))
                proofs = notice_proofs[i] if notice_proofs else {}
                for position, event in enumerate(cf.case.events):
                    proof = proofs.get(position) if isinstance(event, NoticeEvent) else None
                    event_rows.append(event_params(case_id, position, event, proof))
                # What was entered, and when: the case as it was first saved.
                audit_rows.append((stamp, case_id, "created", None, codec.case_text(cf, proofs)))
            conn.executemany(CASE_INSERT, case_rows)
            conn.executemany(EVENT_INSERT, event_rows)
            audit.write_rows(conn, audit_rows)
        if len(ids) == 1:
            log.info("case %s created", ids[0])
        elif ids:
            log.info("%d cases created (ids %s-%s)", len(ids), ids[0], ids[-1])
        return ids

    def set_flag(self, case_id: int, column: str, value: bool, *, deleted_ok: bool) -> None:
        """Archive or bin a case (or undo it); audited."""
        with self.db.writing() as conn:
            cur = engine.row_cursor(conn)
            row = live_case(cur, case_id, deleted_ok=deleted_ok)
            if bool(row[column]) == value:
                return
            moment = now()
            cur.execute(
                f"UPDATE case_file SET {column} = ?, updated = ? WHERE id = ?",
                (int(value), codec.stamp(moment), case_id),
            )
            text = {True: "true", False: "false"}
            audit.write(cur, moment, case_id, [(column, text[not value], text[value])])
        log.info("case %s %s=%s", case_id, column, value)

    def purge(self, case_id: int) -> None:
        """Remove a deleted case for good, with its events, documents and audit rows."""
        with self.db.writing() as conn:
            row = conn.execute("SELECT deleted FROM case_file WHERE id = ?", (case_id,)).fetchone()
            if row is None or not row[0]:
                raise KeyError(case_id)  # only a case in the bin can be purged
            conn.execute("DELETE FROM case_file WHERE id = ?", (case_id,))
        log.info("case %s purged", case_id)

    def deleted_ids(self) -> list[int]:
        """The cases in the bin, most recently binned first."""
        with self.db.reading() as conn:
            sql = "SELECT id FROM case_file WHERE deleted = 1 ORDER BY updated DESC, id"
            return [r[0] for r in conn.execute(sql)]
