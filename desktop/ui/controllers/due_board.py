"""The due board tab: collect what is due off the GUI thread, show it, open a case from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject

from desktop.i18n import ngettext
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.case_list import widest_stage
from desktop.ui.models.due_board import EXPANDED, DueBoard, DueBoardModel, collect_due
from desktop.ui.tasks import run_task
from desktop.ui.views.main_window import MainWindow


class DueBoardController(QObject):
    """Fills the board after every change; `open_case` opens the case a row stands for."""

    def __init__(
        self,
        window: MainWindow,
        repo: CaseRepository,
        open_case: Callable[[int], None],
        on_error: Callable[[Exception], None],
        pool: Any = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.open_case = open_case
        self.on_error = on_error
        self.pool = pool
        self.model = DueBoardModel(repo, window)
        window.due_tree.setModel(self.model)
        window.due_tree.activated.connect(self._open)
        window.due_tree.doubleClicked.connect(self._open)

    def show(self) -> None:
        self.window.left_tabs.setCurrentIndex(1)
        self.window.show_list()
        self.window.due_tree.setFocus()

    def refresh(self) -> None:
        today = self.repo.today()
        repo = self.repo
        run_task(lambda: collect_due(repo, today), self._ready, self.on_error, pool=self.pool)

    def _ready(self, board: DueBoard) -> None:
        self.model.set_board(board)
        tree = self.window.due_tree
        for bucket in EXPANDED:
            tree.expand(self.model.bucket_index(bucket))
        self.size_columns()

    def retranslate_ui(self) -> None:
        tree = self.window.due_tree
        expanded = [
            i for i in range(self.model.rowCount()) if tree.isExpanded(self.model.index(i, 0))
        ]
        self.model.rebuild()
        for row in expanded:
            tree.expand(self.model.index(row, 0))
        self.size_columns()

    def size_columns(self) -> None:
        tree = self.window.due_tree
        fm = tree.fontMetrics()
        days = ngettext("{days} day ago", "{days} days ago", 365).format(days=365)
        samples = ("Muḥammad al-Ḥalabī", days, "30 Sept 2026")
        widths = [fm.horizontalAdvance(sample) for sample in samples] + [widest_stage(fm)]
        for column, width in enumerate(widths):
            extra = fm.height() * (3 if column in (0, 3) else 2)  # indentation or icon, padding
            tree.setColumnWidth(column, width + extra)

    def _open(self, index: QModelIndex) -> None:
        case_id = index.data(DueBoardModel.CaseIdRole)
        if case_id is None:
            return
        self.open_case(int(case_id))
        self.window.case_panel.tabs.setCurrentIndex(0)
        self.window.show_case()
