"""Screenshots of the real window on demo data: the README's set, or every view at every size.

python scripts/screenshots.py                 # the README's set into docs/screenshots
python scripts/screenshots.py --matrix DIR    # every tab, the due board and "Why this date?"
                                              # at 1366x768 and 1024x700, 100 % and 200 %
                                              # text, English and Dutch, into DIR
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A desktop-sized virtual screen: each window is then resized to the size being shown.
os.environ.setdefault(
    "QT_QPA_PLATFORM",
    f"offscreen:configfile={ROOT / 'tests' / 'fixtures' / 'screens' / '1920x1200.json'}",
)
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.app import App, build  # noqa: E402
from desktop.core.model import Appointment, Decision, NoticeEvent, Procedure  # noqa: E402
from desktop.launch import qt_messages_to_log  # noqa: E402
from desktop.paths import app_paths  # noqa: E402
from desktop.store import CaseRepository, open_database  # noqa: E402
from desktop.ui.controllers.bulk_tasks import load_demo_cases  # noqa: E402
from desktop.ui.tasks import SyncPool  # noqa: E402

SIZES = ((1366, 768), (1024, 700))
TABS = ("overview", "details", "events", "appointments", "notice")


def pick_case(repo: CaseRepository, ids: list[int]) -> int:
    """A regular case that shows off the timeline: a Notice, a missed appointment, extensions."""
    best, best_score = ids[0], -1
    for case_id in ids:
        stored = repo.get(case_id)
        if stored.case_file.archived or stored.case_file.case.procedure is not Procedure.REGULAR:
            continue  # a regular case: a missed biometrics appointment gives a contested pause
        events = stored.case_file.case.events
        contested = any(
            isinstance(e, Appointment) and not e.attended and e.rescheduled_to for e in events
        )
        score = (
            3 * any(isinstance(e, NoticeEvent) for e in events)
            + 5 * contested
            + 2 * any(isinstance(e, Appointment) and not e.attended for e in events)
            + len(events)
            - 6 * any(isinstance(e, Decision) for e in events)
        )
        if score > best_score:
            best, best_score = case_id, score
    return best


def add_missed_biometrics(built: App, case_id: int) -> None:
    """Enter a missed biometrics appointment through the form, so the contested pause shows."""
    case = built.repo.get(case_id).case_file.case
    if any(isinstance(e, Appointment) and e.kind.value == "biometrics" for e in case.events):
        return
    start = case.received or case.objected_decision_sent
    assert start is not None
    built.controller.open_case(case_id)
    form = built.window.case_panel.appointments
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("biometrics"))
    form.attended_check.setChecked(False)
    form.date_edit.setText((start + timedelta(days=30)).strftime("%d-%m-%Y"))
    form.rescheduled_edit.setText((start + timedelta(days=58)).strftime("%d-%m-%Y"))
    form.excuse_edit.setText("hospital admission")
    form.add_button.click()


def settle(app: QApplication) -> None:
    for _i in range(4):
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print("wrote", path)


def dark_palette() -> QPalette:
    """A dark system theme as Fusion draws it (what a dark desktop hands Qt)."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#333333",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#4a90d9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#555555",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    return pal


class Studio:
    """One window on demo data, posed for each picture."""

    def __init__(self, app: QApplication, folder: str) -> None:
        self.app = app
        paths = app_paths(folder).ensure()
        self.db = open_database(paths.database, backups=paths.backups)
        repo = CaseRepository(self.db)
        ids = load_demo_cases(repo, 60)
        self.built = build(repo, paths, lang="en", pool=SyncPool(), save=SyncPool())
        self.window = self.built.window
        self.window.show()
        self.case_id = pick_case(repo, ids)
        add_missed_biometrics(self.built, self.case_id)

    def pose(self, lang: str, size: tuple[int, int], scale: float) -> None:
        font = self.app.font()
        font.setPointSizeF(self.base_size * scale)
        self.app.setFont(font)
        self.built.controller.set_language(lang)
        settle(self.app)  # minimum sizes follow the new text size before the window is sized
        self.window.resize(*size)
        settle(self.app)
        self.built.controller.open_case(self.case_id)
        self.window.case_panel.tabs.setCurrentIndex(0)
        self.window.left_tabs.setCurrentIndex(0)

    @property
    def base_size(self) -> float:
        if not hasattr(self, "_base"):
            self._base = self.app.font().pointSizeF()
        return self._base

    def views(self) -> dict[str, Callable[[], QWidget]]:
        """Each view: a function that brings it forward and returns what to photograph."""
        window, panel = self.window, self.window.case_panel

        def tab(index: int) -> Callable[[], QWidget]:
            def show() -> QWidget:
                window.left_tabs.setCurrentIndex(0)
                window.show_case()
                panel.tabs.setCurrentIndex(index)
                return window

            return show

        def due() -> QWidget:
            window.left_tabs.setCurrentIndex(1)
            window.show_list()
            panel.tabs.setCurrentIndex(0)
            return window

        def why() -> QWidget:
            window.left_tabs.setCurrentIndex(0)
            window.show_case()
            panel.tabs.setCurrentIndex(0)
            self.built.controller.cases.show_why_for("safe_notice_receipt")
            dialog = self.built.controller.cases.why_dialog
            assert dialog is not None
            return dialog

        def whole() -> QWidget:
            shown = tab(0)()
            panel.overview.zoom_all.setChecked(True)
            return shown

        views = {name: tab(i) for i, name in enumerate(TABS)}
        views["overview-whole"] = whole
        views["due-board"] = due
        views["why"] = why
        return views

    def close(self) -> None:
        self.window.case_panel.overview.zoom_decisive.setChecked(True)
        why = self.built.controller.cases.why_dialog
        if why is not None:
            why.close()

    def finish(self) -> None:
        self.window.close_handler = None
        self.window.close()
        self.db.close()


def readme_set(studio: Studio, out: Path) -> None:
    for lang in ("en", "nl"):
        studio.pose(lang, SIZES[0], 1.0)
        views = studio.views()
        for name, stem in (
            ("overview", "main"),
            ("notice", "notice"),
            ("appointments", "appointments"),
            ("details", "editor"),
            ("due-board", "due-board"),
            ("why", "why"),
        ):
            shoot(studio.app, views[name](), out / f"{stem}-{lang}.png")
            studio.close()
    # One pane at a time: a small laptop at 200 % text, in Dutch.
    studio.pose("nl", SIZES[1], 2.0)
    shoot(studio.app, studio.views()["overview"](), out / "compact-200-nl.png")
    # A dark theme at 200 % text on a large screen: everything must still fit and read.
    app = studio.app
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    studio.pose("en", (1920, 1160), 2.0)
    shoot(app, studio.views()["overview"](), out / "dark-200-en.png")


def matrix(studio: Studio, out: Path) -> None:
    for width, height in SIZES:
        for scale in (1.0, 2.0):
            for lang in ("en", "nl"):
                studio.pose(lang, (width, height), scale)
                for name, show in studio.views().items():
                    path = out / f"{width}x{height}-{int(scale * 100)}-{lang}-{name}.png"
                    shoot(studio.app, show(), path)
                    studio.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--matrix", metavar="DIR", help="every view at every size into DIR")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_messages_to_log()
    with tempfile.TemporaryDirectory() as folder:
        studio = Studio(app, folder)
        studio.base_size  # noqa: B018 - remember 100 % before anything scales it
        out = Path(args.matrix or args.out)
        out.mkdir(parents=True, exist_ok=True)
        if args.matrix:
            matrix(studio, out)
        else:
            readme_set(studio, out)
        studio.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
