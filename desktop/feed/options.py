"""How the feed is written (language, reminders, names): light, for start-up paths."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FeedOptions:
    """How the feed is written; what it says comes from the core.

    Attributes:
        lang: "nl" or "en", for titles and descriptions.
        alarm_days: reminders this many days before each date (0: on the day itself).
        names: show the applicant's full name (else the case reference and initials only).
    """

    lang: str = "nl"
    alarm_days: tuple[int, ...] = (7, 1)
    names: bool = False
