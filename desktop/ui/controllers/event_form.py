"""The event dialog form: which fields show per event type, validation, the resulting event.

The legal bases offered come from the rule pack (the powers of the case's procedure, the pause
bases with their labels), so a new pack changes the choices without a new release.
"""

from __future__ import annotations

from desktop.core.model import (
    Decision,
    Event,
    Extension,
    InfoRequest,
    MvvGranted,
    Pause,
    PenaltyFixed,
    Procedure,
)
from desktop.core.rulepack import RulePack
from desktop.i18n import _, current_language
from desktop.ui.controllers.validation import FieldError, parse_user_date, user_date_text
from desktop.ui.views.dialogs import EventDialog

EVENT_TYPES = ("extension", "info_request", "pause", "decision", "penalty_fixed", "mvv_granted")
_KINDS: dict[type, str] = {
    Extension: "extension",
    InfoRequest: "info_request",
    Pause: "pause",
    Decision: "decision",
    PenaltyFixed: "penalty_fixed",
    MvvGranted: "mvv_granted",
}


def event_type_names() -> dict[str, str]:
    return {
        "extension": _("Extension of the term"),
        "info_request": _("Request for more information"),
        "pause": _("Other pause (suspension)"),
        "decision": _("Decision"),
        "penalty_fixed": _("Decision fixing the penalty (dwangsom)"),
        "mvv_granted": _("Mvv granted"),
    }


class EventForm:
    """Drives an EventDialog: which fields show per type, validation, the resulting event."""

    def __init__(
        self,
        dialog: EventDialog,
        procedure: Procedure,
        pack: RulePack,
        existing: Event | None,
        kind: str | None = None,
    ) -> None:
        self.dialog = dialog
        self.procedure = procedure
        self.pack = pack
        self.event: Event | None = None
        d = dialog
        names = event_type_names()
        for key in EVENT_TYPES:
            d.type_combo.addItem(names[key], key)
        d.unit_combo.addItem(_("months"), "months")
        d.unit_combo.addItem(_("weeks"), "weeks")
        d.type_combo.currentIndexChanged.connect(lambda _i: self._layout())
        d.basis_combo.editTextChanged.connect(lambda _t: self.check_basis())
        if kind is not None:
            d.type_combo.setCurrentIndex(max(0, d.type_combo.findData(kind)))
        if existing is not None:
            self._load(existing)
            d.type_combo.setEnabled(False)
        self._layout()

    def _bases(self, kind: str) -> list[tuple[str, str]]:
        """(shown text, basis) for the basis combo: the pack's choices for this kind of event."""
        if kind == "pause":
            lang = current_language()
            return [(f"{b.basis}: {b.label.get(lang)}", b.basis) for b in self.pack.pauses.bases]
        rules = self.pack.procedures[self.procedure]
        return [(basis, basis) for basis in rules.extension_bases]

    def _fill_bases(self, kind: str) -> None:
        d = self.dialog
        typed = d.basis_combo.currentText()
        d.basis_combo.blockSignals(True)  # refilling is not typing: no "enter a basis" yet
        try:
            d.basis_combo.clear()
            for text, basis in self._bases(kind):
                d.basis_combo.addItem(text, basis)
            if typed:
                self._set_basis(typed)
        finally:
            d.basis_combo.blockSignals(False)
        d.set_basis_error("")

    def _set_basis(self, basis: str) -> None:
        combo = self.dialog.basis_combo
        index = combo.findData(basis)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentText(basis)  # a basis the pack does not list: kept as typed

    def basis(self) -> str:
        combo = self.dialog.basis_combo
        text = combo.currentText().strip()
        index = combo.currentIndex()
        if index >= 0 and text == combo.itemText(index):
            return str(combo.itemData(index))
        return text

    def _load(self, event: Event) -> None:
        d = self.dialog
        d.type_combo.setCurrentIndex(d.type_combo.findData(_KINDS[type(event)]))
        self._fill_bases(_KINDS[type(event)])
        match event:
            case Extension():
                d.first_edit.setText(user_date_text(event.sent))
                self._set_basis(event.basis)
                d.amount_spin.setValue(event.months or event.weeks)
                d.unit_combo.setCurrentIndex(0 if event.months else 1)
            case InfoRequest():
                d.first_edit.setText(user_date_text(event.sent))
                d.second_edit.setText(user_date_text(event.deadline))
                d.third_edit.setText(user_date_text(event.completed))
            case Pause():
                d.first_edit.setText(user_date_text(event.start))
                d.second_edit.setText(user_date_text(event.until))
                self._set_basis(event.basis)
            case Decision() | PenaltyFixed():
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
            "penalty_fixed": _("Decision &sent on"),
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
        if kind in ("extension", "pause") and d.type_combo.isEnabled():
            self._fill_bases(kind)
        if kind == "pause":
            d.hint.setText(
                _(
                    "A backlog, staff shortage or IT problem is not force majeure: "
                    "it does not pause the term."
                )
            )
        else:
            d.hint.setText("")
        d.first_edit.setAccessibleName(first.replace("&", ""))
        d.second_edit.setAccessibleName(d.second_label.text().replace("&", ""))
        d.third_edit.setAccessibleName(d.third_label.text().replace("&", ""))
        d.adjustSize()

    def _needs_basis(self) -> bool:
        return self.dialog.type_combo.currentData() in ("extension", "pause")

    def check_basis(self) -> bool:
        """As typed: an extension or pause without a basis says what to enter (with examples)."""
        d = self.dialog
        if not self._needs_basis() or self.basis():
            d.set_basis_error("")
            return True
        kind = d.type_combo.currentData()
        examples = [basis for _text, basis in self._bases(kind)][:2]
        if kind == "pause":
            message = _(
                "Enter the legal basis of the pause as the IND's letter cites it, or choose one "
                "from the list (e.g. {examples})."
            )
        else:
            message = _(
                "Enter the legal basis of the extension as the IND's letter cites it, or choose "
                "one from the list (e.g. {examples})."
            )
        d.set_basis_error(message.format(examples=", ".join(examples) or "—"))
        return False

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
            if not field.isVisibleTo(d):  # a row this kind of event does not have
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
        if not self.check_basis():
            d.basis_combo.setFocus()
            return
        basis = self.basis()
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
        elif kind == "penalty_fixed":
            self.event = PenaltyFixed(sent=first)
        else:
            self.event = MvvGranted(notified=first)
        d.accept()
