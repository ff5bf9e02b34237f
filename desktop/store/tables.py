"""SQLModel tables of schema 1.3: cases, events, proofs, documents, settings, audit, calendar."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Table
from sqlmodel import Field, SQLModel

# Tables of their own metadata, so nothing else that uses SQLModel can add to our schema.
metadata = MetaData()


class _Base(SQLModel):
    metadata = metadata


def _case_fk() -> Column[int]:
    # ON DELETE CASCADE: purging a case removes every row that holds its personal data.
    return Column(Integer, ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False)


class CaseTable(_Base, table=True):
    """One case file: personal fields, the core's anchor dates, cached key dates for the list."""

    __tablename__ = "case_file"
    __table_args__ = (
        # Sort indexes lead with the list's filters; the rowid (id) is their last column, so
        # `ORDER BY key, id` reads them in order. search_text rides along in the name index:
        # a LIKE search scans that small index instead of the whole table.
        Index("ix_case_name_key", "deleted", "archived", "name_key", "search_text"),
        Index("ix_case_v_number", "deleted", "archived", "v_number"),
        Index("ix_case_reference", "deleted", "archived", "reference"),
        Index("ix_case_received", "deleted", "archived", "received"),
        Index("ix_case_updated", "deleted", "archived", "updated"),
        # Covers the next-step CASE expressions (listing.py), so next-step sorts skip the table.
        Index(
            "ix_case_next_step",
            "deleted",
            "archived",
            "kd_safe_notice_receipt",
            "kd_notice_state",
            "kd_window_last",
            "kd_certain_from",
            "kd_penalty_applies",
            "kd_day_42",
            "kd_claim_due",
            "kd_penalty_fixed",
            "kd_decided",
            "kd_remedy_until",
            "procedure",
        ),
        Index("ix_case_kd_rules", "kd_rules"),
        # AUTOINCREMENT: a case id (the only thing logs name) never comes back for another case.
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = ""
    v_number: str = ""
    ind_reference: str = ""
    procedure: str
    received: date | None = None
    objected_decision_sent: date | None = None
    ind_stated_end: date | None = None
    applicant_name: str = ""
    applicant_birth: date | None = None
    applicant_nationality: str = ""
    applicant_address: str = ""
    co_applicants: str = "[]"  # JSON list of persons, as in the export format
    representative: str | None = None  # JSON object, or NULL for none
    language: str = "nl"
    notes: str = ""
    tags: str = "[]"  # JSON list of texts
    archived: bool = False
    deleted: bool = False  # in the bin: hidden until restored or purged
    created: datetime
    updated: datetime
    # Written on save: casefolded, diacritics stripped, so LIKE finds "sukru" in "Şükrü".
    search_text: str = ""
    name_key: str = ""  # the folded applicant name: sorts "Çelik" with the Cs, not after Z
    # Cached inputs of the core's next step (desktop.core.model.KeyDates); NULL when not
    # computable. kd_rules names the cache format, the rule pack and the switched-on flags they
    # came from: another key means recompute. Columns after kd_decided came with schema 1.1
    # (ALTER TABLE appends, so they stay last here to match a migrated file).
    kd_rules: str = ""
    kd_safe_notice_receipt: date | None = None
    kd_notice_received: date | None = None
    kd_certain_from: date | None = None
    kd_penalty_applies: bool = False
    kd_day_42: date | None = None
    kd_decided: date | None = None
    kd_notice_state: str | None = None  # desktop.core.model.NoticeState
    kd_window_last: date | None = None
    kd_claim_due: date | None = None
    kd_penalty_fixed: date | None = None
    kd_remedy_until: date | None = None
    kd_provisional: bool | None = None
    # Schema 1.3: what letters print beyond the dates (sponsor, family members, purpose, the
    # contested decision's reference...), as the JSON object of desktop.core.particulars; NULL
    # for none given.
    particulars: str | None = None


class EventTable(_Base, table=True):
    """One event of the contract; columns unused by its type stay NULL."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_event_case", "case_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_case_fk())
    position: int  # the order the user entered them in (export keeps it)
    type: str  # extension, info_request, pause, appointment, notice, decision, mvv_granted
    day: date  # the date that places the event (sent, from, date, received, notified)
    months: int | None = None
    weeks: int | None = None
    basis: str | None = None
    deadline: date | None = None
    completed: date | None = None
    until: date | None = None
    kind: str | None = None
    attended: bool | None = None
    rescheduled_to: date | None = None
    excuse: str | None = None
    # Proof of receipt of a Notice of Default (type "notice").
    posted: date | None = None
    tracking_number: str | None = None
    fax_report: str | None = None
    delivered: date | None = None


class DocumentTable(_Base, table=True):
    """A generated document: which, in which language, when, and the SHA-256 of its bytes."""

    __tablename__ = "document"
    __table_args__ = (Index("ix_document_case", "case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_case_fk())
    kind: str
    language: str
    created: datetime
    sha256: str
    file_name: str = ""


class SettingTable(_Base, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class AuditTable(_Base, table=True):
    """Which field of which case changed when, from what to what (the caseworker's evidence)."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_case", "case_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime  # UTC
    case_id: int = Field(sa_column=_case_fk())
    field: str
    old: str | None = None
    new: str | None = None


class CalendarEventTable(_Base, table=True):
    """What the calendar feed last published for one date of a case (schema 1.2).

    Keeps a re-imported feed updating in place: the UID comes from (case, kind), SEQUENCE goes up
    when the date or its wording changes, and a date that disappears is published as cancelled.
    """

    __tablename__ = "calendar_event"

    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True)
    )
    kind: str = Field(primary_key=True)  # desktop.feed.plan: "notice", "window", "proof-2", …
    day: date
    sequence: int
    digest: str  # of the date and the core's wording in both languages
    cancelled: bool
    changed: datetime  # UTC: the last revision (DTSTAMP, LAST-MODIFIED)


class CalendarSnoozeTable(_Base, table=True):
    """Reminders for a case are snoozed up to and including `until` (schema 1.2)."""

    __tablename__ = "calendar_snooze"

    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True)
    )
    until: date


def table(model: type[SQLModel]) -> Table:
    """The Core table of a model (SQLModel types `__table__` loosely)."""
    result = model.__table__  # type: ignore[attr-defined]
    assert isinstance(result, Table)
    return result
