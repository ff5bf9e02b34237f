"""Benchmark the window: cold start vs a bare window, filter per keystroke, peak memory.

    python benchmarks/gui.py [--runs 5] [--small 10000] [--large 100000]

Cold start: each run launches a fresh interpreter that builds the window and exits on its first
paint; the bare baseline is a QMainWindow with an empty QTableView started the same way. Filter:
keystrokes typed into the real search field (query, model reset, repaint) at 10k and 100k cases.
Memory: peak RSS of a process showing 100k cases (scrolled top, middle, end) vs the bare window.
Prints figures; asserts nothing (machines are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from _childenv import installed_env  # noqa: E402 - beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# Peak RSS of this process alone, in KiB: VmHWM belongs to the process's own memory map.
# (getrusage's ru_maxrss would not do: a child started by fork or vfork inherits the parent's
# peak, so a bare window started from this benchmark reported the benchmark's own size.)
_PEAK_RSS = """
def peak_rss_kib():
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""

_PAINT_HOOK = (
    _PEAK_RSS
    + """
import sys
from PySide6.QtCore import QEvent, QObject
class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", peak_rss_kib(), flush=True)
            app.exit(0)
        return False
"""
)

BARE = (
    _PAINT_HOOK
    + """
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView(window)
window.setCentralWidget(table)
window.resize(1280, 800)
hook = _FirstPaint()
window.installEventFilter(hook)
window.show()
app.exec()
"""
)

TERMIJN = (
    _PAINT_HOOK
    + """
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.app import build, setup_logging
from desktop.paths import app_paths
from desktop.store import CaseRepository, open_database
app = QApplication(sys.argv[:1])
paths = app_paths(sys.argv[1]).ensure()
setup_logging(paths)
db = open_database(paths.database, backups=paths.backups, daily_backup=False)
built = build(CaseRepository(db), paths, lang="en")
hook = _FirstPaint()
built.window.installEventFilter(hook)
built.window.show()
app.exec()
"""
)

MEMORY = (
    _PEAK_RSS
    + """
import sys
from PySide6.QtWidgets import QApplication
from desktop.app import build, setup_logging
from desktop.paths import app_paths
from desktop.store import CaseRepository, open_database
from desktop.ui.tasks import SyncPool
app = QApplication(sys.argv[:1])
paths = app_paths(sys.argv[1]).ensure()
setup_logging(paths)
db = open_database(paths.database, backups=paths.backups, daily_backup=False)
built = build(CaseRepository(db), paths, lang="en", pool=SyncPool(), save=SyncPool())
built.window.show()
app.processEvents()
table = built.window.case_table
rows = table.model().rowCount()
for row in (0, rows // 2, rows - 1):
    table.scrollTo(table.model().index(row, 0))
    app.processEvents()
built.window.search_edit.setText("a")
app.processEvents()
print("rss", peak_rss_kib(), rows, flush=True)
"""
)


def make_data(folder: Path, count: int, computed: int = 10_000) -> Path:
    """`count` demo cases: `computed` saved through the repository, the rest copied in SQL."""
    from desktop.paths import app_paths
    from desktop.store import CaseRepository, open_database
    from desktop.store.demo import demo_cases

    paths = app_paths(folder).ensure()
    db = open_database(paths.database, backups=paths.backups, daily_backup=False)
    repo = CaseRepository(db)
    base = min(count, computed)
    files, proofs = zip(*demo_cases(base, seed=11), strict=True)
    repo.save_many(files, proofs)
    db.close()
    with closing(sqlite3.connect(paths.database)) as raw:
        columns = [r[1] for r in raw.execute("PRAGMA table_info(case_file)") if r[1] != "id"]
        cols = ", ".join(columns)
        while raw.execute("SELECT count(*) FROM case_file").fetchone()[0] < count:
            missing = count - raw.execute("SELECT count(*) FROM case_file").fetchone()[0]
            raw.execute(
                f"INSERT INTO case_file ({cols}) SELECT {cols} FROM case_file "
                f"ORDER BY id LIMIT {min(missing, base)}"
            )
            raw.commit()
    return folder


def child(script: str, *args: str) -> tuple[float, list[str]]:
    env = installed_env(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    elapsed = time.perf_counter() - start
    line = next(x for x in out.splitlines() if x.startswith(("painted", "rss")))
    return elapsed, line.split()


def cold_start(data: Path, runs: int) -> None:
    bare, termijn = [], []
    # Warm the OS file cache and write the bytecode, for both: "cold" means a fresh interpreter,
    # as when a user starts the installed app, not a first run after installing it.
    child(BARE)
    child(TERMIJN, str(data))
    for _i in range(runs):
        bare.append(child(BARE)[0])
        termijn.append(child(TERMIJN, str(data))[0])
    b, t = statistics.median(bare), statistics.median(termijn)
    print(
        f"cold start to first paint, 10,000 cases: termijn {t * 1000:.0f} ms, "
        f"bare QMainWindow+QTableView {b * 1000:.0f} ms, ratio {t / b:.2f} (target <= 1.5)"
    )


def filtering(data: Path, label: str) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.app import build
    from desktop.paths import app_paths
    from desktop.store import CaseRepository, open_database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = app_paths(data).ensure()
    db = open_database(paths.database, backups=paths.backups, daily_backup=False)
    # The real pools: the id query runs on a worker thread as in the shipped app.
    built = build(CaseRepository(db), paths, lang="en")
    window, controller = built.window, built.controller
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    edit = window.search_edit
    edit.setFocus()
    gui, total = [], []

    def settled() -> bool:
        return controller.case_list.settled

    def press(key) -> None:
        start = time.perf_counter()
        QTest.keyClick(edit, key)
        gui.append(time.perf_counter() - start)  # how long the GUI thread was busy
        if not settled():
            # Block in Qt's loop (GIL released) as the real app does; a processEvents() spin
            # would starve the worker thread of the GIL and measure the benchmark, not the app.
            loop = QEventLoop()
            controller.list_updated.connect(loop.quit)
            QTimer.singleShot(5000, loop.quit)
            if not settled():
                loop.exec()
            controller.list_updated.disconnect(loop.quit)
        app.processEvents()
        window.case_table.viewport().repaint()  # the new rows painted
        total.append(time.perf_counter() - start)  # keystroke to result on screen

    for word in ("mohamed", "nguyen", "sukru", "8378", "al-", "van der", "xyz"):
        for ch in word:
            press(ch)
        for _ch in word:
            press(Qt.Key.Key_Backspace)
    rows = window.case_table.model().rowCount()
    for name, values in (("result on screen", total), ("GUI thread busy", gui)):
        values.sort()
        print(
            f"filter per keystroke, {label} cases, {name} ({len(values)} keystrokes): "
            f"median {statistics.median(values) * 1000:.1f} ms, "
            f"p95 {values[int(len(values) * 0.95)] * 1000:.1f} ms, worst {values[-1] * 1000:.1f} ms"
        )
    assert rows == window.case_table.model().rowCount()
    window.close_handler = None
    window.close()
    db.close()


def imports() -> None:
    """Where cold start goes: a fresh interpreter importing only the store."""
    bare = statistics.median(
        child("import PySide6.QtWidgets; print('painted 0')")[0] for _ in range(3)
    )
    store = statistics.median(
        child("import desktop.store; print('painted 0')")[0] for _ in range(3)
    )
    print(
        f"  of which: interpreter + PySide6 import {bare * 1000:.0f} ms; "
        f"interpreter + desktop.store import {store * 1000:.0f} ms"
    )


def memory(data: Path) -> None:
    # Each in a process of its own (VmHWM), so neither counts this benchmark's memory.
    _t, bare = child(BARE)
    _t, big = child(MEMORY, str(data))
    bare_kb, big_kb = int(bare[1]), int(big[1])
    print(
        f"peak RSS, {int(big[2]):,} cases listed and scrolled: {big_kb / 1024:.0f} MiB; "
        f"bare QMainWindow+QTableView in its own process {bare_kb / 1024:.0f} MiB; "
        f"ratio {big_kb / bare_kb:.2f}"
    )


def main() -> int:
    from desktop.launch import qt_messages_to_log

    qt_messages_to_log()  # the offscreen plugin's notes: not figures, so not printed
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--only", choices=("start", "filter", "memory"))
    parser.add_argument("--data", help="reuse generated case files in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="termijn-bench-") as tmp:
        root = Path(args.data or tmp)
        small, large = root / f"cases-{args.small}", root / f"cases-{args.large}"
        for folder, count in ((small, args.small), (large, args.large)):
            if not (folder / "termijn.sqlite").exists():
                make_data(folder, count)
        if args.only in (None, "start"):
            cold_start(small, args.runs)
            imports()
        if args.only in (None, "filter"):
            filtering(small, f"{args.small:,}")
            filtering(large, f"{args.large:,}")
        if args.only in (None, "memory"):
            memory(large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
