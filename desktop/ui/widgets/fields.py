"""A form field with its inline error line underneath (the error is text, never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.i18n import _


class FieldWithError(QWidget):
    """Wraps an input widget; `set_error("")` clears the message."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        editor.setParent(self)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c8412f;")  # the "⚠" prefix carries it without colour
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))
        name = self.editor.accessibleName().split(" — ")[0]
        self.editor.setAccessibleDescription(message)
        if name:
            self.editor.setAccessibleName(name + " — " + _("error") if message else name)
