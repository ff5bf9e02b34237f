"""The case editor form: load a case file into it, check it as the user types, build the result."""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.core.casefile import CaseFile, Person, case_file_to_json, parse_case_file
from desktop.core.errors import CaseInputError
from desktop.core.model import Case, Procedure
from desktop.i18n import _, ngettext
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.combo import fill_combo
from desktop.ui.controllers.open_case import OpenCase
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.validation import (
    FieldError,
    check_v_number,
    parse_user_date,
    user_date_text,
)
from desktop.ui.models.text import procedure_name
from desktop.ui.views.case_editor import CaseEditorView

_DATE_FIELDS = ("date_of_birth", "received", "ind_stated_end")


def _edit_text(editor: Any) -> str:
    return editor.toPlainText() if hasattr(editor, "toPlainText") else editor.text()


class CaseEditorForm:
    """Drives the editor tab; remembers which fields were touched and whether edits are unsaved."""

    def __init__(
        self, view: CaseEditorView, repo: CaseRepository, prefs: Preferences, case: OpenCase
    ) -> None:
        self.view = view
        self.repo = repo
        self.prefs = prefs
        self.case = case
        self.dirty = False
        self._touched: set[str] = set()
        self._loading = False
        for key, field in view.fields.items():
            editor = field.editor
            if key in ("procedure", "language"):
                editor.currentIndexChanged.connect(lambda _i, k=key: self._on_edited(k))
            elif hasattr(editor, "toPlainText"):
                editor.textChanged.connect(lambda k=key: self._on_edited(k))
            else:
                editor.textEdited.connect(lambda _t, k=key: self._on_edited(k))

    def retranslate_ui(self) -> None:
        ed = self.view
        self._loading = True
        try:
            fill_combo(ed.procedure_combo, [(procedure_name(p), p.value) for p in Procedure])
            fill_combo(ed.language_combo, [("Nederlands", "nl"), ("English", "en")])
        finally:
            self._loading = False

    def load(self, cf: CaseFile) -> None:
        ed = self.view
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
        self.dirty = False
        self.validate(show_all=False)

    def _on_edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self.dirty = True
        if key == "procedure":
            objection = self.view.procedure_combo.currentData() == Procedure.OBJECTION
            self.view.set_received_label(objection)
        self.validate(show_all=False)

    def validate(self, show_all: bool) -> CaseFile | None:
        """Check every field; show errors for touched fields (all when saving)."""
        ed = self.view
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
        ed.save_button.setEnabled(
            case_file is not None and (self.dirty or self.case.stored is None)
        )
        ed.revert_button.setEnabled(self.dirty)
        if errors and (show_all or self._touched & errors.keys()):
            ed.summary_label.setText(
                ngettext(
                    "{count} field needs attention; nothing you typed is lost.",
                    "{count} fields need attention; nothing you typed is lost.",
                    len(errors),
                ).format(count=len(errors))
            )
        elif self.dirty:
            ed.summary_label.setText(_("Unsaved changes."))
        else:
            ed.summary_label.setText("")
        return case_file

    def _case_file(self, name: str, values: dict[str, Any]) -> CaseFile:
        ed = self.view
        procedure = Procedure(ed.procedure_combo.currentData())
        stored = self.case.stored
        base = stored.case_file if stored is not None else None
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

    def focus_first_error(self) -> None:
        first = next((f for f in self.view.fields.values() if f.error.isVisible()), None)
        if first is not None:
            first.editor.setFocus()
