"""What a letter needs beyond the dates: sponsor, family members, purpose, the contested decision.

These are the case file's *particulars*: the core never reads them; the letters print them and
the documents refuse or warn when one a procedure needs is missing. In the JSON case format they
are top-level keys beside `applicant` (see docs/case-format.md):

    sponsor               {name, v_number} or null: the referent in a nareis or family case
    family_members        [{name, date_of_birth, v_number, relation}]: each person the
                          application is for (nareis, family reunification)
    purpose               text: the purpose of stay applied for ("verblijf bij partner")
    application_kind      "first" | "extension" | "change" | null (regular permits)
    objected_decision_reference   text: the IND's reference of the contested decision
    objection_lodged      date: the day the objection (bezwaarschrift) was sent
    send_by_fax           true | false: the Notice also goes by fax ("Aangetekend en per fax")
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.core.errors import CaseInputError, quote
from desktop.core.limits import BIRTH_EARLIEST, check_text
from desktop.core.parse import parse_date

MAX_FAMILY_MEMBERS = 50  # a family is a handful; the list must fit a letter's appendix


class ApplicationKind(StrEnum):
    """Whether a regular application is a first one, an extension or a change of purpose."""

    FIRST = "first"
    EXTENSION = "extension"
    CHANGE = "change"


@dataclass(frozen=True, slots=True)
class Sponsor:
    """The referent: the person in the Netherlands the application rests on."""

    name: str
    v_number: str = ""


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """One person a nareis or family application is for; each has a V-number of their own."""

    name: str
    date_of_birth: date | None = None
    v_number: str = ""
    relation: str = ""  # "echtgenote", "zoon": as the applicant writes it


@dataclass(frozen=True, slots=True)
class Particulars:
    sponsor: Sponsor | None = None
    family_members: tuple[FamilyMember, ...] = ()
    purpose: str = ""
    application_kind: ApplicationKind | None = None
    objected_decision_reference: str = ""
    objection_lodged: date | None = None
    send_by_fax: bool = False


KEYS = (
    "sponsor",
    "family_members",
    "purpose",
    "application_kind",
    "objected_decision_reference",
    "objection_lodged",
    "send_by_fax",
)


def _text(data: Mapping[str, Any], key: str, where: str, limit: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CaseInputError(None, f"{where}{key}", f"expected text, got {quote(value)}")
    # The one table of text limits (desktop/core/limits.py): one line of a letter each.
    return check_text(value, f"{where}{key}", limit)


def _sponsor(raw: object) -> Sponsor | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise CaseInputError(None, "sponsor", "expected an object {name, v_number} or null")
    return Sponsor(
        name=_text(raw, "name", "sponsor.", "name"),
        v_number=_text(raw, "v_number", "sponsor.", "v_number"),
    )


def _member(raw: object, where: str) -> FamilyMember:
    if not isinstance(raw, Mapping):
        raise CaseInputError(None, where.rstrip("."), "expected an object with a name")
    birth = raw.get("date_of_birth")
    return FamilyMember(
        name=_text(raw, "name", where, "name"),
        date_of_birth=None
        if birth is None
        else parse_date(birth, f"{where}date_of_birth", BIRTH_EARLIEST),
        v_number=_text(raw, "v_number", where, "v_number"),
        relation=_text(raw, "relation", where, "relation"),
    )


def parse_particulars(data: Mapping[str, Any]) -> Particulars:
    """Read the particulars from a case object; errors name the field."""
    members = data.get("family_members")
    if members is None:
        members = []
    if not isinstance(members, list):
        raise CaseInputError(None, "family_members", "expected a list")
    if len(members) > MAX_FAMILY_MEMBERS:
        raise CaseInputError(
            None, "family_members", f"{len(members):,} items, at most {MAX_FAMILY_MEMBERS} fit"
        )
    raw_kind = data.get("application_kind")
    kind = None
    if raw_kind is not None:
        try:
            kind = ApplicationKind(raw_kind)
        except ValueError:
            known = ", ".join(k.value for k in ApplicationKind)
            raise CaseInputError(
                None, "application_kind", f"{quote(raw_kind, 30)}: expected one of {known} or null"
            ) from None
    lodged = data.get("objection_lodged")
    fax = data.get("send_by_fax")
    if fax is not None and not isinstance(fax, bool):
        raise CaseInputError(None, "send_by_fax", "expected true or false")
    return Particulars(
        sponsor=_sponsor(data.get("sponsor")),
        family_members=tuple(_member(m, f"family_members[{i}].") for i, m in enumerate(members)),
        purpose=_text(data, "purpose", "", "purpose"),
        application_kind=kind,
        objected_decision_reference=_text(data, "objected_decision_reference", "", "reference"),
        objection_lodged=None if lodged is None else parse_date(lodged, "objection_lodged"),
        send_by_fax=bool(fax),
    )


def particulars_to_json(found: Particulars) -> dict[str, Any]:
    """The inverse of `parse_particulars` (lossless): the top-level keys of a case object."""
    sponsor = found.sponsor
    kind = found.application_kind
    return {
        "sponsor": None
        if sponsor is None
        else {"name": sponsor.name, "v_number": sponsor.v_number},
        "family_members": [
            {
                "name": m.name,
                "date_of_birth": m.date_of_birth.isoformat() if m.date_of_birth else None,
                "v_number": m.v_number,
                "relation": m.relation,
            }
            for m in found.family_members
        ],
        "purpose": found.purpose,
        "application_kind": None if kind is None else kind.value,
        "objected_decision_reference": found.objected_decision_reference,
        "objection_lodged": found.objection_lodged.isoformat() if found.objection_lodged else None,
        "send_by_fax": found.send_by_fax,
    }
