"""The lock: after N idle minutes, or when the session locks, every window hides its contents.

The main window's widgets are hidden (not just painted over: a screen reader must not read them
either) and the lock screen takes the whole window; other windows (dialogs, the reminder list)
get an opaque cover of their own, so a dialog with typed input is kept, not closed. A window
that opens while locked is covered as it shows. Every cover has the unlock form: under an open
modal dialog, that dialog's cover is the one the user can type in.

The session lock is heard where the desktop says so: the freedesktop ScreenSaver and logind
signals (Linux, over D-Bus) and WTS session notifications (Windows). macOS tells Qt nothing
about it; there the idle lock is what protects the window.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QToolBar, QWidget

from desktop.i18n import _, ngettext
from desktop.privacy.throttle import Throttle
from desktop.ui.views.lock_screen import LockScreen

log = logging.getLogger("termijn.ui")

LOCK_SETTING = "privacy.lock_minutes"
DEFAULT_MINUTES = 10
CHOICES = (0, 1, 2, 5, 10, 15, 30, 60)  # 0: never
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def minutes_from(text: str | None) -> int:
    """The stored setting, or the default for anything unreadable."""
    try:
        value = int(text) if text is not None else DEFAULT_MINUTES
    except ValueError:
        return DEFAULT_MINUTES
    return value if 0 <= value <= 24 * 60 else DEFAULT_MINUTES


class LockController(QObject):
    """Idle timer, session-lock watch, covers and the unlock check.

    `check(passphrase) -> bool` verifies a passphrase (None: the file has none, Unlock is
    enough).

    Signals:
        locked_changed(bool): the lock came on (True) or went off (False).
    """

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        *,
        minutes: int = DEFAULT_MINUTES,
        check: Callable[[str], bool] | None = None,
        throttle: Throttle | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.check = check
        self.throttle = throttle or Throttle()
        self.locked = False
        self._screens: list[LockScreen] = []
        self._hidden: list[QWidget] = []
        self._titles: dict[QWidget, str] = {}
        self._last_activity = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._idle_check)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._allow_again)
        self.minutes = 0
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._session = _watch_session(self.lock)

    def close(self) -> None:
        """Stop listening (the window is going away)."""
        self._timer.stop()
        self._retry.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # ------------------------------------------------------------------ settings, idle

    def set_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes; 0 never."""
        self.minutes = max(0, int(minutes))
        self._arm()

    def _arm(self) -> None:
        if self.minutes and not self.locked:
            self._timer.start(self.minutes * 60_000)
        else:
            self._timer.stop()

    def _idle_check(self) -> None:
        idle = time.monotonic() - self._last_activity
        remaining = self.minutes * 60 - idle
        if remaining > 1:  # activity came in meanwhile: wait for the rest
            self._timer.start(int(remaining * 1000))
            return
        log.info("locked after %d idle minute(s)", self.minutes)
        self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in _ACTIVITY and not self.locked:
            self._last_activity = time.monotonic()
        elif kind == QEvent.Type.Show and self.locked and self._uncovered(watched):
            QTimer.singleShot(0, lambda w=watched: self._cover(w))
        return False

    def _uncovered(self, watched: QObject) -> bool:
        """A window other than the main one, not covered yet (it is showing while locked)."""
        return (
            isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.window
            and watched not in self._titles
        )

    # ------------------------------------------------------------------ lock, unlock

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self._timer.stop()
        window = self.window
        self._titles[window] = window.windowTitle()
        window.setWindowTitle("Termijn")
        parts: list[QWidget | None] = [
            window.centralWidget(),
            window.menuBar(),
            window.statusBar(),
            *window.findChildren(QDockWidget),
            *window.findChildren(QToolBar),
        ]
        for part in parts:
            if part is not None and part.isVisible():
                part.hide()
                self._hidden.append(part)
        self._add_screen(window)
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                self._cover(widget)
        self.locked_changed.emit(True)

    def _cover(self, widget: QWidget) -> None:
        if not self.locked or widget in self._titles or not widget.isVisible():
            return
        self._titles[widget] = widget.windowTitle()
        widget.setWindowTitle("Termijn")
        self._add_screen(widget)

    def _add_screen(self, parent: QWidget) -> None:
        screen = LockScreen(parent, needs_passphrase=self.check is not None)
        screen.unlock_requested.connect(self.unlock)
        screen.show()
        screen.raise_()
        (screen.passphrase if self.check is not None else screen.unlock_button).setFocus()
        self._screens.append(screen)
        self._show_wait()

    @Slot(str)
    def unlock(self, passphrase: str) -> bool:
        """True if the lock came off; a wrong passphrase is said on every screen."""
        if not self.locked:
            return True
        if self.check is not None:
            if self.throttle.wait() > 0:
                self._show_wait()
                return False
            if not self.check(passphrase):
                self.throttle.failed()
                log.info("wrong passphrase at the lock screen")
                for screen in self._screens:
                    screen.passphrase.clear()
                    screen.message.setText(_("That is not the passphrase."))
                self._show_wait()
                return False
            self.throttle.succeeded()
        self._unlock()
        return True

    def _unlock(self) -> None:
        for screen in self._screens:
            screen.passphrase.clear()
            screen.hide()
            screen.setParent(None)  # out of the window's children now, deleted soon
            screen.deleteLater()
        self._screens.clear()
        for part in self._hidden:
            part.show()
        self._hidden.clear()
        for widget, title in self._titles.items():
            widget.setWindowTitle(title)
        self._titles.clear()
        self.locked = False
        self._last_activity = time.monotonic()
        self._arm()
        self.locked_changed.emit(False)

    def _show_wait(self) -> None:
        wait = self.throttle.wait()
        if wait <= 0:
            return
        seconds = int(wait) + 1
        for screen in self._screens:
            screen.passphrase.setEnabled(False)
            screen.unlock_button.setEnabled(False)
            screen.message.setText(
                ngettext(
                    "Too many wrong tries: wait {n} second.",
                    "Too many wrong tries: wait {n} seconds.",
                    seconds,
                ).format(n=seconds)
            )
        self._retry.start(int(wait * 1000) + 50)

    def _allow_again(self) -> None:
        for screen in self._screens:
            screen.passphrase.setEnabled(True)
            screen.unlock_button.setEnabled(True)
            screen.message.clear()


# ---------------------------------------------------------------------- the session lock


class _FreedesktopWatch(QObject):
    """The ScreenSaver's ActiveChanged(true) and logind's Lock on D-Bus (Linux, BSD)."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._on_lock = on_lock
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        session, system = QDBusConnection.sessionBus(), QDBusConnection.systemBus()
        for service in ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"):
            if session.isConnected():
                path = "/" + service.replace(".", "/")
                session.connect(
                    service, path, service, "ActiveChanged", self, SLOT("active_changed(bool)")
                )
        if system.isConnected():
            system.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1/session/auto",
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                SLOT("session_lock()"),
            )

    @Slot(bool)
    def active_changed(self, active: bool) -> None:
        if active:
            self._on_lock()

    @Slot()
    def session_lock(self) -> None:
        self._on_lock()


def _watch_session(on_lock: Callable[[], None]) -> QObject | None:
    """Listen for the session lock where the platform tells; None where it cannot."""
    try:
        if sys.platform.startswith(("linux", "freebsd", "openbsd")):
            return _FreedesktopWatch(on_lock)
        if sys.platform == "win32":  # pragma: no cover - Windows only
            from desktop.ui.controllers.session_win import SessionWatch

            return SessionWatch(on_lock)
    except Exception:  # noqa: BLE001 - no D-Bus, no session: the idle lock still works
        log.info("the session lock cannot be heard here; the idle lock still works")
    return None
