"""Archive and delete the open case, each undoable for a while from the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.i18n import _
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.case_controller import CaseController
from desktop.ui.views.main_window import MainWindow

log = logging.getLogger("termijn.ui")

UNDO_MS = 30_000


class CaseActions(QObject):
    """Archive, delete and their undo; `refresh` reloads the list after each change."""

    def __init__(
        self,
        window: MainWindow,
        repo: CaseRepository,
        cases: CaseController,
        refresh: Callable[[], None],
        open_case: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.cases = cases
        self.refresh = refresh
        self.open_case = open_case
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        editor = window.case_panel.editor
        editor.archive_button.clicked.connect(self.archive_current)
        editor.delete_button.clicked.connect(self.delete_current)
        window.undo_button.clicked.connect(self.undo)

    def archive_current(self) -> None:
        case_id = self.cases.case_id
        if case_id is None:
            return
        archived = not self.cases.stored.case_file.archived if self.cases.stored else True
        self.repo.archive(case_id, archived)
        log.info("case %s archived=%s", case_id, archived)
        message = _("Case archived.") if archived else _("Case taken out of the archive.")
        self._offer_undo(message, lambda: self._set_archived(case_id, not archived))
        self.cases.close_case()
        self.refresh()

    def _set_archived(self, case_id: int, archived: bool) -> None:
        self.repo.archive(case_id, archived)
        self.refresh()
        self.open_case(case_id)

    def delete_current(self) -> None:
        case_id = self.cases.case_id
        if case_id is None:
            return
        answer = QMessageBox.question(
            self.window,
            _("Delete case"),
            _("Move this case to the bin? You can undo this right after."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.repo.delete(case_id)
        log.info("case %s deleted", case_id)
        self._offer_undo(_("Case deleted."), lambda: self._undelete(case_id))
        self.cases.close_case()
        self.refresh()

    def _undelete(self, case_id: int) -> None:
        self.repo.undelete(case_id)
        self.refresh()
        self.open_case(case_id)

    def _offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        self._undo = undo
        self.window.statusBar().showMessage(message, UNDO_MS)
        self.window.undo_button.show()
        self._timer.start(UNDO_MS)  # one timer: a second change restarts it

    def _expire(self) -> None:
        self._undo = None
        self.window.undo_button.hide()

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self._timer.stop()
        self.window.undo_button.hide()
        self.window.statusBar().clearMessage()
        if undo is not None:
            undo()
