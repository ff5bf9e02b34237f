"""What a case may hold: the dates the core computes, the length of each text, the list sizes.

Every path that turns outside data into a case (the CLI, import, the window) goes through
`parse.py` and `casefile.py`, which check against these numbers, so one refusal reads the same
everywhere. Each limit says why it is what it is.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.core.errors import CaseInputError, quote

# Case and event dates. Before 1990: none of the laws Termijn applies was in force yet (the
# rule pack's earliest amounts date from 2000), so such a date is a typo (1026 for 2026).
# After 2100: also a typo (2206), and the ceiling keeps every computed date far inside what
# Python's `date` holds: with pauses, extensions, the Atw roll and the penalty's 42 days a term
# ends at most ~115 years after its last input date, while year 9999 is the hard limit the
# unchecked core overflowed on. The royal-decree holiday lists only cover a few years ahead;
# beyond them the core warns instead of guessing.
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
# A date of birth of someone alive: from 1900, and never after the case dates' ceiling.
BIRTH_EARLIEST = date(1900, 1, 1)

# Characters per text field: what a letter's line or paragraph can hold, with room to spare.
# A Notice prints names, addresses, the basis and the excuse; nothing longer fits on a page,
# and a 1,000,000-character text would take ReportLab minutes to lay out.
TEXT_LIMITS: dict[str, int] = {
    "basis": 200,  # a citation in Dutch style is about 30
    "excuse": 2_000,  # a paragraph
    "name": 200,
    "organisation": 200,
    "nationality": 100,
    "address": 500,  # six lines of a postal address
    "phone": 50,
    "email": 254,  # the longest address SMTP allows (RFC 5321)
    "reference": 100,
    "v_number": 50,  # a V-number has 10 digits
    "ind_reference": 100,
    "tag": 50,
    "relation": 50,  # of a family member: "echtgenote", "zoon"
    "purpose": 200,  # of stay: "verblijf bij partner"
    "notes": 100_000,  # a pasted e-mail thread; notes are not printed
    # A Notice's proof of receipt (read by `cases import`): a track-and-trace code, a fax report.
    "tracking_number": 100,
    "fax_report": 2_000,
}

# Items per list. A real case has a few dozen events and a family a handful of co-applicants.
# The limits bound the work a hostile file can cause: 500 pauses each spanning 1990-2100 (the
# worst case) take ~5 s to compute, a case with every list and text at its limit ~2 s to print.
MAX_EVENTS = 500
MAX_CO_APPLICANTS = 50
MAX_TAGS = 50

# C0 control characters other than tab, line feed and carriage return, and DEL: never text a
# user typed; NUL would also end the string in some PDF viewers.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Half a UTF-16 surrogate pair ("\ud800" in JSON): not a character; UTF-8 cannot encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: str, field: str, limit_key: str) -> str:
    """`value` if it is text a letter can print, else a `CaseInputError` naming `field`."""
    limit = TEXT_LIMITS[limit_key]
    if len(value) > limit:
        raise CaseInputError(
            None, field, f"{len(value):,} characters, at most {limit:,} fit: shorten it"
        )
    bad_text(value, field)
    return value


def bad_text(value: str, field: str, *, controls: bool = True) -> None:
    """Refuse a lone surrogate (and a control character, unless not `controls`)."""
    if value.isascii() and value.isprintable():
        return  # the common case, checked in C
    checks = [(_SURROGATE, "a lone surrogate")]
    if controls:
        checks.append((_CONTROL, "a control character"))
    for pattern, what in checks:
        found = pattern.search(value)
        if found is not None:
            raise CaseInputError(
                None,
                field,
                f"not valid text: {what} \\u{ord(found.group()):04x} at character "
                f"{found.start() + 1:,} in {quote(value, 40)}",
            )


def check_date_range(day: date, field: str, earliest: date = EARLIEST) -> date:
    """`day` if the core can compute with it, else a `CaseInputError` giving the range."""
    if not earliest <= day <= LATEST:
        raise CaseInputError(
            None,
            field,
            f"{day.isoformat()} is outside the dates Termijn can compute with "
            f"({earliest.isoformat()} to {LATEST.isoformat()})",
        )
    return day
