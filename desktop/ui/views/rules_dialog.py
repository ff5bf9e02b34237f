"""Settings → Rules: the rule packs this computer has, which is in use, installing a newer one."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _

COLUMNS = 5  # id, published, title, where, hash


class RulesDialog(QDialog):
    """Lays out the packs table, the details of the selected pack and the buttons; no logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RulesDialog")
        self.in_use_label = QLabel(self)
        self.in_use_label.setWordWrap(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(self.fontMetrics().height() * 8)
        self.use_button = QPushButton(self)
        self.install_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.use_button)
        row.addWidget(self.install_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_use_label)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 120, metrics.height() * 32
        screen = self.screen().availableGeometry()
        self.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))
        self.retranslate_ui()

    def set_rows(self, rows: list[tuple[str, str, str, str, str]], bold_row: int) -> None:
        """One row per pack (already translated text); `bold_row` is the pack in use."""
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if r == bold_row:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Rules"))
        self.intro.setText(
            _(
                "A rule pack holds every term, period, amount and legal basis Termijn uses. "
                "Install a newer pack when the law changes; choosing another pack recomputes "
                "every case and shows what changed."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [_("Pack"), _("Published"), _("Title"), _("Where"), _("Content hash")]
        )
        self.table.setAccessibleName(_("Rule packs"))
        self.details.setAccessibleName(_("Details of the selected pack"))
        self.use_button.setText(_("&Use this pack"))
        self.install_button.setText(_("&Install a pack…"))
