"""The right of access: everything Termijn holds about one person, as one JSON document.

For a case the person applied in: the whole case (as exported), its audit rows and its document
records. For someone else's case they appear in (as a family member, sponsor...): their own
record, the case's reference, procedure and events, and the audit rows that mention them; the
other people in that case are not theirs to receive. Termijn keeps a document's name and sha256,
not the file: the report says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from desktop.privacy.erasure import backups_holding, describes, erasure_log
from desktop.privacy.person import Appearance, Role, Subject, case_json, find
from desktop.store.repository import CaseRepository
from desktop.store.search import fold

FORMAT = "termijn-access-report"
VERSION = 1

_ROLE_KEYS = {
    Role.CO_APPLICANT: "co_applicants",
    Role.FAMILY_MEMBER: "family_members",
}


@dataclass(frozen=True, slots=True)
class Report:
    data: dict[str, Any]

    @property
    def cases(self) -> list[dict[str, Any]]:
        cases: list[dict[str, Any]] = self.data["cases"]
        return cases


def _own_record(case: dict[str, Any], appearance: Appearance) -> dict[str, Any]:
    if appearance.role is Role.SPONSOR:
        return dict(case.get("sponsor") or {})
    if appearance.role is Role.REPRESENTATIVE:
        return dict(case.get("representative") or {})
    items = case.get(_ROLE_KEYS[appearance.role]) or []
    return dict(items[appearance.index]) if appearance.index < len(items) else {}


def _mentions(text: str | None, subject: Subject) -> bool:
    if not text:
        return False
    folded = fold(text)
    return any(fold(ident) in folded for ident in subject.identifiers())


def _their_part(text: str | None, subject: Subject) -> Any:
    """Of an audit value in someone else's case: only the records that describe the person.

    A JSON value (a case, a list of family members) yields the person's own objects; a plain
    text that names them is theirs as it stands; anything else is not about them (None).
    """
    if not _mentions(text, subject):
        return None
    assert text is not None
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if not isinstance(value, dict | list):
        return text
    found: list[dict[str, Any]] = []
    _collect(value, subject, found)
    return found


def _collect(value: Any, subject: Subject, found: list[dict[str, Any]]) -> None:
    if isinstance(value, dict):
        if isinstance(value.get("name"), str) and describes(value, subject):
            found.append(value)
            return
        for item in value.values():
            _collect(item, subject, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, subject, found)


def build(
    repo: CaseRepository,
    subject: Subject,
    *,
    backups: Any = None,
    now: datetime | None = None,
) -> Report:
    """The access report; `backups` (a folder) adds the backups that still hold the person."""
    appearances = find(repo, subject)
    by_case: dict[int, list[Appearance]] = {}
    for appearance in appearances:
        by_case.setdefault(appearance.case_id, []).append(appearance)
    cases = []
    for case_id, found in by_case.items():
        case = case_json(repo, case_id)
        roles = sorted({a.role.value for a in found})
        applicant = any(a.role is Role.APPLICANT for a in found)
        audit = [
            {
                "at": entry.at.isoformat(timespec="seconds"),
                "field": entry.field,
                "old": entry.old if applicant else _their_part(entry.old, subject),
                "new": entry.new if applicant else _their_part(entry.new, subject),
            }
            for entry in repo.audit(case_id)
            if applicant or _mentions(entry.old, subject) or _mentions(entry.new, subject)
        ]
        documents = [
            {
                "kind": d.kind,
                "language": d.language,
                "created": d.created.isoformat(timespec="seconds"),
                "file_name": d.file_name,
                "sha256": d.sha256,
            }
            for d in repo.documents(case_id)
        ]
        entry: dict[str, Any] = {
            "case_id": case_id,
            "roles": roles,
            "in_bin": found[0].deleted,
            "archived": found[0].archived,
        }
        if applicant:
            entry["case"] = case
        else:
            entry["case"] = {
                k: case.get(k) for k in ("reference", "procedure", "received", "events")
            }
            entry["records"] = [_own_record(case, a) for a in found]
        entry["audit"] = audit
        entry["documents"] = documents
        cases.append(entry)
    held = []
    if backups is not None:
        held = [
            {
                "file": b.path.name,
                "made": b.made.isoformat(),
                "expires": b.expires.isoformat() if b.expires else None,
                "cases": b.cases,
            }
            for b in backups_holding(backups, subject, repo.db.key)
        ]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "generated": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "subject": {
            "name": subject.name,
            "v_number": subject.v_number,
            "date_of_birth": subject.born.isoformat() if subject.born else None,
        },
        "cases": cases,
        "backups": held,
        "erasures_logged": len(erasure_log(repo)),
        "note": "Termijn keeps the name and sha256 of a document it made, not the document.",
    }
    return Report(data)


def summary_rows(report: Report) -> list[tuple[int, str, str, int, int, int]]:
    """(case id, roles, reference, events, audit rows, documents) per case, for the PDF."""
    rows = []
    for entry in report.cases:
        case = entry["case"]
        rows.append(
            (
                int(entry["case_id"]),
                ", ".join(entry["roles"]),
                str(case.get("reference") or ""),
                len(case.get("events") or []),
                len(entry["audit"]),
                len(entry["documents"]),
            )
        )
    return rows


def born(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
