"""Hand-over dialogs: what goes into a bundle (redaction, encryption), and a passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class BundleExportDialog(QDialog):
    """Redact or not, encrypt or not (with the passphrase twice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BundleExportDialog")
        self.intro = _plain(self)
        self.redact_check = QCheckBox(self)
        self.redact_hint = _plain(self)
        self.encrypt_check = QCheckBox(self)
        self.encrypt_check.setChecked(True)  # encrypted unless the user says otherwise
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit(self)
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.again_label = QLabel(self)
        self.again_label.setBuddy(self.again_edit)
        self.problem = _plain(self)
        self.problem.setStyleSheet("color: #a11;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase_edit)
        form.addRow(self.again_label, self.again_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.redact_check)
        layout.addWidget(self.redact_hint)
        layout.addWidget(self.encrypt_check)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.encrypt_check.toggled.connect(self._encrypt_toggled)
        self.retranslate_ui()

    def _encrypt_toggled(self, on: bool) -> None:
        for widget in (
            self.passphrase_edit,
            self.again_edit,
            self.passphrase_label,
            self.again_label,
        ):
            widget.setEnabled(on)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Hand over a case"))
        self.intro.setText(
            _(
                "One file with the case, its documents and a checksum of each, for a lawyer "
                "or a colleague with Termijn."
            )
        )
        self.redact_check.setText(_("&Redact: only the fields a lawyer needs"))
        self.redact_hint.setText(
            _(
                "V-numbers are masked but for their last 4 digits; notes, tags, dates of "
                "birth, addresses, an appointment's excuse and the documents are left out. "
                "The file lists what was left out."
            )
        )
        self.encrypt_check.setText(_("&Encrypt with a passphrase (recommended)"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.again_label.setText(_("&Again"))
        self.passphrase_edit.setPlaceholderText(_("at least 8 characters; send it another way"))


class PassphraseDialog(QDialog):
    """Ask for one passphrase (an encrypted bundle being opened)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = _plain(self)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Passphrase"))
