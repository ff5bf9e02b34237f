"""Keeps the live calendar feed current while the window runs, off the GUI thread.

A full build at start, after imports, restores and rule changes, and when the date changes; in
between, every few seconds the cases changed since the last look (the window's saves, archive
and delete, and `termijn` commands run meanwhile) are recomputed one by one. One feed task runs
at a time; requests that arrive meanwhile are merged into the next.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desktop.feed.live import FeedReport, LiveFeed, feed_path
from desktop.feed.options import FeedOptions
from desktop.feed.settings import load_options
from desktop.i18n import current_language
from desktop.paths import AppPaths
from desktop.store.calendar_state import CalendarState, ChangeMark
from desktop.store.errors import StorageError
from desktop.store.repository import CaseRepository
from desktop.ui.language import LanguageSwitcher
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import run_task

log = logging.getLogger("termijn.ui")

POLL_MS = 5_000  # how often to look for cases changed without a signal (archive, the CLI)


class FeedStoppedError(Exception):
    """Raised inside a full build when the window closes."""


@dataclass(frozen=True, slots=True)
class _Outcome:
    report: FeedReport | None  # None: nothing had changed, nothing written
    mark: ChangeMark
    day: date


class CalendarFeedController(QObject):
    """Runs the LiveFeed on its own one-thread pool (or the pool given, e.g. tests' SyncPool).

    Signals:
        written(object): a FeedReport after each write.
        failed(str): the feed could not be written (the message names the file and problem).
    """

    written = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        repo: CaseRepository,
        paths: AppPaths,
        signals: AppSignals,
        language: LanguageSwitcher,
        pool: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.feed = LiveFeed(repo, feed_path(paths.data))
        self.state = CalendarState(repo.db)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self.pool = pool
        self.started = False
        self.running = False
        self.last_report: FeedReport | None = None
        self.built_on: date | None = None  # the day of the last full build
        self._want_full = False
        self._want_changes = False
        self._mark: ChangeMark | None = None  # which saves the feed has seen
        self._stopping = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)
        signals.case_saved.connect(self.changed)
        signals.cases_changed.connect(self.rebuild)
        signals.flags_changed.connect(self.rebuild)
        language.language_changed.connect(self.changed)

    @property
    def path(self) -> Path:
        return self.feed.path

    def options(self) -> FeedOptions:
        return load_options(self.repo, current_language())

    # ------------------------------------------------------------------ requests

    def start(self) -> None:
        """The first full build; until then the window's changes are not followed."""
        self.started = True
        self._stopping = False
        self._timer.start()
        self.rebuild()

    def stop(self) -> None:
        """Stop following changes; a full build under way gives up at its next batch."""
        self.started = False
        self._stopping = True
        self._timer.stop()
        self.pool.waitForDone()

    def rebuild(self) -> None:
        self._want_full = True
        self._next()

    def changed(self, *_ignored: object) -> None:
        """Something may have changed (a save, the language, the calendar's settings)."""
        self._want_changes = True
        self._next()

    def _tick(self) -> None:
        if self.built_on is not None and self.built_on != self.repo.today():
            self.rebuild()  # a new day: cancelled events age out, provisional dates firm up
        else:
            self.changed()

    # ------------------------------------------------------------------ one task at a time

    def _next(self) -> None:
        if not self.started or self.running or not (self._want_full or self._want_changes):
            return
        full = self._want_full or not self.feed.built
        self._want_full = self._want_changes = False
        feed, state, repo = self.feed, self.state, self.repo
        mark = self._mark
        today = repo.today()
        lang = current_language()  # read here: the GUI thread owns the language
        self.running = True

        def progress(_done: int, _total: int) -> None:
            if self._stopping:
                raise FeedStoppedError  # the window is closing: leave the last file as it is

        def work() -> _Outcome:
            options = load_options(repo, lang)
            if full:
                seen = state.change_mark()  # first: a save during the build is seen next time
                return _Outcome(feed.rebuild(options, today, progress=progress), seen, today)
            ids, seen = state.changed_since(mark)
            return _Outcome(feed.update(ids, options, today), seen, self.built_on or today)

        run_task(work, self._done, self._failed, pool=self.pool)

    def _done(self, outcome: _Outcome) -> None:
        self.running = False
        self._mark = outcome.mark
        self.built_on = outcome.day
        if outcome.report is not None:
            self.last_report = outcome.report
            self.written.emit(outcome.report)
        self._next()

    def _failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, FeedStoppedError):
            return
        if not isinstance(exc, (StorageError, OSError)):
            raise exc  # a bug: the excepthook logs it and says so
        log.warning("calendar feed not written: %s", type(exc).__name__)
        self.failed.emit(str(exc))  # the next change or tick tries again
