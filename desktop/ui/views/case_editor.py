"""The case editor form: personal details and the dates that start the term."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.widgets.fields import FieldWithError


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
            "language": _("Notice lan&guage"),
            "notes": _("N&otes"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
            self.fields[key].editor.setAccessibleName(text.replace("&", "").rstrip(" *"))
        for edit in (self.birth_edit, self.received_edit, self.ind_end_edit):
            edit.setPlaceholderText(_("e.g. 27-04-2026"))
        self.v_number_edit.setPlaceholderText(_("10 digits, e.g. 1234567890"))
        self.save_button.setText(_("&Save"))
        self.revert_button.setText(_("Re&vert"))
        self.archive_button.setText(_("&Archive"))
        self.delete_button.setText(_("&Delete…"))

    def set_received_label(self, objection: bool) -> None:
        text = (
            _("Contested decision sent on *")
            if objection
            else _("IND received the application on *")
        )
        self.labels["received"].setText(text)
        self.received_edit.setAccessibleName(text.rstrip(" *"))
