"""The due board tab: collect what is due off the GUI thread, show it, open a case from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSize

from desktop.core.model import NextCode
from desktop.i18n import ngettext
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.case_list import widest_stage
from desktop.ui.models.due_board import EXPANDED, Bucket, DueBoard, DueBoardModel, collect_due
from desktop.ui.models.text import next_date_meaning, short_date
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
        window.due_tree.viewport_resized.connect(self.size_columns)
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
        for bucket in Bucket:  # group headings run across every column: never cut off
            tree.setFirstColumnSpanned(int(bucket), QModelIndex(), True)
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
        """Fit the columns to the board's width: "What" gives way first, then the date."""
        tree = self.window.due_tree
        header = tree.header()
        fm = tree.fontMetrics()
        pad = fm.averageCharWidth() * 2
        indent = tree.indentation()
        days = ngettext("{days} day ago", "{days} days ago", 365).format(days=365)
        names = [next_date_meaning(code) for code in NextCode]
        wanted = [
            indent + fm.horizontalAdvance("Muḥammad al-Ḥalabī") + pad,
            fm.horizontalAdvance(days) + pad,
            fm.horizontalAdvance(short_date(date(2026, 9, 30))) + pad,
            fm.height() + 8 + widest_stage(fm) + pad,
            max(fm.horizontalAdvance(name) for name in names) + pad,
        ]
        available = tree.viewport().width() or sum(wanted)
        hidden = set()
        for column in (4, 2):  # what the date means, then the date itself (the days say it)
            if sum(w for c, w in enumerate(wanted) if c not in hidden) > available:
                hidden.add(column)
        shown = [c for c in range(len(wanted)) if c not in hidden]
        excess = sum(wanted[c] for c in shown) - available
        widths = list(wanted)
        if excess > 0:  # name and next step share the rest of the shortfall
            least = fm.averageCharWidth() * 10
            for column in (0, 3):
                give = min(excess, max(0, widths[column] - least - indent * (column == 0)))
                widths[column] -= give
                excess -= give
        header.setStretchLastSection(False)
        tree.setIconSize(QSize(fm.height(), fm.height()))
        for column in range(len(wanted)):
            if column in hidden:
                tree.setColumnHidden(column, True)
            else:
                tree.setColumnHidden(column, False)
                header.resizeSection(column, widths[column])

    def _open(self, index: QModelIndex) -> None:
        case_id = index.data(DueBoardModel.CaseIdRole)
        if case_id is None:
            return
        self.open_case(int(case_id))
        self.window.case_panel.tabs.setCurrentIndex(0)
        self.window.show_case()
