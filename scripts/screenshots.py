"""Generate the README screenshots from the real window on demo data, in English and Dutch."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.app import build  # noqa: E402
from desktop.core.model import Appointment, Decision, NoticeEvent, Procedure  # noqa: E402
from desktop.paths import app_paths  # noqa: E402
from desktop.store import CaseRepository, open_database  # noqa: E402
from desktop.ui.controllers.bulk_tasks import load_demo_cases  # noqa: E402
from desktop.ui.tasks import SyncPool  # noqa: E402


def pick_case(repo: CaseRepository, ids: list[int]) -> int:
    """A case that shows off the timeline: a Notice, a missed appointment, extensions."""
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
            + 2 * (stored.case_file.case.procedure is Procedure.REGULAR)
        )
        if score > best_score:
            best, best_score = case_id, score
    return best


def add_missed_biometrics(controller, repo: CaseRepository, case_id: int) -> None:
    """Enter a missed biometrics appointment through the form, so the contested pause shows."""
    from datetime import timedelta

    case = repo.get(case_id).case_file.case
    if any(isinstance(e, Appointment) and e.kind.value == "biometrics" for e in case.events):
        return
    start = case.received or case.objected_decision_sent
    controller.open_case(case_id)
    form = controller.window.case_panel.appointments
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("biometrics"))
    form.attended_check.setChecked(False)
    form.date_edit.setText((start + timedelta(days=30)).strftime("%d-%m-%Y"))
    form.rescheduled_edit.setText((start + timedelta(days=58)).strftime("%d-%m-%Y"))
    form.excuse_edit.setText("hospital admission")
    form.add_button.click()


def shoot(app: QApplication, widget, path: Path) -> None:
    for _i in range(3):
        app.processEvents()
    widget.grab().save(str(path))
    print("wrote", path.relative_to(ROOT))


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
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    return pal


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        paths = app_paths(folder).ensure()
        db = open_database(paths.database, backups=paths.backups)
        repo = CaseRepository(db)
        ids = load_demo_cases(repo, 60)
        built = build(repo, paths, lang="en", pool=SyncPool(), save=SyncPool())
        window, controller = built.window, built.controller
        window.resize(1400, 860)
        window.show()
        case_id = pick_case(repo, ids)
        add_missed_biometrics(controller, repo, case_id)
        for lang in ("en", "nl"):
            controller.set_language(lang)
            controller.open_case(case_id)
            controller.case_list.restore_selection(case_id)
            window.case_table.scrollTo(window.case_table.currentIndex())
            panel = window.case_panel
            panel.tabs.setCurrentIndex(0)
            window.left_tabs.setCurrentIndex(0)
            shoot(app, window, out / f"main-{lang}.png")
            panel.tabs.setCurrentWidget(panel.appointments)
            shoot(app, window, out / f"appointments-{lang}.png")
            panel.tabs.setCurrentWidget(panel.editor)
            shoot(app, window, out / f"editor-{lang}.png")
            window.left_tabs.setCurrentIndex(1)
            panel.tabs.setCurrentIndex(0)
            shoot(app, window, out / f"due-board-{lang}.png")
            window.left_tabs.setCurrentIndex(0)
            controller.cases.show_why_for("safe_notice_receipt")
            dialog = controller.cases.why_dialog
            shoot(app, dialog, out / f"why-{lang}.png")
            dialog.close()
        # A dark theme at 200 % text size: everything must still fit and read.
        controller.set_language("en")
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        app.setFont(font)
        window.resize(2400, 1500)
        controller.open_case(case_id)
        window.case_panel.tabs.setCurrentIndex(0)
        shoot(app, window, out / "dark-200-en.png")
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
