"""The main window's composition: one collaborator per job, and the menu wired in one place."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.i18n import _
from desktop.paths import AppPaths
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.backups import BackupController
from desktop.ui.controllers.bulk_tasks import BulkTasks, is_demo_file
from desktop.ui.controllers.case_actions import CaseActions
from desktop.ui.controllers.case_controller import CaseController
from desktop.ui.controllers.case_list import CaseListController
from desktop.ui.controllers.demo import ask_demo_here, offer_demo_window
from desktop.ui.controllers.due_board import DueBoardController
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.rules import RulesController
from desktop.ui.controllers.settings import SettingsController
from desktop.ui.language import LanguageSwitcher
from desktop.ui.signals import AppSignals
from desktop.ui.views.dialogs import FirstStartDialog
from desktop.ui.views.main_window import MainWindow

log = logging.getLogger("termijn.ui")


class MainController(QObject):
    """Builds the collaborators and connects the menu; `pool` runs long work, `save_pool` writes.

    Collaborators: `case_list` (search, filters, selection), `cases` (the open case),
    `actions` (archive, delete, undo), `due` (the due board), `tasks` (import, demo, recompute
    with progress), `backups`, `settings` (and language). Other features add their menu actions
    with `wire(action, handler)`.

    Signals:
        list_updated(): the case list shows the result of the latest search or filter.
    """

    list_updated = Signal()

    def __init__(
        self,
        window: MainWindow,
        repo: CaseRepository,
        paths: AppPaths,
        signals: AppSignals,
        language: LanguageSwitcher,
        pool: Any = None,
        save_pool: Any = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.paths = paths
        self.signals = signals
        self.language = language
        self.pool = pool
        self.prefs = Preferences(repo)
        self.cases = CaseController(window.case_panel, repo, signals, self.prefs, save_pool, self)
        self.tasks = BulkTasks(window, repo, signals, pool)
        self.case_list = CaseListController(window, repo, self.cases, self.tasks.failed, pool)
        self.case_list.list_updated.connect(self.list_updated)
        self.due = DueBoardController(window, repo, self.open_case, self.tasks.failed, pool)
        self.actions = CaseActions(window, repo, self.cases, self.refresh_all, self.open_case)
        self.backups = BackupController(window, repo, paths, signals, self.cases.close_case)
        self.settings = SettingsController(
            window,
            self.prefs,
            paths,
            signals,
            language,
            self.backups.backup_now,
            self.backups.restore_backup,
        )
        self.rules = RulesController(window, repo, paths, signals, self.tasks)  # pack in use
        self._wire_menu()
        language.language_changed.connect(self.retranslate_ui)
        language.language_changed.connect(self.rules.retranslate_ui)
        window.font_changed.connect(self._font_changed)
        window.case_panel.empty_new_button.clicked.connect(self.new_case)
        signals.case_saved.connect(self._case_saved)
        signals.cases_changed.connect(self.refresh_all)
        signals.flags_changed.connect(self.rules.law_changed)  # recompute, then the report
        signals.saved.connect(self.confirm_saved)
        window.open_folder_button.clicked.connect(self._open_folder)
        self._folder = ""
        # Owned by the controller: it dies with the window, never fires on a deleted button.
        self._folder_timer = QTimer(self)
        self._folder_timer.setSingleShot(True)
        self._folder_timer.timeout.connect(window.open_folder_button.hide)
        self.settings.sync_language_menu()
        self._update_title()
        self.due.refresh()

    # ------------------------------------------------------------------ wiring

    def wire(self, action: QAction, handler: Callable[[], Any]) -> None:
        """Connect a menu action to what it does (the one place menu actions are connected)."""
        action.triggered.connect(lambda _checked=False: handler())

    def _wire_menu(self) -> None:
        w = self.window
        for action, handler in (
            (w.new_case_action, self.new_case),
            (w.import_action, self.tasks.import_cases),
            (w.demo_action, self.load_demo),
            (w.backup_action, self.backups.backup_now),
            (w.restore_action, self.backups.restore_backup),
            (w.settings_action, self.settings.open_settings),
            (w.quit_action, w.close),
            (w.show_cases_action, lambda: (w.left_tabs.setCurrentIndex(0), w.show_list())),
            (w.show_due_action, self.due.show),
            (w.find_action, self.case_list.focus_search),
            (w.recompute_action, self.tasks.recompute_all),
            (w.about_action, self.about),
        ):
            self.wire(action, handler)
        w.language_group.triggered.connect(lambda action: self.set_language(action.data()))

    def retranslate_ui(self, _lang: str = "") -> None:
        self.window.retranslate_ui()
        self._update_title()
        self.settings.sync_language_menu()
        self.case_list.retranslate_ui()
        self.due.retranslate_ui()
        self.cases.retranslate_ui()

    def _font_changed(self) -> None:
        self.case_list.size_columns()
        self.due.size_columns()
        self.cases.retranslate_ui()  # redraws the next-step icon at the new size

    def _update_title(self) -> None:
        title = _("Termijn: IND case organiser")
        if is_demo_file(self.repo):
            title = _("{title} (demo data: fictitious cases)").format(title=title)
        self.window.setWindowTitle(title)

    # ------------------------------------------------------------------ cases

    @property
    def model(self) -> Any:
        return self.case_list.model

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def open_case(self, case_id: int) -> None:
        """Open a case as if chosen in the list (asks first about unsaved edits)."""
        self.case_list.open_case(case_id)
        self.case_list.restore_selection(self.cases.case_id)
        if self.cases.case_id == case_id:
            self.window.show_case()

    def new_case(self) -> None:
        self.case_list.new_case()

    def _case_saved(self, case_id: int) -> None:
        self.case_list.case_saved(case_id)
        self.due.refresh()

    def refresh_all(self) -> None:
        """Many cases changed: re-query the list and the board, reload the open case."""
        self.case_list.refresh()
        current = self.cases.case_id
        if current is not None:
            try:
                self.cases.open_case(current)
                self.case_list.restore_selection(current)
            except KeyError:
                self.cases.close_case()
        self._update_title()
        self.due.refresh()

    def confirm_saved(self, message: str, folder: str) -> None:
        """A status-bar confirmation; "Open folder" shows where a file went."""
        self._folder = folder
        self.window.statusBar().showMessage(message, 15_000)
        self.window.open_folder_button.setVisible(bool(folder))
        if folder:
            self._folder_timer.start(15_000)

    def _open_folder(self) -> None:
        if self._folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._folder))

    # ------------------------------------------------------------------ bulk work

    def load_demo(self) -> None:
        """Demo cases only into an empty (or demo) file after asking; else a separate window."""
        if ask_demo_here(self.window, self.repo):
            self.tasks.load_demo()
        elif self.repo.count() and not is_demo_file(self.repo):
            offer_demo_window(self.window, self.paths)

    def refresh_stale(self) -> None:
        self.rules.refresh_stale()  # cases cached under other law: recompute, then the report

    def set_language(self, lang: str) -> None:
        self.settings.set_language(lang)

    # ------------------------------------------------------------------ first start, about

    def first_start(self) -> None:
        """No cases yet: offer a first case or demo data."""
        dialog = FirstStartDialog(self.window)
        choice: list[str] = []
        dialog.new_button.clicked.connect(lambda: (choice.append("new"), dialog.accept()))
        dialog.demo_button.clicked.connect(lambda: (choice.append("demo"), dialog.accept()))
        dialog.skip_button.clicked.connect(dialog.reject)
        self.first_start_dialog = dialog
        dialog.exec()
        if choice == ["new"]:
            self.new_case()
        elif choice == ["demo"] and self.repo.count() == 0:
            self.tasks.load_demo()  # the welcome dialog says they are fictitious and marked

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            _("About Termijn"),
            _(
                "Termijn keeps track of IND decision terms, Notices of Default and penalties. "
                "It works offline; your cases stay on this computer.\n\nData: {path}"
            ).format(path=str(self.paths.data)),
        )

    def close_requested(self, event: QCloseEvent) -> None:
        if self.case_list.confirm_discard() and self.cases.confirm_close():
            event.accept()
        else:
            event.ignore()
