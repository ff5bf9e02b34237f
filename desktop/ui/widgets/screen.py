"""Keep windows and dialogs on the screen: never larger than the space the screen has."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_size(widget: QWidget) -> QSize:
    """The room on the widget's screen (the primary one before it is shown), less the panels."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else QSize(1024, 700)


def fit_to_screen(widget: QWidget, share: float = 0.95) -> None:
    """Shrink `widget` to `share` of the screen's room when it is larger (its frame included)."""
    room = available_size(widget)
    frame = widget.frameGeometry().size() - widget.geometry().size()
    limit = QSize(int(room.width() * share), int(room.height() * share)) - frame
    if widget.width() > limit.width() or widget.height() > limit.height():
        widget.resize(widget.size().boundedTo(limit))
