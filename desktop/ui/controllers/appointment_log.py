"""The appointment log: record attended or missed IND appointments and explain what each means."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from desktop.core.model import Appointment, AppointmentKind, Procedure, Result
from desktop.core.rulepack import RulePack, load_rule_pack
from desktop.i18n import _, current_language, ngettext
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.combo import fill_combo
from desktop.ui.controllers.event_log import delete_event, selected_event_id
from desktop.ui.controllers.letter_flow import LetterFlow
from desktop.ui.controllers.letters import Letter, appointment_number
from desktop.ui.controllers.open_case import OpenCase, case_events, event_day
from desktop.ui.controllers.validation import FieldError, parse_user_date
from desktop.ui.models.text import appointment_name, long_date, quantity_text
from desktop.ui.views.case_panel import AppointmentsView


class AppointmentLog:
    """Owns the appointments tab: the form, the list and the meaning of the chosen appointment."""

    def __init__(
        self, view: AppointmentsView, repo: CaseRepository, case: OpenCase, letters: LetterFlow
    ) -> None:
        self.view = view
        self.repo = repo
        self.case = case
        self.letters = letters
        view.add_button.clicked.connect(self.add_appointment)
        view.letter_button.clicked.connect(self.make_letter)
        view.delete_button.clicked.connect(self.delete_selected_appointment)
        view.appointment_list.currentRowChanged.connect(lambda _r: self.show_meaning())
        view.attended_check.toggled.connect(self._attended_toggled)
        for edit in (view.date_edit, view.rescheduled_edit):
            edit.textEdited.connect(lambda _t: self.validate_form(quiet=True))

    def retranslate_ui(self) -> None:
        fill_combo(self.view.kind_combo, [(appointment_name(k), k.value) for k in AppointmentKind])

    def fill(self) -> None:
        ap = self.view.appointment_list
        ap.clear()
        for event_id, event in sorted(case_events(self.case.stored), key=lambda p: event_day(p[1])):
            if isinstance(event, Appointment):
                item = QListWidgetItem(appointment_text(event), ap)
                item.setData(Qt.ItemDataRole.UserRole, event_id)
        if ap.count():
            ap.setCurrentRow(ap.count() - 1)
        self.show_meaning()

    def _attended_toggled(self, attended: bool) -> None:
        ap = self.view
        for widget in (ap.rescheduled_edit, ap.excuse_edit):
            widget.setEnabled(not attended)

    def validate_form(self, quiet: bool = False) -> Appointment | None:
        ap = self.view
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
        if self.case.stored is None:
            return None
        case = self.case.stored.case_file.case
        return (
            case.objected_decision_sent
            if case.procedure is Procedure.OBJECTION
            else (case.received)
        )

    def add_appointment(self) -> None:
        appt = self.validate_form()
        if appt is None or self.case.stored is None:
            return
        ap = self.view
        case_id = self.case.stored.id

        def done(_r: object) -> None:
            for edit in (ap.date_edit, ap.rescheduled_edit, ap.excuse_edit):
                edit.clear()
            self.case.events_changed()
            ap.appointment_list.setFocus()

        self.case.run_save(lambda: self.repo.add_event(case_id, appt), done)

    def delete_selected_appointment(self) -> None:
        event_id = selected_event_id(self.view.appointment_list)
        if event_id is not None:
            delete_event(self.repo, self.case, event_id)

    def make_letter(self) -> None:
        """The letter explaining a missed appointment (a draft if the reason is not entered)."""
        stored = self.case.stored
        event_id = selected_event_id(self.view.appointment_list)
        appt = dict(case_events(stored)).get(event_id) if event_id is not None else None
        if stored is None or not isinstance(appt, Appointment):
            return
        number = appointment_number(stored.case_file, appt)
        self.letters.make(Letter.APPOINTMENT, appointment=number)

    def show_meaning(self) -> None:
        ap = self.view
        stored, result = self.case.stored, self.case.result
        event_id = selected_event_id(ap.appointment_list)
        appt = dict(case_events(stored)).get(event_id) if event_id is not None else None
        ap.delete_button.setEnabled(appt is not None)
        ap.letter_button.setEnabled(isinstance(appt, Appointment) and not appt.attended)
        if not isinstance(appt, Appointment) or result is None or stored is None:
            hint = _("Add an appointment, or choose one to see what it means.")
            ap.meaning.setHtml(f"<p>{escape(hint)}</p>")
            return
        ap.meaning.setHtml(self.appointment_html(appt, result))

    def appointment_html(self, appt: Appointment, result: Result) -> str:
        lang = current_language()
        found = next(
            (a for a in result.appointments if a.date == appt.date and a.kind is appt.kind), None
        )
        stored = self.case.stored
        procedure = stored.case_file.case.procedure if stored else Procedure.REGULAR
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
            pack = load_rule_pack(result.rules)
            parts.extend(f"<li>{escape(t)}</li>" for t in todo(appt, procedure, pack))
            parts.append("</ul>")
        if found is not None:
            parts.append("<h4>" + escape(_("Evidence to keep")) + "</h4>")
            items = [line.strip(" -•") for line in found.evidence.get(lang).splitlines()]
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items if i) + "</ul>")
        term = result.term
        parts.append("<h4>" + escape(_("When does the decision term end?")) + "</h4>")
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
            text = ngettext(
                "The IND may count {days} day of pause for missed appointments. You can "
                "contest this: the pause only counts if the delay is your fault.",
                "The IND may count {days} days of pause for missed appointments. You can "
                "contest this: the pause only counts if the delay is your fault.",
                term.contested_days,
            ).format(days=term.contested_days)
            parts.append(f"<p>{escape(text)}</p>")
        return "".join(parts)


def todo(appt: Appointment, procedure: Procedure, pack: RulePack) -> list[str]:
    """What to do now after a missed appointment (rules R5.1-R5.6); periods from the pack."""
    rules = pack.appointments
    mvv = procedure in (Procedure.MVV, Procedure.NAREIS)
    items = []
    if appt.kind is AppointmentKind.ASYLUM_INTERVIEW:
        items.append(
            _(
                "Within {period}, send the IND proof that missing the interview was not "
                "your fault ({basis}), e.g. a medical certificate."
            ).format(period=quantity_text(rules.proof_window), basis=rules.basis_for(appt.kind))
        )
        items.append(
            _(
                "If the IND sets the application aside, appeal to the court straight "
                "away: there is no objection stage."
            )
        )
    elif appt.kind is AppointmentKind.DOCUMENT_COLLECTION:
        items.append(_("Make a new appointment to collect the document as soon as possible."))
        if mvv:
            items.append(
                _(
                    "An mvv can only be issued until {period} after the grant; after "
                    "that a new application is needed."
                ).format(period=quantity_text(rules.mvv_collect))
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
        remedy = pack.remedy(procedure)
        period = quantity_text(remedy.period)
        items.append(
            _(
                "If the IND refuses the application or will not process it, object "
                "(bezwaar) within {period}."
            ).format(period=period)
            if remedy.kind == "objection"
            else _(
                "If the IND refuses the application or will not process it, appeal to the "
                "court (beroep) within {period}."
            ).format(period=period)
        )
    items.append(
        _(
            "If the IND refuses a new appointment, you can complain ({basis}) and then "
            "go to the Nationale ombudsman."
        ).format(basis=pack.cite("complaint"))
    )
    return items


def appointment_text(appt: Appointment) -> str:
    state = _("attended") if appt.attended else _("missed")
    text = f"{long_date(appt.date)}: {appointment_name(appt.kind)} ({state})"
    if appt.rescheduled_to:
        text += " → " + long_date(appt.rescheduled_to)
    return text
