"""Back up the case file now, and restore one of its backups (the current state kept aside)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox, QWidget

from desktop.i18n import _
from desktop.paths import AppPaths
from desktop.store import backup as backups
from desktop.store.errors import StorageError
from desktop.store.repository import CaseRepository
from desktop.ui.signals import AppSignals
from desktop.ui.views.dialogs import RestoreDialog
from desktop.ui.views.main_window import MainWindow

log = logging.getLogger("termijn.ui")


class BackupController(QObject):
    """File → Back up now and File → Restore a backup; `close_case` runs before a restore."""

    def __init__(
        self,
        window: MainWindow,
        repo: CaseRepository,
        paths: AppPaths,
        signals: AppSignals,
        close_case: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.paths = paths
        self.signals = signals
        self.close_case = close_case

    def backup_now(self) -> None:
        try:
            made = backups.make_backup(self.repo.db.path, self.paths.backups, key=self.repo.db.key)
        except StorageError as exc:
            QMessageBox.critical(self.window, _("Back up now"), str(exc))
            return
        log.info("manual backup made")
        self.window.statusBar().showMessage(
            _("Backup saved: {path}").format(path=str(made)), 10_000
        )

    def restore_backup(self) -> None:
        dialog = RestoreDialog(self.window)
        for path in backups.backups_newest_first(self.paths.backups):
            item = QListWidgetItem(path.name, dialog.backup_list)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
        if dialog.backup_list.count():
            dialog.backup_list.setCurrentRow(0)
        dialog.file_button.clicked.connect(lambda: self._choose_file(dialog))
        dialog.buttons.accepted.connect(dialog.accept)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return
        item = dialog.backup_list.currentItem()
        if item is not None:
            self.restore_from(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _choose_file(self, dialog: RestoreDialog) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            dialog,
            _("Choose a backup"),
            str(self.paths.backups),
            _("Termijn case files (*.sqlite)"),
        )
        if path:
            item = QListWidgetItem(Path(path).name, dialog.backup_list)
            item.setData(Qt.ItemDataRole.UserRole, path)
            dialog.backup_list.setCurrentItem(item)

    def restore_from(self, source: Path, parent: QWidget | None = None) -> bool:
        try:
            aside = backups.restore(
                self.repo.db.path, source, self.paths.backups, key=self.repo.db.key
            )
        except StorageError as exc:
            QMessageBox.critical(parent or self.window, _("Restore a backup"), str(exc))
            return False
        log.info("backup restored; previous contents kept aside")
        self.close_case()
        self.signals.cases_changed.emit()
        self.window.statusBar().showMessage(
            _("Backup restored. The cases as they were are kept in {path}.").format(
                path=str(aside)
            ),
            15_000,
        )
        return True
