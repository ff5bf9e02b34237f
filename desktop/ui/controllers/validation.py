"""Parse and check what the user types; messages are ready to show under the field."""

from __future__ import annotations

import re
from datetime import date

from desktop.i18n import _

_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_V_NUMBER = re.compile(r"^\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FieldError(ValueError):
    """A message for the field's inline error line."""


def parse_user_date(text: str, *, required: bool = False) -> date | None:
    """'27-04-2026', '27/4/2026', '27.04.2026' or '2026-04-27'; empty gives None.

    Raises:
        FieldError: the text is not a date, or empty when required.
    """
    if not text.strip():
        if required:
            raise FieldError(_("Enter a date, e.g. 27-04-2026."))
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise FieldError(_("Not a date: use day-month-year, e.g. 27-04-2026."))
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldError(_("This date does not exist.")) from None


def user_date_text(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def check_v_number(text: str) -> str:
    """The V-number without spaces or dots, or raise."""
    cleaned = re.sub(r"[\s.]", "", text)
    if cleaned and not _V_NUMBER.match(cleaned):
        raise FieldError(_("A V-number has 10 digits."))
    return cleaned


def check_email(text: str) -> str:
    if text.strip() and not _EMAIL.match(text.strip()):
        raise FieldError(_("Not an email address."))
    return text.strip()
