"""Privacy and data: the lock, a person's data (access, erasure), retention. Layout only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class PrivacyDialog(QDialog):
    """Three tabs; PrivacyController fills and connects them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrivacyDialog")
        self.tabs = QTabWidget(self)

        # ---- the lock
        self.lock_page = QWidget(self.tabs)
        self.lock_combo = QComboBox(self.lock_page)
        self.lock_label = QLabel(self.lock_page)
        self.lock_label.setBuddy(self.lock_combo)
        self.lock_hint = _plain(self.lock_page)
        self.lock_now_button = QPushButton(self.lock_page)
        lock_form = QFormLayout()
        lock_form.addRow(self.lock_label, self.lock_combo)
        lock_layout = QVBoxLayout(self.lock_page)
        lock_layout.addLayout(lock_form)
        lock_layout.addWidget(self.lock_hint)
        lock_layout.addWidget(self.lock_now_button, 0, Qt.AlignmentFlag.AlignLeft)
        lock_layout.addStretch(1)

        # ---- a person's data
        self.person_page = QWidget(self.tabs)
        self.person_hint = _plain(self.person_page)
        self.name_edit = QLineEdit(self.person_page)
        self.v_number_edit = QLineEdit(self.person_page)
        self.born_edit = QLineEdit(self.person_page)
        self.name_label = QLabel(self.person_page)
        self.name_label.setBuddy(self.name_edit)
        self.v_number_label = QLabel(self.person_page)
        self.v_number_label.setBuddy(self.v_number_edit)
        self.born_label = QLabel(self.person_page)
        self.born_label.setBuddy(self.born_edit)
        self.find_button = QPushButton(self.person_page)
        self.found_list = QListWidget(self.person_page)
        self.found_summary = _plain(self.person_page)
        self.access_button = QPushButton(self.person_page)
        self.erase_button = QPushButton(self.person_page)
        self.backups_list = QListWidget(self.person_page)
        self.backups_label = _plain(self.person_page)
        self.purge_button = QPushButton(self.person_page)
        person_form = QFormLayout()
        person_form.addRow(self.name_label, self.name_edit)
        person_form.addRow(self.v_number_label, self.v_number_edit)
        person_form.addRow(self.born_label, self.born_edit)
        person_buttons = QHBoxLayout()
        person_buttons.addWidget(self.find_button)
        person_buttons.addStretch(1)
        person_buttons.addWidget(self.access_button)
        person_buttons.addWidget(self.erase_button)
        person_layout = QVBoxLayout(self.person_page)
        person_layout.addWidget(self.person_hint)
        person_layout.addLayout(person_form)
        person_layout.addLayout(person_buttons)
        person_layout.addWidget(self.found_summary)
        person_layout.addWidget(self.found_list, 2)
        person_layout.addWidget(self.backups_label)
        person_layout.addWidget(self.backups_list, 1)
        person_layout.addWidget(self.purge_button, 0, Qt.AlignmentFlag.AlignRight)

        # ---- retention
        self.retention_page = QWidget(self.tabs)
        self.months_spin = QSpinBox(self.retention_page)
        self.months_spin.setRange(0, 1200)
        self.months_label = QLabel(self.retention_page)
        self.months_label.setBuddy(self.months_spin)
        self.retention_hint = _plain(self.retention_page)
        self.due_label = _plain(self.retention_page)
        self.due_list = QListWidget(self.retention_page)
        self.delete_due_button = QPushButton(self.retention_page)
        retention_form = QFormLayout()
        retention_form.addRow(self.months_label, self.months_spin)
        retention_layout = QVBoxLayout(self.retention_page)
        retention_layout.addLayout(retention_form)
        retention_layout.addWidget(self.retention_hint)
        retention_layout.addWidget(self.due_label)
        retention_layout.addWidget(self.due_list, 1)
        retention_layout.addWidget(self.delete_due_button, 0, Qt.AlignmentFlag.AlignRight)

        # ---- encryption
        self.encryption_page = QWidget(self.tabs)
        self.encryption_status = _plain(self.encryption_page)
        self.change_passphrase_button = QPushButton(self.encryption_page)
        self.encrypt_button = QPushButton(self.encryption_page)
        self.decrypt_button = QPushButton(self.encryption_page)
        self.encryption_message = _plain(self.encryption_page)
        encryption_buttons = QHBoxLayout()
        for button in (self.change_passphrase_button, self.encrypt_button, self.decrypt_button):
            encryption_buttons.addWidget(button)
        encryption_buttons.addStretch(1)
        encryption_layout = QVBoxLayout(self.encryption_page)
        encryption_layout.addWidget(self.encryption_status)
        encryption_layout.addLayout(encryption_buttons)
        encryption_layout.addWidget(self.encryption_message)
        encryption_layout.addStretch(1)

        self.tabs.addTab(self.encryption_page, "")
        self.tabs.addTab(self.lock_page, "")
        self.tabs.addTab(self.person_page, "")
        self.tabs.addTab(self.retention_page, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 34)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Privacy"))
        self.tabs.setTabText(0, _("&Encryption"))
        self.tabs.setTabText(1, _("&Lock"))
        self.tabs.setTabText(2, _("A &person's data"))
        self.tabs.setTabText(3, _("&Retention"))
        self.change_passphrase_button.setText(_("&Change the passphrase…"))
        self.encrypt_button.setText(_("E&ncrypt…"))
        self.decrypt_button.setText(_("&Decrypt…"))
        self.lock_label.setText(_("Lock &after"))
        self.lock_hint.setText(
            _(
                "When Termijn is locked, every name and date is hidden until the passphrase is "
                "entered. It also locks when the computer's session locks, where the system "
                "tells Termijn."
            )
        )
        self.lock_now_button.setText(_("Lock &now"))
        self.person_hint.setText(
            _(
                "Find everything Termijn holds about one person (AVG/GDPR): as applicant, "
                "co-applicant, family member, sponsor or representative, archived cases and "
                "the bin included. Give a name, a V-number or both."
            )
        )
        self.name_label.setText(_("&Name"))
        self.v_number_label.setText(_("&V-number"))
        self.born_label.setText(_("Date of &birth"))
        self.born_edit.setPlaceholderText(_("optional, e.g. 12-04-1988"))
        self.find_button.setText(_("&Find"))
        self.access_button.setText(_("Save &access report…"))
        self.erase_button.setText(_("&Erase this person…"))
        self.purge_button.setText(_("Delete these &backups…"))
        self.months_label.setText(_("Keep closed cases for"))
        self.months_spin.setSuffix(_(" months"))
        self.months_spin.setSpecialValueText(_("for ever (off)"))
        self.retention_hint.setText(
            _(
                "A case is closed when it is archived or in the bin. Closed cases whose last "
                "change is longer ago are listed here; nothing is deleted until you confirm."
            )
        )
        self.delete_due_button.setText(_("&Delete the cases listed…"))
