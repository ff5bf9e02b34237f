"""Who a request is about, and every place Termijn holds them: cases, roles, the bin included.

A person is named by their name and/or V-number, optionally a date of birth. They may be the
applicant of a case, a co-applicant, a family member, the sponsor or the representative. A name
matches with accents, case and spacing ignored ("sukru yilmazoglu" is "Şükrü Yılmazoğlu"); a
V-number with spaces, dots and the "V" ignored. Every criterion given must hold where the record
has that field: two namesakes with different V-numbers or dates of birth are two people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.core.casefile import CaseFile
from desktop.store import codec
from desktop.store.repository import CaseRepository
from desktop.store.search import fold

_NOT_ALNUM = re.compile(r"[\W_]+")
_BATCH = 500


class Role(StrEnum):
    APPLICANT = "applicant"
    CO_APPLICANT = "co_applicant"
    FAMILY_MEMBER = "family_member"
    SPONSOR = "sponsor"
    REPRESENTATIVE = "representative"


def v_key(text: str) -> str:
    """The V-number's letters and digits: V 301.234-5678 and 3012345678 are one."""
    return _NOT_ALNUM.sub("", text).casefold().removeprefix("v")


@dataclass(frozen=True, slots=True)
class Subject:
    """The person a request (access, erasure) is about, as the requester identifies them."""

    name: str = ""
    v_number: str = ""
    born: date | None = None

    def __post_init__(self) -> None:
        if not fold(self.name) and not v_key(self.v_number):
            raise ValueError("name the person: a name or a V-number (or both)")

    def matches(self, name: str, v_number: str | None, born: date | None) -> bool:
        """Whether a record (its name, V-number, date of birth; None: it has no such field)."""
        if fold(self.name) and fold(name) != fold(self.name):
            return False
        mine = v_key(self.v_number)
        if mine:
            if v_number is None or not v_key(v_number):
                if not fold(self.name):  # only a V-number was given: a record without one
                    return False
            elif v_key(v_number) != mine:
                return False
        return not (self.born and born and born != self.born)

    def identifiers(self) -> list[str]:
        """The strings that name this person in free text (the audit log): for scrubbing."""
        out = [self.name] if self.name.strip() else []
        if v_key(self.v_number):
            out.append(self.v_number)
        return out


@dataclass(frozen=True, slots=True)
class Appearance:
    """One place the person is: a case and their role in it (index within a list role)."""

    case_id: int
    role: Role
    index: int = 0
    deleted: bool = False  # the case is in the bin (not yet purged)
    archived: bool = False


def roles_in(case_file: CaseFile, subject: Subject) -> list[tuple[Role, int]]:
    """Where `subject` appears in one case."""
    found: list[tuple[Role, int]] = []
    applicant = case_file.applicant
    if subject.matches(applicant.name, case_file.v_number, applicant.date_of_birth):
        found.append((Role.APPLICANT, 0))
    for i, person in enumerate(case_file.co_applicants):
        if subject.matches(person.name, None, person.date_of_birth):
            found.append((Role.CO_APPLICANT, i))
    extra = case_file.particulars
    for i, member in enumerate(extra.family_members):
        if subject.matches(member.name, member.v_number, member.date_of_birth):
            found.append((Role.FAMILY_MEMBER, i))
    if extra.sponsor is not None and subject.matches(
        extra.sponsor.name, extra.sponsor.v_number, None
    ):
        found.append((Role.SPONSOR, 0))
    rep = case_file.representative
    if rep is not None and fold(subject.name) and subject.matches(rep.name, None, None):
        found.append((Role.REPRESENTATIVE, 0))
    return found


def _candidates(repo: CaseRepository, subject: Subject) -> Iterator[int]:
    """Ids of cases whose search column could hold the person (then checked field by field)."""
    name, number = fold(subject.name), v_key(subject.v_number)
    with repo.db.reading() as conn:
        rows = conn.execute("SELECT id, search_text FROM case_file ORDER BY id").fetchall()
    for case_id, text in rows:
        folded = text or ""
        if (name and name in folded) or (number and number in folded.replace(" ", "")):
            yield int(case_id)


def find(repo: CaseRepository, subject: Subject) -> list[Appearance]:
    """Every case (archived and in the bin too) the person appears in, and in which role."""
    found: list[Appearance] = []
    ids = list(_candidates(repo, subject))
    for start in range(0, len(ids), _BATCH):
        for case_id in ids[start : start + _BATCH]:
            stored = repo.get(case_id, include_deleted=True)
            for role, index in roles_in(stored.case_file, subject):
                found.append(
                    Appearance(case_id, role, index, stored.deleted, stored.case_file.archived)
                )
    return found


def case_json(repo: CaseRepository, case_id: int) -> dict[str, object]:
    """A stored case in the export form (with its notices' proofs)."""
    stored = repo.get(case_id, include_deleted=True)
    by_index = {stored.event_ids.index(e): p for e, p in stored.notice_proofs.items()}
    return codec.case_json(stored.case_file, by_index)
