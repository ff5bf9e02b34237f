"""How a case is named where others may see it: a calendar on a server, a locked screen.

By default only the case reference and the applicant's initials; never the V-number or date of
birth. The full name only where the user switched it on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_LETTERS = {"Lu", "Ll", "Lt", "Lo"}  # not Lm: "ʿ" in "ʿAlī" is a modifier, not an initial


def initials(name: str) -> str:
    """One capital per part of the name: "Şükrü Ağaoğlu" -> "Ş.A.", "ʿAlī al-Ḥasan" -> "A.A.H."."""
    letters = []
    for part in name.replace("-", " ").split():
        first = next((c for c in part if unicodedata.category(c) in _LETTERS), None)
        if first is not None:
            letters.append(first.upper() + ".")
    return "".join(letters)


@dataclass(frozen=True, slots=True)
class CaseLabel:
    """What identifies a case: its id, the user's reference and the applicant's name."""

    case_id: int
    reference: str
    name: str

    def text(self, gettext: Callable[[str], str], *, names: bool = False) -> str:
        """The reference and initials, "T-2026-00012 (Ş.A.)"; with `names`, the full name."""
        reference = self.reference.strip() or gettext("case {id}").format(id=self.case_id)
        who = self.name.strip() if names else initials(self.name)
        if not who:
            return reference
        return f"{who} ({reference})" if names else f"{reference} ({who})"
