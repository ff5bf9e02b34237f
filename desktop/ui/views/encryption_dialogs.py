"""Encryption dialogs: choose protection, show the recovery key once, unlock, change passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _secret(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _problem(parent: QWidget) -> QLabel:
    label = _plain(parent)
    label.setStyleSheet("color: #a11;")
    return label


class ChooseProtectionDialog(QDialog):
    """First start: an encrypted case file with a passphrase (recommended), or a plain one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChooseProtectionDialog")
        self.intro = _plain(self)
        self.encrypt_radio = QRadioButton(self)
        self.encrypt_radio.setChecked(True)
        self.passphrase = _secret(self)
        self.again = _secret(self)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.again_label = QLabel(self)
        self.again_label.setBuddy(self.again)
        self.plain_radio = QRadioButton(self)
        self.plain_hint = _plain(self)
        self.problem = _problem(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.again_label, self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.encrypt_radio)
        layout.addLayout(form)
        layout.addWidget(self.plain_radio)
        layout.addWidget(self.plain_hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.encrypt_radio.toggled.connect(self._toggled)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.retranslate_ui()

    def _toggled(self, on: bool) -> None:
        for widget in (self.passphrase, self.again, self.passphrase_label, self.again_label):
            widget.setEnabled(on)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Protect the case file"))
        self.intro.setText(
            _(
                "Termijn keeps names, V-numbers and dates of birth. Encrypted, the case file "
                "and its backups cannot be read without the passphrase, not even from a lost "
                "or stolen laptop."
            )
        )
        self.encrypt_radio.setText(_("&Encrypt with a passphrase (recommended)"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.again_label.setText(_("&Again"))
        self.passphrase.setPlaceholderText(_("a few words, at least 8 characters"))
        self.plain_radio.setText(_("&No passphrase"))
        self.plain_hint.setText(
            _(
                "Anyone who can use this computer account, or gets the disk, can read the "
                "cases. You can encrypt later in Privacy."
            )
        )


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: print it or save it as a PDF before going on."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryKeyDialog")
        self.intro = _plain(self)
        self.key = QLabel(recovery_key, self)
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.5)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lines = _plain(self)
        self.print_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.kept_check = QCheckBox(self)
        self.done = _plain(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.kept_check.toggled.connect(
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled
        )
        row = QDialogButtonBox(self)
        row.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        row.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.key)
        layout.addWidget(self.lines)
        layout.addWidget(row)
        layout.addWidget(self.done)
        layout.addWidget(self.kept_check)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)
        self.retranslate_ui()

    def reject(self) -> None:
        """Escape does not close it: the key must be kept first."""
        if self.kept_check.isChecked():
            super().reject()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Recovery key"))
        self.intro.setText(
            _("Your recovery key. It is shown only now: print it or save it before going on.")
        )
        self.print_button.setText(_("&Print…"))
        self.pdf_button.setText(_("&Save as PDF…"))
        self.kept_check.setText(_("I have printed or saved the recovery key"))


class UnlockDialog(QDialog):
    """At start: the passphrase, or (forgotten) the recovery key and a new passphrase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnlockDialog")
        self.intro = _plain(self)
        self.passphrase = _secret(self)
        self.remember = QCheckBox(self)  # the system keyring: off unless the user asks
        self.forgot_button = QPushButton(self)
        self.forgot_button.setFlat(True)
        self.recovery_box = QWidget(self)
        self.recovery = QLineEdit(self.recovery_box)
        self.new_passphrase = _secret(self.recovery_box)
        self.again = _secret(self.recovery_box)
        self.recovery_label = QLabel(self.recovery_box)
        self.recovery_label.setBuddy(self.recovery)
        self.new_label = QLabel(self.recovery_box)
        self.new_label.setBuddy(self.new_passphrase)
        self.again_label = QLabel(self.recovery_box)
        self.again_label.setBuddy(self.again)
        form = QFormLayout(self.recovery_box)
        form.addRow(self.recovery_label, self.recovery)
        form.addRow(self.new_label, self.new_passphrase)
        form.addRow(self.again_label, self.again)
        self.recovery_box.setVisible(False)
        self.problem = _problem(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.remember)
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.recovery_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.forgot_button.clicked.connect(self.show_recovery)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.retranslate_ui()

    @property
    def recovering(self) -> bool:
        return self.recovery_box.isVisibleTo(self)

    def show_recovery(self) -> None:
        self.recovery_box.setVisible(True)
        self.passphrase.setEnabled(False)
        self.recovery.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Open the case file"))
        self.intro.setText(_("The case file is encrypted. Enter its passphrase."))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.remember.setText(_("&Remember on this computer (system keyring)"))
        self.forgot_button.setText(_("&Forgot the passphrase?"))
        self.recovery_label.setText(_("&Recovery key"))
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new_label.setText(_("&New passphrase"))
        self.again_label.setText(_("&Again"))


class ChangePassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = _secret(self)
        self.new_passphrase = _secret(self)
        self.again = _secret(self)
        self.current_label = QLabel(self)
        self.current_label.setBuddy(self.current)
        self.new_label = QLabel(self)
        self.new_label.setBuddy(self.new_passphrase)
        self.again_label = QLabel(self)
        self.again_label.setBuddy(self.again)
        self.problem = _problem(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.current_label, self.current)
        form.addRow(self.new_label, self.new_passphrase)
        form.addRow(self.again_label, self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Change the passphrase"))
        self.current_label.setText(_("&Current passphrase"))
        self.new_label.setText(_("&New passphrase"))
        self.again_label.setText(_("&Again"))
