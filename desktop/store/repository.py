"""The one repository the GUI and CLI share: list, get, save, archive, events, audit, settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from desktop.core.casefile import CaseFile
from desktop.core.model import Event
from desktop.store.database import Database
from desktop.store.records import (
    AuditEntry,
    CaseQuery,
    CaseRow,
    DocumentRecord,
    NoticeProof,
    StoredCase,
)

PAGE_SIZE = 200


class CaseRepository:
    """Every read and write of cases goes through here; each write is one IMMEDIATE transaction.

    Methods raise `StorageError` for the environment's faults (disk full, read-only, locked) and
    `KeyError` for an unknown (or deleted) case or event id.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------ the case list

    def ordered_ids(self, query: CaseQuery) -> list[int]:
        """All case ids the query matches, in display order (search, filter, sort done in SQL)."""
        raise NotImplementedError

    def rows(self, ids: Sequence[int]) -> dict[int, CaseRow]:
        """List rows for up to a page of ids (any order), keyed by id; unknown ids are absent."""
        raise NotImplementedError

    def count(self, *, include_archived: bool = True) -> int:
        """How many (not deleted) cases there are."""
        raise NotImplementedError

    # ------------------------------------------------------------------ one case

    def get(self, case_id: int) -> StoredCase:
        raise NotImplementedError

    def save(
        self,
        case_file: CaseFile,
        case_id: int | None = None,
        *,
        notice_proofs: dict[int, NoticeProof] | None = None,
    ) -> int:
        """Insert (case_id None) or update a case; returns its id.

        Events are matched to the stored ones by value: unchanged events keep their id (and
        proof), removed ones are deleted, new ones inserted. `notice_proofs` is keyed by the
        index of the notice event in `case_file.case.events`. Every changed field gets an audit
        row; key dates are recomputed and cached.
        """
        raise NotImplementedError

    def save_many(self, case_files: Iterable[CaseFile]) -> list[int]:
        """Insert many new cases in one transaction (import): all or nothing."""
        raise NotImplementedError

    def archive(self, case_id: int, archived: bool = True) -> None:
        raise NotImplementedError

    def delete(self, case_id: int) -> None:
        """Move a case to the bin (soft delete): hidden everywhere until `undelete` or `purge`."""
        raise NotImplementedError

    def undelete(self, case_id: int) -> None:
        raise NotImplementedError

    def purge(self, case_id: int) -> None:
        """Remove a deleted case for good, with its events, documents and audit rows."""
        raise NotImplementedError

    def deleted_ids(self) -> list[int]:
        raise NotImplementedError

    # ------------------------------------------------------------------ events

    def add_event(self, case_id: int, event: Event, proof: NoticeProof | None = None) -> int:
        """Add one event; returns its id. Key dates are recomputed."""
        raise NotImplementedError

    def update_event(self, event_id: int, event: Event, proof: NoticeProof | None = None) -> None:
        raise NotImplementedError

    def delete_event(self, event_id: int) -> None:
        raise NotImplementedError

    def set_notice_proof(self, event_id: int, proof: NoticeProof) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ audit, documents

    def audit(self, case_id: int) -> list[AuditEntry]:
        """The case's change log, oldest first."""
        raise NotImplementedError

    def record_document(
        self, case_id: int, kind: str, language: str, content: bytes, file_name: str = ""
    ) -> DocumentRecord:
        """Remember that a document was generated (its SHA-256, not the file itself)."""
        raise NotImplementedError

    def documents(self, case_id: int) -> list[DocumentRecord]:
        raise NotImplementedError

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        raise NotImplementedError

    def set_setting(self, key: str, value: str) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ computed dates

    def stale_count(self) -> int:
        """Cases whose cached key dates came from another rule pack (or none)."""
        raise NotImplementedError

    def refresh_key_dates(self, *, all_cases: bool = False) -> int:
        """Recompute stale cached key dates (after a rule-pack change); returns how many."""
        raise NotImplementedError

    def today(self) -> date:
        return date.today()
