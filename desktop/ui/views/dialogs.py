"""Dialogs: "Why this date?", an event, settings, first start and restore."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.widgets.fields import FieldWithError
from desktop.ui.widgets.screen import fit_to_screen
from desktop.ui.widgets.text_limits import PlainTextLimit, cap_line


class FittedDialog(QDialog):
    """A dialog that never opens larger than the screen (its contents scroll instead)."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        fit_to_screen(self)
        super().showEvent(event)


def _scrolling(parent: QWidget, content: QWidget) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class WhyDialog(FittedDialog):
    """Shows the core's steps for one date; the controller fills `browser` with escaped HTML."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WhyDialog")
        self.heading = _plain(self)
        self._size_heading()
        self.browser = QTextBrowser(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.resize(self.preferred_size())
        self.retranslate_ui()

    def preferred_size(self) -> QSize:
        """About 90 characters by 30 lines of the current text size (the screen may cut it)."""
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 90, fm.height() * 30)

    def _size_heading(self) -> None:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_heading()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Why this date?"))
        self.browser.setAccessibleName(_("How this date was worked out"))


class EventDialog(FittedDialog):
    """Add or edit one event that moves the term (not appointments or the Notice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_combo = QComboBox(self)
        self.first_edit = QLineEdit(self)  # sent / from / notified
        self.second_edit = QLineEdit(self)  # deadline / until
        self.third_edit = QLineEdit(self)  # completed
        self.basis_combo = QComboBox(self)
        self.basis_combo.setEditable(True)
        self.basis_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        cap_line(self.basis_combo.lineEdit(), "basis")
        # The basis's error spans the dialog under the form: a wrapped line inside a form row
        # was squeezed over the combo box at 200 % text.
        self.basis_error = _plain(self)
        self.basis_error.setStyleSheet("color: #c8412f;")  # the "⚠" carries it without colour
        self.basis_error.hide()
        self.amount_spin = QSpinBox(self)
        self.amount_spin.setRange(1, 60)
        self.unit_combo = QComboBox(self)
        self.first_field = FieldWithError(self.first_edit, self)
        self.second_field = FieldWithError(self.second_edit, self)
        self.third_field = FieldWithError(self.third_edit, self)
        self.type_label = QLabel(self)
        self.type_label.setBuddy(self.type_combo)
        self.first_label = QLabel(self)
        self.first_label.setBuddy(self.first_edit)
        self.second_label = QLabel(self)
        self.second_label.setBuddy(self.second_edit)
        self.third_label = QLabel(self)
        self.third_label.setBuddy(self.third_edit)
        self.basis_label = QLabel(self)
        self.basis_label.setBuddy(self.basis_combo)
        self.amount_label = QLabel(self)
        self.amount_label.setBuddy(self.amount_spin)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_spin)
        amount_row.addWidget(self.unit_combo)
        self.hint = _plain(self)
        self.form = QFormLayout()
        self.form.addRow(self.type_label, self.type_combo)
        self.form.addRow(self.first_label, self.first_field)
        self.form.addRow(self.second_label, self.second_field)
        self.form.addRow(self.third_label, self.third_field)
        self.form.addRow(self.basis_label, self.basis_combo)
        self.form.addRow(self.amount_label, amount_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        # Long labels (Dutch at 200 % text) go above their field rather than past the screen.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.basis_error)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def set_basis_error(self, message: str) -> None:
        """The basis's problem under the form ("" hides it); the dialog grows to show it."""
        self.basis_error.setText(f"⚠ {message}" if message else "")
        self.basis_error.setVisible(bool(message))
        self.basis_combo.setAccessibleDescription(message)
        if message:
            self.fit_contents()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Event"))
        self.type_label.setText(_("&Type"))
        self.basis_label.setText(_("Legal &basis"))
        self.amount_label.setText(_("&Length"))
        for edit in (self.first_edit, self.second_edit, self.third_edit):
            edit.setPlaceholderText(_("e.g. 27-04-2026"))

    def set_row_visible(self, label: QLabel, field: QWidget, shown: bool) -> None:
        label.setVisible(shown)
        field.setVisible(shown)

    def fit_contents(self) -> None:
        """Taller when a row grew (an error line appeared), so nothing is cut off."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        need = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        need = max(need, self.minimumSizeHint().height())
        if need > self.height():
            self.resize(self.width(), need)
            fit_to_screen(self)


class WrappingCheckBox(QCheckBox):
    """A check box whose text wraps: the text is a label beside it that toggles it when clicked.

    A QCheckBox's own text never wraps, so a long bill's name made the Settings page scroll
    sideways at 200 % text.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = _plain(parent)
        self.label.installEventFilter(self)

    def setText(self, text: str) -> None:  # noqa: N802
        self.label.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.label.text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.setFocus()
            self.toggle()
            return True
        return super().eventFilter(watched, event)


class SettingsDialog(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        page = QWidget(self)
        self.data_box = QGroupBox(page)
        self.data_location = QLineEdit(self.data_box)
        self.data_location.setReadOnly(True)
        self.data_hint = _plain(self.data_box)
        self.backup_button = QPushButton(self.data_box)
        self.restore_button = QPushButton(self.data_box)
        data_layout = QVBoxLayout(self.data_box)
        data_layout.addWidget(self.data_location)
        data_layout.addWidget(self.data_hint)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        data_layout.addLayout(row)

        self.language_combo = QComboBox(page)
        self.language_label = QLabel(page)
        self.language_label.setBuddy(self.language_combo)

        self.rep_box = QGroupBox(page)
        self.rep_name = QLineEdit(self.rep_box)
        self.rep_organisation = QLineEdit(self.rep_box)
        self.rep_address = QPlainTextEdit(self.rep_box)
        self.rep_address.setTabChangesFocus(True)
        self.rep_address.setFixedHeight(self.fontMetrics().height() * 4)
        self.rep_phone = QLineEdit(self.rep_box)
        self.rep_email = QLineEdit(self.rep_box)
        self.rep_email_field = FieldWithError(self.rep_email, self.rep_box)
        self.rep_address_field = FieldWithError(self.rep_address, self.rep_box)
        for edit, key in (
            (self.rep_name, "name"),
            (self.rep_organisation, "organisation"),
            (self.rep_phone, "phone"),
            (self.rep_email, "email"),
        ):
            cap_line(edit, key)
        self.rep_address_limit = PlainTextLimit(self.rep_address, "address")
        self.rep_address_limit.refused.connect(self.rep_address_field.set_error)
        self.rep_address.textChanged.connect(self._address_edited)
        self.rep_labels = [QLabel(self.rep_box) for _i in range(5)]
        rep_form = QFormLayout(self.rep_box)
        for label, editor in zip(
            self.rep_labels,
            (
                self.rep_name,
                self.rep_organisation,
                self.rep_address_field,
                self.rep_phone,
                self.rep_email_field,
            ),
            strict=True,
        ):
            label.setBuddy(editor.editor if isinstance(editor, FieldWithError) else editor)
            rep_form.addRow(label, editor)

        self.flags_box = QGroupBox(page)
        self.flags_layout = QVBoxLayout(self.flags_box)
        self.flags_hint = _plain(self.flags_box)
        self.flags_layout.addWidget(self.flags_hint)
        self.flag_checks: dict[str, QCheckBox] = {}

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language_combo, 1)
        content = QVBoxLayout(page)
        content.addWidget(self.data_box)
        content.addLayout(language_row)
        content.addWidget(self.rep_box)
        content.addWidget(self.flags_box)
        content.addStretch(1)
        self.scroll = _scrolling(self, page)
        self._sized = False
        # Pages: other features (the calendar) add theirs with add_section().
        self.pages = QTabWidget(self)
        self.pages.addTab(self.scroll, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if not self._sized:
            # As large as the General page wants (the scroll area alone asks for little, so the
            # page scrolled sideways even on a large screen); FittedDialog caps it to the screen.
            self._sized = True
            page = self.scroll.widget().sizeHint()
            bar = self.scroll.verticalScrollBar().sizeHint().width()
            chrome = self.sizeHint() - self.scroll.sizeHint()
            self.resize(
                max(self.width(), page.width() + bar + chrome.width()),
                max(self.height(), page.height() + chrome.height()),
            )
        super().showEvent(event)

    def _address_edited(self) -> None:
        if not self.rep_address_limit.full():
            self.rep_address_field.set_error("")  # shortened: the "not taken" note is done

    def add_section(self, section: QWidget, title: str) -> None:
        """Another feature's settings (e.g. the calendar) as a page of their own."""
        self.pages.addTab(section, title)

    def add_flag(self, name: str) -> QCheckBox:
        check = WrappingCheckBox(self.flags_box)
        row = QHBoxLayout()
        row.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(check.label, 1)
        self.flags_layout.addLayout(row)
        self.flag_checks[name] = check
        return check

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Settings"))
        self.pages.setTabText(0, _("General"))
        self.data_box.setTitle(_("Data"))
        self.data_location.setAccessibleName(_("Data location"))
        self.data_hint.setText(
            _(
                "Cases are stored in this folder. To use another folder, start Termijn with "
                "--data-dir FOLDER or set TERMIJN_DATA_DIR."
            )
        )
        self.backup_button.setText(_("&Back up now"))
        self.restore_button.setText(_("&Restore a backup…"))
        self.language_label.setText(_("Default &language"))
        self.rep_box.setTitle(_("Representative (printed on Notices)"))
        for label, text in zip(
            self.rep_labels,
            (_("&Name"), _("&Organisation"), _("A&ddress"), _("&Phone"), _("&Email")),
            strict=True,
        ):
            label.setText(text)
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", ""))
        self.flags_box.setTitle(_("Pending legislation"))
        self.flags_hint.setText(
            _("Switch these on only once a bill has become law; every date is recomputed.")
        )


class FirstStartDialog(FittedDialog):
    """Shown when there are no cases yet: a first case, demo data, or an empty start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstStartDialog")
        self.text = _plain(self)
        self.new_button = QPushButton(self)
        self.demo_button = QPushButton(self)
        self.skip_button = QPushButton(self)
        self.new_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        layout.addLayout(row)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Welcome to Termijn"))
        self.text.setText(
            _(
                "Termijn keeps track of IND decision terms, Notices of Default and penalties. "
                "Everything stays on this computer. How would you like to start? Demo cases are "
                "fictitious; their reference starts with DEMO."
            )
        )
        self.new_button.setText(_("Create my &first case"))
        self.demo_button.setText(_("Load &demo cases"))
        self.skip_button.setText(_("Start &empty"))


class RestoreDialog(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RestoreDialog")
        self.text = _plain(self)
        self.backup_list = QListWidget(self)
        self.file_button = QPushButton(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.file_button)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore a backup"))
        self.text.setText(
            _(
                "Choose a backup. The cases as they are now are backed up first, so a restore can "
                "be undone by restoring that copy."
            )
        )
        self.backup_list.setAccessibleName(_("Backups"))
        self.file_button.setText(_("Choose another &file…"))
