"""Reminders and the privacy lock: nothing that names a case while Termijn is locked, and the
reminder that came due meanwhile shown once the user has unlocked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.views.lock_screen import LockScreen
from tests.ui.test_calendar_ui import _due_soon, _started

NAMES = ("Ayşe", "Yıldız", "Jan de Vries", "Jansen")


def lock(ui):
    ui.privacy.actions["lock"].trigger()  # View → Lock Termijn (Ctrl+L)
    assert ui.privacy.lock.locked


def unlock(qtbot, ui):
    (screen,) = [s for s in ui.window.findChildren(LockScreen) if s.isVisible()]
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)  # a plain file: no passphrase
    assert not ui.privacy.lock.locked


def test_no_reminder_list_while_locked_then_after_unlocking(qtbot, ui, repo):
    _due_soon(repo)
    reminders = ui.calendar.reminders
    reminders.has_tray = lambda: False
    lock(ui)
    _started(ui, qtbot)  # the feed is written and the start-up reminder comes due
    assert reminders.pending
    assert reminders.dialog is None  # no list over (or under) the lock screen
    reminders.remind()  # the morning check while still locked: still nothing
    assert reminders.dialog is None

    unlock(qtbot, ui)
    dialog = reminders.dialog
    assert dialog is not None and dialog.isVisible()
    cases = [dialog.dates.topLevelItem(i).text(2) for i in range(dialog.dates.topLevelItemCount())]
    assert cases == ["T-1 (A.Y.)", "T-1 (J.D.V.)"]
    assert not reminders.pending


# The offscreen platform has no tray: showing the icon there logs this.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_a_tray_message_while_locked_gives_the_count_only(qtbot, ui, repo, monkeypatch):
    _due_soon(repo)
    messages = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QSystemTrayIcon.showMessage",
        lambda self, title, body, *args: messages.append(body),
    )
    reminders = ui.calendar.reminders
    reminders.has_tray = lambda: True
    lock(ui)
    _started(ui, qtbot)
    (body,) = messages
    assert "2 cases have dates in the next 7 days." in body and "Unlock Termijn" in body
    assert "T-1" not in body and not any(name in body for name in NAMES)
    reminders.tray.messageClicked.emit()  # a click on the message while locked
    assert reminders.dialog is None

    unlock(qtbot, ui)
    assert len(messages) == 2  # the pending reminder, now with the cases (initials only)
    assert "T-1 (A.Y.)" in messages[1] and not any(name in messages[1] for name in NAMES)
