"""The calendar's settings, kept in the case file: language, reminder days, names, UID prefix."""

from __future__ import annotations

import uuid

from desktop.feed.options import FeedOptions
from desktop.store.repository import CaseRepository

LANGUAGE = "calendar.language"  # "nl", "en", or "" to follow the window
ALARM_DAYS = "calendar.alarm_days"  # "7,1"
NAMES = "calendar.names"  # "1": full names in the feed
UID_PREFIX = "calendar.uid_prefix"
# The window's language setting (desktop.ui.controllers.preferences), the calendar's default.
WINDOW_LANGUAGE = "ui.language"  # random, once per case file: UIDs unique across files
DEFAULT_ALARM_DAYS = (7, 1)
MAX_ALARM_DAYS = 366  # a reminder more than a year ahead is a typing mistake
MAX_ALARMS = 5


class SettingError(ValueError):
    """A setting the user typed cannot be used; the message says why."""


def parse_alarm_days(text: str) -> tuple[int, ...]:
    """Days before each date, largest first: "7,1" -> (7, 1); "" -> () (no reminders).

    Raises:
        SettingError: not whole numbers from 0 to 366, or more than five of them.
    """
    days: set[int] = set()
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or int(part) > MAX_ALARM_DAYS:
            raise SettingError(
                f"{part!r} is not a number of days from 0 to {MAX_ALARM_DAYS} (e.g. 7,1)"
            )
        days.add(int(part))
    if len(days) > MAX_ALARMS:
        raise SettingError(f"at most {MAX_ALARMS} reminders, not {len(days)}")
    return tuple(sorted(days, reverse=True))


def alarm_days_text(days: tuple[int, ...]) -> str:
    return ",".join(str(d) for d in days)


def load_options(repo: CaseRepository, window_language: str | None = None) -> FeedOptions:
    """The feed's options as saved; a broken value falls back to its default.

    The language is the calendar's own, else `window_language`, else the window's saved one.
    """
    lang = (
        repo.get_setting(LANGUAGE, "")
        or window_language
        or repo.get_setting(WINDOW_LANGUAGE, "")
        or "nl"
    )
    try:
        days = parse_alarm_days(repo.get_setting(ALARM_DAYS) or alarm_days_text(DEFAULT_ALARM_DAYS))
    except SettingError:
        days = DEFAULT_ALARM_DAYS
    return FeedOptions(
        lang=lang if lang in ("nl", "en") else "nl",
        alarm_days=days,
        names=repo.get_setting(NAMES, "0") == "1",
    )


def saved_language(repo: CaseRepository) -> str:
    """The calendar's own language, or "" when it follows the window's."""
    value = repo.get_setting(LANGUAGE, "") or ""
    return value if value in ("nl", "en") else ""


def save_options(
    repo: CaseRepository, *, language: str, alarm_days: tuple[int, ...], names: bool
) -> None:
    repo.set_setting(LANGUAGE, language if language in ("nl", "en") else "")
    repo.set_setting(ALARM_DAYS, alarm_days_text(alarm_days))
    repo.set_setting(NAMES, "1" if names else "0")


def uid_prefix(repo: CaseRepository) -> str:
    """This case file's random UID prefix, made on first use.

    Two case files (an office's and a demo) must never share UIDs in one calendar.
    """
    prefix = repo.get_setting(UID_PREFIX)
    if not prefix:
        prefix = uuid.uuid4().hex[:16]
        repo.set_setting(UID_PREFIX, prefix)
    return prefix
