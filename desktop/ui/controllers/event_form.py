"""The event dialog form: which fields show per event type, validation, the resulting event."""

from __future__ import annotations

from desktop.core.model import Decision, Event, Extension, InfoRequest, MvvGranted, Pause, Procedure
from desktop.i18n import _
from desktop.ui.controllers.validation import FieldError, parse_user_date, user_date_text
from desktop.ui.views.dialogs import EventDialog

_EVENT_TYPES = ("extension", "info_request", "pause", "decision", "mvv_granted")


class EventForm:
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
