"""The open case: load, compute and save it; the tabs' collaborators do the rest."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from desktop.core.casefile import CaseFile, Person
from desktop.core.compute import compute
from desktop.core.errors import CaseInputError
from desktop.core.model import Case, Procedure, Result
from desktop.i18n import _
from desktop.store.errors import StorageError
from desktop.store.records import NoticeProof, StoredCase
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.appointment_log import AppointmentLog
from desktop.ui.controllers.editor_form import CaseEditorForm
from desktop.ui.controllers.event_log import EventLog
from desktop.ui.controllers.letter_flow import LetterFlow
from desktop.ui.controllers.letters import Letter
from desktop.ui.controllers.notice_flow import NoticeFlow
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.result_overview import ResultOverview
from desktop.ui.models.next_step import Action
from desktop.ui.models.timeline import Mark
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import SyncPool, run_task
from desktop.ui.views.case_panel import CasePanel
from desktop.ui.views.dialogs import WhyDialog

log = logging.getLogger("termijn.ui")


class CaseController(QObject):
    """Owns the case panel: the open case and its result, shared with one collaborator per tab.

    Signals:
        case_opened(int): a case is shown (its id), -1 for a new unsaved case.
    """

    case_opened = Signal(int)

    def __init__(
        self,
        panel: CasePanel,
        repo: CaseRepository,
        signals: AppSignals,
        prefs: Preferences,
        save_pool: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.repo = repo
        self.signals = signals
        self.prefs = prefs
        self.save_pool = save_pool or SyncPool()
        self.stored: StoredCase | None = None
        self.result: Result | None = None
        self.compute_error = ""
        self.editor_form = CaseEditorForm(panel.editor, repo, prefs, self)
        self.overview = ResultOverview(panel, self)
        self.event_log = EventLog(panel.events, panel, repo, self)
        # Every letter in one language, chosen on the Notice tab (the case's own by default).
        self.letters = LetterFlow(
            panel,
            repo,
            prefs,
            self,
            self.notify,
            language=lambda: str(panel.notice.language_combo.currentData() or "nl"),
            done=lambda: self.notice_flow.fill_documents(),
        )
        self.appointment_log = AppointmentLog(panel.appointments, repo, self, self.letters)
        self.notice_flow = NoticeFlow(
            panel.notice, panel, repo, prefs, self, self.notify, self.letters
        )
        panel.editor.save_button.clicked.connect(self.save)
        panel.editor.revert_button.clicked.connect(self.revert)
        panel.banner.action_triggered.connect(lambda action: self.do(Action(action)))
        self.retranslate_ui()
        panel.show_case_page(False)

    def retranslate_ui(self) -> None:
        self.editor_form.retranslate_ui()
        self.appointment_log.retranslate_ui()
        self.notice_flow.retranslate_ui()
        if self.stored is not None or self._is_new():
            self.overview.show_result()
            self._fill_lists()
            self.editor_form.validate(show_all=False)
        self.overview.retranslate_ui()

    # ------------------------------------------------------------------ open / new

    def _is_new(self) -> bool:
        return self.panel.stack.currentIndex() == 1 and self.stored is None

    @property
    def case_id(self) -> int | None:
        return self.stored.id if self.stored is not None else None

    @property
    def dirty(self) -> bool:
        return self.editor_form.dirty

    def open_case(self, case_id: int) -> None:
        self.stored = self.repo.get(case_id)
        log.info("opened case %s", case_id)
        self.editor_form.load(self.stored.case_file)
        self._recompute()
        self._fill_lists()
        self._set_case_tabs_enabled(True)
        self.panel.show_case_page(True)
        self.overview.follow_case()  # "Why this date?" explains the same date for this case
        self.case_opened.emit(case_id)

    def new_case(self) -> None:
        self.stored = None
        self.result = None
        self.compute_error = ""
        blank = CaseFile(case=Case(Procedure.REGULAR, None), applicant=Person(name=""))
        self.editor_form.load(blank)
        self.panel.show_case_page(True)
        self._set_case_tabs_enabled(False)
        self.panel.tabs.setCurrentWidget(self.panel.editor)
        self.overview.show_result()
        self._fill_lists()
        self.panel.editor.name_edit.setFocus()
        self._close_why()
        self.case_opened.emit(-1)

    def close_case(self) -> None:
        self.stored = None
        self.result = None
        self.editor_form.dirty = False
        self.panel.show_case_page(False)
        self._close_why()

    def _close_why(self) -> None:
        if self.overview.why_dialog is not None:
            self.overview.why_dialog.close()

    def _set_case_tabs_enabled(self, enabled: bool) -> None:
        tabs = self.panel.tabs
        for widget in (self.panel.events, self.panel.appointments, self.panel.notice):
            tabs.setTabEnabled(tabs.indexOf(widget), enabled)
        tabs.setTabEnabled(0, enabled)
        self.panel.editor.archive_button.setEnabled(enabled)
        self.panel.editor.delete_button.setEnabled(enabled)

    def _fill_lists(self) -> None:
        self.event_log.fill()
        self.appointment_log.fill()
        self.notice_flow.fill()

    # ------------------------------------------------------------------ save

    def save(self) -> None:
        case_file = self.editor_form.validate(show_all=True)
        if case_file is None:
            self.editor_form.focus_first_error()
            return
        case_id = self.case_id
        proofs = self._proofs_by_index()
        self.panel.editor.save_button.setEnabled(False)
        run_task(
            lambda: self.repo.save(case_file, case_id, notice_proofs=proofs),
            self._saved,
            self._failed,
            pool=self.save_pool,
        )

    def _proofs_by_index(self) -> dict[int, NoticeProof] | None:
        if self.stored is None:
            return None
        return {
            i: self.stored.notice_proofs[eid]
            for i, eid in enumerate(self.stored.event_ids)
            if eid in self.stored.notice_proofs
        }

    def _saved(self, case_id: int) -> None:
        log.info("saved case %s", case_id)
        self.editor_form.dirty = False
        self.open_case(case_id)
        self.signals.case_saved.emit(case_id)
        self.notify(_("Case saved."), self.repo.db.path.parent)

    def _failed(self, exc: Exception) -> None:
        self.editor_form.validate(show_all=True)
        if isinstance(exc, StorageError):
            QMessageBox.critical(self.panel, _("Could not save"), str(exc))
            return
        raise exc  # a bug: sys.excepthook logs it and shows the dialog

    def revert(self) -> None:
        if self.stored is not None:
            self.editor_form.load(self.stored.case_file)
        else:
            self.new_case()

    def run_save(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run a change to the open case on the save pool; a failure is shown like a failed save."""
        run_task(work, done, self._failed, pool=self.save_pool)

    def events_changed(self) -> None:
        assert self.stored is not None
        case_id = self.stored.id
        self.open_case(case_id)
        self.signals.case_saved.emit(case_id)

    # ------------------------------------------------------------------ results

    def flags(self) -> frozenset[str]:
        return self.prefs.flags()

    def _recompute(self) -> None:
        self.result, self.compute_error = None, ""
        if self.stored is not None:
            try:
                self.result = compute(
                    self.stored.case_file.case, today=self.repo.today(), flags=self.flags()
                )
            except CaseInputError as exc:
                self.compute_error = str(exc)
                log.info("case %s cannot be computed: %s", self.stored.id, exc.field)
        self.overview.show_result()

    # ------------------------------------------------------------------ the banner's buttons

    def notify(self, message: str, folder: Path | None) -> None:
        """A confirmation in the status bar (with "Open folder" when a file was written)."""
        self.signals.saved.emit(message, str(folder) if folder is not None else "")

    def do(self, action: Action) -> None:
        """Carry out what a Next step button says."""
        panel = self.panel
        if action in (Action.DRAFT_NOTICE, Action.MAKE_NOTICE):
            panel.tabs.setCurrentWidget(panel.notice)
            self.notice_flow.create_notice(draft=action is Action.DRAFT_NOTICE)
        elif action is Action.RECORD_NOTICE:
            panel.tabs.setCurrentWidget(panel.notice)
            self.notice_flow.focus_form()
        elif action is Action.RECORD_DECISION:
            self.event_log.edit_event(None, kind="decision")
        elif action is Action.RECORD_PENALTY_FIXED:
            self.event_log.edit_event(None, kind="penalty_fixed")
        elif action is Action.MAKE_APPEAL:
            self.letters.make(Letter.APPEAL)
        elif action is Action.PENALTY_REQUEST:
            self.letters.make(Letter.PENALTY_REQUEST)
        elif action is Action.WHY:
            self.overview.show_why_for("next_step")

    def confirm_close(self) -> bool:
        """Before quitting: typed Notice proof that was never recorded is not dropped silently."""
        if not self.notice_flow.unrecorded():
            return True
        answer = QMessageBox.question(
            self.panel,
            _("Notice details not recorded"),
            _(
                "You typed posting or delivery details of a Notice but did not record them. "
                "Quit anyway and drop them?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.notice_flow.discard_unrecorded()
            return True
        return False

    # "Why this date?" lives in the overview; these keep the controller's entry points.

    @property
    def why_dialog(self) -> WhyDialog | None:
        return self.overview.why_dialog

    def show_why_for(self, key: str) -> None:
        self.overview.show_why_for(key)

    def show_why(self, mark: Mark) -> None:
        self.overview.show_why(mark)
