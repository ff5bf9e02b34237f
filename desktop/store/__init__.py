"""The case store: SQLite through SQLModel, backups, migrations and the one case repository."""

from desktop.store.database import Database, open_database
from desktop.store.errors import Problem, StorageError
from desktop.store.records import (
    AuditEntry,
    CaseQuery,
    CaseRow,
    DocumentRecord,
    NoticeProof,
    SortKey,
    StoredCase,
)
from desktop.store.repository import PAGE_SIZE, CaseRepository
from desktop.store.schema import SCHEMA, Version

__all__ = [
    "PAGE_SIZE",
    "SCHEMA",
    "AuditEntry",
    "CaseQuery",
    "CaseRepository",
    "CaseRow",
    "Database",
    "DocumentRecord",
    "NoticeProof",
    "Problem",
    "SortKey",
    "StorageError",
    "StoredCase",
    "Version",
    "open_database",
]
