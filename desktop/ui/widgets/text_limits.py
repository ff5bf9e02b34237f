"""Text inputs capped at the core's TEXT_LIMITS: a line edit stops, a text box refuses the excess.

The same numbers bound every path into a case (see desktop.core.limits), so the window never
lets a user type what saving would then refuse.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyledItemDelegate, QWidget

from desktop.core.limits import TEXT_LIMITS
from desktop.i18n import LOCALES, current_language, ngettext


def cap_line(edit: QLineEdit, key: str) -> None:
    """At most TEXT_LIMITS[key] characters (Qt counts UTF-16 units: never more than the core)."""
    edit.setMaxLength(TEXT_LIMITS[key])


def limit_message(limit: int) -> str:
    return ngettext(
        "At most {count} character fits here; the rest was not taken.",
        "At most {count} characters fit here; the rest was not taken.",
        limit,
    ).format(count=format_decimal(limit, locale=LOCALES[current_language()]))


def _utf16_to_index(text: str, position: int) -> int:
    """The Python index of a Qt (UTF-16) position in `text`."""
    return len(text.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore"))


def _index_to_utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class PlainTextLimit(QObject):
    """Keeps a QPlainTextEdit within TEXT_LIMITS[key]; `refused` says when it took text out.

    What was just typed or pasted past the limit is taken out again (the text before and after
    the cursor stays).

    Signals:
        refused(str): the message to show the user.
    """

    refused = Signal(str)

    def __init__(self, edit: QPlainTextEdit, key: str) -> None:
        super().__init__(edit)
        self.edit = edit
        self.limit = TEXT_LIMITS[key]
        edit.textChanged.connect(self._check)

    def full(self) -> bool:
        return len(self.edit.toPlainText()) >= self.limit

    def _check(self) -> None:
        text = self.edit.toPlainText()
        excess = len(text) - self.limit
        if excess <= 0:
            return
        cursor = self.edit.textCursor()
        end = _utf16_to_index(text, cursor.position())
        start = max(0, end - excess)
        # The new text is what sits just before the cursor; anything still over is cut at the end.
        kept = (text[:start] + text[end:])[: self.limit]
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(kept)
        cursor.endEditBlock()
        cursor.setPosition(_index_to_utf16(kept, min(start, len(kept))))
        self.edit.setTextCursor(cursor)
        self.refused.emit(limit_message(self.limit))


class CappedCells(QStyledItemDelegate):
    """A table whose cell editors are capped per column (None: no cap)."""

    def __init__(self, keys: list[str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = keys

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # type: ignore[no-untyped-def]  # noqa: N802
        editor = super().createEditor(parent, option, index)
        key = self.keys[index.column()] if index.column() < len(self.keys) else None
        if key is not None and isinstance(editor, QLineEdit):
            cap_line(editor, key)
        return editor
