"""The change report: the cases a change of law moved, old -> new, with export buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.models.change_report import ChangeReportModel


class ChangeReportDialog(QDialog):
    """A summary line, one table row per changed case, CSV and PDF export; no logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangeReportDialog")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.model = ChangeReportModel([])
        self.table.setModel(self.model)
        self.csv_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.csv_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 150, metrics.height() * 30
        screen = self.screen().availableGeometry()
        self.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))
        self.retranslate_ui()

    def set_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Case, next step before, next step now, also changed (translated; one line each)."""
        self.model = ChangeReportModel(rows)
        self.table.setModel(self.model)
        width = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((42, 30, 30)):
            self.table.setColumnWidth(column, width * chars)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("What changed"))
        self.hint.setText(
            _(
                "The nearest new date first, then dates already past. Check each case before "
                "you act on it."
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.table.setAccessibleName(_("Changed cases"))
        self.csv_button.setText(_("Export &CSV…"))
        self.pdf_button.setText(_("Export &PDF…"))
