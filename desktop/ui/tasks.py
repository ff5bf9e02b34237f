"""Run slow work off the GUI thread and deliver the outcome back on it (the relay pattern)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_in_flight: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the GUI thread so `_deliver` runs there, whatever thread emits.

    Signals:
        finished(object): the outcome (a value or the exception raised).
        progress(int, int): work done and total.
    """

    finished = Signal(object)
    progress = Signal(int, int)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        super().__init__()
        self._on_done, self._on_error, self._on_progress = on_done, on_error, on_progress
        self.finished.connect(self._deliver)
        self.progress.connect(self._report)
        _in_flight.add(self)  # keeps it alive until it reports

    @Slot(object)
    def _deliver(self, outcome: object) -> None:
        _in_flight.discard(self)
        if isinstance(outcome, Exception):
            self._on_error(outcome)
        else:
            self._on_done(outcome)

    @Slot(int, int)
    def _report(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        self._work()


def run_task(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    pool: QThreadPool | SyncPool | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Run `fn` on `pool`; `on_done`/`on_error` run on the GUI thread.

    When `on_progress` is given, `fn` receives a `report(done, total)` callable, safe to call
    from the worker thread (it emits a queued signal).
    """
    relay = _Relay(on_done, on_error, on_progress)

    def work() -> None:
        try:
            outcome = fn(relay.progress.emit) if on_progress is not None else fn()
        except Exception as exc:  # the GUI decides what to show
            outcome = exc
        # RuntimeError: the application quit while this ran and nobody is listening.
        with contextlib.suppress(RuntimeError):
            relay.finished.emit(outcome)

    (pool or QThreadPool.globalInstance()).start(_Runnable(work))


class SyncPool:
    """A pool whose `start()` runs at once on the calling thread (Picard's FakeThreadPool)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:  # noqa: N802 - QThreadPool's name
        return True


def save_pool() -> QThreadPool:
    """One thread for saves, so two saves of one case never race (Picard's save_thread_pool)."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    return pool
