"""run_task on a real QThreadPool: work runs off the GUI thread, the outcome comes back on it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from desktop.ui.tasks import run_task


def test_run_task_on_a_real_thread_pool(qtbot):
    pool = QThreadPool()
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(report):
        seen["worker"] = threading.get_ident()
        for i in range(3):
            report(i + 1, 3)
        return 42

    def done(value):
        seen["done_thread"] = threading.get_ident()
        seen["value"] = value

    progress = []
    run_task(
        work,
        done,
        lambda exc: seen.setdefault("error", exc),
        pool=pool,
        on_progress=lambda d, t: progress.append((d, t, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["worker"] != gui  # the work ran on the pool's thread
    assert seen["done_thread"] == gui  # the outcome was delivered on the GUI thread
    assert [p[:2] for p in progress] == [(1, 3), (2, 3), (3, 3)]
    assert all(p[2] == gui for p in progress)
    pool.waitForDone()


def test_run_task_delivers_an_exception_to_on_error(qtbot):
    pool = QThreadPool()
    errors: list[Exception] = []

    def work():
        raise ValueError("bad input")

    run_task(work, lambda _v: None, errors.append, pool=pool)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "bad input"
    pool.waitForDone()
