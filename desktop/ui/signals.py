"""AppSignals: the application-wide signal hub (Vorta's VortaApp signals)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    """The hub every controller shares.

    Signals:
    case_saved(int): a case was created or changed (its id).
    cases_changed(): many cases changed at once (import, demo, restore, recompute, delete).
    flags_changed(): rule flags switched; every date must be recomputed.
    saved(str, str): a confirmation for the status bar, and the folder of a file written ("").
    """

    case_saved = Signal(int)
    cases_changed = Signal()
    flags_changed = Signal()
    saved = Signal(str, str)
