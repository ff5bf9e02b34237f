"""A case's paper trail: which field changed when, from what to what; the documents made for it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from desktop.store import codec, engine
from desktop.store.database import Database
from desktop.store.engine import Connection, Cursor
from desktop.store.records import AuditEntry, DocumentRecord
from desktop.store.statements import live_case, now

Change = tuple[str, str | None, str | None]  # field, old value, new value (as text)
_INSERT = "INSERT INTO audit (at, case_id, field, old, new) VALUES (?, ?, ?, ?, ?)"


def write(cur: Cursor, moment: datetime, case_id: int, changes: Iterable[Change]) -> None:
    """Audit rows for `changes`, inside the transaction that made them."""
    at = codec.stamp(moment)
    cur.executemany(_INSERT, [(at, case_id, field, old, new) for field, old, new in changes])


def write_rows(
    conn: Connection, rows: Iterable[tuple[str, int, str, str | None, str | None]]
) -> None:
    """Audit rows already made up (at, case id, field, old, new), for a bulk insert."""
    conn.executemany(_INSERT, rows)


class AuditTrail:
    """Reads the change log and records generated documents (their SHA-256, not the files)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def entries(self, case_id: int) -> list[AuditEntry]:
        """The case's change log, oldest first."""
        with self.db.reading() as conn:
            rows = (
                engine.row_cursor(conn)
                .execute("SELECT * FROM audit WHERE case_id = ? ORDER BY id", (case_id,))
                .fetchall()
            )
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
        moment = now()
        digest = hashlib.sha256(content).hexdigest()
        with self.db.writing() as conn:
            cur = engine.row_cursor(conn)
            live_case(cur, case_id)
            cur.execute(
                "INSERT INTO document (case_id, kind, language, created, sha256, file_name) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (case_id, kind, language, codec.stamp(moment), digest, file_name),
            )
            doc_id = engine.inserted_id(cur)
        return DocumentRecord(doc_id, case_id, kind, language, moment, digest, file_name)

    def documents(self, case_id: int) -> list[DocumentRecord]:
        """The documents generated for a case, oldest first."""
        with self.db.reading() as conn:
            rows = (
                engine.row_cursor(conn)
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
