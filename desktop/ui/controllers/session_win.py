"""Windows: WTS session notifications (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) lock Termijn."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject
from PySide6.QtWidgets import QApplication

log = logging.getLogger("termijn.ui")

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0


class _Filter(QAbstractNativeEventFilter):
    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:  # noqa: N802
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
                self._on_lock()
        return False, 0


class SessionWatch(QObject):
    """Registers the first top-level window for session notifications and filters for them."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._filter = _Filter(on_lock)
        app = QCoreApplication.instance()
        assert app is not None
        app.installNativeEventFilter(self._filter)
        windows = [w for w in QApplication.topLevelWidgets() if w.isWindow()]
        if windows:
            hwnd = int(windows[0].winId())
            wtsapi = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
            if not wtsapi.WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION):
                log.info("WTSRegisterSessionNotification failed; the idle lock still works")
