"""Run as a separate process on a virtual screen of a given size (offscreen, its own config):
open the window, every tab and every dialog (the Settings dialog's calendar page and the
reminder dialog included) at 100 % and 200 % text in English and Dutch, and print one JSON line
listing everything that does not fit. tests/ui/test_screen_sizes.py runs it.

    python tests/ui/size_probe.py 1366x768
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = sys.argv[1]
os.environ["QT_QPA_PLATFORM"] = (
    f"offscreen:configfile={ROOT / 'tests' / 'fixtures' / 'screens' / f'{SIZE}.json'}"
)
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from desktop.app import build  # noqa: E402
from desktop.core.casefile import CaseFile, Person  # noqa: E402
from desktop.core.model import Case, Procedure  # noqa: E402
from desktop.i18n import current_language  # noqa: E402
from desktop.launch import qt_messages_to_log  # noqa: E402
from desktop.paths import app_paths  # noqa: E402
from desktop.store import CaseRepository, open_database  # noqa: E402
from desktop.ui.controllers.bulk_tasks import load_demo_cases  # noqa: E402
from desktop.ui.tasks import SyncPool  # noqa: E402
from desktop.ui.views import dialogs  # noqa: E402

problems: list[str] = []
checked: list[str] = []


def settle(app: QApplication) -> None:
    for _i in range(4):
        app.processEvents()


def fits(widget: QWidget, what: str) -> None:
    room = widget.screen().availableGeometry().size()
    size = widget.frameGeometry().size()
    checked.append(what)
    if size.width() > room.width() or size.height() > room.height():
        problems.append(f"{what}: {size.width()}x{size.height()} > {room.width()}x{room.height()}")
    hint = widget.minimumSizeHint()
    if hint.width() > room.width() or hint.height() > room.height():
        problems.append(f"{what}: needs at least {hint.width()}x{hint.height()}")


def list_fits(window, what: str) -> None:
    table = window.case_table
    checked.append(what + " list")
    if table.horizontalScrollBar().maximum() > 0:
        problems.append(f"{what}: the case list scrolls sideways")
    window.left_tabs.setCurrentIndex(1)
    QApplication.processEvents()
    if window.due_tree.horizontalScrollBar().maximum() > 0:
        problems.append(f"{what}: the due board scrolls sideways")
    window.left_tabs.setCurrentIndex(0)
    model = table.model()
    for column in (model.APPLICANT, model.PROCEDURE, model.STAGE, model.NEXT_DATE):
        if table.isColumnHidden(column) or table.columnWidth(column) < 30:
            problems.append(f"{what}: list column {column} hidden or too narrow")


def calendar_page_fits(dialog: QDialog, what: str) -> None:
    """The Settings dialog on its calendar page: the dialog fits, the page never scrolls
    sideways (it may scroll down: it is a scroll area for 200 % text)."""
    pages = getattr(dialog, "pages", None)
    page = dialog.findChild(QWidget, "CalendarSettingsPage")
    if pages is None or page is None:
        problems.append(f"{what}: no calendar page in Settings")
        return
    pages.setCurrentWidget(page)
    settle(QApplication.instance())
    fits(dialog, f"{what} calendar settings")
    if page.horizontalScrollBar().maximum() > 0:
        problems.append(f"{what}: the calendar settings page scrolls sideways")


def reminder_fits(calendar, what: str) -> None:
    """The reminder dialog with the demo cases' dates coming up (the no-tray path)."""
    reminders = calendar.reminders
    reminders.has_tray = lambda: False
    if not reminders.remind():
        problems.append(f"{what}: no reminders to show (the probe's demo data)")
        return
    dialog = reminders.dialog
    settle(QApplication.instance())
    fits(dialog, f"{what} reminders")
    if dialog.dates.horizontalScrollBar().maximum() > 0:
        problems.append(f"{what}: the reminder list scrolls sideways")
    dialog.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_messages_to_log()
    base = app.font()
    with tempfile.TemporaryDirectory() as folder:
        paths = app_paths(folder).ensure()
        db = open_database(paths.database, backups=paths.backups)
        repo = CaseRepository(db)
        ids = load_demo_cases(repo, 60)
        # Two cases whose safe Notice date falls within the week, whatever day the probe runs
        # (the demo cases' dates move with today): the reminder dialog always has rows.
        for name, days in (("Ayşe Yıldız", 88), ("Jan de Vries", 86)):
            repo.save(
                CaseFile(
                    case=Case(Procedure.REGULAR, repo.today() - timedelta(days=days)),
                    applicant=Person(name=name),
                    reference="PROBE-1",
                )
            )
        built = build(repo, paths, lang="en", pool=SyncPool(), save=SyncPool())
        window, controller = built.window, built.controller
        window.show()
        settle(app)
        room = window.screen().availableGeometry().size()
        shown: list[QDialog] = []

        if built.calendar is not None:
            built.calendar.feed.start()  # the dates the reminders come from
            settle(app)

        def show_instead(dialog: QDialog) -> int:
            dialog.show()
            settle(app)
            shown.append(dialog)
            if isinstance(dialog, dialogs.SettingsDialog):
                what = f"{SIZE} {current_language()} {percent[0]}%"
                if dialog.scroll.horizontalScrollBar().maximum() > 0:
                    problems.append(f"{what}: the Settings page scrolls sideways")
                calendar_page_fits(dialog, what)
            dialog.close()
            return QDialog.DialogCode.Rejected

        for cls in (
            dialogs.SettingsDialog,
            dialogs.EventDialog,
            dialogs.FirstStartDialog,
            dialogs.RestoreDialog,
        ):
            cls.exec = show_instead  # type: ignore[method-assign]
        percent = [100]
        for scale in (1.0, 2.0):
            percent[0] = int(scale * 100)
            font = base
            font.setPointSizeF(base.pointSizeF() * scale)
            app.setFont(font)
            for lang in ("en", "nl"):
                what = f"{SIZE} {lang} {int(scale * 100)}%"
                controller.set_language(lang)
                frame = window.frameGeometry().size() - window.geometry().size()
                window.resize(room - frame)  # maximised, as on a small laptop
                settle(app)
                fits(window, f"{what} window")
                window.show_list()
                settle(app)
                list_fits(window, what)
                controller.open_case(ids[7])
                panel = window.case_panel
                for tab in range(panel.tabs.count()):
                    panel.tabs.setCurrentIndex(tab)
                    settle(app)
                    fits(window, f"{what} tab {tab}")
                panel.tabs.setCurrentIndex(0)
                controller.cases.show_why_for("rolled_end")
                settle(app)
                fits(controller.cases.why_dialog, f"{what} why")
                controller.cases.why_dialog.close()
                shown.clear()
                controller.settings.open_settings()
                controller.cases.event_log.edit_event(None)
                controller.first_start()
                controller.backups.restore_backup()
                for dialog in shown:
                    fits(dialog, f"{what} {dialog.__class__.__name__}")
                if built.calendar is not None:
                    reminder_fits(built.calendar, what)
        window.close_handler = None
        window.close()
        db.close()
    print(json.dumps({"problems": problems, "checked": len(checked)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
