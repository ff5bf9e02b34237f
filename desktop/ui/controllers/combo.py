"""Refill a combo box with (translated) items while keeping the user's choice."""

from __future__ import annotations

from typing import Any


def fill_combo(combo: Any, items: list[tuple[str, str]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
