"""Which cases of an import Termijn already has: same procedure, receipt date, V-number or name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from desktop.core.casefile import CaseFile
from desktop.store.repository import CaseRepository
from desktop.store.search import fold

_NOT_ALNUM = re.compile(r"[\W_]+")
Key = tuple[str, str, str]  # procedure, receipt date, V-number or folded name


def _anchor(case_file: CaseFile) -> date | None:
    # An objection runs from the contested decision; its `received` is optional.
    case = case_file.case
    return case.received or case.objected_decision_sent


def _v_number(text: str) -> str:
    # "V 301 234 5678", "v3012345678" and "3012345678" are one V-number.
    return _NOT_ALNUM.sub("", text).casefold().removeprefix("v")


class DuplicateFinder:
    """Remembers the cases seen so far; `seen(case)` says whether an earlier one is the same.

    Two cases are the same when procedure and receipt date match and, if both have a V-number,
    the V-numbers do; if either has none, the applicants' names (accents and case ignored) do.
    Namesakes with different V-numbers are different people; an empty name identifies no one.
    """

    def __init__(self) -> None:
        self._by_v: set[Key] = set()
        self._by_name: set[Key] = set()  # every case with a name
        self._by_name_without_v: set[Key] = set()

    def _add(self, procedure: str, anchor: str, v_number: str, name: str) -> None:
        if v_number:
            self._by_v.add((procedure, anchor, v_number))
        if name:
            self._by_name.add((procedure, anchor, name))
            if not v_number:
                self._by_name_without_v.add((procedure, anchor, name))

    def _known(self, procedure: str, anchor: str, v_number: str, name: str) -> bool:
        if v_number and (procedure, anchor, v_number) in self._by_v:
            return True
        names = self._by_name_without_v if v_number else self._by_name
        return bool(name) and (procedure, anchor, name) in names

    def seen(self, case_file: CaseFile) -> bool:
        """True if an earlier case is the same one; otherwise remember this one."""
        anchor = _anchor(case_file)
        key = (
            case_file.case.procedure.value,
            anchor.isoformat() if anchor else "",
            _v_number(case_file.v_number),
            fold(case_file.applicant.name),
        )
        if self._known(*key):
            return True
        self._add(*key)
        return False

    def add_stored(self, repo: CaseRepository) -> DuplicateFinder:
        """Remember every case in the store that is not in the bin (archived ones count)."""
        with repo.db.reading() as conn:
            rows = conn.execute(
                "SELECT procedure, coalesce(received, objected_decision_sent), v_number, name_key "
                "FROM case_file WHERE deleted = 0"
            )
            for procedure, anchor, v_number, name_key in rows:
                self._add(procedure, str(anchor or ""), _v_number(v_number or ""), name_key or "")
        return self


def split_duplicates(
    repo: CaseRepository, case_files: Iterable[CaseFile]
) -> tuple[list[int], list[int]]:
    """Indexes of the new cases and of those the store (or the file, earlier) already has."""
    finder = DuplicateFinder().add_stored(repo)
    new: list[int] = []
    known: list[int] = []
    for index, case_file in enumerate(case_files):
        (known if finder.seen(case_file) else new).append(index)
    return new, known
