"""A case file: the core `Case` plus the personal details a Notice and the case list need.

The JSON form is the contract's case object with extra top-level keys (the core ignores them):
reference, v_number, ind_reference, applicant {name, date_of_birth, nationality, address},
co_applicants [{name, date_of_birth, nationality}], representative {name, organisation, address,
phone, email} or null, language ("nl"/"en"), notes, tags [..], archived, and the particulars a
letter needs (sponsor, family_members, purpose, ...: see desktop/core/particulars.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.errors import CaseInputError
from desktop.core.model import Case
from desktop.core.parse import case_to_contract, parse_case, parse_date
from desktop.core.particulars import Particulars, parse_particulars, particulars_to_json

MAX_TEXT = 100_000  # a pasted note may be long; anything longer is a mistake


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    date_of_birth: date | None = None
    nationality: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class Representative:
    name: str
    organisation: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class CaseFile:
    case: Case
    applicant: Person
    reference: str = ""
    v_number: str = ""
    ind_reference: str = ""
    co_applicants: tuple[Person, ...] = ()
    representative: Representative | None = None
    language: str = "nl"
    notes: str = ""
    tags: tuple[str, ...] = field(default=())
    archived: bool = False
    particulars: Particulars = field(default=Particulars())


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CaseInputError(None, f"{where}{key}", "expected text")
    if len(value) > MAX_TEXT:
        raise CaseInputError(None, f"{where}{key}", f"longer than {MAX_TEXT} characters")
    return value


def _person(data: object, where: str) -> Person:
    if not isinstance(data, Mapping):
        raise CaseInputError(None, where.rstrip("."), "expected an object with at least a name")
    raw_birth = data.get("date_of_birth")
    return Person(
        name=_text(data, "name", where),
        date_of_birth=None if raw_birth is None else parse_date(raw_birth, f"{where}date_of_birth"),
        nationality=_text(data, "nationality", where),
        address=_text(data, "address", where),
    )


def parse_case_file(data: object, index: int | None = None) -> CaseFile:
    """Validate a case object with personal fields; errors name the case index and field."""
    try:
        case = parse_case(data)
        assert isinstance(data, Mapping)  # parse_case checked it
        rep = data.get("representative")
        representative = None
        if rep is not None:
            if not isinstance(rep, Mapping):
                raise CaseInputError(None, "representative", "expected an object or null")
            representative = Representative(
                **{k: _text(rep, k, "representative.") for k in Representative.__slots__}
            )
        co = data.get("co_applicants") or []
        if not isinstance(co, list):
            raise CaseInputError(None, "co_applicants", "expected a list")
        tags = data.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise CaseInputError(None, "tags", "expected a list of texts")
        language = data.get("language") or "nl"
        if language not in ("nl", "en"):
            raise CaseInputError(None, "language", f"expected 'nl' or 'en', got {language!r}")
        archived = data.get("archived", False)
        if not isinstance(archived, bool):
            raise CaseInputError(None, "archived", "expected true or false")
        return CaseFile(
            case=case,
            applicant=_person(data.get("applicant") or {"name": ""}, "applicant."),
            reference=_text(data, "reference", ""),
            v_number=_text(data, "v_number", ""),
            ind_reference=_text(data, "ind_reference", ""),
            co_applicants=tuple(_person(p, f"co_applicants[{i}].") for i, p in enumerate(co)),
            representative=representative,
            language=language,
            notes=_text(data, "notes", ""),
            tags=tuple(tags),
            archived=archived,
            particulars=parse_particulars(data),
        )
    except CaseInputError as exc:
        raise exc.with_index(index) if index is not None else exc from None


def _person_json(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "nationality": person.nationality,
        "address": person.address,
    }


def case_file_to_json(case_file: CaseFile) -> dict[str, Any]:
    """The inverse of `parse_case_file` (lossless)."""
    out = case_to_contract(case_file.case)
    rep = case_file.representative
    out.update(
        reference=case_file.reference,
        v_number=case_file.v_number,
        ind_reference=case_file.ind_reference,
        applicant=_person_json(case_file.applicant),
        co_applicants=[_person_json(p) for p in case_file.co_applicants],
        representative=None
        if rep is None
        else {k: getattr(rep, k) for k in Representative.__slots__},
        language=case_file.language,
        notes=case_file.notes,
        tags=list(case_file.tags),
        archived=case_file.archived,
    )
    out.update(particulars_to_json(case_file.particulars))
    return out
