"""The case list model: an ordered id list from SQL, rows loaded in pages into an LRU cache."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.i18n import N_, _
from desktop.store.records import CaseQuery, CaseRow, SortKey
from desktop.store.repository import CaseRepository
from desktop.ui.models.text import days_left_text, procedure_name, short_date
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

PAGE_SIZE = 100  # a few screens: the first paint after a keystroke loads one page, not more
_MAX_PAGES = 40  # 4,000 cached rows: many screens of scrolling, bounded memory at 100k cases
_Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    """Rows of the case list; sorting and filtering re-query the store, never a proxy."""

    APPLICANT, V_NUMBER, PROCEDURE, STAGE, NEXT_DATE = range(5)
    HEADERS = (N_("Applicant"), N_("V-number"), N_("Procedure"), N_("Next step"), N_("Date"))
    SORT_KEYS: tuple[SortKey, ...] = (
        "applicant",
        "v_number",
        "procedure",
        "next_step",
        "next_date",
    )
    CaseIdRole = Qt.ItemDataRole.UserRole
    StageRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, repo: CaseRepository, parent: Any = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self._query = CaseQuery()
        self._ids: list[int] = []
        self._rows: OrderedDict[int, CaseRow] = OrderedDict()
        self._today = repo.today()
        self._days_shown = True

    # ------------------------------------------------------------------ queries

    @property
    def query(self) -> CaseQuery:
        return self._query

    def set_query(self, query: CaseQuery) -> None:
        """Re-run the id query (one indexed SELECT) and reset; rows load lazily."""
        self.set_ids(query, self._repo.ordered_ids(query))

    def set_ids(self, query: CaseQuery, ids: list[int]) -> None:
        """Swap in an id list fetched elsewhere (e.g. on a worker thread)."""
        self.beginResetModel()
        self._query, self._ids = query, ids
        self._rows.clear()
        self._today = self._repo.today()
        self.endResetModel()

    def refresh_case(self, case_id: int) -> None:
        """A saved case that keeps its place: drop its cached row and repaint it in place."""
        self._rows.pop(case_id, None)
        try:
            row = self._ids.index(case_id)
        except ValueError:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> CaseRow | None:
        case_id = self._ids[row]
        cached = self._rows.get(case_id)
        if cached is not None:
            self._rows.move_to_end(case_id)
            return cached
        # A miss loads the whole page around it: scrolling asks for neighbours next.
        start = (row // PAGE_SIZE) * PAGE_SIZE
        page = self._ids[start : start + PAGE_SIZE]
        self._rows.update(self._repo.rows(page))
        while len(self._rows) > _MAX_PAGES * PAGE_SIZE:
            self._rows.popitem(last=False)
        return self._rows.get(case_id)

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == self.CaseIdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            self.StageRole,
        ):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and row.damage is not None:
            return str(row.damage)  # what cannot be read, and how to fix it
        if role == self.StageRole:
            return row.next_code
        if role == Qt.ItemDataRole.DecorationRole:
            return stage_icon(row.next_code) if column == self.STAGE and row.next_code else None
        if column == self.NEXT_DATE and role == Qt.ItemDataRole.DisplayRole:
            return self.next_date_text(row.next_date, self._days_shown)
        return self._text(row, column)

    def _text(self, row: CaseRow, column: int) -> str:
        if column == self.APPLICANT:
            return row.applicant_name or _("(no name)")
        if column == self.V_NUMBER:
            return row.v_number
        if column == self.PROCEDURE:
            return procedure_name(row.procedure) if row.procedure else _("Unreadable")
        if column == self.STAGE:
            if row.damage is not None:
                return _("Cannot be read")
            if row.next_code is None:
                return _("Dates incomplete")
            name = stage_name(row.next_code)
            return _("{stage} (archived)").format(stage=name) if row.archived else name
        if column == self.NEXT_DATE:
            return self.next_date_text(row.next_date)
        return ""

    def set_days_shown(self, shown: bool) -> None:
        """Whether the date column has room for the days left (the tooltip always has them)."""
        if shown != self._days_shown:
            self._days_shown = shown
            if self._ids:
                column = self.NEXT_DATE
                self.dataChanged.emit(self.index(0, column), self.index(len(self._ids) - 1, column))

    def next_date_text(self, day: date | None, days: bool = True) -> str:
        if day is None:
            return ""
        if not days:
            return short_date(day)
        return f"{short_date(day)} ({days_left_text(day, self._today)})"

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(self._query.sorted_by(self.SORT_KEYS[column], descending))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1)
            )
