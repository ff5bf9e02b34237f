"""The open case as collaborators of the case controller see it, and its events in order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from desktop.core.model import Event, Result
from desktop.store.records import StoredCase


class OpenCase(Protocol):
    """What the case controller shares: the case on screen, its dates, and how to save."""

    stored: StoredCase | None
    result: Result | None
    compute_error: str

    def run_save(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run `work` on the save pool; `done` gets its result, a failure goes to one handler."""

    def events_changed(self) -> None:
        """Reload the case after an event was added, changed or deleted."""


def case_events(stored: StoredCase | None) -> list[tuple[int, Event]]:
    """(event id, event) pairs in stored order; empty when no case is stored."""
    if stored is None:
        return []
    return list(zip(stored.event_ids, stored.case_file.case.events, strict=True))


def event_day(event: Event) -> date:
    from desktop.core.parse import event_date

    return event_date(event)
