"""The one repository the GUI and CLI share: one face over the store's parts.

The work is done by one collaborator per concern, each usable on its own: the case list
(`caselist.CaseList`), whole cases (`cases.Cases`), events (`events.Events`), settings and the
pending-legislation flags (`settings.Settings`), the audit log and documents
(`audit.AuditTrail`) and the cached key dates (`keycache.KeyDateCache`). They share one
`Database` and one `KeyDateSource`, so flags switched through one are seen by the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.casefile import CaseFile
from desktop.core.model import Event, KeyDates
from desktop.store.audit import AuditTrail
from desktop.store.caselist import PAGE_SIZE, CaseList
from desktop.store.cases import Cases
from desktop.store.database import Database
from desktop.store.events import Events
from desktop.store.keycache import KeyDateCache
from desktop.store.keydates import KeyDateSource
from desktop.store.records import (
    AuditEntry,
    CaseQuery,
    CaseRow,
    DocumentRecord,
    NoticeProof,
    StoredCase,
)
from desktop.store.settings import FLAGS_SETTING, Settings
from desktop.store.snapshot import CachedCase

if TYPE_CHECKING:
    from desktop.core.rulepack import RulePack

__all__ = ["FLAGS_SETTING", "PAGE_SIZE", "CaseRepository"]  # FLAGS_SETTING, PAGE_SIZE: the window


class CaseRepository:
    """Every read and write of cases goes through here; each write is one IMMEDIATE transaction.

    Methods raise `StorageError` for the environment's faults (disk full, read-only, locked) and
    `KeyError` for an unknown (or deleted) case or event id. Reads never see half a save.
    """

    def __init__(self, db: Database, rules: RulePack | None = None) -> None:
        self.db = db
        self.key_dates = KeyDateSource(rules)
        self.settings = Settings(db)
        self.trail = AuditTrail(db)
        self.cache = KeyDateCache(db, self.key_dates, self.settings)
        self.cases = Cases(db, self.cache)
        self.events = Events(db, self.cache)
        # Through a lambda: a test (or a frozen clock) may replace `today` on this instance.
        self.listing = CaseList(db, lambda: self.today())

    def today(self) -> date:
        return date.today()

    # ------------------------------------------------------------------ the case list

    def ordered_ids(self, query: CaseQuery) -> list[int]:
        """All case ids the query matches, in display order (search, filter, sort done in SQL)."""
        return self.listing.ordered_ids(query)

    def rows(self, ids: Sequence[int], today: date | None = None) -> dict[int, CaseRow]:
        """List rows for up to a page of ids (any order), keyed by id; unknown ids are absent."""
        return self.listing.rows(ids, today)

    def count(self, *, include_archived: bool = True) -> int:
        """How many (not deleted) cases there are."""
        return self.listing.count(include_archived=include_archived)

    # ------------------------------------------------------------------ cases

    def get(self, case_id: int, *, include_deleted: bool = False) -> StoredCase:
        return self.cases.get(case_id, include_deleted=include_deleted)

    def save(
        self,
        case_file: CaseFile,
        case_id: int | None = None,
        *,
        notice_proofs: Mapping[int, NoticeProof] | None = None,
    ) -> int:
        """Insert (case_id None) or update a case; returns its id (see `Cases.save`)."""
        return self.cases.save(case_file, case_id, notice_proofs=notice_proofs)

    def save_many(
        self,
        case_files: Iterable[CaseFile],
        notice_proofs: Sequence[Mapping[int, NoticeProof]] | None = None,
        *,
        compute: bool = True,
    ) -> list[int]:
        """Insert new cases in one transaction, all or nothing; returns their ids."""
        return self.cases.save_many(case_files, notice_proofs, compute=compute)

    def archive(self, case_id: int, archived: bool = True) -> None:
        self.cases.set_flag(case_id, "archived", archived, deleted_ok=False)

    def delete(self, case_id: int) -> None:
        """Move a case to the bin (soft delete): hidden everywhere until `undelete` or `purge`."""
        self.cases.set_flag(case_id, "deleted", True, deleted_ok=False)

    def undelete(self, case_id: int) -> None:
        self.cases.set_flag(case_id, "deleted", False, deleted_ok=True)

    def purge(self, case_id: int) -> None:
        """Remove a deleted case for good, with its events, documents and audit rows."""
        self.cases.purge(case_id)

    def deleted_ids(self) -> list[int]:
        return self.cases.deleted_ids()

    # ------------------------------------------------------------------ events

    def add_event(self, case_id: int, event: Event, proof: NoticeProof | None = None) -> int:
        """Add one event at the end; returns its id. Key dates are recomputed."""
        return self.events.add(case_id, event, proof)

    def update_event(self, event_id: int, event: Event, proof: NoticeProof | None = None) -> None:
        """Replace an event (and, for a notice, its proof unless `proof` is None)."""
        self.events.update(event_id, event, proof)

    def delete_event(self, event_id: int) -> None:
        self.events.delete(event_id)

    def set_notice_proof(self, event_id: int, proof: NoticeProof) -> None:
        self.events.set_notice_proof(event_id, proof)

    # ------------------------------------------------------------------ audit, documents

    def audit(self, case_id: int) -> list[AuditEntry]:
        """The case's change log, oldest first."""
        return self.trail.entries(case_id)

    def record_document(
        self, case_id: int, kind: str, language: str, content: bytes, file_name: str = ""
    ) -> DocumentRecord:
        """Remember that a document was generated (its SHA-256, not the file itself)."""
        return self.trail.record_document(case_id, kind, language, content, file_name)

    def documents(self, case_id: int) -> list[DocumentRecord]:
        return self.trail.documents(case_id)

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.settings.set(key, value)

    def flags(self) -> frozenset[str]:
        """The pending legislation the user switched on (cached key dates are computed with it)."""
        return self.settings.flags()

    def set_flags(self, flags: Iterable[str]) -> None:
        """Switch flags; every case cached with other flags is then stale (`refresh_key_dates`)."""
        self.settings.set_flags(flags)

    # ------------------------------------------------------------------ computed dates

    def stale_count(self) -> int:
        """Cases whose cached key dates came from another rule pack or other flags (or none)."""
        return self.cache.stale_count()

    def refresh_key_dates(
        self,
        *,
        all_cases: bool = False,
        batch: int = 500,
        progress: Callable[[int, int], None] | None = None,
        observe: Callable[[CachedCase, KeyDates | None], None] | None = None,
    ) -> int:
        """Recompute stale cached key dates (after a rule-pack or flag change); returns how many.

        `observe(was, new)`: each case whose key dates change, as it is recomputed.
        """
        return self.cache.refresh(
            all_cases=all_cases, batch=batch, progress=progress, observe=observe
        )
