"""Turn plain text (the user's or the catalog's) into safe ReportLab Paragraph markup."""

from __future__ import annotations

from xml.sax.saxutils import escape


def para(text: str) -> str:
    """Escape first, then keep line breaks: `Paragraph` would otherwise collapse them."""
    text = escape(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "<br/>")
