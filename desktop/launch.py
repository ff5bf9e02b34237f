"""Launching the window: a screen to show it on, the first-paint report, Qt's chatter in the log."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

QUIT_AFTER_SHOWN_ENV = "TERMIJN_QUIT_AFTER_SHOWN"
SHOWN_LINE = "termijn: window shown"  # what `.ci/run` and the README test wait for

log = logging.getLogger("termijn.ui")
qt_log = logging.getLogger("termijn.qt")


def no_screen_problem() -> str | None:
    """On Linux without X11 or Wayland, what to tell the user (Qt would abort with a core dump)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs, ...: no desktop session needed
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "termijn-gui: no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
        "set). Start it from a desktop session; without one, `termijn` is the command line and "
        "`termijn self-test` checks the install."
    )


def quit_after_shown_requested(option: bool) -> bool:
    """`--quit-after-shown`, or TERMIJN_QUIT_AFTER_SHOWN=1 (so `make run` can be checked as is)."""
    return option or os.environ.get(QUIT_AFTER_SHOWN_ENV, "") not in ("", "0")


class _FirstPaint(QObject):
    """Prints one line on the window's first paint (it is on screen), then closes the window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            size = self.window.size()
            line = (
                f"{SHOWN_LINE} (platform {QGuiApplication.platformName()}, "
                f"{size.width()}x{size.height()})"
            )
            if sys.stdout is not None:  # a windowed executable on Windows has none
                print(line, flush=True)
            log.info(line)
            QTimer.singleShot(0, _close_everything)
        return False


def _close_everything() -> None:
    # Closed the way a user closes it (close handlers run), the first-start dialog included;
    # exit() then ends every event loop, a dialog's nested one too.
    QApplication.closeAllWindows()
    QApplication.exit(0)


def quit_after_first_paint(window: QWidget) -> None:
    """Install the first-paint report on `window` (before it is shown)."""
    window.installEventFilter(_FirstPaint(window))


def _to_log(kind: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
    }.get(kind, logging.INFO)  # warnings too: the plugin's notes are no problem of the user's
    qt_log.log(level, "%s", message)


def qt_messages_to_log() -> None:
    """Send Qt's own messages (e.g. the offscreen plugin's notes) to the log file, not stderr."""
    qInstallMessageHandler(_to_log)
