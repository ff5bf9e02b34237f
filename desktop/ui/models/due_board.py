"""The due board: cases grouped into overdue, today and this week, each with days left."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.core.stage import Stage
from desktop.i18n import N_, _
from desktop.store.records import CaseQuery, CaseRow
from desktop.store.repository import PAGE_SIZE, CaseRepository
from desktop.ui.models.text import days_left_text, next_kind_name, short_date
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

HORIZON = 7  # "this week": the next seven days


class Bucket(IntEnum):
    OVERDUE = 0
    TODAY = 1
    WEEK = 2


BUCKET_NAMES = {
    Bucket.OVERDUE: N_("Overdue"),
    Bucket.TODAY: N_("Today"),
    Bucket.WEEK: N_("This week"),
}
# A date in the past is an action still open only in these stages (send the Notice, appeal).
_OPEN_ACTIONS = {Stage.NOTICE_POSSIBLE, Stage.APPEAL_OPEN}


@dataclass(frozen=True, slots=True)
class DueItem:
    bucket: Bucket
    row: CaseRow


def bucket_of(row: CaseRow, today: date) -> Bucket | None:
    if row.next_date is None or row.stage in (None, Stage.DECIDED):
        return None
    if row.next_date < today:
        return Bucket.OVERDUE if row.stage in _OPEN_ACTIONS else None
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


class DueBoardModel(QStandardItemModel):
    """Three groups with one child row per case; CaseIdRole on every cell of a case row."""

    HEADERS = (N_("Applicant"), N_("Stage"), N_("What"), N_("Date"), N_("Days left"))
    CaseIdRole = Qt.ItemDataRole.UserRole

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._items: list[DueItem] = []
        self._today = date.today()

    @property
    def items(self) -> list[DueItem]:
        return self._items

    @property
    def today(self) -> date:
        return self._today

    def set_items(self, items: Iterable[DueItem], today: date) -> None:
        self._items = sorted(items, key=lambda i: (i.bucket, i.row.next_date or today))
        self._today = today
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([_(h) for h in self.HEADERS])
        root = self.invisibleRootItem()
        for bucket in Bucket:
            rows = [i.row for i in self._items if i.bucket is bucket]
            group = QStandardItem(f"{_(BUCKET_NAMES[bucket])} ({len(rows)})")
            group.setEditable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            blanks = [QStandardItem("") for _i in range(len(self.HEADERS) - 1)]
            for blank in blanks:
                blank.setEditable(False)
            root.appendRow([group, *blanks])
            for row in rows:
                assert row.next_date is not None and row.stage is not None
                cells = [
                    QStandardItem(row.applicant_name or _("(no name)")),
                    QStandardItem(stage_icon(row.stage), stage_name(row.stage)),
                    QStandardItem(next_kind_name(row.next_kind)),
                    QStandardItem(short_date(row.next_date)),
                    QStandardItem(days_left_text(row.next_date, self._today)),
                ]
                for cell in cells:
                    cell.setEditable(False)
                    cell.setData(row.id, self.CaseIdRole)
                group.appendRow(cells)
