"""The Settings dialog's "Calendar and reminders" section: the feed file, reminders, privacy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _

MAX_DAYS = 366


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CalendarSettingsPage(QScrollArea):
    """Widgets only; desktop.ui.controllers.calendar fills and reads them.

    It scrolls: at twice the text size on a small screen the page is taller than the dialog.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CalendarSettingsPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.body = body
        self.intro = _plain(body)
        self.path_label = QLabel(body)
        self.path_edit = QLineEdit(body)
        self.path_edit.setReadOnly(True)
        self.path_label.setBuddy(self.path_edit)
        self.copy_path_button = QPushButton(body)
        self.address_label = QLabel(body)
        self.address_edit = QLineEdit(body)
        self.address_edit.setReadOnly(True)
        self.address_label.setBuddy(self.address_edit)
        self.copy_address_button = QPushButton(body)
        self.how_button = QPushButton(body)
        self.how_text = _plain(body)
        self.how_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.how_text.hide()

        self.first_check = QCheckBox(body)
        self.first_days = QSpinBox(body)
        self.second_check = QCheckBox(body)
        self.second_days = QSpinBox(body)
        for spin in (self.first_days, self.second_days):
            spin.setRange(0, MAX_DAYS)
        self.first_unit = QLabel(body)
        self.second_unit = QLabel(body)
        self.reminder_hint = _plain(body)

        self.language_label = QLabel(body)
        self.language_combo = QComboBox(body)
        # Sized to a few characters, not its longest item: the page must fit a narrow dialog.
        self.language_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.language_combo.setMinimumContentsLength(10)
        self.language_label.setBuddy(self.language_combo)
        self.names_check = QCheckBox(body)
        self.names_warning = _plain(body)

        files = QGridLayout()
        files.addWidget(self.path_label, 0, 0)
        files.addWidget(self.path_edit, 0, 1)
        files.addWidget(self.copy_path_button, 0, 2)
        files.addWidget(self.address_label, 1, 0)
        files.addWidget(self.address_edit, 1, 1)
        files.addWidget(self.copy_address_button, 1, 2)
        files.setColumnStretch(1, 1)

        reminders = QGridLayout()
        for row, (check, spin, unit) in enumerate(
            (
                (self.first_check, self.first_days, self.first_unit),
                (self.second_check, self.second_days, self.second_unit),
            )
        ):
            reminders.addWidget(check, row, 0)
            reminders.addWidget(spin, row, 1)
            reminders.addWidget(unit, row, 2)
        reminders.setColumnStretch(3, 1)

        how = QHBoxLayout()
        how.addWidget(self.how_button)
        how.addStretch(1)
        language = QHBoxLayout()
        language.addWidget(self.language_label)
        language.addWidget(self.language_combo)
        language.addStretch(1)

        layout = QVBoxLayout(body)
        layout.addWidget(self.intro)
        layout.addLayout(files)
        layout.addLayout(how)
        layout.addWidget(self.how_text)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(language)
        layout.addLayout(reminders)
        layout.addWidget(self.reminder_hint)
        layout.addWidget(self.names_check)
        layout.addWidget(self.names_warning)
        layout.addStretch(1)
        self.setWidget(body)
        self.first_check.toggled.connect(self.first_days.setEnabled)
        self.second_check.toggled.connect(self.second_days.setEnabled)
        self.how_button.clicked.connect(self._toggle_how)
        self.retranslate_ui()

    def _toggle_how(self) -> None:
        self.how_text.setVisible(not self.how_text.isVisible())
        self.retranslate_ui()

    @staticmethod
    def title() -> str:
        return _("Calendar and reminders")

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "Termijn keeps a calendar file of every date of your open cases, up to date after "
                "every change. Subscribe to it in your calendar app."
            )
        )
        self.path_label.setText(_("&File:"))
        self.address_label.setText(_("&Address:"))
        self.path_edit.setAccessibleName(_("Calendar file"))
        self.address_edit.setAccessibleName(_("Calendar address"))
        self.copy_path_button.setText(_("&Copy"))
        self.copy_path_button.setAccessibleName(_("Copy the calendar file's path"))
        self.copy_address_button.setText(_("C&opy"))
        self.copy_address_button.setAccessibleName(_("Copy the calendar address"))
        shown = self.how_text.isVisible()
        self.how_button.setText(_("Hide how to subscribe") if shown else _("&How to subscribe…"))
        self.how_text.setText(
            _(
                "Thunderbird: File ▸ New ▸ Calendar ▸ On the Network; paste the address.\n"
                "Apple Calendar: File ▸ New Calendar Subscription; paste the address.\n"
                "GNOME Calendar or Evolution: add a calendar from the web; paste the address.\n"
                "Outlook: File ▸ Open & Export ▸ Import/Export ▸ Import an iCalendar file; choose "
                "the file. Outlook does not follow a local file: import it again after changes "
                "and it updates the events it has."
            )
        )
        self.first_check.setText(_("Remind me"))
        self.second_check.setText(_("and again"))
        self.first_days.setAccessibleName(_("Days before for the first reminder"))
        self.second_days.setAccessibleName(_("Days before for the second reminder"))
        self.first_unit.setText(_("days before"))
        self.second_unit.setText(_("days before"))
        self.reminder_hint.setText(
            _(
                "Your calendar reminds you on those days at 9:00 (0 days: on the day itself). "
                "While Termijn runs, it shows the dates within the first reminder's days each "
                "morning."
            )
        )
        self.language_label.setText(_("Calendar &language:"))
        self.names_check.setText(_("Show full &names in the calendar"))
        self.names_warning.setText(
            _(
                "Calendars are often synced to servers (Google, Microsoft, iCloud) and shown on "
                "phones and lock screens. Without names, an event shows the case reference and "
                "initials only; the V-number and date of birth never appear."
            )
        )
