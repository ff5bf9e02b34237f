"""The lock: no name is drawn while locked (the window's pixels against the list's), unlock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from desktop.privacy.throttle import FREE_TRIES, Throttle
from desktop.ui.controllers.lock import LockController, minutes_from
from desktop.ui.views.lock_screen import LockScreen

from .conftest import regular_case

NAMES = ("Şükrü Ağaoğlu", "Amina Yusuf", "Jan de Vries")


@pytest.fixture
def make_lock(ui):
    made = []

    def make(**kwargs):
        made.append(LockController(ui.window, **kwargs))
        return made[-1]

    yield make
    for lock in made:
        lock.close()


def fill(ui):
    for name in NAMES:
        ui.repo.save(regular_case(name))
    ui.controller.refresh_all()


def image(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def region(img: QImage, rect: QRect) -> QImage:
    return img.copy(rect)


def shown_texts(root: QWidget) -> list[str]:
    """The text of every widget a user (or a screen reader) can see under `root`."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        model = getattr(widget, "model", None)
        if callable(model) and model() is not None:
            m = model()
            for row in range(min(m.rowCount(), 50)):
                for col in range(m.columnCount()):
                    texts.append(str(m.index(row, col).data() or ""))
    return texts


def test_locked_window_draws_no_name(ui, qtbot, make_lock):
    fill(ui)
    window = ui.window
    qtbot.waitUntil(lambda: window.case_table.model().rowCount() == len(NAMES))
    table = window.case_table
    qtbot.wait(300)  # the columns settle to their widths
    rows = table.viewport()  # where the names are drawn (the frame and scrollbar aside)
    where = QRect(rows.mapTo(window, QPoint(0, 0)), rows.size())
    list_pixels = image(rows)
    # Before: the window draws the list (with the names) exactly where the list is.
    assert region(image(window), where) == list_pixels
    assert any(name in " ".join(shown_texts(window)) for name in NAMES)

    lock = make_lock(minutes=10, check=lambda p: p == "right passphrase")
    lock.lock()
    qtbot.wait(10)
    locked = image(window)
    assert region(locked, where) != list_pixels
    [screen] = window.findChildren(LockScreen)
    assert screen.geometry() == window.rect()
    # Nothing else is visible to a user or a screen reader, and no text names anyone.
    assert not table.isVisibleTo(window)
    assert not window.menuBar().isVisibleTo(window)
    texts = " ".join(shown_texts(window))
    assert not any(name in texts for name in NAMES), texts
    # The locked window is the lock screen alone: its pixels are the screen's own.
    assert locked == image(screen)

    qtbot.keyClicks(screen.passphrase, "wrong")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert lock.locked and screen.message.text() == "That is not the passphrase."
    qtbot.keyClicks(screen.passphrase, "right passphrase")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked
    assert table.isVisibleTo(window)
    qtbot.wait(10)
    assert region(image(window), where) == list_pixels


def test_a_dialog_open_at_the_lock_is_covered_not_closed(ui, qtbot, make_lock):
    dialog = QDialog(ui.window)
    dialog.setWindowTitle("Why this date? Şükrü Ağaoğlu")
    field = QLineEdit("typed notes", dialog)
    dialog.resize(520, 320)
    dialog.show()
    qtbot.waitExposed(dialog)
    lock = make_lock(check=None)
    lock.lock()
    assert dialog.isVisible() and dialog.windowTitle() == "Termijn"
    [cover] = dialog.findChildren(LockScreen)
    assert cover.geometry() == dialog.rect()
    assert image(dialog) == image(cover)
    qtbot.mouseClick(cover.unlock_button, Qt.MouseButton.LeftButton)  # no passphrase: Unlock
    assert not lock.locked
    assert dialog.windowTitle() == "Why this date? Şükrü Ağaoğlu"
    assert field.text() == "typed notes"
    assert not dialog.findChildren(LockScreen)


def test_a_window_that_opens_while_locked_is_covered(ui, qtbot, make_lock):
    lock = make_lock(check=None)
    lock.lock()
    late = QDialog(ui.window)
    late.setWindowTitle("Reminder: T-1 Ş.A.")
    late.show()
    qtbot.waitUntil(lambda: bool(late.findChildren(LockScreen)))
    assert late.windowTitle() == "Termijn"


def test_idle_minutes_lock_and_activity_postpones(ui, qtbot, make_lock):
    lock = make_lock(minutes=1)
    lock._timer.setInterval(50)
    lock.minutes = 1
    lock._last_activity -= 61  # a minute without input
    lock._timer.start(20)
    qtbot.waitUntil(lambda: lock.locked, timeout=2000)
    never = make_lock(minutes=0)
    assert not never._timer.isActive()
    assert minutes_from(None) == 10 and minutes_from("0") == 0 and minutes_from("x") == 10


def test_five_wrong_tries_then_a_wait(ui, qtbot, make_lock):
    throttle = Throttle()
    lock = make_lock(check=lambda p: False, throttle=throttle)
    lock.lock()
    for _ in range(FREE_TRIES):
        assert lock.unlock("nope") is False
    [screen] = ui.window.findChildren(LockScreen)
    assert not screen.passphrase.isEnabled()
    assert screen.message.text().startswith("Too many wrong tries: wait")
    assert throttle.wait() > 0
