"""Plain values the repository hands to the GUI and CLI: queries, list rows, stored cases, audit."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from desktop.core.casefile import CaseFile
from desktop.core.model import KeyDates, NextCode, Procedure
from desktop.store.damage import UnreadableCaseError

SortKey = Literal[
    "applicant",
    "v_number",
    "reference",
    "procedure",
    "next_step",
    "next_date",
    "received",
    "updated",
]
SORT_KEYS: tuple[SortKey, ...] = (
    "applicant",
    "v_number",
    "reference",
    "procedure",
    "next_step",
    "next_date",
    "received",
    "updated",
)


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """What the case list shows: a search, filters and one sort key (ties broken by id).

    `archived=None` shows archived and active cases, `False` only active, `True` only archived.
    `today=None` means the local date when the query runs (the next step depends on it).
    """

    text: str = ""
    procedure: Procedure | None = None
    next_code: NextCode | None = None
    archived: bool | None = False
    sort_key: SortKey = "applicant"
    descending: bool = False
    today: date | None = None

    def sorted_by(self, sort_key: SortKey, descending: bool = False) -> CaseQuery:
        return dataclasses.replace(self, sort_key=sort_key, descending=descending)

    def searching(self, text: str) -> CaseQuery:
        return dataclasses.replace(self, text=text)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case list: the core's next step (None when it could not be computed)."""

    id: int
    reference: str
    applicant_name: str
    v_number: str
    procedure: Procedure | None  # None when unreadable (then `damage` says why)
    next_code: NextCode | None
    next_date: date | None
    archived: bool
    received: date | None = None
    # Set when the case cannot be read (str() is the message for the user, with what to do):
    # the row stays in the list, under the next step its cached key dates (if readable) give.
    damage: UnreadableCaseError | None = None


@dataclass(frozen=True, slots=True)
class NoticeProof:
    """Proof that a Notice of Default reached the IND: how and when it was sent and delivered."""

    posted: date | None = None
    tracking_number: str = ""  # registered mail (aangetekend) track-and-trace code
    fax_report: str = ""  # the fax transmission report's reference or text
    delivered: date | None = None  # the delivery date the tracking or fax report shows

    @property
    def empty(self) -> bool:
        return self == NoticeProof()


@dataclass(frozen=True, slots=True)
class StoredCase:
    """A case as saved: the case file, the id of each event (same order), proofs by event id."""

    id: int
    case_file: CaseFile
    event_ids: tuple[int, ...]
    notice_proofs: dict[int, NoticeProof]
    key_dates: KeyDates | None  # None when the core could not compute this case
    rules: str  # cache format, rule pack (+ flags) of the key dates: "kd2:nl-2026.11+bill_36349"
    created: datetime
    updated: datetime
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: when (UTC), which case, which field, the old and new value as text."""

    id: int
    at: datetime
    case_id: int
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A generated document (Notice, checklist): kind, language, date and the file's SHA-256."""

    id: int
    case_id: int
    kind: str
    language: str
    created: datetime
    sha256: str
    file_name: str = ""
