"""The main window's layout: case list and due board on the left, the open case on the right."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.views.case_panel import CasePanel
from desktop.ui.widgets.screen import fit_to_screen

# Below this many average characters of width, the list and the open case take turns.
COMPACT_CHARS = 145


class CaseTable(QTableView):
    """The case list's view; tells its controller when its width changes (to fit the columns).

    Signals:
        viewport_resized(): the visible width changed.
    """

    viewport_resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.viewport_resized.emit()


class DueTree(QTreeView):
    """The due board's view; tells its controller when its width changes (to fit the columns).

    Signals:
        viewport_resized(): the visible width changed.
    """

    viewport_resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.viewport_resized.emit()


class MainWindow(QMainWindow):
    """Widgets only; MainController connects and fills them.

    Signals:
        font_changed(): the text size changed (sizes derived from font metrics need redoing).
    """

    font_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.close_handler: Callable[[QCloseEvent], None] | None = None
        self.setObjectName("MainWindow")
        self.resize(1280, 800)

        # ---- menus
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_case_action = QAction(self)
        self.new_case_action.setShortcut(QKeySequence.StandardKey.New)
        self.import_action = QAction(self)
        self.demo_action = QAction(self)
        self.backup_action = QAction(self)
        self.restore_action = QAction(self)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for action in (self.new_case_action, self.import_action, self.demo_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in (self.backup_action, self.restore_action, self.settings_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.show_cases_action = QAction(self)
        self.show_cases_action.setShortcut(QKeySequence("Ctrl+1"))
        self.show_due_action = QAction(self)
        self.show_due_action.setShortcut(QKeySequence("Ctrl+2"))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.recompute_action = QAction(self)
        self.recompute_action.setShortcut(QKeySequence.StandardKey.Refresh)
        for action in (
            self.show_cases_action,
            self.show_due_action,
            self.find_action,
            self.recompute_action,
        ):
            self.view_menu.addAction(action)

        self.language_menu = bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.english_action = QAction("English", self)  # language names stay in their own tongue
        self.dutch_action = QAction("Nederlands", self)
        for action, code in ((self.english_action, "en"), (self.dutch_action, "nl")):
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.help_menu.addAction(self.about_action)

        # ---- left: cases and due board
        self.left_tabs = QTabWidget(self)
        self.cases_page = QWidget(self.left_tabs)
        self.search_edit = QLineEdit(self.cases_page)
        self.search_edit.setClearButtonEnabled(True)
        self.procedure_filter = QComboBox(self.cases_page)
        self.stage_filter = QComboBox(self.cases_page)
        self.archived_filter = QComboBox(self.cases_page)
        for combo in (self.procedure_filter, self.stage_filter, self.archived_filter):
            # Not as wide as the longest choice: the pane may be narrow at large text sizes.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.procedure_label = QLabel(self.cases_page)
        self.procedure_label.setBuddy(self.procedure_filter)
        self.stage_label = QLabel(self.cases_page)
        self.stage_label.setBuddy(self.stage_filter)
        self.archived_label = QLabel(self.cases_page)
        self.archived_label.setBuddy(self.archived_filter)
        self.case_table = CaseTable(self.cases_page)
        self.case_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.case_table.setSortingEnabled(True)
        self.case_table.setAlternatingRowColors(True)
        self.case_table.setWordWrap(False)
        self.case_table.verticalHeader().setVisible(False)
        # Fixed row heights: ResizeToContents would ask every row at 100,000 cases.
        self.case_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.case_table.horizontalHeader().setStretchLastSection(False)
        self.case_table.horizontalHeader().setSortIndicatorShown(True)
        self.case_table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.case_count_label = QLabel(self.cases_page)
        self.case_count_label.setTextFormat(Qt.TextFormat.PlainText)

        filters = QGridLayout()
        for i, (label, combo) in enumerate(
            (
                (self.procedure_label, self.procedure_filter),
                (self.stage_label, self.stage_filter),
                (self.archived_label, self.archived_filter),
            )
        ):
            filters.addWidget(label, i // 2, (i % 2) * 2)
            filters.addWidget(combo, i // 2, (i % 2) * 2 + 1)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        cases_layout = QVBoxLayout(self.cases_page)
        cases_layout.addWidget(self.search_edit)
        cases_layout.addLayout(filters)
        cases_layout.addWidget(self.case_table, 1)
        cases_layout.addWidget(self.case_count_label)

        self.due_page = QWidget(self.left_tabs)
        self.due_tree = DueTree(self.due_page)
        self.due_tree.setRootIsDecorated(True)
        self.due_tree.setUniformRowHeights(True)
        self.due_tree.setAlternatingRowColors(True)
        self.due_hint = QLabel(self.due_page)
        self.due_hint.setWordWrap(True)
        due_layout = QVBoxLayout(self.due_page)
        due_layout.addWidget(self.due_hint)
        due_layout.addWidget(self.due_tree, 1)

        self.left_tabs.addTab(self.cases_page, "")
        self.left_tabs.addTab(self.due_page, "")

        # ---- right: the open case
        self.case_panel = CasePanel(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(self.case_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 720])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        # Narrow windows and large text show one pane at a time (the list, or the open case).
        self.compact = False
        self._showing_case = False
        self._fitted = False
        self.case_panel.back_button.clicked.connect(self.show_list)
        self.back_shortcut = QShortcut(QKeySequence("Alt+Left"), self)
        self.back_shortcut.activated.connect(self.show_list)

        # ---- status bar: messages, an undo button, progress of long work
        self.progress = QProgressBar(self.statusBar())
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.undo_button = QPushButton(self.statusBar())
        self.undo_button.hide()
        self.open_folder_button = QPushButton(self.statusBar())
        self.open_folder_button.hide()
        self.statusBar().addPermanentWidget(self.open_folder_button)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.progress)

        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Hidden pages (other tabs) keep sizes from the old text size until their layouts
            # are told: without this the window could keep a minimum width from 200 %.
            for layout in self.findChildren(QLayout):
                layout.invalidate()
            self._update_compact()
            self.font_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_compact()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if not self._fitted:  # the first time: never larger than the screen
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)

    def _update_compact(self) -> None:
        """One pane at a time when the list and the case do not both fit at this text size."""
        compact = self.width() < self.fontMetrics().averageCharWidth() * COMPACT_CHARS
        if compact != self.compact:
            self.compact = compact
            self.case_panel.back_button.setVisible(compact)
            self._show_panes()

    def _show_panes(self) -> None:
        self.left_tabs.setVisible(not self.compact or not self._showing_case)
        self.case_panel.setVisible(not self.compact or self._showing_case)

    def show_case(self) -> None:
        """The open case comes forward (in compact mode it replaces the list)."""
        self._showing_case = True
        self._show_panes()

    def show_list(self) -> None:
        """The list comes forward (in compact mode it replaces the open case)."""
        self._showing_case = False
        self._show_panes()
        if self.compact:
            self.left_tabs.currentWidget().setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.close_handler is not None:
            self.close_handler(event)
        else:
            super().closeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Termijn: IND case organiser"))
        self.file_menu.setTitle(_("&File"))
        self.new_case_action.setText(_("&New case…"))
        self.import_action.setText(_("&Import cases…"))
        self.demo_action.setText(_("Load &demo data"))
        self.backup_action.setText(_("&Back up now"))
        self.restore_action.setText(_("&Restore a backup…"))
        self.settings_action.setText(_("&Settings…"))
        self.quit_action.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.show_cases_action.setText(_("&Cases"))
        self.show_due_action.setText(_("&Due board"))
        self.find_action.setText(_("&Find a case"))
        self.recompute_action.setText(_("&Recompute all dates"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Termijn"))
        self.left_tabs.setTabText(0, _("Cases"))
        self.left_tabs.setTabText(1, _("Due board"))
        self.search_edit.setPlaceholderText(_("Search name, V-number or reference"))
        self.search_edit.setAccessibleName(_("Search cases"))
        self.procedure_label.setText(_("&Procedure:"))
        self.stage_label.setText(_("Next s&tep:"))
        self.archived_label.setText(_("Sho&w:"))
        self.procedure_filter.setAccessibleName(_("Filter by procedure"))
        self.stage_filter.setAccessibleName(_("Filter by next step"))
        self.archived_filter.setAccessibleName(_("Show archived cases"))
        self.case_table.setAccessibleName(_("Case list"))
        self.due_tree.setAccessibleName(_("Due board"))
        self.due_hint.setText(
            _(
                "What is due today, this week, in the next 30 days and later; what is overdue "
                "is at the bottom. Press Enter to open a case."
            )
        )
        self.undo_button.setText(_("&Undo"))
        self.open_folder_button.setText(_("Open &folder"))
        self.progress.setAccessibleName(_("Progress"))
        self.case_panel.retranslate_ui()
