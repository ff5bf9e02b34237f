"""The open case: load, compute, validate the editor, events, appointments, the Notice."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox

from desktop.core.casefile import CaseFile, Person, case_file_to_json, parse_case_file
from desktop.core.compute import compute
from desktop.core.errors import CaseInputError
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Case,
    Decision,
    Event,
    Extension,
    InfoRequest,
    MvvGranted,
    NoticeEvent,
    Pause,
    Procedure,
    Result,
)
from desktop.core.stage import key_dates, stage_on
from desktop.i18n import _, current_language, format_date, format_money
from desktop.store.errors import StorageError
from desktop.store.records import NoticeProof, StoredCase
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.validation import (
    FieldError,
    check_v_number,
    parse_user_date,
    user_date_text,
)
from desktop.ui.controllers.why import why_html
from desktop.ui.models.text import appointment_name, long_date, procedure_name
from desktop.ui.models.timeline import Mark, build_timeline
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import SyncPool, run_task
from desktop.ui.views.case_panel import CasePanel
from desktop.ui.views.dialogs import EventDialog, WhyDialog
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

log = logging.getLogger("termijn.ui")

_DATE_FIELDS = ("date_of_birth", "received", "ind_stated_end")
_EVENT_TYPES = ("extension", "info_request", "pause", "decision", "mvv_granted")


def _edit_text(editor: Any) -> str:
    return editor.toPlainText() if hasattr(editor, "toPlainText") else editor.text()


class CaseController(QObject):
    """Owns the case panel.

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
        self._touched: set[str] = set()
        self._loading = False
        self._dirty = False
        self.why_dialog: WhyDialog | None = None
        self._connect()
        self.retranslate_ui()
        panel.show_case_page(False)

    # ------------------------------------------------------------------ wiring

    def _connect(self) -> None:
        ed = self.panel.editor
        for key, field in ed.fields.items():
            editor = field.editor
            if key in ("procedure", "language"):
                editor.currentIndexChanged.connect(lambda _i, k=key: self._on_edited(k))
            elif hasattr(editor, "toPlainText"):
                editor.textChanged.connect(lambda k=key: self._on_edited(k))
            else:
                editor.textEdited.connect(lambda _t, k=key: self._on_edited(k))
        ed.save_button.clicked.connect(self.save)
        ed.revert_button.clicked.connect(self.revert)
        ov = self.panel.overview
        ov.timeline.mark_activated.connect(self.show_why)
        for key, button in ov.why_buttons.items():
            button.clicked.connect(lambda _c=False, k=key: self.show_why_for(k))
        ev = self.panel.events
        ev.add_button.clicked.connect(lambda: self.edit_event(None))
        ev.edit_button.clicked.connect(self._edit_selected_event)
        ev.event_list.itemActivated.connect(lambda _i: self._edit_selected_event())
        ev.delete_button.clicked.connect(self.delete_selected_event)
        ap = self.panel.appointments
        ap.add_button.clicked.connect(self.add_appointment)
        ap.delete_button.clicked.connect(self.delete_selected_appointment)
        ap.appointment_list.currentRowChanged.connect(lambda _r: self._show_appointment_meaning())
        ap.attended_check.toggled.connect(self._attended_toggled)
        for edit in (ap.date_edit, ap.rescheduled_edit):
            edit.textEdited.connect(lambda _t: self._validate_appointment_form(quiet=True))
        nv = self.panel.notice
        nv.create_button.clicked.connect(self.create_notice)
        nv.record_button.clicked.connect(self.record_notice)
        for edit in (nv.posted_edit, nv.delivered_edit):
            edit.textEdited.connect(lambda _t: self._validate_notice_form(quiet=True))

    def retranslate_ui(self) -> None:
        ed = self.panel.editor
        self._loading = True
        try:
            self._fill_combo(ed.procedure_combo, [(procedure_name(p), p.value) for p in Procedure])
            self._fill_combo(ed.language_combo, [("Nederlands", "nl"), ("English", "en")])
            self._fill_combo(
                self.panel.appointments.kind_combo,
                [(appointment_name(k), k.value) for k in AppointmentKind],
            )
            self._fill_combo(
                self.panel.notice.create_language, [("Nederlands", "nl"), ("English", "en")]
            )
        finally:
            self._loading = False
        if self.stored is not None or self._is_new():
            self._show_result()
            self._fill_lists()
            self._validate(show_all=False)
        if self.why_dialog is not None and self.why_dialog.isVisible():
            self.why_dialog.retranslate_ui()
            if self._last_why is not None:
                self._fill_why(*self._last_why)

    _last_why: tuple[tuple[str, ...], date | None, str] | None = None

    @staticmethod
    def _fill_combo(combo: Any, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # ------------------------------------------------------------------ open / new

    def _is_new(self) -> bool:
        return self.panel.stack.currentIndex() == 1 and self.stored is None

    @property
    def case_id(self) -> int | None:
        return self.stored.id if self.stored is not None else None

    @property
    def dirty(self) -> bool:
        return self._dirty

    def open_case(self, case_id: int) -> None:
        self.stored = self.repo.get(case_id)
        log.info("opened case %s", case_id)
        self._load_editor(self.stored.case_file)
        self._recompute()
        self._fill_lists()
        self._set_case_tabs_enabled(True)
        self.panel.show_case_page(True)
        self.case_opened.emit(case_id)

    def new_case(self) -> None:
        self.stored = None
        self.result = None
        self.compute_error = ""
        blank = CaseFile(case=Case(Procedure.REGULAR, None), applicant=Person(name=""))
        self._load_editor(blank)
        self.panel.show_case_page(True)
        self._set_case_tabs_enabled(False)
        self.panel.tabs.setCurrentWidget(self.panel.editor)
        self._show_result()
        self._fill_lists()
        self.panel.editor.name_edit.setFocus()
        self.case_opened.emit(-1)

    def close_case(self) -> None:
        self.stored = None
        self.result = None
        self._dirty = False
        self.panel.show_case_page(False)

    def _set_case_tabs_enabled(self, enabled: bool) -> None:
        tabs = self.panel.tabs
        for widget in (self.panel.events, self.panel.appointments, self.panel.notice):
            tabs.setTabEnabled(tabs.indexOf(widget), enabled)
        tabs.setTabEnabled(0, enabled)
        self.panel.editor.archive_button.setEnabled(enabled)
        self.panel.editor.delete_button.setEnabled(enabled)

    def reload(self) -> None:
        if self.stored is not None:
            self.open_case(self.stored.id)

    # ------------------------------------------------------------------ editor

    def _load_editor(self, cf: CaseFile) -> None:
        ed = self.panel.editor
        self._loading = True
        try:
            ed.name_edit.setText(cf.applicant.name)
            ed.birth_edit.setText(user_date_text(cf.applicant.date_of_birth))
            ed.nationality_edit.setText(cf.applicant.nationality)
            ed.address_edit.setPlainText(cf.applicant.address)
            ed.v_number_edit.setText(cf.v_number)
            ed.reference_edit.setText(cf.reference)
            ed.ind_reference_edit.setText(cf.ind_reference)
            ed.procedure_combo.setCurrentIndex(ed.procedure_combo.findData(cf.case.procedure.value))
            anchor = (
                cf.case.objected_decision_sent
                if cf.case.procedure is Procedure.OBJECTION
                else cf.case.received
            )
            ed.received_edit.setText(user_date_text(anchor))
            ed.ind_end_edit.setText(user_date_text(cf.case.ind_stated_end))
            ed.language_combo.setCurrentIndex(max(0, ed.language_combo.findData(cf.language)))
            ed.notes_edit.setPlainText(cf.notes)
            ed.set_received_label(cf.case.procedure is Procedure.OBJECTION)
        finally:
            self._loading = False
        self._touched.clear()
        self._dirty = False
        self._validate(show_all=False)

    def _on_edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self._dirty = True
        if key == "procedure":
            objection = self.panel.editor.procedure_combo.currentData() == Procedure.OBJECTION
            self.panel.editor.set_received_label(objection)
        self._validate(show_all=False)

    def _validate(self, show_all: bool) -> CaseFile | None:
        """Check every field; show errors for touched fields (all when saving)."""
        ed = self.panel.editor
        errors: dict[str, str] = {}
        values: dict[str, Any] = {}
        name = ed.name_edit.text().strip()
        if not name:
            errors["name"] = _("Enter the applicant's name.")
        for key in _DATE_FIELDS:
            try:
                values[key] = parse_user_date(
                    _edit_text(ed.fields[key].editor), required=key == "received"
                )
            except FieldError as exc:
                errors[key] = str(exc)
        try:
            values["v_number"] = check_v_number(ed.v_number_edit.text())
        except FieldError as exc:
            errors["v_number"] = str(exc)
        today = self.repo.today()
        if values.get("date_of_birth") and values["date_of_birth"] > today:
            errors["date_of_birth"] = _("The date of birth is in the future.")
        if values.get("received") and values["received"] > today:
            errors["received"] = _("This date is in the future.")
        if (
            values.get("received")
            and values.get("ind_stated_end")
            and values["ind_stated_end"] < values["received"]
        ):
            errors["ind_stated_end"] = _("The end date is before the start date.")
        case_file = None
        if not errors:
            case_file = self._case_file(name, values)
            try:
                # The core's own check catches events dated before the new start date.
                parse_case_file(case_file_to_json(case_file))
            except CaseInputError as exc:
                target = "received" if exc.field.startswith("events") else "name"
                errors[target] = (
                    _("An event is dated before this date.")
                    if (target == "received")
                    else exc.message
                )
                case_file = None
        for key, field in ed.fields.items():
            shown = key in errors and (show_all or key in self._touched)
            field.set_error(errors[key] if shown else "")
        ed.save_button.setEnabled(case_file is not None and (self._dirty or self.stored is None))
        ed.revert_button.setEnabled(self._dirty)
        if errors and (show_all or self._touched & errors.keys()):
            ed.summary_label.setText(
                _("{count} field(s) need attention; nothing you typed is lost.").format(
                    count=len(errors)
                )
            )
        elif self._dirty:
            ed.summary_label.setText(_("Unsaved changes."))
        else:
            ed.summary_label.setText("")
        return case_file

    def _case_file(self, name: str, values: dict[str, Any]) -> CaseFile:
        ed = self.panel.editor
        procedure = Procedure(ed.procedure_combo.currentData())
        base = self.stored.case_file if self.stored is not None else None
        events = base.case.events if base is not None else ()
        objection = procedure is Procedure.OBJECTION
        case = Case(
            procedure=procedure,
            received=None if objection else values["received"],
            events=events,
            ind_stated_end=values["ind_stated_end"],
            objected_decision_sent=values["received"] if objection else None,
        )
        applicant = Person(
            name=name,
            date_of_birth=values["date_of_birth"],
            nationality=ed.nationality_edit.text().strip(),
            address=ed.address_edit.toPlainText().strip(),
        )
        fields = dict(
            case=case,
            applicant=applicant,
            reference=ed.reference_edit.text().strip(),
            v_number=values["v_number"],
            ind_reference=ed.ind_reference_edit.text().strip(),
            language=ed.language_combo.currentData() or "nl",
            notes=ed.notes_edit.toPlainText(),
        )
        if base is not None:
            return dataclasses.replace(base, **fields)
        return CaseFile(**fields, representative=self.prefs.representative())

    def save(self) -> None:
        case_file = self._validate(show_all=True)
        if case_file is None:
            first = next(
                (f for f in self.panel.editor.fields.values() if f.error.isVisible()), None
            )
            if first is not None:
                first.editor.setFocus()
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
        self._dirty = False
        self.open_case(case_id)
        self.signals.case_saved.emit(case_id)

    def _failed(self, exc: Exception) -> None:
        self._validate(show_all=True)
        if isinstance(exc, StorageError):
            QMessageBox.critical(self.panel, _("Could not save"), str(exc))
            return
        raise exc  # a bug: sys.excepthook logs it and shows the dialog

    def revert(self) -> None:
        if self.stored is not None:
            self._load_editor(self.stored.case_file)
        else:
            self.new_case()

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
        self._show_result()

    def _show_result(self) -> None:
        panel, ov = self.panel, self.panel.overview
        lang = current_language()
        cf = self.stored.case_file if self.stored is not None else None
        if cf is None:
            panel.title_label.setText(_("New case"))
            panel.subtitle_label.setText(_("Fill in the details and save to see the dates."))
            panel.stage_label.setText("")
            panel.stage_icon.clear()
            ov.timeline.set_data(None)
            return
        panel.title_label.setText(cf.applicant.name or _("(no name)"))
        bits = [procedure_name(cf.case.procedure)]
        if cf.v_number:
            bits.append(_("V-number {v}").format(v=cf.v_number))
        if cf.reference:
            bits.append(cf.reference)
        if cf.archived:
            bits.append(_("archived"))
        panel.subtitle_label.setText(" · ".join(bits))
        panel.editor.archive_button.setText(
            _("Take out of the &archive") if cf.archived else _("&Archive")
        )
        result = self.result
        if result is None:
            panel.stage_label.setText(_("Dates incomplete"))
            panel.stage_icon.clear()
            ov.timeline.set_data(None)
            for value in ov.date_values.values():
                value.setText("—")
            ov.warnings_label.setText(self.compute_error)
            return
        stage = stage_on(key_dates(result), result.today).stage
        panel.stage_label.setText(stage_name(stage))
        size = panel.stage_label.fontMetrics().height()
        panel.stage_icon.setPixmap(stage_icon(stage).pixmap(size, size))
        panel.stage_icon.setAccessibleName(stage_name(stage))
        ov.timeline.set_data(build_timeline(cf.case, result))
        term = result.term
        ov.date_values["rolled_end"].setText(long_date(term.rolled_end))
        if term.ind_view_end != term.rolled_end:
            ov.date_values["ind_view_end"].setText(
                _("{date} ({days} contested days)").format(
                    date=long_date(term.ind_view_end), days=term.contested_days
                )
            )
        else:
            ov.date_values["ind_view_end"].setText(
                _("{date} (same as yours)").format(date=long_date(term.ind_view_end))
            )
        ov.date_values["safe_notice_receipt"].setText(long_date(term.safe_notice_receipt))
        notice = result.notice
        if notice is None:
            ov.date_values["notice"].setText(_("None recorded"))
        else:
            verdict = _("valid") if notice.valid else _("premature: send a new Notice")
            ov.date_values["notice"].setText(
                _("Received {date}: {verdict}").format(
                    date=long_date(notice.received), verdict=verdict
                )
            )
        penalty = result.penalty
        if penalty.applies and penalty.first_day is not None:
            ov.date_values["penalty"].setText(
                _("{amount} so far ({days} days, at most {max}); from {date}").format(
                    amount=format_money(penalty.amount, lang),
                    days=penalty.days,
                    max=format_money(penalty.max_amount, lang),
                    date=long_date(penalty.first_day),
                )
            )
        else:
            ov.date_values["penalty"].setText(_("No penalty applies (yet)"))
        ov.date_values["appeal_from"].setText(
            long_date(result.appeal_from) if result.appeal_from else _("After a valid Notice")
        )
        warnings = [w.text.get(lang) for w in result.warnings]
        ov.warnings_label.setText("\n\n".join(warnings) if warnings else _("None"))

    # ------------------------------------------------------------------ why this date?

    _WHY_KINDS = {
        "rolled_end": ("statutory_end", "rolled_end", "canonical_end", "chronological_end"),
        "ind_view_end": ("ind_view_end",),
        "safe_notice_receipt": ("safe_notice_receipt",),
        "notice": ("notice",),
        "penalty": ("penalty_first_day", "penalty_day_42", "penalty_last_day", "penalty"),
        "appeal_from": ("appeal_from", "certain_from"),
    }

    def show_why_for(self, key: str) -> None:
        if self.result is None:
            return
        term = self.result.term
        day = {
            "rolled_end": term.rolled_end,
            "ind_view_end": term.ind_view_end,
            "safe_notice_receipt": term.safe_notice_receipt,
            "notice": self.result.notice.received if self.result.notice else None,
            "penalty": self.result.penalty.first_day,
            "appeal_from": self.result.appeal_from,
        }[key]
        label = self.panel.overview.date_labels[key].text()
        self._open_why(self._WHY_KINDS[key], day, label)

    def show_why(self, mark: Mark) -> None:
        self._open_why(mark.kinds, mark.day, mark.label)

    def _open_why(self, kinds: tuple[str, ...], day: date | None, label: str) -> None:
        if self.why_dialog is None:
            self.why_dialog = WhyDialog(self.panel)
        self._last_why = (kinds, day, label)
        self._fill_why(kinds, day, label)
        self.why_dialog.show()
        self.why_dialog.raise_()
        self.why_dialog.activateWindow()

    def _fill_why(self, kinds: tuple[str, ...], day: date | None, label: str) -> None:
        assert self.why_dialog is not None
        if self.result is None:
            return
        heading = f"{label}: {format_date(day, current_language())}" if day else label
        self.why_dialog.heading.setText(heading)
        self.why_dialog.browser.setHtml(why_html(self.result, kinds, day))

    # ------------------------------------------------------------------ events

    def _events(self) -> list[tuple[int, Event]]:
        if self.stored is None:
            return []
        return list(zip(self.stored.event_ids, self.stored.case_file.case.events, strict=True))

    def _fill_lists(self) -> None:
        ev = self.panel.events.event_list
        ev.clear()
        ap = self.panel.appointments.appointment_list
        ap.clear()
        for event_id, event in sorted(self._events(), key=lambda p: _event_day(p[1])):
            if isinstance(event, Appointment):
                item = QListWidgetItem(self._appointment_text(event), ap)
            elif isinstance(event, NoticeEvent):
                continue
            else:
                item = QListWidgetItem(self._event_text(event), ev)
            item.setData(Qt.ItemDataRole.UserRole, event_id)
        if ap.count():
            ap.setCurrentRow(ap.count() - 1)
        self._show_appointment_meaning()
        self._fill_notice()

    def _event_text(self, event: Event) -> str:
        d = long_date
        match event:
            case Extension():
                length = (
                    _("{n} months").format(n=event.months)
                    if event.months
                    else _("{n} weeks").format(n=event.weeks)
                )
                return _("Extension by {length} ({basis}), sent {date}").format(
                    length=length, basis=event.basis, date=d(event.sent)
                )
            case InfoRequest():
                text = _("Request for information sent {date}").format(date=d(event.sent))
                if event.deadline:
                    text += "; " + _("deadline {date}").format(date=d(event.deadline))
                if event.completed:
                    text += "; " + _("answered {date}").format(date=d(event.completed))
                return text
            case Pause():
                return _("Pause announced {start}, until {until} ({basis})").format(
                    start=d(event.start), until=d(event.until), basis=event.basis
                )
            case Decision():
                return _("Decision sent {date}").format(date=d(event.sent))
            case MvvGranted():
                return _("Mvv granted, notified {date}").format(date=d(event.notified))
        return ""

    def _appointment_text(self, appt: Appointment) -> str:
        state = _("attended") if appt.attended else _("missed")
        text = f"{long_date(appt.date)}: {appointment_name(appt.kind)} ({state})"
        if appt.rescheduled_to:
            text += " → " + long_date(appt.rescheduled_to)
        return text

    def _selected_event_id(self, widget: Any) -> int | None:
        item = widget.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _edit_selected_event(self) -> None:
        event_id = self._selected_event_id(self.panel.events.event_list)
        if event_id is not None:
            self.edit_event(event_id)

    def edit_event(self, event_id: int | None) -> None:
        if self.stored is None:
            return
        existing = dict(self._events()).get(event_id) if event_id is not None else None
        dialog = EventDialog(self.panel)
        form = _EventForm(dialog, self.stored.case_file.case.procedure, existing)
        dialog.buttons.accepted.connect(lambda: form.accept_if_valid())
        if dialog.exec() != EventDialog.DialogCode.Accepted or form.event is None:
            return
        case_id, event = self.stored.id, form.event
        if event_id is None:
            work: Callable[[], Any] = lambda: self.repo.add_event(case_id, event)  # noqa: E731
        else:
            work = lambda: self.repo.update_event(event_id, event)  # noqa: E731
        run_task(work, lambda _r: self._events_changed(), self._failed, pool=self.save_pool)

    def delete_selected_event(self) -> None:
        event_id = self._selected_event_id(self.panel.events.event_list)
        if event_id is not None:
            self._delete_event(event_id)

    def _delete_event(self, event_id: int) -> None:
        run_task(
            lambda: self.repo.delete_event(event_id),
            lambda _r: self._events_changed(),
            self._failed,
            pool=self.save_pool,
        )

    def _events_changed(self) -> None:
        assert self.stored is not None
        case_id = self.stored.id
        self.open_case(case_id)
        self.signals.case_saved.emit(case_id)

    # ------------------------------------------------------------------ appointments

    def _attended_toggled(self, attended: bool) -> None:
        ap = self.panel.appointments
        for widget in (ap.rescheduled_edit, ap.excuse_edit):
            widget.setEnabled(not attended)

    def _validate_appointment_form(self, quiet: bool = False) -> Appointment | None:
        ap = self.panel.appointments
        try:
            day = parse_user_date(ap.date_edit.text(), required=True)
            ap.date_field.set_error("")
        except FieldError as exc:
            if not quiet or ap.date_edit.text():
                ap.date_field.set_error(str(exc))
            day = None
        rescheduled = None
        if not ap.attended_check.isChecked():
            try:
                rescheduled = parse_user_date(ap.rescheduled_edit.text())
                if rescheduled and day and rescheduled < day:
                    raise FieldError(_("The new appointment is before the missed one."))
                ap.rescheduled_field.set_error("")
            except FieldError as exc:
                ap.rescheduled_field.set_error(str(exc))
                return None
        if day is None:
            return None
        anchor = self._anchor()
        if anchor and day < anchor:
            ap.date_field.set_error(_("This is before the application was received."))
            return None
        attended = ap.attended_check.isChecked()
        return Appointment(
            kind=AppointmentKind(ap.kind_combo.currentData()),
            date=day,
            attended=attended,
            rescheduled_to=rescheduled,
            excuse=None if attended else (ap.excuse_edit.text().strip() or None),
        )

    def _anchor(self) -> date | None:
        if self.stored is None:
            return None
        case = self.stored.case_file.case
        return (
            case.objected_decision_sent
            if case.procedure is Procedure.OBJECTION
            else (case.received)
        )

    def add_appointment(self) -> None:
        appt = self._validate_appointment_form()
        if appt is None or self.stored is None:
            return
        ap = self.panel.appointments
        case_id = self.stored.id

        def done(_r: object) -> None:
            for edit in (ap.date_edit, ap.rescheduled_edit, ap.excuse_edit):
                edit.clear()
            self._events_changed()
            ap.appointment_list.setFocus()

        run_task(
            lambda: self.repo.add_event(case_id, appt), done, self._failed, pool=self.save_pool
        )

    def delete_selected_appointment(self) -> None:
        event_id = self._selected_event_id(self.panel.appointments.appointment_list)
        if event_id is not None:
            self._delete_event(event_id)

    def _show_appointment_meaning(self) -> None:
        ap = self.panel.appointments
        event_id = self._selected_event_id(ap.appointment_list)
        appt = dict(self._events()).get(event_id) if event_id is not None else None
        ap.delete_button.setEnabled(appt is not None)
        if not isinstance(appt, Appointment) or self.result is None or self.stored is None:
            hint = _("Add an appointment, or choose one to see what it means.")
            ap.meaning.setHtml(f"<p>{escape(hint)}</p>")
            return
        ap.meaning.setHtml(self._appointment_html(appt, self.result))

    def _appointment_html(self, appt: Appointment, result: Result) -> str:
        lang = current_language()
        found = next(
            (a for a in result.appointments if a.date == appt.date and a.kind is appt.kind), None
        )
        procedure = self.stored.case_file.case.procedure if self.stored else Procedure.REGULAR
        state = _("attended") if appt.attended else _("missed")
        parts = [
            f"<h3>{escape(appointment_name(appt.kind))}: "
            f"{escape(long_date(appt.date))} ({escape(state)})</h3>"
        ]
        if found is not None:
            parts.append(f"<p>{escape(found.text.get(lang))}</p>")
            basis = _("Legal basis: {basis}").format(basis=found.basis)
            parts.append(f"<p><i>{escape(basis)}</i></p>")
            if found.proof_due:
                parts.append(
                    "<p><b>"
                    + escape(
                        _("Show by {date} that missing it was not your fault.").format(
                            date=long_date(found.proof_due)
                        )
                    )
                    + "</b></p>"
                )
        if not appt.attended:
            parts.append("<h4>" + escape(_("What to do now")) + "</h4><ul>")
            parts.extend(f"<li>{escape(t)}</li>" for t in _todo(appt, procedure))
            parts.append("</ul>")
        if found is not None:
            parts.append("<h4>" + escape(_("Evidence to keep")) + "</h4>")
            items = [line.strip(" -•") for line in found.evidence.get(lang).splitlines()]
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items if i) + "</ul>")
        term = result.term
        parts.append("<h4>" + escape(_("When does the term end?")) + "</h4>")
        parts.append("<table cellpadding='4'>")
        parts.append(
            "<tr><td>" + escape(_("Your reading")) + "</td>"
            f"<td><b>{escape(long_date(term.rolled_end))}</b></td></tr>"
        )
        parts.append(
            "<tr><td>" + escape(_("IND reading")) + "</td>"
            f"<td><b>{escape(long_date(term.ind_view_end))}</b></td></tr>"
        )
        parts.append("</table>")
        if term.contested_days:
            parts.append(
                "<p>"
                + escape(
                    _(
                        "The IND may count {days} days of pause for missed appointments. You can "
                        "contest this: the pause only counts if the delay is your fault."
                    ).format(days=term.contested_days)
                )
                + "</p>"
            )
        return "".join(parts)

    # ------------------------------------------------------------------ Notice

    def _notice_event(self) -> tuple[int, NoticeEvent] | None:
        notices = [(i, e) for i, e in self._events() if isinstance(e, NoticeEvent)]
        return notices[-1] if notices else None

    def _fill_notice(self) -> None:
        nv = self.panel.notice
        found = self._notice_event()
        proof = NoticeProof()
        if found is not None and self.stored is not None:
            proof = self.stored.notice_proofs.get(found[0], NoticeProof())
        nv.posted_edit.setText(user_date_text(proof.posted))
        nv.tracking_edit.setText(proof.tracking_number)
        nv.delivered_edit.setText(
            user_date_text(proof.delivered or (found[1].received if found else None))
        )
        for field in (nv.posted_field, nv.delivered_field, nv.tracking_field):
            field.set_error("")
        if self.stored is not None:
            lang = self.stored.case_file.language
            nv.create_language.setCurrentIndex(max(0, nv.create_language.findData(lang)))
        result = self.result
        if result is None:
            nv.status_label.setText(_("Save the case with its dates first."))
        elif found is not None:
            nv.status_label.setText(
                _("The IND received the Notice on {date}. {verdict}").format(
                    date=long_date(found[1].received),
                    verdict=result.notice.reason.get(current_language()) if result.notice else "",
                )
            )
        else:
            nv.status_label.setText(
                _(
                    "A Notice may reach the IND from {date}. Post it so that it arrives on or "
                    "after that day."
                ).format(date=long_date(result.term.safe_notice_receipt))
            )
        docs = []
        if self.stored is not None:
            try:
                docs = self.repo.documents(self.stored.id)
            except NotImplementedError:  # the store may not record documents yet
                docs = []
        if docs:
            lines = [_("Documents made:")] + [
                f"• {d.created:%d-%m-%Y %H:%M} {d.kind} ({d.language}) {d.file_name}" for d in docs
            ]
            nv.documents_label.setText("\n".join(lines))
        else:
            nv.documents_label.setText("")

    def create_notice(self) -> None:
        if self.stored is None or self.result is None:
            return
        try:
            from desktop.documents.notice import build_notice  # lands with the documents issue
        except ImportError:
            QMessageBox.information(
                self.panel,
                _("Notice"),
                _("Creating the Notice PDF is not available in this version yet."),
            )
            return
        lang = self.panel.notice.create_language.currentData() or "nl"
        cf = self.stored.case_file
        if cf.representative is None and self.prefs.representative() is not None:
            cf = dataclasses.replace(cf, representative=self.prefs.representative())
        today = self.repo.today()
        try:
            pdf = build_notice(cf, self.result, lang, today=today)
        except Exception as exc:  # the documents layer explains timing and address problems
            if type(exc).__name__ in ("PrematureNoticeError", "DecidedError", "DocumentError"):
                QMessageBox.warning(self.panel, _("Notice"), str(exc))
                return
            raise
        stem = _("notice")
        suggested = f"{stem}-{self.stored.id}-{today.isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self.panel, _("Save the Notice"), str(Path.home() / suggested), "PDF (*.pdf)"
        )
        if not path:
            return
        target = Path(path)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(pdf)
        os.replace(partial, target)  # never a half-written letter under the real name
        self.repo.record_document(self.stored.id, "notice", lang, pdf, target.name)
        log.info("notice created for case %s", self.stored.id)
        self._fill_notice()

    def _validate_notice_form(self, quiet: bool = False) -> NoticeProof | None:
        nv = self.panel.notice
        values: dict[str, date | None] = {}
        ok = True
        for key, edit, field in (
            ("posted", nv.posted_edit, nv.posted_field),
            ("delivered", nv.delivered_edit, nv.delivered_field),
        ):
            try:
                values[key] = parse_user_date(
                    edit.text(), required=key == "delivered" and not quiet
                )
                field.set_error("")
            except FieldError as exc:
                field.set_error(str(exc))
                ok = False
        if not ok:
            return None
        posted, delivered = values["posted"], values["delivered"]
        if posted and delivered and delivered < posted:
            nv.delivered_field.set_error(_("Delivery cannot be before posting."))
            return None
        if delivered and delivered > self.repo.today():
            nv.delivered_field.set_error(_("This date is in the future."))
            return None
        if delivered is None:
            return None
        return NoticeProof(
            posted=posted, tracking_number=nv.tracking_edit.text().strip(), delivered=delivered
        )

    def record_notice(self) -> None:
        proof = self._validate_notice_form()
        if proof is None or self.stored is None or proof.delivered is None:
            return
        event = NoticeEvent(received=proof.delivered)  # the day it reached the IND counts
        found = self._notice_event()
        case_id = self.stored.id
        if found is None:
            work: Callable[[], Any] = lambda: self.repo.add_event(case_id, event, proof)  # noqa: E731
        else:
            event_id = found[0]
            work = lambda: self.repo.update_event(event_id, event, proof)  # noqa: E731
        run_task(work, lambda _r: self._events_changed(), self._failed, pool=self.save_pool)


def _event_day(event: Event) -> date:
    from desktop.core.parse import event_date

    return event_date(event)


def _todo(appt: Appointment, procedure: Procedure) -> list[str]:
    """What to do now after a missed appointment (rules R5.1–R5.6)."""
    items = []
    if appt.kind is AppointmentKind.ASYLUM_INTERVIEW:
        items.append(
            _(
                "Within two weeks, send the IND proof that missing the interview was not "
                "your fault (Vw 30c(1)(b)), e.g. a medical certificate."
            )
        )
        items.append(
            _(
                "If the IND sets the application aside, appeal to the court straight "
                "away: there is no objection stage."
            )
        )
    elif appt.kind is AppointmentKind.DOCUMENT_COLLECTION:
        items.append(_("Make a new appointment to collect the document as soon as possible."))
        if procedure in (Procedure.MVV, Procedure.NAREIS):
            items.append(
                _(
                    "An mvv can only be issued until three months after the grant; after "
                    "that a new application is needed."
                )
            )
    else:
        items.append(
            _(
                "Contact the IND in writing, give the reason and ask for a new "
                "appointment. Keep a copy."
            )
        )
        if appt.kind is AppointmentKind.BIOMETRICS:
            items.append(
                _(
                    "The IND may claim a pause until the new appointment. That pause "
                    "counts only if the delay is your fault: contest it if it is not."
                )
            )
        weeks = 6 if procedure is Procedure.NATURALISATION else 4
        items.append(
            _(
                "If the IND refuses the application or will not process it, object "
                "within {weeks} weeks."
            ).format(weeks=weeks)
        )
    items.append(
        _(
            "If the IND refuses a new appointment, you can complain (Awb 9:1) and then "
            "go to the Nationale ombudsman."
        )
    )
    return items


class _EventForm:
    """Drives an EventDialog: which fields show per type, validation, the resulting event."""

    def __init__(self, dialog: EventDialog, procedure: Procedure, existing: Event | None) -> None:
        self.dialog = dialog
        self.procedure = procedure
        self.event: Event | None = None
        d = dialog
        names = {
            "extension": _("Extension of the term"),
            "info_request": _("Request for more information"),
            "pause": _("Other pause (suspension)"),
            "decision": _("Decision"),
            "mvv_granted": _("Mvv granted"),
        }
        for key in _EVENT_TYPES:
            d.type_combo.addItem(names[key], key)
        d.unit_combo.addItem(_("months"), "months")
        d.unit_combo.addItem(_("weeks"), "weeks")
        for basis in _BASES.get(procedure, ()):
            d.basis_combo.addItem(basis)
        d.type_combo.currentIndexChanged.connect(lambda _i: self._layout())
        if existing is not None:
            self._load(existing)
            d.type_combo.setEnabled(False)
        self._layout()

    def _load(self, event: Event) -> None:
        d = self.dialog
        kind = {
            Extension: "extension",
            InfoRequest: "info_request",
            Pause: "pause",
            Decision: "decision",
            MvvGranted: "mvv_granted",
        }[type(event)]
        d.type_combo.setCurrentIndex(d.type_combo.findData(kind))
        match event:
            case Extension():
                d.first_edit.setText(user_date_text(event.sent))
                d.basis_combo.setCurrentText(event.basis)
                d.amount_spin.setValue(event.months or event.weeks)
                d.unit_combo.setCurrentIndex(0 if event.months else 1)
            case InfoRequest():
                d.first_edit.setText(user_date_text(event.sent))
                d.second_edit.setText(user_date_text(event.deadline))
                d.third_edit.setText(user_date_text(event.completed))
            case Pause():
                d.first_edit.setText(user_date_text(event.start))
                d.second_edit.setText(user_date_text(event.until))
                d.basis_combo.setCurrentText(event.basis)
            case Decision():
                d.first_edit.setText(user_date_text(event.sent))
            case MvvGranted():
                d.first_edit.setText(user_date_text(event.notified))

    def _layout(self) -> None:
        d = self.dialog
        kind = d.type_combo.currentData()
        first = {
            "extension": _("Letter &sent on"),
            "info_request": _("Request &sent on"),
            "pause": _("Pause announced or agreed &on"),
            "decision": _("Decision &sent on"),
            "mvv_granted": _("Grant &notified on"),
        }[kind]
        d.first_label.setText(first)
        d.second_label.setText(_("&Deadline") if kind == "info_request" else _("Pause &until"))
        d.third_label.setText(_("&Answered on"))
        d.set_row_visible(d.second_label, d.second_field, kind in ("info_request", "pause"))
        d.set_row_visible(d.third_label, d.third_field, kind == "info_request")
        d.set_row_visible(d.basis_label, d.basis_combo, kind in ("extension", "pause"))
        d.amount_label.setVisible(kind == "extension")
        d.amount_spin.setVisible(kind == "extension")
        d.unit_combo.setVisible(kind == "extension")
        if kind == "pause":
            d.basis_combo.clear()
            d.basis_combo.addItems(
                ["Awb 4:15(1)(b)", "Awb 4:15(2)(a)", "Awb 4:15(2)(c)", "Awb 4:15(2)(b)"]
            )
            d.hint.setText(
                _(
                    "A backlog, staff shortage or IT problem is not force majeure: "
                    "it does not pause the term."
                )
            )
        else:
            if kind == "extension" and d.basis_combo.count() == 0:
                d.basis_combo.addItems(list(_BASES.get(self.procedure, ())))
            d.hint.setText("")
        d.first_edit.setAccessibleName(first.replace("&", ""))
        d.second_edit.setAccessibleName(d.second_label.text().replace("&", ""))
        d.third_edit.setAccessibleName(d.third_label.text().replace("&", ""))
        d.adjustSize()

    def accept_if_valid(self) -> None:
        d = self.dialog
        kind = d.type_combo.currentData()
        try:
            first = parse_user_date(d.first_edit.text(), required=True)
            d.first_field.set_error("")
        except FieldError as exc:
            d.first_field.set_error(str(exc))
            d.first_edit.setFocus()
            return
        assert first is not None
        second = third = None
        for edit, field, required in (
            (d.second_edit, d.second_field, kind == "pause"),
            (d.third_edit, d.third_field, False),
        ):
            if not edit.isVisible() and not field.isVisible():
                continue
            try:
                value = parse_user_date(edit.text(), required=required)
                if value is not None and value < first:
                    raise FieldError(_("This is before the first date."))
                field.set_error("")
            except FieldError as exc:
                field.set_error(str(exc))
                edit.setFocus()
                return
            if edit is d.second_edit:
                second = value
            else:
                third = value
        basis = d.basis_combo.currentText().strip()
        if kind == "extension":
            n = d.amount_spin.value()
            months, weeks = (n, 0) if d.unit_combo.currentData() == "months" else (0, n)
            self.event = Extension(sent=first, basis=basis, months=months, weeks=weeks)
        elif kind == "info_request":
            self.event = InfoRequest(sent=first, deadline=second, completed=third)
        elif kind == "pause":
            assert second is not None
            self.event = Pause(start=first, until=second, basis=basis)
        elif kind == "decision":
            self.event = Decision(sent=first)
        else:
            self.event = MvvGranted(notified=first)
        d.accept()


_BASES = {
    Procedure.REGULAR: ("Vw 25(2)",),
    Procedure.MVV: ("Vw 2u",),
    Procedure.NAREIS: ("Vw 2u",),
    Procedure.ASYLUM: ("Vw 42(4)", "Vw 42(5)", "Vw 43"),
    Procedure.NATURALISATION: ("RWN 9(4)",),
    Procedure.OBJECTION: ("Awb 7:10(3)", "Vw 76(2)"),
}
