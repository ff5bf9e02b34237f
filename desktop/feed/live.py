"""The live feed: a calendar file in the data folder, kept current after every change.

Thunderbird, Outlook, GNOME Calendar and Apple Calendar can subscribe to it as a local file. A
full build (at start, each morning, after a rule change) computes every open case; after that a
change recomputes only the cases it touched and writes the file from the events kept here, so a
save at 10,000 cases costs one case's computation and one write. Not thread-safe by itself: the
window runs one feed task at a time (desktop.ui.controllers.calendar_feed).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.documents.output import write_atomic
from desktop.feed.options import FeedOptions
from desktop.feed.plan import CasePlan
from desktop.feed.privacy import CaseLabel
from desktop.feed.settings import uid_prefix
from desktop.feed.sync import FeedBuilder, Progress, Synced, utc_now
from desktop.store.calendar_state import PublishedEvent
from desktop.store.repository import CaseRepository

log = logging.getLogger("termijn.feed")

FEED_NAME = "termijn-calendar.ics"
# A cancelled event stays in the file this long, so a calendar that imports the file again now
# and then still learns of it; calendars that subscribe drop it when it leaves the file.
KEEP_CANCELLED = timedelta(days=90)


def feed_path(data: Path) -> Path:
    """Where the live feed lives: beside the case file, in the (user-only) data folder."""
    return data / FEED_NAME


@dataclass(frozen=True, slots=True)
class FeedReport:
    path: Path
    cases: int  # open cases in the feed
    events: int  # events with a date (cancelled ones not counted)
    changed: int  # events published with a new SEQUENCE or for the first time
    size: int  # bytes written


def _ical() -> Any:
    # Imported on first use: `icalendar` takes about 50 ms to import, and the window shows
    # before the feed's first build.
    from desktop.feed import ical

    return ical


def export_bytes(
    repo: CaseRepository,
    options: FeedOptions,
    case_ids: Collection[int] | None = None,
    today: date | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> tuple[bytes, Synced]:
    """A whole calendar file in one go (`termijn calendar`), keeping the store's memory."""
    day = today or repo.today()
    moment = now or utc_now()
    synced = FeedBuilder(repo).sync(case_ids, day, moment, progress)
    writer = _ical().EventWriter(options, uid_prefix(repo))
    since = moment - KEEP_CANCELLED
    blocks = [
        writer.case_events(
            synced.labels[case_id], synced.plans.get(case_id), synced.published[case_id], since
        )
        for case_id in sorted(synced.published)
    ]
    return _ical().calendar_bytes(blocks, options.lang), synced


class LiveFeed:
    """The feed file and what it was written from (plans, published events, event text)."""

    def __init__(self, repo: CaseRepository, path: Path) -> None:
        self.repo = repo
        self.path = path
        self.builder = FeedBuilder(repo)
        self.options = FeedOptions()
        self._writer: Any = None  # desktop.feed.ical.EventWriter
        self._plans: dict[int, CasePlan] = {}
        self._labels: dict[int, CaseLabel] = {}
        self._published: dict[int, dict[str, PublishedEvent]] = {}
        self._blocks: dict[int, bytes] = {}
        self.built = False  # a full build has run: `update` may work case by case

    def rebuild(
        self, options: FeedOptions, today: date | None = None, progress: Progress | None = None
    ) -> FeedReport:
        """Compute every case, reconcile, and write the file."""
        self.options = options
        synced = self.builder.sync(None, today or self.repo.today(), progress=progress)
        self._plans, self._labels, self._published = synced.plans, synced.labels, synced.published
        self._blocks = {}
        self._render(self._published)
        self.built = True
        return self._write(synced.changed)

    def update(
        self, case_ids: Collection[int], options: FeedOptions, today: date | None = None
    ) -> FeedReport | None:
        """After a change to these cases (or to the options): recompute them, write the file.

        Returns None, and writes nothing, when the file would come out the same.
        """
        if not self.built:
            return self.rebuild(options, today)
        before = dict(self._blocks)
        if options != self.options:
            self.options = options
            self._blocks = {}
            self._render(self._published)
        synced = self.builder.sync(case_ids, today or self.repo.today()) if case_ids else None
        if synced is not None:
            for case_id in case_ids:
                for kept in (self._plans, self._labels, self._published, self._blocks):
                    kept.pop(case_id, None)
            self._plans.update(synced.plans)
            self._labels.update(synced.labels)
            self._published.update(synced.published)
            self._render(synced.published)
        if self._blocks == before:
            return None
        return self._write(synced.changed if synced is not None else 0)

    @property
    def plans(self) -> dict[int, CasePlan]:
        """The open cases' events as last built (for the reminders)."""
        return self._plans

    def _render(self, published: dict[int, dict[str, PublishedEvent]]) -> None:
        if self._writer is None or self._writer.options != self.options:
            self._writer = _ical().EventWriter(self.options, uid_prefix(self.repo))
        since = utc_now() - KEEP_CANCELLED
        for case_id, events in published.items():
            block = self._writer.case_events(
                self._labels[case_id], self._plans.get(case_id), events, since
            )
            if block:
                self._blocks[case_id] = block
            else:
                self._blocks.pop(case_id, None)

    def _write(self, changed: int) -> FeedReport:
        data = _ical().calendar_bytes(
            (self._blocks[case_id] for case_id in sorted(self._blocks)),
            self.options.lang,
            live=True,
        )
        write_atomic(self.path, data)
        events = sum(len(plan.events) for plan in self._plans.values())
        log.info("calendar feed written: %d events of %d cases", events, len(self._plans))
        return FeedReport(self.path, len(self._plans), events, changed, len(data))
