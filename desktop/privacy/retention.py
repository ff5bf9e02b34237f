"""Retention: closed cases older than the period the organisation set, listed for deletion.

A case is closed when it is archived or in the bin; its age is the time since its last change.
Nothing is deleted by this module on its own: `due` lists, the user confirms, and the caller
erases the confirmed ids (`erasure.erase_cases`), which logs the deletion without names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from desktop.store.repository import CaseRepository

SETTING = "privacy.retention_months"
DEFAULT_MONTHS = 24  # two years after closing: long enough for a late appeal or complaint
MAX_MONTHS = 1200


@dataclass(frozen=True, slots=True)
class DueCase:
    case_id: int
    reference: str
    applicant_name: str
    archived: bool
    deleted: bool
    last_change: date


def months(repo: CaseRepository) -> int:
    """The retention period in months; 0 means off (nothing is ever listed)."""
    raw = repo.get_setting(SETTING)
    if raw is None:
        return DEFAULT_MONTHS
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MONTHS
    return value if 0 <= value <= MAX_MONTHS else DEFAULT_MONTHS


def set_months(repo: CaseRepository, value: int) -> None:
    if not 0 <= value <= MAX_MONTHS:
        raise ValueError(f"expected 0 (off) to {MAX_MONTHS} months")
    repo.set_setting(SETTING, str(value))


def cutoff(today: date, period: int) -> date:
    """Cases last changed before this day are due."""
    return today - relativedelta(months=period)


def due(repo: CaseRepository, today: date, period: int | None = None) -> list[DueCase]:
    """Closed cases whose last change is more than the period ago, oldest first."""
    period = months(repo) if period is None else period
    if period <= 0:
        return []
    limit = cutoff(today, period).isoformat()
    with repo.db.reading() as conn:
        rows = conn.execute(
            "SELECT id, reference, applicant_name, archived, deleted, updated FROM case_file "
            "WHERE (archived = 1 OR deleted = 1) AND updated < ? ORDER BY updated, id",
            (limit,),
        ).fetchall()
    return [
        DueCase(
            int(r[0]),
            r[1] or "",
            r[2] or "",
            bool(r[3]),
            bool(r[4]),
            datetime.fromisoformat(str(r[5])).date(),
        )
        for r in rows
    ]
