"""Turn plain text (the user's or the catalog's) into safe ReportLab Paragraph markup."""

from __future__ import annotations

from xml.sax.saxutils import escape

from desktop.documents.shaping import printable


def para(text: str) -> str:
    """Shape right-to-left script, escape, then keep line breaks (`Paragraph` collapses them)."""
    text = escape(printable(text)).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "<br/>")
