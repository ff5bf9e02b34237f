"""The main window's behaviour: list queries, due board, language, settings, backups, demo."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontMetrics
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox

from desktop.core.casefile import Representative, parse_case_file
from desktop.core.model import NextCode, Procedure
from desktop.core.rulepack import load_rule_pack
from desktop.i18n import _, current_language
from desktop.paths import AppPaths
from desktop.store import backup as backups
from desktop.store.errors import StorageError
from desktop.store.records import CaseQuery
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.case_controller import CaseController
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.validation import FieldError, check_email
from desktop.ui.language import LanguageSwitcher
from desktop.ui.models.case_list import CaseListModel
from desktop.ui.models.due_board import DueBoardModel, collect_due
from desktop.ui.models.text import procedure_name
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import run_task
from desktop.ui.views.dialogs import FirstStartDialog, RestoreDialog, SettingsDialog
from desktop.ui.views.main_window import MainWindow
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

log = logging.getLogger("termijn.ui")

_ARCHIVED_CHOICES = (False, None, True)
_E = TypeVar("_E", bound=StrEnum)


def _as(kind: type[_E], value: object) -> _E | None:
    """A combo's item data as the enum it was added as (Qt returns a StrEnum as plain str)."""
    return None if value is None else kind(str(value))


DEMO_COUNT = 60


def load_demo_cases(
    repo: CaseRepository, count: int, report: Callable[[int, int], None] | None = None
) -> list[int]:
    """Add `count` deterministic demo cases in chunks (one transaction each), reporting progress."""
    from desktop.store.demo import demo_cases

    ids: list[int] = []
    batch = max(1, min(500, count // 10 or 1))
    files: list[Any] = []
    proofs: list[Any] = []
    for case_file, proof in demo_cases(count, today=repo.today()):
        files.append(case_file)
        proofs.append(proof)
        if len(files) == batch:
            ids += repo.save_many(files, proofs)
            files, proofs = [], []
            if report is not None:
                report(len(ids), count)
    if files:
        ids += repo.save_many(files, proofs)
    if report is not None:
        report(len(ids), count)
    return ids


class MainController(QObject):
    """Wires the main window to the repository; `pool` runs long work, `save_pool` writes.

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
        reopen: Callable[[], CaseRepository] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.paths = paths
        self.signals = signals
        self.language = language
        self.pool = pool
        self.save_pool = save_pool
        self.reopen = reopen
        self.prefs = Preferences(repo)
        self.busy = False
        self._pending_query: CaseQuery | None = None
        self._query_running = False
        self._selecting = False
        self.model = CaseListModel(repo, window)
        self.due_model = DueBoardModel(window)
        window.case_table.setModel(self.model)
        window.due_tree.setModel(self.due_model)
        self.cases = CaseController(window.case_panel, repo, signals, self.prefs, save_pool, self)
        self._undo: Callable[[], None] | None = None
        self._connect()
        self._fill_filters()
        self._sync_language_menu()
        self.model.set_query(self._query())
        self._size_columns()
        self._update_count()
        self.refresh_due()

    # ------------------------------------------------------------------ wiring

    def _connect(self) -> None:
        w = self.window
        w.search_edit.textChanged.connect(self.apply_filters)
        for combo in (w.procedure_filter, w.stage_filter, w.archived_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        w.case_table.selectionModel().selectionChanged.connect(self._selection_changed)
        w.case_table.activated.connect(self._open_index)
        w.due_tree.activated.connect(self._open_due)
        w.due_tree.doubleClicked.connect(self._open_due)
        w.new_case_action.triggered.connect(self.new_case)
        w.case_panel.empty_new_button.clicked.connect(self.new_case)
        w.import_action.triggered.connect(self.import_cases)
        w.demo_action.triggered.connect(self.load_demo)
        w.backup_action.triggered.connect(self.backup_now)
        w.restore_action.triggered.connect(self.restore_backup)
        w.settings_action.triggered.connect(self.open_settings)
        w.quit_action.triggered.connect(w.close)
        w.show_cases_action.triggered.connect(lambda: w.left_tabs.setCurrentIndex(0))
        w.show_due_action.triggered.connect(self._show_due)
        w.find_action.triggered.connect(self._focus_search)
        w.recompute_action.triggered.connect(self.recompute_all)
        w.about_action.triggered.connect(self.about)
        w.language_group.triggered.connect(lambda action: self.set_language(action.data()))
        w.undo_button.clicked.connect(self.undo)
        ed = w.case_panel.editor
        ed.archive_button.clicked.connect(self.archive_current)
        ed.delete_button.clicked.connect(self.delete_current)
        self.language.language_changed.connect(self.retranslate_ui)
        w.font_changed.connect(self._font_changed)
        self.signals.case_saved.connect(self._case_saved)
        self.signals.cases_changed.connect(self.refresh_all)
        self.signals.flags_changed.connect(self.recompute_all)

    def retranslate_ui(self, _lang: str = "") -> None:
        self.window.retranslate_ui()
        self._fill_filters()
        self._sync_language_menu()
        self.model.retranslate()
        self.due_model.rebuild()
        self.window.due_tree.expandAll()
        self.cases.retranslate_ui()
        self._update_count()
        # Dutch labels are longer ("Ingebrekestelling mogelijk"): size the columns again.
        self._size_columns()
        self._size_due_columns()

    def _fill_filters(self) -> None:
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

    def _sync_language_menu(self) -> None:
        lang = current_language()
        for action in self.window.language_group.actions():
            action.setChecked(action.data() == lang)

    def _font_changed(self) -> None:
        self._size_columns()
        self._size_due_columns()
        self.cases.retranslate_ui()  # redraws the stage icon at the new size

    def _size_columns(self) -> None:
        # Sized from the font, not the contents: resizeColumnsToContents samples 1,000 rows.
        header = self.window.case_table.horizontalHeader()
        fm = self.window.case_table.fontMetrics()
        icon = fm.height() + 8
        samples = ("Muḥammad al-Ḥalabī Qāsim", "0000000000", _("Residence permit (regular)"))
        for column, sample in enumerate(samples):
            header.resizeSection(column, fm.horizontalAdvance(sample) + 16)
        header.resizeSection(3, icon + self._widest_stage(fm) + 24)
        row = self.window.case_table.fontMetrics().height() + 8
        self.window.case_table.verticalHeader().setDefaultSectionSize(max(row, 22))

    # ------------------------------------------------------------------ case list

    def _query(self) -> CaseQuery:
        w = self.window
        return CaseQuery(
            text=w.search_edit.text(),
            # Qt hands a StrEnum back as a plain str: turn it into the enum again.
            procedure=_as(Procedure, w.procedure_filter.currentData()),
            next_code=_as(NextCode, w.stage_filter.currentData()),
            archived=_ARCHIVED_CHOICES[max(0, w.archived_filter.currentIndex())],
            sort_key=self.model.query.sort_key,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        """Re-query on every keystroke; SQL does search and filter.

        The id query runs on the pool (100,000 cases take tens of ms) and keystrokes that arrive
        meanwhile coalesce: only the newest query runs next, stale lists are never shown.
        """
        self._pending_query = self._query()
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
        self._restore_selection(selected)
        self._update_count()
        self.list_updated.emit()

    def _query_failed(self, exc: Exception) -> None:
        self._query_running = False
        self._task_failed(exc)

    def _restore_selection(self, case_id: int | None) -> None:
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

    def _update_count(self) -> None:
        self.window.case_count_label.setText(_("{count} cases").format(count=self.model.rowCount()))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return
        indexes = selected.indexes()
        if indexes:
            self.open_case(self.model.case_id(indexes[0].row()))

    def _open_index(self, index: QModelIndex) -> None:
        self.open_case(self.model.case_id(index.row()))
        self.window.case_panel.tabs.setFocus()

    def open_case(self, case_id: int) -> None:
        if case_id == self.cases.case_id:
            return
        if not self._confirm_discard():
            self._restore_selection(self.cases.case_id)
            return
        try:
            self.cases.open_case(case_id)
        except KeyError:
            self.refresh_all()  # deleted elsewhere (another window, the CLI)

    def _confirm_discard(self) -> bool:
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
        if not self._confirm_discard():
            return
        self.window.case_table.clearSelection()
        self.cases.new_case()

    def _focus_search(self) -> None:
        self.window.left_tabs.setCurrentIndex(0)
        self.window.search_edit.setFocus()
        self.window.search_edit.selectAll()

    def _case_saved(self, case_id: int) -> None:
        if self.model.row_of(case_id) >= 0:
            self.model.refresh_case(case_id)  # keeps its place: repaint in place
        self.model.set_query(self._query())  # sort keys may have changed: re-query
        self._restore_selection(case_id)
        self._update_count()
        self.refresh_due()

    def refresh_all(self) -> None:
        self.model.set_query(self._query())
        self._update_count()
        current = self.cases.case_id
        if current is not None:
            try:
                self.cases.open_case(current)
                self._restore_selection(current)
            except KeyError:
                self.cases.close_case()
        self.refresh_due()

    # ------------------------------------------------------------------ due board

    def _show_due(self) -> None:
        self.window.left_tabs.setCurrentIndex(1)
        self.window.due_tree.setFocus()

    def refresh_due(self) -> None:
        today = self.repo.today()
        run_task(
            lambda: collect_due(self.repo, today),
            lambda items: self._due_ready(items, today),
            self._task_failed,
            pool=self.pool,
        )

    @staticmethod
    def _widest_stage(fm: QFontMetrics) -> int:
        """The longest next-step name in the current language."""
        return max(fm.horizontalAdvance(stage_name(code)) for code in NextCode)

    def _due_ready(self, items: list[Any], today: Any) -> None:
        self.due_model.set_items(items, today)
        self.window.due_tree.expandAll()
        self._size_due_columns()

    def _size_due_columns(self) -> None:
        fm = self.window.due_tree.fontMetrics()
        samples = (
            "Muḥammad al-Ḥalabī",
            _("{days} days ago").format(days=365),
            "30 Sept 2026",
        )
        widths = [fm.horizontalAdvance(sample) for sample in samples] + [self._widest_stage(fm)]
        for column, width in enumerate(widths):
            extra = fm.height() * (3 if column in (0, 3) else 2)  # indentation or icon, padding
            self.window.due_tree.setColumnWidth(column, width + extra)

    def _open_due(self, index: QModelIndex) -> None:
        case_id = index.data(DueBoardModel.CaseIdRole)
        if case_id is None:
            return
        self.open_case(int(case_id))
        self._restore_selection(int(case_id))
        self.window.case_panel.tabs.setCurrentIndex(0)

    # ------------------------------------------------------------------ archive, delete, undo

    def archive_current(self) -> None:
        case_id = self.cases.case_id
        if case_id is None:
            return
        archived = not self.cases.stored.case_file.archived if self.cases.stored else True
        self.repo.archive(case_id, archived)
        log.info("case %s archived=%s", case_id, archived)
        message = _("Case archived.") if archived else _("Case taken out of the archive.")
        self._offer_undo(message, lambda: self._unarchive(case_id, not archived))
        self.cases.close_case()
        self.refresh_all()

    def _unarchive(self, case_id: int, archived: bool) -> None:
        self.repo.archive(case_id, archived)
        self.refresh_all()
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
        self.refresh_all()

    def _undelete(self, case_id: int) -> None:
        self.repo.undelete(case_id)
        self.refresh_all()
        self.open_case(case_id)

    def _offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        self._undo = undo
        self.window.statusBar().showMessage(message, 30_000)
        self.window.undo_button.show()
        QTimer.singleShot(30_000, self.window.undo_button.hide)

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self.window.undo_button.hide()
        self.window.statusBar().clearMessage()
        if undo is not None:
            undo()

    # ------------------------------------------------------------------ long work

    def _start_busy(self, message: str) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.window.statusBar().showMessage(message)
        self.window.progress.setRange(0, 0)
        self.window.progress.show()
        return True

    def _progress(self, done: int, total: int) -> None:
        self.window.progress.setRange(0, max(1, total))
        self.window.progress.setValue(done)

    def _end_busy(self, message: str = "") -> None:
        self.busy = False
        self.window.progress.hide()
        self.window.statusBar().showMessage(message, 10_000)

    def _task_failed(self, exc: Exception) -> None:
        self._end_busy()
        if isinstance(exc, StorageError):
            QMessageBox.critical(self.window, _("Termijn"), str(exc))
            return
        raise exc

    def load_demo(self) -> None:
        if not self._start_busy(_("Loading demo cases…")):
            return
        repo = self.repo
        run_task(
            lambda report: load_demo_cases(repo, DEMO_COUNT, report),
            self._demo_loaded,
            self._task_failed,
            pool=self.pool,
            on_progress=self._progress,
        )

    def _demo_loaded(self, _ids: object) -> None:
        self._end_busy(_("Demo cases loaded."))
        self.signals.cases_changed.emit()

    def import_cases(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import cases"), str(Path.home()), _("Case files (*.json)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        if not self._start_busy(_("Importing cases…")):
            return
        repo = self.repo

        def work(report: Callable[[int, int], None]) -> int:
            data = json.loads(path.read_text(encoding="utf-8"))
            items = data if isinstance(data, list) else [data]
            files = []
            for i, item in enumerate(items):
                files.append(parse_case_file(item, i))
                if i % 200 == 0:
                    report(i, len(items) * 2)
            report(len(items), len(items) * 2)
            ids = repo.save_many(files)  # all or nothing
            report(len(items) * 2, len(items) * 2)
            return len(ids)

        run_task(
            work, self._imported, self._import_failed, pool=self.pool, on_progress=self._progress
        )

    def _imported(self, count: int) -> None:
        log.info("imported %s cases", count)
        self._end_busy(_("{count} cases imported.").format(count=count))
        self.signals.cases_changed.emit()

    def _import_failed(self, exc: Exception) -> None:
        self._end_busy()
        if isinstance(exc, (ValueError, OSError, StorageError)):  # bad JSON or case: user's file
            QMessageBox.warning(
                self.window,
                _("Import cases"),
                _("Nothing was imported: {problem}").format(problem=str(exc)),
            )
            return
        raise exc

    def recompute_all(self) -> None:
        if not self._start_busy(_("Recomputing all dates…")):
            return
        repo = self.repo
        run_task(
            lambda report: repo.refresh_key_dates(all_cases=True, progress=report),
            self._recomputed,
            self._task_failed,
            pool=self.pool,
            on_progress=self._progress,
        )

    def refresh_stale(self) -> None:
        """Recompute only the cases whose cached dates came from other rules or flags.

        Run after start: an upgrade with a new rule pack, or flags switched on in an earlier
        session, leaves the list's stages stale until this has run.
        """
        if self.repo.stale_count() == 0 or not self._start_busy(_("Updating dates…")):
            return
        repo = self.repo
        run_task(
            lambda report: repo.refresh_key_dates(progress=report),
            self._recomputed,
            self._task_failed,
            pool=self.pool,
            on_progress=self._progress,
        )

    def _recomputed(self, count: int) -> None:
        self._end_busy(_("Dates recomputed for {count} cases.").format(count=count))
        self.signals.cases_changed.emit()

    # ------------------------------------------------------------------ language

    def set_language(self, lang: str) -> None:
        self.language.apply(lang)
        self.prefs.set_language(lang)

    # ------------------------------------------------------------------ backups

    def backup_now(self) -> None:
        try:
            made = backups.make_backup(self.repo.db.path, self.paths.backups)
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

        def choose_file() -> None:
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

        dialog.file_button.clicked.connect(choose_file)
        dialog.buttons.accepted.connect(dialog.accept)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return
        item = dialog.backup_list.currentItem()
        if item is not None:
            self.restore_from(Path(item.data(Qt.ItemDataRole.UserRole)))

    def restore_from(self, source: Path) -> bool:
        try:
            aside = backups.restore(self.repo.db.path, source, self.paths.backups)
        except StorageError as exc:
            QMessageBox.critical(self.window, _("Restore a backup"), str(exc))
            return False
        log.info("backup restored; previous contents kept aside")
        self.cases.close_case()
        self.signals.cases_changed.emit()
        self.window.statusBar().showMessage(
            _("Backup restored. The cases as they were are kept in {path}.").format(
                path=str(aside)
            ),
            15_000,
        )
        return True

    # ------------------------------------------------------------------ settings

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.window)
        dialog.data_location.setText(str(self.paths.data))
        dialog.language_combo.addItem("English", "en")
        dialog.language_combo.addItem("Nederlands", "nl")
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(current_language()))
        rep = self.prefs.representative() or Representative(name="")
        dialog.rep_name.setText(rep.name)
        dialog.rep_organisation.setText(rep.organisation)
        dialog.rep_address.setPlainText(rep.address)
        dialog.rep_phone.setText(rep.phone)
        dialog.rep_email.setText(rep.email)
        flags = self.prefs.flags()
        lang = current_language()
        for name, flag in load_rule_pack().flags.items():
            check = dialog.add_flag(name)
            check.setText(flag.label.get(lang))
            check.setChecked(name in flags)
        dialog.backup_button.clicked.connect(self.backup_now)
        dialog.restore_button.clicked.connect(lambda: (dialog.reject(), self.restore_backup()))

        def accept() -> None:
            try:
                email = check_email(dialog.rep_email.text())
                dialog.rep_email_field.set_error("")
            except FieldError as exc:
                dialog.rep_email_field.set_error(str(exc))
                dialog.rep_email.setFocus()
                return
            dialog.accept()
            self.prefs.set_representative(
                Representative(
                    name=dialog.rep_name.text().strip(),
                    organisation=dialog.rep_organisation.text().strip(),
                    address=dialog.rep_address.toPlainText().strip(),
                    phone=dialog.rep_phone.text().strip(),
                    email=email,
                )
            )
            chosen = frozenset(n for n, c in dialog.flag_checks.items() if c.isChecked())
            if chosen != flags:
                self.prefs.set_flags(chosen)
                self.signals.flags_changed.emit()
            new_lang = dialog.language_combo.currentData()
            if new_lang != current_language():
                self.set_language(new_lang)

        dialog.buttons.accepted.connect(accept)
        self.settings_dialog = dialog  # tests reach it while it is open
        dialog.exec()

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
        elif choice == ["demo"]:
            self.load_demo()

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
        if self._confirm_discard():
            event.accept()
        else:
            event.ignore()
