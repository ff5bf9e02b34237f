"""One event at a time: add, replace, remove, a Notice's proof of receipt; key dates follow."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.core.model import Event, NoticeEvent
from desktop.store import audit, codec, engine
from desktop.store.cases import PROOF_UPDATE, proof_params
from desktop.store.damage import reading_case
from desktop.store.database import Database
from desktop.store.engine import Cursor
from desktop.store.keycache import KeyDateCache
from desktop.store.records import NoticeProof
from desktop.store.statements import (
    EVENT_INSERT,
    EVENT_SELECT,
    event_params,
    live_case,
    now,
    update_sql,
)

log = logging.getLogger("termijn.store")


class Events:
    """Edits of a case's events; each is one transaction that also recomputes its key dates."""

    def __init__(self, db: Database, cache: KeyDateCache) -> None:
        self.db = db
        self.cache = cache

    @contextmanager
    def _case_edit(self, case_id: int) -> Iterator[Cursor]:
        """A write on one case's events; afterwards its key dates are recomputed in the same go."""
        with self.db.writing() as conn:
            cur = engine.row_cursor(conn)
            row = live_case(cur, case_id)
            # An unreadable case is not written over: the edit is refused before it starts.
            with reading_case(self.db.path, case_id, row):
                codec.stored_case(case_id, row, cur.execute(EVENT_SELECT, (case_id,)).fetchall())
            yield cur
            self.cache.recompute(cur, case_id)

    def _case_of(self, event_id: int) -> int:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT case_id FROM case_event WHERE id = ?", (event_id,)
            ).fetchone()
        if row is None:
            raise KeyError(event_id)
        return int(row[0])

    def add(self, case_id: int, event: Event, proof: NoticeProof | None = None) -> int:
        """Add one event at the end; returns its id. Key dates are recomputed."""
        with self._case_edit(case_id) as cur:
            position = cur.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM case_event WHERE case_id = ?",
                (case_id,),
            ).fetchone()[0]
            cur.execute(EVENT_INSERT, event_params(case_id, position, event, proof))
            event_id = engine.inserted_id(cur)
            change = (f"event {event_id}", None, codec.event_text(event, proof))
            audit.write(cur, now(), case_id, [change])
        log.info("case %s: event %s added", case_id, event_id)
        return event_id

    def update(self, event_id: int, event: Event, proof: NoticeProof | None = None) -> None:
        """Replace an event (and, for a notice, its proof unless `proof` is None)."""
        case_id = self._case_of(event_id)
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
            sql, params = update_sql(
                "case_event", codec.event_values(event) | codec.proof_values(new_proof)
            )
            cur.execute(sql, (*params, event_id))
            old_text = codec.event_text(old_event, old_proof)
            new_text = codec.event_text(event, new_proof)
            if old_text != new_text:
                audit.write(cur, now(), case_id, [(f"event {event_id}", old_text, new_text)])
        log.info("case %s: event %s updated", case_id, event_id)

    def delete(self, event_id: int) -> None:
        """Remove an event; key dates are recomputed."""
        case_id = self._case_of(event_id)
        with self._case_edit(case_id) as cur:
            row = cur.execute("SELECT * FROM case_event WHERE id = ?", (event_id,)).fetchone()
            if row is None:
                raise KeyError(event_id)
            cur.execute("DELETE FROM case_event WHERE id = ?", (event_id,))
            old = codec.event_text(codec.event_of(row), codec.proof_of(row))
            audit.write(cur, now(), case_id, [(f"event {event_id}", old, None)])
        log.info("case %s: event %s deleted", case_id, event_id)

    def set_notice_proof(self, event_id: int, proof: NoticeProof) -> None:
        """Record how a Notice of Default was sent and delivered (no dates depend on it)."""
        case_id = self._case_of(event_id)
        with self.db.writing() as conn:
            cur = engine.row_cursor(conn)
            row = cur.execute("SELECT * FROM case_event WHERE id = ?", (event_id,)).fetchone()
            if row is None or row["type"] != "notice":
                raise KeyError(event_id)
            case_row = live_case(cur, case_id)
            with reading_case(self.db.path, case_id, case_row):  # not written over if unreadable
                codec.stored_case(
                    case_id, case_row, cur.execute(EVENT_SELECT, (case_id,)).fetchall()
                )
            event, old = codec.event_of(row), codec.proof_of(row)
            if old == proof:
                return
            cur.execute(PROOF_UPDATE, proof_params(proof, event_id))
            change = (
                f"event {event_id}",
                codec.event_text(event, old),
                codec.event_text(event, proof),
            )
            audit.write(cur, now(), case_id, [change])
