"""The due board: cases grouped into overdue, today and this week, each with days left."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core.model import NextCode
from desktop.i18n import N_, _
from desktop.store.records import CaseQuery, CaseRow
from desktop.store.repository import PAGE_SIZE, CaseRepository
from desktop.ui.models.text import days_left_text, next_date_meaning, short_date
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

HORIZON = 7  # "this week": the next seven days
_Index = QModelIndex | QPersistentModelIndex


class Bucket(IntEnum):
    OVERDUE = 0
    TODAY = 1
    WEEK = 2


BUCKET_NAMES = {
    Bucket.OVERDUE: N_("Overdue"),
    Bucket.TODAY: N_("Today"),
    Bucket.WEEK: N_("This week"),
}
# A date in the past is an action still open only in these steps (send the Notice, appeal,
# claim the penalty); for the others a past date means nothing is due any more.
_OPEN_ACTIONS = {
    NextCode.SEND_NOTICE,
    NextCode.RESEND_NOTICE,
    NextCode.APPEAL_POSSIBLE,
    NextCode.CLAIM_PENALTY,
}


@dataclass(frozen=True, slots=True)
class DueItem:
    bucket: Bucket
    row: CaseRow


def bucket_of(row: CaseRow, today: date) -> Bucket | None:
    if row.next_date is None or row.next_code is None:
        return None
    if row.next_date < today:
        return Bucket.OVERDUE if row.next_code in _OPEN_ACTIONS else None
    if row.next_date == today:
        return Bucket.TODAY
    if row.next_date <= today + timedelta(days=HORIZON):
        return Bucket.WEEK
    return None


def collect_due(
    repo: CaseRepository, today: date, report: Callable[[int, int], None] | None = None
) -> list[DueItem]:
    """Walk the active cases in next-date order and stop past the horizon (runs off-thread)."""
    ids = repo.ordered_ids(CaseQuery(sort_key="next_date", archived=False, today=today))
    items: list[DueItem] = []
    horizon = today + timedelta(days=HORIZON)
    for start in range(0, len(ids), PAGE_SIZE):
        page = ids[start : start + PAGE_SIZE]
        rows = repo.rows(page)
        for case_id in page:
            row = rows.get(case_id)
            if row is None:
                continue
            if row.next_date is not None and row.next_date > horizon:
                return items  # sorted by next date: nothing later is due this week
            bucket = bucket_of(row, today)
            if bucket is not None:
                items.append(DueItem(bucket, row))
        if report is not None:
            report(min(len(ids), start + PAGE_SIZE), len(ids))
    return items


class DueBoardModel(QAbstractItemModel):
    """Three groups with one child row per case, formatted lazily (overdue can be thousands).

    A group's index has internal id 0; a case row's has its group number + 1.
    """

    HEADERS = (N_("Applicant"), N_("Days left"), N_("Date"), N_("Next step"), N_("What"))
    CaseIdRole = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[DueItem] = []
        self._groups: dict[Bucket, list[CaseRow]] = {b: [] for b in Bucket}
        self._today = date.today()

    @property
    def items(self) -> list[DueItem]:
        return self._items

    @property
    def today(self) -> date:
        return self._today

    def set_items(self, items: Iterable[DueItem], today: date) -> None:
        self.beginResetModel()
        self._items = sorted(items, key=lambda i: (i.bucket, i.row.next_date or today))
        self._groups = {b: [i.row for i in self._items if i.bucket is b] for b in Bucket}
        self._today = today
        self.endResetModel()

    def rebuild(self) -> None:
        """Texts depend on the language: repaint everything."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ Qt model

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(Bucket)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[Bucket(parent.row())])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = int(index.internalId())
        if group == 0:  # a group heading
            bucket = Bucket(index.row())
            if index.column() != 0:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{_(BUCKET_NAMES[bucket])} ({len(self._groups[bucket])})"
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
            return None
        row = self._groups[Bucket(group - 1)][index.row()]
        if role == self.CaseIdRole:
            return row.id
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == 3 and row.next_code is not None:
            return stage_icon(row.next_code)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        assert row.next_date is not None and row.next_code is not None
        if column == 0:
            return row.applicant_name or _("(no name)")
        if column == 1:
            return days_left_text(row.next_date, self._today)
        if column == 2:
            return short_date(row.next_date)
        if column == 3:
            return stage_name(row.next_code)
        return next_date_meaning(row.next_code)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
