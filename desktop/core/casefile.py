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
from enum import StrEnum
from typing import Any

from desktop.core.errors import CaseInputError, quote
from desktop.core.limits import BIRTH_EARLIEST, MAX_CO_APPLICANTS, MAX_TAGS, check_text
from desktop.core.model import Case
from desktop.core.parse import case_to_contract, parse_case, parse_date
from desktop.core.particulars import Particulars, parse_particulars, particulars_to_json


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    date_of_birth: date | None = None
    nationality: str = ""
    address: str = ""


class Relation(StrEnum):
    """Who the applicant is to a representative who is not a professional.

    WIFE: the applicant is the representative's wife, so the letter says "namens mijn
    echtgenote, …" rather than "namens mijn cliënt, …" (which is for a professional only).
    """

    WIFE = "wife"
    HUSBAND = "husband"
    PARTNER = "partner"
    MOTHER = "mother"
    FATHER = "father"
    DAUGHTER = "daughter"
    SON = "son"
    SISTER = "sister"
    BROTHER = "brother"
    FAMILY = "family"  # another family member


@dataclass(frozen=True, slots=True)
class Representative:
    name: str
    organisation: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    relation: Relation | None = None  # None: a professional, or not said


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


def _text(data: Mapping[str, Any], key: str, where: str, limit: str | None = None) -> str:
    """Optional text (absent or null is empty), within its field's length limit."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CaseInputError(None, f"{where}{key}", f"expected text, got {quote(value)}")
    return check_text(value, f"{where}{key}", limit or key)


def _relation(value: object) -> Relation | None:
    if value is None or value == "":
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return Relation(value)
    except ValueError:
        known = ", ".join(r.value for r in Relation)
        raise CaseInputError(
            None, "representative.relation", f"{quote(value, 30)}: expected one of {known} or null"
        ) from None


def representative_to_json(rep: Representative) -> dict[str, Any]:
    """The JSON object of a representative (the export's and the store's form)."""
    out: dict[str, Any] = {k: getattr(rep, k) for k in Representative.__slots__}
    out["relation"] = None if rep.relation is None else rep.relation.value
    return out


def representative_of(data: Mapping[str, Any]) -> Representative:
    """A representative from the JSON `representative_to_json` wrote (the store trusts it)."""
    relation = data.get("relation")
    return Representative(
        **{k: data.get(k) or "" for k in Representative.__slots__ if k != "relation"},
        relation=Relation(relation) if relation else None,
    )


def _list(data: Mapping[str, Any], key: str, most: int) -> list[Any]:
    """An optional list (absent or null is empty) of at most `most` items."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseInputError(None, key, f"expected a list, got {quote(value)}")
    if len(value) > most:
        raise CaseInputError(None, key, f"{len(value):,} items, at most {most} fit")
    return value


def _person(data: object, where: str) -> Person:
    if not isinstance(data, Mapping):
        raise CaseInputError(
            None, where.rstrip("."), f"expected an object with a name, got {quote(data)}"
        )
    raw_birth = data.get("date_of_birth")
    born = None
    if raw_birth is not None:
        born = parse_date(raw_birth, f"{where}date_of_birth", BIRTH_EARLIEST)
    return Person(
        name=_text(data, "name", where),
        date_of_birth=born,
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
                raise CaseInputError(
                    None, "representative", f"expected an object or null, got {quote(rep)}"
                )
            texts = [k for k in Representative.__slots__ if k != "relation"]
            representative = Representative(
                **{k: _text(rep, k, "representative.") for k in texts},
                relation=_relation(rep.get("relation")),
            )
        co = _list(data, "co_applicants", MAX_CO_APPLICANTS)
        tags = _list(data, "tags", MAX_TAGS)
        for i, tag in enumerate(tags):
            if not isinstance(tag, str):
                raise CaseInputError(None, f"tags[{i}]", f"expected text, got {quote(tag)}")
            check_text(tag, f"tags[{i}]", "tag")
        # null is "not given", as for every optional field
        language = "nl" if data.get("language") is None else data["language"]
        if language not in ("nl", "en"):
            raise CaseInputError(None, "language", f"expected 'nl' or 'en', got {quote(language)}")
        archived = False if data.get("archived") is None else data["archived"]
        if not isinstance(archived, bool):
            raise CaseInputError(None, "archived", f"expected true or false, got {quote(archived)}")
        applicant = data.get("applicant")
        return CaseFile(
            case=case,
            applicant=_person({"name": ""} if applicant is None else applicant, "applicant."),
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
        representative=None if rep is None else representative_to_json(rep),
        language=case_file.language,
        notes=case_file.notes,
        tags=list(case_file.tags),
        archived=case_file.archived,
    )
    out.update(particulars_to_json(case_file.particulars))
    return out
