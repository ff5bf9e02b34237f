"""Issue 15 in the window: the live calendar feed, reminders, the settings section, the board PDF.

`CalendarHooks` is the one object app.py makes; it hooks into the window without changing it:
a section in the Settings dialog, an action in the File menu, and two controllers that work in
the background. `start()` (after the window is shown) makes the first feed and reminds.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.feed import settings as feed_settings
from desktop.i18n import _, current_language
from desktop.paths import AppPaths
from desktop.store.errors import StorageError
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.calendar_feed import CalendarFeedController
from desktop.ui.controllers.lock import LockController
from desktop.ui.controllers.main_controller import MainController
from desktop.ui.controllers.reminders import ReminderController
from desktop.ui.language import LanguageSwitcher
from desktop.ui.models.due_board import MONTH, Bucket
from desktop.ui.models.text import next_date_meaning
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import run_task
from desktop.ui.views.calendar_settings import CalendarSettingsPage
from desktop.ui.views.dialogs import SettingsDialog
from desktop.ui.widgets.stage_icons import stage_name

if TYPE_CHECKING:
    from desktop.documents.due_board import BoardLine

log = logging.getLogger("termijn.ui")


class CalendarHooks(QObject):
    """Owns the feed and reminder controllers and the window's hooks for them."""

    def __init__(
        self,
        controller: MainController,
        repo: CaseRepository,
        paths: AppPaths,
        signals: AppSignals,
        language: LanguageSwitcher,
        pool: Any = None,
        lock: LockController | None = None,
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.repo = repo
        self.pool = pool
        self.feed = CalendarFeedController(repo, paths, signals, language, pool, self)
        self.reminders = ReminderController(
            self.window,
            self.feed,
            self._show_due,
            locked=(lambda: lock.locked) if lock is not None else (lambda: False),
        )
        if lock is not None:  # what came due while locked is shown once it is unlocked
            lock.locked_changed.connect(lambda on: None if on else self.reminders.unlocked())
        self.feed.failed.connect(self._feed_failed)
        self.settings_page: CalendarSettingsPage | None = None
        self.export_action = QAction(self.window)
        menu = self.window.file_menu
        menu.insertAction(self.window.backup_action, self.export_action)
        menu.insertSeparator(self.window.backup_action)
        controller.wire(self.export_action, self.export_board)
        controller.settings.extensions.append(self.add_settings_page)
        language.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def start(self) -> None:
        self.feed.start()
        self.reminders.start()

    def stop(self) -> None:
        """At quit: stop following changes and wait for the feed task (a full build gives up)."""
        self.reminders.stop()
        self.feed.stop()

    def retranslate_ui(self, _lang: str = "") -> None:
        self.export_action.setText(_("E&xport due board as PDF…"))

    def _show_due(self) -> None:
        self.controller.due.show()

    def _feed_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(
            _("The calendar file could not be written: {problem}").format(problem=message), 15_000
        )

    # ------------------------------------------------------------------ settings section

    def add_settings_page(self, dialog: SettingsDialog) -> CalendarSettingsPage:
        """Fill the Settings dialog's calendar section; saved when the dialog is accepted."""
        page = CalendarSettingsPage(dialog)
        self.settings_page = page
        path = self.feed.path
        page.path_edit.setText(str(path))
        page.address_edit.setText(path.as_uri())
        page.copy_path_button.clicked.connect(lambda: _copy(str(path)))
        page.copy_address_button.clicked.connect(lambda: _copy(path.as_uri()))
        page.language_combo.addItem(_("Same as the window"), "")
        page.language_combo.addItem("English", "en")
        page.language_combo.addItem("Nederlands", "nl")
        saved_language = feed_settings.saved_language(self.repo)
        page.language_combo.setCurrentIndex(max(0, page.language_combo.findData(saved_language)))
        options = feed_settings.load_options(self.repo, current_language())
        days = list(options.alarm_days)
        for check, spin, default in (
            (page.first_check, page.first_days, 7),
            (page.second_check, page.second_days, 1),
        ):
            value = days.pop(0) if days else None
            check.setChecked(value is not None)
            spin.setValue(default if value is None else value)
            spin.setEnabled(value is not None)
        page.names_check.setChecked(options.names)
        dialog.add_section(page, page.title())
        dialog.accepted.connect(lambda: self._save_settings(page))
        return page

    def _save_settings(self, page: CalendarSettingsPage) -> None:
        days = tuple(
            spin.value()
            for check, spin in (
                (page.first_check, page.first_days),
                (page.second_check, page.second_days),
            )
            if check.isChecked()
        )
        try:
            feed_settings.save_options(
                self.repo,
                language=str(page.language_combo.currentData() or ""),
                alarm_days=tuple(sorted(set(days), reverse=True)),
                names=page.names_check.isChecked(),
            )
        except StorageError as exc:
            QMessageBox.critical(self.window, _("Settings"), str(exc))
            return
        self.feed.changed()

    # ------------------------------------------------------------------ due board as PDF

    def board_lines(self) -> list[BoardLine]:
        """The due board as read, in the window's language: Overdue and the next 30 days.

        "Later" is left out: it can hold thousands of cases and is not read until scrolled to.
        """
        from desktop.documents.due_board import BoardLine  # ReportLab: off the start path

        board = self.controller.due.model.board
        lines = []
        for bucket, ids in board.groups.items():
            if bucket is Bucket.LATER:
                continue
            for case_id in ids:
                row = board.rows.get(case_id)
                if row is None or row.next_date is None or row.next_code is None:
                    continue
                lines.append(
                    BoardLine(
                        day=row.next_date,
                        applicant=row.applicant_name,
                        reference=row.reference,
                        step=stage_name(row.next_code),
                        meaning=next_date_meaning(row.next_code),
                    )
                )
        return lines

    def export_board(self) -> None:
        today = self.controller.due.model.today
        suggested = Path.home() / _("due-board-{date}.pdf").format(date=today.isoformat())
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("Export due board as PDF"), str(suggested), _("PDF files (*.pdf)")
        )
        if chosen:
            self.export_board_to(Path(chosen))

    def export_board_to(self, target: Path) -> None:
        lines, today, lang = self.board_lines(), self.controller.due.model.today, current_language()
        until = today + timedelta(days=MONTH)  # the board reads rows this far; Later is left out
        self.window.statusBar().showMessage(_("Writing the due board…"))

        def work() -> Path:
            # ReportLab is imported here, off the start path (its import takes ~60 ms).
            from desktop.documents.due_board import build_due_board
            from desktop.documents.output import write_atomic

            return write_atomic(target, build_due_board(lines, today, lang, until))

        def done(path: Path) -> None:
            log.info("due board exported (%d lines)", len(lines))
            self.window.statusBar().showMessage(
                _("Due board saved: {path}").format(path=str(path)), 10_000
            )

        def failed(exc: Exception) -> None:
            if not isinstance(exc, OSError):
                raise exc
            self.window.statusBar().clearMessage()
            QMessageBox.warning(
                self.window,
                _("Export due board as PDF"),
                _("The PDF could not be written to {path}: {problem}").format(
                    path=str(target), problem=exc.strerror or str(exc)
                ),
            )

        run_task(work, done, failed, pool=self.pool)


def _copy(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
