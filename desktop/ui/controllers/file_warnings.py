"""What the store noticed on opening the case file (readable by others, no backup) in the window.

A button on the status bar stays while the window is open ("⚠ 1 warning");
it opens the full texts, which say what to do. A status-bar message alone would be replaced by
the next one within seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from desktop.i18n import _, ngettext


class FileWarnings(QObject):
    """Shows `warnings` (texts from `Database.warnings`) on `window`'s status bar, if any."""

    def __init__(self, window: QMainWindow, warnings: Sequence[str]) -> None:
        super().__init__(window)
        self.window = window
        self.warnings = list(dict.fromkeys(warnings))
        self.button = QPushButton(window.statusBar())
        self.button.setFlat(True)
        self.button.clicked.connect(self.show_details)
        self.box: QMessageBox | None = None
        if self.warnings:
            window.statusBar().addPermanentWidget(self.button)
        else:
            self.button.hide()
        self.retranslate_ui()

    def retranslate_ui(self, _lang: str = "") -> None:
        count = len(self.warnings)
        # Short: it shares the status bar with the rule pack's name, at 200 % text on 1024 px.
        self.button.setText(
            ngettext("⚠ {count} warning", "⚠ {count} warnings", count).format(count=count)
        )
        about = _("Show what Termijn noticed when it opened the case file")
        self.button.setToolTip(about)
        self.button.setAccessibleName(self.button.text() + ": " + about)

    def show_details(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Case file"), "", parent=self.window)
        box.setText(_("Termijn noticed this when it opened the case file:"))
        box.setInformativeText("\n\n".join(self.warnings))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        self.box = box
        box.open()  # not modal for the whole app: the cases stay usable
        return box
