"""The case editor form: load a case file into it, check it as the user types, build the result."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from desktop.core.casefile import (
    CaseFile,
    Person,
    Relation,
    Representative,
    case_file_to_json,
    parse_case_file,
)
from desktop.core.errors import CaseInputError
from desktop.core.model import Case, Procedure
from desktop.core.particulars import ApplicationKind, FamilyMember, Particulars, Sponsor
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
from desktop.ui.models.text import procedure_name, relation_choices
from desktop.ui.views.case_editor import CaseEditorView

_DATE_FIELDS = ("date_of_birth", "received", "ind_stated_end", "objection_lodged")
_COMBOS = ("procedure", "language", "application_kind", "relation")


def _edit_text(editor: Any) -> str:
    return editor.toPlainText() if hasattr(editor, "toPlainText") else editor.text()


def application_kind_names() -> list[tuple[str, str]]:
    return [
        (_("(not given)"), ""),
        (_("First application"), ApplicationKind.FIRST.value),
        (_("Extension of a permit"), ApplicationKind.EXTENSION.value),
        (_("Change of the purpose of stay"), ApplicationKind.CHANGE.value),
    ]


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
        self._limit_notes: dict[str, str] = {}  # "the rest was not taken", per text box
        for key, limit in view.text_limits.items():
            limit.refused.connect(lambda message, k=key: self._refused(k, message))
        for key, field in view.fields.items():
            editor = field.editor
            if key in _COMBOS:
                editor.currentIndexChanged.connect(lambda _i, k=key: self._on_edited(k))
            elif key == "send_by_fax":
                editor.toggled.connect(lambda _on, k=key: self._on_edited(k))
            elif key == "family_members":
                editor.edited.connect(lambda k=key: self._on_edited(k))
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
            fill_combo(ed.application_kind_combo, application_kind_names())
            fill_combo(ed.relation_combo, relation_choices())
        finally:
            self._loading = False

    def load(self, cf: CaseFile) -> None:
        ed = self.view
        found = cf.particulars
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
            kind = found.application_kind.value if found.application_kind else ""
            ed.application_kind_combo.setCurrentIndex(
                max(0, ed.application_kind_combo.findData(kind))
            )
            ed.purpose_edit.setText(found.purpose)
            ed.sponsor_name_edit.setText(found.sponsor.name if found.sponsor else "")
            ed.sponsor_v_number_edit.setText(found.sponsor.v_number if found.sponsor else "")
            ed.family.set_rows(
                [
                    [m.name, user_date_text(m.date_of_birth), m.v_number, m.relation]
                    for m in found.family_members
                ]
            )
            ed.objected_reference_edit.setText(found.objected_decision_reference)
            ed.objection_lodged_edit.setText(user_date_text(found.objection_lodged))
            ed.send_by_fax_check.setChecked(found.send_by_fax)
            rep = cf.representative
            relation = rep.relation.value if rep is not None and rep.relation else ""
            ed.relation_combo.setCurrentIndex(max(0, ed.relation_combo.findData(relation)))
            ed.set_received_label(cf.case.procedure is Procedure.OBJECTION)
            ed.show_rows_for(cf.case.procedure.value)
        finally:
            self._loading = False
        self._touched.clear()
        self._limit_notes.clear()
        self.dirty = False
        self.validate(show_all=False)

    def _on_edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self.dirty = True
        if key == "procedure":
            procedure = str(self.view.procedure_combo.currentData())
            self.view.set_received_label(procedure == Procedure.OBJECTION)
            self.view.show_rows_for(procedure)
        self.validate(show_all=False)

    def _refused(self, key: str, message: str) -> None:
        self._limit_notes[key] = message
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
        for key, editor in (
            ("v_number", ed.v_number_edit),
            ("sponsor_v_number", ed.sponsor_v_number_edit),
        ):
            try:
                values[key] = check_v_number(editor.text())
            except FieldError as exc:
                errors[key] = str(exc)
        if ed.sponsor_v_number_edit.text().strip() and not ed.sponsor_name_edit.text().strip():
            errors["sponsor_name"] = _("Enter the sponsor's name too.")
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
        lodged = values.get("objection_lodged")
        if lodged and lodged > today:
            errors["objection_lodged"] = _("This date is in the future.")
        elif lodged and values.get("received") and lodged < values["received"]:
            errors["objection_lodged"] = _("The objection was sent before the decision.")
        try:
            values["family_members"] = self._family(today)
        except FieldError as exc:
            errors["family_members"] = str(exc)
        try:
            values["representative"] = self._representative()
        except FieldError as exc:
            errors["relation"] = str(exc)
        case_file = None
        if not errors:
            case_file = self._case_file(name, values)
            try:
                # The core's own check: events before the new start date, texts too long.
                parse_case_file(case_file_to_json(case_file))
            except CaseInputError as exc:
                target = self._field_of(exc.field)
                errors[target] = (
                    _("An event is dated before this date.")
                    if exc.field.startswith("events")
                    else exc.message
                )
                case_file = None
        for key, field in ed.fields.items():
            shown = key in errors and (show_all or key in self._touched)
            field.set_error(errors[key] if shown else "")
        for key, message in list(self._limit_notes.items()):
            if not ed.text_limits[key].full():
                del self._limit_notes[key]  # shortened since: the note has done its job
            elif key not in errors:
                ed.fields[key].set_error(message)
        rep = values.get("representative")
        if "relation" not in errors and rep is not None and rep.relation and rep.organisation:
            # Not an error (saving is fine), but the letters will not say what was chosen.
            ed.fields["relation"].set_error(
                _(
                    "The letters say “my client”: an organisation ({organisation}) is given "
                    "for the representative."
                ).format(organisation=rep.organisation)
            )
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

    def _field_of(self, path: str) -> str:
        """The form field a core error names ("family_members[1].name" -> family_members)."""
        if path.startswith("events"):
            return "received"
        head = path.split("[")[0].split(".")[0]
        if head == "applicant":
            head = path.split(".")[-1]
        if head == "sponsor":
            return "sponsor_v_number" if path.endswith("v_number") else "sponsor_name"
        return head if head in self.view.fields else "name"

    def _family(self, today: date) -> tuple[FamilyMember, ...]:
        """The family table as members; a row's problem is named with its row number."""
        members = []
        for number, (name, born, v_number, relation) in enumerate(self.view.family.rows(), 1):
            if not (name or born or v_number or relation):
                continue  # an empty row the user added and left
            try:
                if not name:
                    raise FieldError(_("Enter a name."))
                birth = parse_user_date(born)
                if birth is not None and birth > today:
                    raise FieldError(_("The date of birth is in the future."))
                members.append(FamilyMember(name, birth, check_v_number(v_number), relation))
            except FieldError as exc:
                raise FieldError(
                    _("Row {row}: {problem}").format(row=number, problem=str(exc))
                ) from None
        return tuple(members)

    def _particulars(self, values: dict[str, Any]) -> Particulars:
        ed = self.view
        sponsor_name = ed.sponsor_name_edit.text().strip()
        kind = ed.application_kind_combo.currentData()
        return Particulars(
            sponsor=Sponsor(sponsor_name, values["sponsor_v_number"]) if sponsor_name else None,
            family_members=values["family_members"],
            purpose=ed.purpose_edit.text().strip(),
            application_kind=ApplicationKind(kind) if kind else None,
            objected_decision_reference=ed.objected_reference_edit.text().strip(),
            objection_lodged=values["objection_lodged"],
            send_by_fax=ed.send_by_fax_check.isChecked(),
        )

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
            particulars=self._particulars(values),
            representative=values["representative"],
        )
        if base is not None:
            return dataclasses.replace(base, **fields)
        return CaseFile(**fields)

    def _representative(self) -> Representative | None:
        """The case's representative with the relation chosen (the settings' for a new case).

        A case without one of its own keeps none while no relation is chosen: the letters then
        take the settings' details as they are when printed.
        """
        stored = self.case.stored
        own = stored.case_file.representative if stored is not None else None
        value = self.view.relation_combo.currentData() or ""
        relation = Relation(value) if value else None
        rep = own if own is not None or stored is not None else self.prefs.representative()
        if rep is None and relation is not None:
            rep = self.prefs.representative()
            if rep is None or not rep.name:
                raise FieldError(
                    _(
                        "Your name is not set: enter it under Settings → Representative, or "
                        "choose “{choice}”."
                    ).format(choice=relation_choices()[0][0])
                )
        if rep is None:
            return None
        return dataclasses.replace(rep, relation=relation)

    def focus_first_error(self) -> None:
        first = next((f for f in self.view.fields.values() if f.error.isVisible()), None)
        if first is not None:
            first.editor.setFocus()
