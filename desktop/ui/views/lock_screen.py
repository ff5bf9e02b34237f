"""The lock screen: covers a window so no name or date shows, and asks for the passphrase."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _


class LockScreen(QWidget):
    """An opaque cover over the whole of `parent` (kept at its size), with an unlock form.

    Signals:
        unlock_requested(str): the passphrase typed (empty for a file without one).
    """

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget, *, needs_passphrase: bool) -> None:
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.needs_passphrase = needs_passphrase
        self.setAutoFillBackground(True)  # opaque: nothing of the window shows through
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        self.passphrase.setVisible(needs_passphrase)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a11;")

        form = QHBoxLayout()
        form.addStretch(1)
        form.addWidget(self.passphrase)
        form.addWidget(self.unlock_button)
        form.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(3)

        self.unlock_button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.retranslate_ui()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.passphrase.text())

    def clear(self) -> None:
        self.passphrase.clear()
        self.message.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Termijn is locked"))
        if self.needs_passphrase:
            self.hint.setText(_("Enter the passphrase of the case file to go on."))
            self.passphrase.setPlaceholderText(_("Passphrase"))
        else:
            self.hint.setText(
                _(
                    "Names and dates are hidden while you are away. This case file has no "
                    "passphrase: anyone at this computer can unlock it."
                )
            )
        self.unlock_button.setText(_("Unlock"))
