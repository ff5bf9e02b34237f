"""Reminders while Termijn runs: at start and each morning, the dates coming up.

A desktop notification through the system tray where there is one (clicking it shows the
list), otherwise the reminder dialog. Both name a case by its reference and initials only: a
notification can appear on a locked screen. While Termijn itself is locked (issue 16) no list
is shown at all: a tray message gives the count only, and the reminder comes when it is
unlocked. Snoozing is per case and kept in the case file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QTreeWidgetItem, QWidget

from desktop.feed.reminders import (
    Reminder,
    case_count,
    dismiss_until,
    due,
    morning_due,
    window_days,
)
from desktop.i18n import _, format_date, ngettext
from desktop.resources import resource_path
from desktop.store.calendar_state import CalendarState
from desktop.store.errors import StorageError
from desktop.ui.controllers.calendar_feed import CalendarFeedController
from desktop.ui.models.text import days_left_text
from desktop.ui.views.reminder_dialog import ReminderDialog

log = logging.getLogger("termijn.ui")

CHECK_MS = 15 * 60 * 1000  # "each morning": look every quarter of an hour whether it is time
SHOWN_IN_MESSAGE = 3  # dates listed in a tray message; the dialog lists them all
CaseIdRole = Qt.ItemDataRole.UserRole


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()


class ReminderController(QObject):
    """Decides when to remind and shows it; the due board opens through `open_due`.

    Signals:
        reminded(int): the number of cases just reminded of (0 is not emitted).
    """

    reminded = Signal(int)

    def __init__(
        self,
        window: QWidget,
        feed: CalendarFeedController,
        open_due: Callable[[], None],
        has_tray: Callable[[], bool] = tray_available,
        now: Callable[[], datetime] = datetime.now,
        locked: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.feed = feed
        self.state = CalendarState(feed.repo.db)
        self.open_due = open_due
        self.has_tray = has_tray
        self.now = now
        self.locked = locked
        self.pending = False  # a reminder came due while locked: shown after unlocking
        self.reminders: list[Reminder] = []
        self.dialog: ReminderDialog | None = None
        self.tray: QSystemTrayIcon | None = None
        self.last_shown: date | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._tick)
        feed.written.connect(self._feed_written)

    def start(self) -> None:
        """Remind once the feed's first full build is done, then each morning."""
        self._timer.start()
        if self.feed.built_on is not None:
            self.remind()

    def stop(self) -> None:
        self._timer.stop()

    def _feed_written(self, _report: object) -> None:
        if self._timer.isActive() and self.last_shown is None:
            self.remind()  # the start-up reminder, as soon as the dates are known

    def _tick(self) -> None:
        today = self.feed.repo.today()
        if morning_due(self.now(), self.last_shown) and self.feed.built_on == today:
            self.remind()

    # ------------------------------------------------------------------ what to show

    def remind(self) -> list[Reminder]:
        """Work out today's reminders and show them; returns them."""
        today = self.feed.repo.today()
        self.last_shown = today
        try:
            snoozed = self.state.snoozes()
        except StorageError:
            snoozed = {}
        days = window_days(self.feed.feed.options.alarm_days)
        self.reminders = due(self.feed.feed.plans.values(), today, days, snoozed)
        if not self.reminders:
            return []
        cases = case_count(self.reminders)
        if self.locked():
            log.info("reminder of %d cases kept until Termijn is unlocked", cases)
            self.pending = True
            if self.has_tray():
                self._notify_locked(days, cases)
            return self.reminders
        self.pending = False
        log.info("reminding of %d dates of %d cases", len(self.reminders), cases)
        if self.has_tray():
            self._notify(today, days, cases)
        else:
            self.show_dialog()
        self.reminded.emit(cases)
        return self.reminders

    def heading(self, days: int) -> str:
        """How many cases have dates coming up, in words (the count and the window)."""
        cases = case_count(self.reminders)
        if days == 0:
            text = ngettext(
                "{count} case has a date today.", "{count} cases have a date today.", cases
            )
        elif days == 1:
            text = ngettext(
                "{count} case has a date today or tomorrow.",
                "{count} cases have dates today or tomorrow.",
                cases,
            )
        else:
            text = ngettext(
                "{count} case has a date in the next {days} days.",
                "{count} cases have dates in the next {days} days.",
                cases,
            )
        return text.format(count=cases, days=days)

    def line(self, reminder: Reminder, today: date) -> str:
        label = reminder.label.text(_)  # never the name: this can show on a locked screen
        when = days_left_text(reminder.day, today)
        return f"{label}: {_(reminder.title)} ({when})"

    def unlocked(self) -> None:
        """The lock came off: the reminder that came due meanwhile, with its list."""
        if self.pending:
            self.remind()

    # ------------------------------------------------------------------ tray

    def _tray_icon(self) -> QSystemTrayIcon:
        if self.tray is None:
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = QIcon(str(resource_path("icons", "termijn-256.png")))
            self.tray = QSystemTrayIcon(icon, self)
            menu = QMenu(self.window)
            menu.addAction(_("Show reminders"), self._show_requested)
            menu.addAction(_("Open due board"), self._open_due)
            self.tray.setContextMenu(menu)
            self.tray.messageClicked.connect(self._show_requested)
            self.tray.activated.connect(lambda _reason: self._show_requested())
        self.tray.setToolTip(_("Termijn: dates coming up"))
        self.tray.show()
        return self.tray

    def _show_requested(self) -> None:
        """A click on the tray: the list, unless Termijn is locked (then after unlocking)."""
        if self.locked():
            self.pending = True
            return
        self.show_dialog()

    def _notify_locked(self, days: int, cases: int) -> None:
        """While locked: how many cases, nothing that names one (not even a reference)."""
        body = "\n".join([self.heading(days), _("Unlock Termijn to see them.")])
        self._tray_icon().showMessage(
            _("Termijn: dates coming up"), body, QSystemTrayIcon.MessageIcon.Information
        )

    def _notify(self, today: date, days: int, cases: int) -> None:
        tray = self._tray_icon()
        lines = [self.line(r, today) for r in self.reminders[:SHOWN_IN_MESSAGE]]
        if len(self.reminders) > SHOWN_IN_MESSAGE:
            more = len(self.reminders) - SHOWN_IN_MESSAGE
            lines.append(
                ngettext("… and {count} more date", "… and {count} more dates", more).format(
                    count=more
                )
            )
        body = "\n".join([self.heading(days), *lines, _("Click to see them all.")])
        tray.showMessage(
            _("Termijn: dates coming up"), body, QSystemTrayIcon.MessageIcon.Information
        )

    # ------------------------------------------------------------------ dialog

    def show_dialog(self) -> ReminderDialog:
        today = self.feed.repo.today()
        if self.dialog is None:
            self.dialog = ReminderDialog(self.window)
            self.dialog.due_button.clicked.connect(self._open_due)
            self.dialog.tomorrow_button.clicked.connect(lambda: self._snooze(tomorrow=True))
            self.dialog.dismiss_button.clicked.connect(lambda: self._snooze(tomorrow=False))
        dialog = self.dialog
        dialog.retranslate_ui()
        dialog.heading.setText(self.heading(window_days(self.feed.feed.options.alarm_days)))
        dialog.dates.clear()
        lang = self.feed.feed.options.lang
        for reminder in self.reminders:
            item = QTreeWidgetItem(
                [
                    format_date(reminder.day, lang, "medium"),
                    days_left_text(reminder.day, today),
                    reminder.label.text(_),
                    _(reminder.title),
                ]
            )
            item.setData(0, CaseIdRole, reminder.case_id)
            item.setToolTip(3, item.text(3))  # the full text where the column cuts it off
            item.setToolTip(3, _(reminder.title))  # the column may cut it short
            dialog.dates.addTopLevelItem(item)
        if dialog.dates.topLevelItemCount():
            dialog.dates.setCurrentItem(dialog.dates.topLevelItem(0))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _open_due(self) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.open_due()

    def selected_cases(self) -> list[int]:
        if self.dialog is None:
            return []
        items = self.dialog.dates.selectedItems()
        return sorted({int(item.data(0, CaseIdRole)) for item in items})

    def _snooze(self, *, tomorrow: bool) -> None:
        cases = self.selected_cases()
        if not cases:
            return
        self.snooze(cases, tomorrow=tomorrow)

    def snooze(self, case_ids: Sequence[int], *, tomorrow: bool) -> None:
        """Tomorrow: not again today. Otherwise: not again for the dates shown for each case."""
        today = self.feed.repo.today()
        try:
            for case_id in case_ids:
                until = today if tomorrow else dismiss_until(self.reminders, case_id) or today
                self.state.snooze([case_id], until)
        except StorageError as exc:
            log.warning("snooze not saved: %s", exc.problem)
            return
        self.reminders = [r for r in self.reminders if r.case_id not in set(case_ids)]
        if not self.reminders and self.dialog is not None:
            self.dialog.accept()
        elif self.dialog is not None:
            self.show_dialog()
