"""A case row Termijn cannot read (a value no version of it writes): which case, what, what to do.

The file's structure is checked on open (`checks.py`); a value inside a well-formed row is not,
because reading every row would make opening slow. A value outside anything Termijn writes (a
procedure `bogus`, a date `2026-13-45`, a list that is not JSON) comes from another tool or from
damage. Such a case is unreadable, not lost: the list still shows its row, every other case
works, and no write goes over it (a save, an event or a key-date refresh would replace what the
user may still recover). The message names the value and the two ways out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.core.errors import quote
from desktop.i18n import N_, _
from desktop.store.errors import READ, Problem, StorageError

# What a column should hold, as the end of "… is not …".
A_DATE = N_("a date (YYYY-MM-DD)")
A_MOMENT = N_("a moment (YYYY-MM-DD HH:MM:SS)")
A_PROCEDURE = N_("a procedure Termijn knows")
AN_EVENT_TYPE = N_("an event type Termijn knows")
AN_APPOINTMENT_KIND = N_("an appointment kind Termijn knows")
A_NUMBER = N_("a whole number")
TEXT = N_("text")
A_LIST = N_("a list as Termijn writes it (JSON)")
AN_OBJECT = N_("an object as Termijn writes it (JSON)")


class BadValueError(ValueError):
    """A stored value the codec cannot turn back into a case (raised while decoding a row)."""

    def __init__(self, column: str, value: object, expected: str) -> None:
        self.column = column
        self.value = value
        self.expected = expected  # an N_() text: translated when shown
        super().__init__(column)

    def within(self, where: str) -> BadValueError:
        """The same problem, its column named inside `where` ("event 12")."""
        return BadValueError(f"{where}: {self.column}", self.value, self.expected)

    def describe(self) -> str:
        """`procedure: 'bogus' is not a procedure Termijn knows`, in the current language."""
        shown = quote(self.value, 40) if self.value is not None else _("empty")
        return _("{column}: {value} is not {expected}").format(
            column=self.column, value=shown, expected=_(self.expected)
        )


class UnreadableCaseError(StorageError):
    """One case cannot be read; the others can, and Termijn has written nothing over it.

    Attributes:
        case_id: the case's id (what `cases list` shows and `--case` takes).
        reference: its reference, when that column itself is readable ("" otherwise).
        bad: the value that could not be read.
    """

    def __init__(self, path: Path, case_id: int, reference: str, bad: BadValueError) -> None:
        self.case_id = case_id
        self.reference = reference
        self.bad = bad
        super().__init__(Problem.DAMAGED_CASE, path, detail=bad.column, action=READ)

    @property
    def who(self) -> str:
        """`case 7 (reference 'R7')`, in the current language."""
        if self.reference:
            return _("case {id} (reference {reference})").format(
                id=self.case_id, reference=quote(self.reference, 30)
            )
        return _("case {id}").format(id=self.case_id)

    @property
    def summary(self) -> str:
        """One line for a list of problems: `case 7 (reference 'R7'): procedure: 'bogus' is …`."""
        return f"{self.who}: {self.bad.describe()}"

    @property
    def advice(self) -> str:
        """What to do about it, in the current language."""
        return _(
            "The other cases are not affected, and Termijn has not changed this one. To fix it, "
            "restore a backup made before the damage (Restore a backup… in the window, or "
            "termijn restore FILE), or move the case to the bin and enter it again."
        )

    @property
    def message(self) -> str:
        text = _("Termijn cannot read {case}: {problem}.")
        return text.format(case=self.who, problem=self.bad.describe()) + " " + self.advice


def unreadable(
    path: Path, case_id: int, row: Mapping[str, Any], bad: BadValueError
) -> UnreadableCaseError:
    """The error for case `case_id`, named by its reference when that is readable."""
    reference = row["reference"] if isinstance(row["reference"], str) else ""
    return UnreadableCaseError(path, case_id, reference, bad)


@contextmanager
def reading_case(path: Path, case_id: int, row: Mapping[str, Any]) -> Iterator[None]:
    """A BadValueError met while decoding case `case_id` (row `row`) as UnreadableCaseError.

    Inside a write, the raise rolls the transaction back: nothing is written over the case.
    """
    try:
        yield
    except BadValueError as exc:
        raise unreadable(path, case_id, row, exc) from None
