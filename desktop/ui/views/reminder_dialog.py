"""The reminder dialog: dates coming up, by case reference and initials (never names)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _


class ReminderDialog(QDialog):
    """Widgets only; desktop.ui.controllers.reminders fills the list and handles the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReminderDialog")
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.dates = QTreeWidget(self)
        self.dates.setRootIsDecorated(False)
        self.dates.setUniformRowHeights(True)
        self.dates.setAlternatingRowColors(True)
        self.dates.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.dates.setColumnCount(4)
        self.dates.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.dates.header().setStretchLastSection(True)
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.due_button = QPushButton(self)
        self.due_button.setDefault(True)
        self.tomorrow_button = QPushButton(self)
        self.dismiss_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.due_button)
        buttons.addStretch(1)
        buttons.addWidget(self.tomorrow_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.dates, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 100, metrics.height() * 22
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Termijn: dates coming up"))
        self.dates.setHeaderLabels([_("Date"), _("Days left"), _("Case"), _("What")])
        self.dates.setAccessibleName(_("Dates coming up"))
        self.hint.setText(
            _(
                "Cases are named by reference and initials only. “Remind me tomorrow” hides a "
                "case for today; “Not again for these dates” hides it until the last date shown "
                "for it has passed."
            )
        )
        self.due_button.setText(_("Open &due board"))
        self.tomorrow_button.setText(_("Remind me &tomorrow"))
        self.dismiss_button.setText(_("&Not again for these dates"))
        self.close_button.setText(_("&Close"))
