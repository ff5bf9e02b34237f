"""The due board: what is due today, this week, in 30 days and later, and what is overdue."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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

WEEK = 7  # "this week": the next seven days
MONTH = 30  # "next 30 days"
_Index = QModelIndex | QPersistentModelIndex


class Bucket(IntEnum):
    """The groups in the order the board shows them: what needs doing soonest first."""

    TODAY = 0
    WEEK = 1
    MONTH = 2
    LATER = 3
    OVERDUE = 4


BUCKET_NAMES = {
    Bucket.TODAY: N_("Today"),
    Bucket.WEEK: N_("This week"),
    Bucket.MONTH: N_("Next 30 days"),
    Bucket.LATER: N_("Later"),
    Bucket.OVERDUE: N_("Overdue"),
}
# Shown open; the others (possibly thousands of rows) start collapsed with their count.
EXPANDED = (Bucket.TODAY, Bucket.WEEK, Bucket.MONTH)

# A date in the past is an action still open only in these steps (send the Notice, appeal,
# claim the penalty); for the others a past date means nothing is due any more.
_OPEN_ACTIONS = {
    NextCode.SEND_NOTICE,
    NextCode.RESEND_NOTICE,
    NextCode.APPEAL_POSSIBLE,
    NextCode.CLAIM_PENALTY,
}


def bucket_of(row: CaseRow, today: date) -> Bucket | None:
    """The group a case's next date puts it in on `today`; None when nothing is due."""
    if row.next_date is None or row.next_code is None:
        return None
    if row.next_date < today:
        return Bucket.OVERDUE if row.next_code in _OPEN_ACTIONS else None
    if row.next_date == today:
        return Bucket.TODAY
    if row.next_date <= today + timedelta(days=WEEK):
        return Bucket.WEEK
    if row.next_date <= today + timedelta(days=MONTH):
        return Bucket.MONTH
    return Bucket.LATER


@dataclass(frozen=True, slots=True)
class DueBoard:
    """Case ids per group in date order, and the rows already read (every group but Later)."""

    today: date
    groups: Mapping[Bucket, tuple[int, ...]]
    rows: Mapping[int, CaseRow] = field(default_factory=dict)

    def count(self, bucket: Bucket) -> int:
        return len(self.groups.get(bucket, ()))


def collect_due(
    repo: CaseRepository, today: date, report: Callable[[int, int], None] | None = None
) -> DueBoard:
    """Group the active cases by next date (runs off-thread).

    Rows are read in next-date order up to 30 days ahead. Everything after that is "Later" up to
    the cases without a date, which sort last: that boundary is found by bisection, so 100,000
    later cases cost a few row reads, not 100,000; the board reads their rows as they scroll in.
    """
    ids = repo.ordered_ids(CaseQuery(sort_key="next_date", archived=False, today=today))
    groups: dict[Bucket, list[int]] = {b: [] for b in Bucket}
    rows: dict[int, CaseRow] = {}
    horizon = today + timedelta(days=MONTH)
    later_from = len(ids)
    for start in range(0, len(ids), PAGE_SIZE):
        page = ids[start : start + PAGE_SIZE]
        page_rows = repo.rows(page, today)
        stop = False
        for offset, case_id in enumerate(page):
            row = page_rows.get(case_id)
            if row is None:
                continue
            if row.next_date is None or row.next_date > horizon:
                later_from = start + offset
                stop = True
                break
            bucket = bucket_of(row, today)
            if bucket is not None:
                groups[bucket].append(case_id)
                rows[case_id] = row
        if report is not None:
            report(min(len(ids), start + PAGE_SIZE), len(ids))
        if stop:
            break
    undated = _first_undated(repo, ids, later_from, today)
    groups[Bucket.LATER] = ids[later_from:undated]
    return DueBoard(today, {b: tuple(v) for b, v in groups.items()}, rows)


def _first_undated(repo: CaseRepository, ids: list[int], low: int, today: date) -> int:
    """The index of the first case without a next date at or after `low` (they sort last)."""
    high = len(ids)
    while low < high:
        middle = (low + high) // 2
        row = repo.rows([ids[middle]], today).get(ids[middle])
        if row is None or row.next_date is None:
            high = middle
        else:
            low = middle + 1
    return low


class DueBoardModel(QAbstractItemModel):
    """Five groups with one child row per case, formatted lazily (a group can hold thousands).

    A group's index has internal id 0; a case row's has its group number + 1. Rows the board did
    not read yet (Later) are read a page at a time as they are shown.
    """

    HEADERS = (N_("Applicant"), N_("When"), N_("Date"), N_("Next step"), N_("What"))
    CaseIdRole = Qt.ItemDataRole.UserRole
    _MAX_ROWS = 4000

    def __init__(self, repo: CaseRepository | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self._board = DueBoard(date.today(), {b: () for b in Bucket})
        self._lazy: OrderedDict[int, CaseRow] = OrderedDict()

    @property
    def board(self) -> DueBoard:
        return self._board

    @property
    def today(self) -> date:
        return self._board.today

    def set_board(self, board: DueBoard) -> None:
        self.beginResetModel()
        self._board = board
        self._lazy.clear()
        self.endResetModel()

    def rebuild(self) -> None:
        """Texts depend on the language: repaint everything."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        self.layoutChanged.emit()

    def bucket_index(self, bucket: Bucket) -> QModelIndex:
        return self.index(int(bucket), 0)

    def _row(self, bucket: Bucket, position: int) -> CaseRow | None:
        case_id = self._board.groups[bucket][position]
        row = self._board.rows.get(case_id) or self._lazy.get(case_id)
        if row is not None or self._repo is None:
            return row
        ids = self._board.groups[bucket]
        start = (position // PAGE_SIZE) * PAGE_SIZE
        self._lazy.update(self._repo.rows(ids[start : start + PAGE_SIZE], self._board.today))
        while len(self._lazy) > self._MAX_ROWS:
            self._lazy.popitem(last=False)
        return self._lazy.get(case_id)

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
            return self._board.count(Bucket(parent.row()))
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
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{_(BUCKET_NAMES[bucket])} ({self._board.count(bucket)})"
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
            return None
        bucket = Bucket(group - 1)
        if role == self.CaseIdRole:
            return self._board.groups[bucket][index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
        ):
            return None
        row = self._row(bucket, index.row())
        if row is None or row.next_date is None or row.next_code is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and row.damage is not None:
            return str(row.damage)  # due by its last computed date, but it cannot be opened
        if role == Qt.ItemDataRole.DecorationRole:
            return stage_icon(row.next_code) if column == 3 else None
        if column == 0:
            return row.applicant_name or _("(no name)")
        if column == 1:
            return days_left_text(row.next_date, self._board.today)
        if column == 2:
            return short_date(row.next_date)
        if column == 3:
            return stage_name(row.next_code)
        return next_date_meaning(row.next_code)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
