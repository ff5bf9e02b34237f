"""Turn plain text (the user's or the catalog's) into safe ReportLab Paragraph markup."""

from __future__ import annotations

from xml.sax.saxutils import escape


def para(text: str) -> str:
    """Escape first, then keep line breaks: `Paragraph` would otherwise collapse them."""
    text = escape(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "<br/>")


def fill(template: str, **values: str) -> str:
    """Escape a translated template and its values, then substitute the named placeholders.

    The values may already be markup (made with `para` and tags added after it): the template is
    escaped on its own so that a translator's "&" or "<" cannot break the Paragraph.
    """
    return para(template).format(**values)
