"""The case list: search and filters as SQL queries, the selection, opening and creating cases."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelection, QModelIndex, QObject, QSize, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMessageBox

from desktop.core.model import NextCode, Procedure
from desktop.i18n import _, ngettext
from desktop.store.damage import UnreadableCaseError
from desktop.store.records import CaseQuery
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.case_controller import CaseController
from desktop.ui.models.case_list import CaseListModel
from desktop.ui.models.text import procedure_name, short_date
from desktop.ui.tasks import run_task
from desktop.ui.views.main_window import MainWindow
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

_ARCHIVED_CHOICES = (False, None, True)
_E = TypeVar("_E", bound=StrEnum)


def as_enum(kind: type[_E], value: object) -> _E | None:
    """A combo's item data as the enum it was added as (Qt returns a StrEnum as plain str)."""
    return None if value is None else kind(str(value))


def widest_stage(fm: QFontMetrics) -> int:
    """The longest next-step name in the current language."""
    return max(fm.horizontalAdvance(stage_name(code)) for code in NextCode)


class CaseListController(QObject):
    """Owns the list: every keystroke or filter re-queries SQL off the GUI thread.

    Signals:
        list_updated(): the list shows the result of the latest search or filter.
    """

    list_updated = Signal()

    def __init__(
        self,
        window: MainWindow,
        repo: CaseRepository,
        cases: CaseController,
        on_error: Any,
        pool: Any = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.cases = cases
        self.pool = pool
        self._on_error = on_error
        self._pending_query: CaseQuery | None = None
        self._query_running = False
        self._selecting = False
        self.model = CaseListModel(repo, window)
        window.case_table.setModel(self.model)
        w = window
        w.search_edit.textChanged.connect(self.apply_filters)
        for combo in (w.procedure_filter, w.stage_filter, w.archived_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        w.case_table.selectionModel().selectionChanged.connect(self._selection_changed)
        w.case_table.activated.connect(self._open_index)
        w.case_table.clicked.connect(lambda _index: w.show_case())
        w.case_table.viewport_resized.connect(self.size_columns)
        self.fill_filters()
        self.model.set_query(self.query())
        self.size_columns()
        self.update_count()

    @property
    def settled(self) -> bool:
        """No query running or waiting: the list shows what the filters ask for."""
        return not self._query_running and self._pending_query is None

    def retranslate_ui(self) -> None:
        self.fill_filters()
        self.model.retranslate()
        self.update_count()
        # Dutch labels are longer ("Ingebrekestelling opnieuw sturen"): size the columns again.
        self.size_columns()

    def fill_filters(self) -> None:
        w = self.window
        specs = (
            (
                w.procedure_filter,
                [(_("All procedures"), None)] + [(procedure_name(p), p) for p in Procedure],
            ),
            (
                w.stage_filter,
                [(_("All next steps"), None)] + [(stage_name(s), s) for s in NextCode],
            ),
            (
                w.archived_filter,
                [(_("Active cases"), False), (_("All cases"), None), (_("Archived cases"), True)],
            ),
        )
        for combo, items in specs:
            index = max(0, combo.currentIndex())
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                if isinstance(value, NextCode):
                    combo.addItem(stage_icon(value), text, value)
                else:
                    combo.addItem(text, value)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def size_columns(self) -> None:
        """Fit name, procedure, next step and date in the list's width, without scrolling.

        Sized from the font, not the contents (resizeColumnsToContents samples 1,000 rows). When
        space is short the V-number column goes first (search still finds it), then the name,
        procedure and next step shrink to a minimum (Qt elides their text; the tooltip has it
        whole). The date and days left keep their width.
        """
        table = self.window.case_table
        header = table.horizontalHeader()
        fm = table.fontMetrics()
        pad = fm.averageCharWidth() * 2
        char = fm.averageCharWidth()
        icon = fm.height() + 8
        m = CaseListModel
        days = ngettext("{days} day ago", "{days} days ago", 365).format(days=365)
        day = short_date(date(2026, 9, 30))
        wanted = {
            m.APPLICANT: fm.horizontalAdvance("Muḥammad al-Ḥalabī Qāsim") + pad,
            m.V_NUMBER: fm.horizontalAdvance("0000000000") + pad,
            m.PROCEDURE: max(fm.horizontalAdvance(procedure_name(p)) for p in Procedure) + pad,
            m.STAGE: icon + widest_stage(fm) + pad,
            m.NEXT_DATE: fm.horizontalAdvance(f"{day} ({days})") + pad,
        }
        least = {
            m.APPLICANT: char * 16,
            m.PROCEDURE: char * 9,
            m.STAGE: icon + char * 10,
            m.NEXT_DATE: fm.horizontalAdvance(day) + pad,  # the date without the days left
        }
        available = table.viewport().width()
        if available <= 0:
            available = sum(wanted.values())
        widths = dict(wanted)
        hide_v = sum(widths.values()) > available
        if hide_v:
            del widths[m.V_NUMBER]
        # What gives way: the procedure and the name a little (the next step not at all); then
        # the days left; then the three of them down to their minimum.
        texts = (m.APPLICANT, m.PROCEDURE, m.STAGE)
        first = {
            m.APPLICANT: wanted[m.APPLICANT] * 4 // 5,
            m.PROCEDURE: wanted[m.PROCEDURE] * 3 // 5,
        }
        self._shrink(widths, {c: max(least[c], first[c]) for c in first}, available)
        if sum(widths.values()) > available:
            widths[m.NEXT_DATE] = least[m.NEXT_DATE]
        self._shrink(widths, {c: least[c] for c in texts}, available)
        self.model.set_days_shown(widths[m.NEXT_DATE] >= wanted[m.NEXT_DATE])
        slack = available - sum(widths.values())
        if slack > 0:
            widths[m.APPLICANT] += slack  # room to spare goes to the names
        table.setColumnHidden(m.V_NUMBER, hide_v)
        for column, width in widths.items():
            header.resizeSection(column, width)
        table.verticalHeader().setDefaultSectionSize(max(fm.height() + 8, 22))
        # Icons as tall as the text, so 200 % text gets 200 % icons.
        table.setIconSize(QSize(fm.height(), fm.height()))
        self.window.stage_filter.setIconSize(QSize(fm.height(), fm.height()))

    @staticmethod
    def _shrink(widths: dict[int, int], floors: dict[int, int], available: int) -> None:
        """Take the excess over `available` from the columns in `floors`, each in proportion."""
        excess = sum(widths.values()) - available
        spare = {c: max(0, widths[c] - floor) for c, floor in floors.items()}
        room = sum(spare.values())
        if excess <= 0 or room <= 0:
            return
        for column, give in spare.items():
            widths[column] -= min(give, -(-excess * give // room))

    # ------------------------------------------------------------------ queries

    def query(self) -> CaseQuery:
        w = self.window
        return CaseQuery(
            text=w.search_edit.text(),
            procedure=as_enum(Procedure, w.procedure_filter.currentData()),
            next_code=as_enum(NextCode, w.stage_filter.currentData()),
            archived=_ARCHIVED_CHOICES[max(0, w.archived_filter.currentIndex())],
            sort_key=self.model.query.sort_key,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        """Re-query on every keystroke; SQL does search and filter.

        The id query runs on the pool (100,000 cases take tens of ms) and keystrokes that arrive
        meanwhile coalesce: only the newest query runs next, stale lists are never shown.
        """
        self._pending_query = self.query()
        if not self._query_running:
            self._run_query()

    def _run_query(self) -> None:
        query, self._pending_query = self._pending_query, None
        if query is None:
            return
        self._query_running = True
        repo = self.repo
        run_task(
            lambda: repo.ordered_ids(query),
            lambda ids: self._ids_ready(query, ids),
            self._query_failed,
            pool=self.pool,
        )

    def _ids_ready(self, query: CaseQuery, ids: list[int]) -> None:
        self._query_running = False
        if self._pending_query is not None:  # the user typed on: this list is already stale
            self._run_query()
            return
        selected = self.cases.case_id
        self.model.set_ids(query, ids)
        self.restore_selection(selected)
        self.update_count()
        self.list_updated.emit()

    def _query_failed(self, exc: Exception) -> None:
        self._query_running = False
        self._on_error(exc)

    def refresh(self) -> None:
        """Re-run the current query at once (after many cases changed)."""
        self.model.set_query(self.query())
        self.update_count()

    def update_count(self) -> None:
        count = self.model.rowCount()
        self.window.case_count_label.setText(
            ngettext("{count} case", "{count} cases", count).format(count=count)
        )

    # ------------------------------------------------------------------ selection

    def restore_selection(self, case_id: int | None) -> None:
        if case_id is None:
            return
        row = self.model.row_of(case_id)
        if row >= 0:
            table = self.window.case_table
            # A guard, not blockSignals(): the view must still hear about the selection.
            self._selecting = True
            try:
                table.selectRow(row)
                table.scrollTo(self.model.index(row, 0))
            finally:
                self._selecting = False

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return
        indexes = selected.indexes()
        if indexes:
            self.open_case(self.model.case_id(indexes[0].row()))

    def _open_index(self, index: QModelIndex) -> None:
        self.open_case(self.model.case_id(index.row()))
        self.window.show_case()
        self.window.case_panel.tabs.setFocus()

    def open_case(self, case_id: int) -> None:
        if case_id == self.cases.case_id:
            return
        if not self.confirm_discard():
            self.restore_selection(self.cases.case_id)
            return
        try:
            self.cases.open_case(case_id)
        except KeyError:
            self.refresh()  # deleted elsewhere (another window, the CLI)
        except UnreadableCaseError as exc:
            # The list stays usable: say what cannot be read and how to fix it.
            self.cases.close_case()
            QMessageBox.warning(self.window, _("This case cannot be read"), str(exc))

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits of the open case are dropped; False keeps the case open."""
        if not self.cases.dirty:
            return True
        answer = QMessageBox.question(
            self.window,
            _("Unsaved changes"),
            _("This case has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.cases.save()
            return not self.cases.dirty
        return answer == QMessageBox.StandardButton.Discard

    def new_case(self) -> None:
        if not self.confirm_discard():
            return
        self.window.case_table.clearSelection()
        self.cases.new_case()
        self.window.show_case()

    def focus_search(self) -> None:
        self.window.left_tabs.setCurrentIndex(0)
        self.window.show_list()
        self.window.search_edit.setFocus()
        self.window.search_edit.selectAll()

    def case_saved(self, case_id: int) -> None:
        if self.model.row_of(case_id) >= 0:
            self.model.refresh_case(case_id)  # keeps its place: repaint in place
        self.model.set_query(self.query())  # sort keys may have changed: re-query
        self.restore_selection(case_id)
        self.update_count()
