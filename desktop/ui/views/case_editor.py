"""The case editor form: personal details and the dates that start the term."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.widgets.fields import FieldWithError
from desktop.ui.widgets.text_limits import CappedCells, PlainTextLimit, cap_line


class FamilyMembersEditor(QWidget):
    """A small table of the people the application is for: name, birth, V-number, relation.

    Signals:
        edited(): a cell changed, or a row was added or removed.
    """

    edited = Signal()
    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(True)
        self.table.setItemDelegate(CappedCells(["name", None, "v_number", "relation"], self.table))
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self._fit_height()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Date of birth"), _("V-number"), _("Relation")]
        )
        self.table.setAccessibleName(_("Family members"))
        self.add_button.setText(_("Add a family mem&ber"))
        self.remove_button.setText(_("Remove the selected person"))

    def rows(self) -> list[list[str]]:
        """The texts typed, one list of four per row."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(self.COLUMNS)]
            out.append([cell.text().strip() if cell is not None else "" for cell in cells])
        return out

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for values in rows:
                self._append(values)
        finally:
            self.table.blockSignals(False)
        self._fit_height()

    def _append(self, values: list[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(text))
        return row

    def add_row(self) -> None:
        row = self._append([""] * self.COLUMNS)
        self._fit_height()
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()  # typing starts editing the name (or F2, or a double-click)
        self.edited.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._fit_height()
            self.edited.emit()

    def _fit_height(self) -> None:
        """Tall enough for its rows and one more (the form scrolls, not the table)."""
        rows = max(1, self.table.rowCount() + 1)
        height = self.table.horizontalHeader().sizeHint().height()
        height += self.table.verticalHeader().defaultSectionSize() * rows + 4
        self.table.setFixedHeight(height)


class CaseEditorView(QWidget):
    """Fields as attributes; `fields` maps a field key to its FieldWithError (for errors)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.form_page = QWidget(self.scroll)
        self.form = QFormLayout(self.form_page)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.name_edit = QLineEdit(self.form_page)
        self.birth_edit = QLineEdit(self.form_page)
        self.nationality_edit = QLineEdit(self.form_page)
        self.address_edit = QPlainTextEdit(self.form_page)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.v_number_edit = QLineEdit(self.form_page)
        self.reference_edit = QLineEdit(self.form_page)
        self.ind_reference_edit = QLineEdit(self.form_page)
        self.procedure_combo = QComboBox(self.form_page)
        self.received_edit = QLineEdit(self.form_page)
        self.ind_end_edit = QLineEdit(self.form_page)
        self.language_combo = QComboBox(self.form_page)
        self.notes_edit = QPlainTextEdit(self.form_page)
        self.notes_edit.setTabChangesFocus(True)
        # The particulars the letters print (sponsor, family, purpose, the contested decision).
        self.application_kind_combo = QComboBox(self.form_page)
        self.purpose_edit = QLineEdit(self.form_page)
        self.sponsor_name_edit = QLineEdit(self.form_page)
        self.sponsor_v_number_edit = QLineEdit(self.form_page)
        self.family = FamilyMembersEditor(self.form_page)
        self.objected_reference_edit = QLineEdit(self.form_page)
        self.objection_lodged_edit = QLineEdit(self.form_page)
        self.send_by_fax_check = QCheckBox(self.form_page)
        # Whom the representative writes for: a client, or family ("namens mijn echtgenote").
        self.relation_combo = QComboBox(self.form_page)

        # The core's limits (desktop.core.limits): nothing typed here can be refused on saving.
        for edit, key in (
            (self.name_edit, "name"),
            (self.nationality_edit, "nationality"),
            (self.v_number_edit, "v_number"),
            (self.reference_edit, "reference"),
            (self.ind_reference_edit, "ind_reference"),
            (self.purpose_edit, "purpose"),
            (self.sponsor_name_edit, "name"),
            (self.sponsor_v_number_edit, "v_number"),
            (self.objected_reference_edit, "reference"),
        ):
            cap_line(edit, key)
        self.text_limits = {
            "address": PlainTextLimit(self.address_edit, "address"),
            "notes": PlainTextLimit(self.notes_edit, "notes"),
        }

        self.fields: dict[str, FieldWithError] = {}
        self.labels: dict[str, QLabel] = {}
        for key, editor in (
            ("name", self.name_edit),
            ("date_of_birth", self.birth_edit),
            ("nationality", self.nationality_edit),
            ("address", self.address_edit),
            ("v_number", self.v_number_edit),
            ("reference", self.reference_edit),
            ("ind_reference", self.ind_reference_edit),
            ("procedure", self.procedure_combo),
            ("received", self.received_edit),
            ("ind_stated_end", self.ind_end_edit),
            ("application_kind", self.application_kind_combo),
            ("purpose", self.purpose_edit),
            ("sponsor_name", self.sponsor_name_edit),
            ("sponsor_v_number", self.sponsor_v_number_edit),
            ("family_members", self.family),
            ("objected_decision_reference", self.objected_reference_edit),
            ("objection_lodged", self.objection_lodged_edit),
            ("send_by_fax", self.send_by_fax_check),
            ("relation", self.relation_combo),
            ("language", self.language_combo),
            ("notes", self.notes_edit),
        ):
            field = FieldWithError(editor, self.form_page)
            label = QLabel(self.form_page)
            label.setBuddy(editor)
            self.fields[key] = field
            self.labels[key] = label
            self.form.addRow(label, field)
        self.scroll.setWidget(self.form_page)

        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self)
        self.archive_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = {
            "name": _("Applicant's &name *"),
            "date_of_birth": _("Date of &birth"),
            "nationality": _("Nationa&lity"),
            "address": _("Add&ress"),
            "v_number": _("&V-number"),
            "reference": _("Your re&ference"),
            "ind_reference": _("&IND reference"),
            "procedure": _("&Procedure *"),
            "received": _("IND received the application on *"),
            "ind_stated_end": _("End date the IND &stated"),
            "application_kind": _("Appli&cation"),
            "purpose": _("P&urpose of stay"),
            "sponsor_name": _("Sponsor (r&eferent)"),
            "sponsor_v_number": _("Sponsor's V-number"),
            "family_members": _("Fa&mily members"),
            "objected_decision_reference": _("Reference of the con&tested decision"),
            "objection_lodged": _("Ob&jection sent on"),
            "send_by_fax": "",  # the check box says it
            "relation": _("The applicant is my"),
            "language": _("Notice lan&guage"),
            "notes": _("N&otes"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
            if text:
                self.fields[key].editor.setAccessibleName(text.replace("&", "").rstrip(" *"))
        for edit in (
            self.birth_edit,
            self.received_edit,
            self.ind_end_edit,
            self.objection_lodged_edit,
        ):
            edit.setPlaceholderText(_("e.g. 27-04-2026"))
        for edit in (self.v_number_edit, self.sponsor_v_number_edit):
            edit.setPlaceholderText(_("10 digits, e.g. 1234567890"))
        self.purpose_edit.setPlaceholderText(_("e.g. living with a partner"))
        self.relation_combo.setToolTip(
            _(
                "Who the applicant is to you, the representative who signs the letters (your "
                "details are under Settings): the letters then say “on behalf of my wife”."
            )
        )
        self.send_by_fax_check.setText(_("Also send the Notice by fax"))
        self.send_by_fax_check.setAccessibleName(_("Also send the Notice by fax"))
        self.family.retranslate_ui()
        self.save_button.setText(_("&Save"))
        self.revert_button.setText(_("Re&vert"))
        self.archive_button.setText(_("&Archive"))
        self.delete_button.setText(_("&Delete…"))

    def show_rows_for(self, procedure: str) -> None:
        """Only the particulars that matter for this procedure (see desktop/core/particulars)."""
        family = procedure in ("regular", "mvv", "nareis")
        shown = {
            "application_kind": procedure == "regular",
            "purpose": procedure in ("regular", "mvv"),
            "sponsor_name": family,
            "sponsor_v_number": family,
            "family_members": family,
            "objected_decision_reference": procedure == "objection",
            "objection_lodged": procedure == "objection",
        }
        for key, visible in shown.items():
            self.form.setRowVisible(self.fields[key], visible)

    def set_received_label(self, objection: bool) -> None:
        text = (
            _("Contested decision sent on *")
            if objection
            else _("IND received the application on *")
        )
        self.labels["received"].setText(text)
        self.received_edit.setAccessibleName(text.rstrip(" *"))
