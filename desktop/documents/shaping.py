"""Names in Arabic and Hebrew script shaped and ordered for print; characters no font has shown.

ReportLab draws characters left to right, one glyph each: an Arabic name would come out as
unjoined letters in reverse order. Each run of right-to-left script is therefore joined into its
contextual forms (arabic-reshaper) and put in visual order (python-bidi) before layout; its
spaces become no-break spaces so the run never wraps across two lines, where visual order would
break. The letters are left-to-right documents, so this per-run ordering is the whole algorithm
they need (a name, an address line, a note).

A character the embedded font has no glyph for (Chinese, say: DejaVu Sans has none) would print
as an empty box or nothing at all; it becomes U+FFFD, a visible placeholder, and the document
reports which characters it replaced.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics

from desktop.documents.fonts import BOLD, FAMILY, register_fonts

PLACEHOLDER = "\ufffd"  # REPLACEMENT CHARACTER: DejaVu Sans draws it as a black diamond with "?"
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A run of right-to-left letters, with the spaces, marks and punctuation between them.
_RTL_RUN = re.compile(f"[{_RTL}](?:[{_RTL}\\s\u0300-\u036f'.\\-]*[{_RTL}])?")
_NEUTRAL = frozenset("\n\r\t\u00a0\u200b\u200c\u200d\u200e\u200f\ufeff")


@functools.cache
def _glyphs() -> frozenset[int]:
    """Code points both the regular and the bold face can draw (bold is used for names too)."""
    register_fonts()
    regular = pdfmetrics.getFont(FAMILY).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular) & frozenset(bold)


def _visual(match: re.Match[str]) -> str:
    run = arabic_reshaper.reshape(match.group())
    return get_display(run, base_dir="R").replace(" ", "\u00a0")


def missing(text: str) -> list[str]:
    """The characters of `text` (after shaping) that no shipped font can draw, in order."""
    if text.isascii():
        return []
    glyphs = _glyphs()
    shaped = _shape(text)
    seen: dict[str, None] = {}
    for char in shaped:
        if ord(char) not in glyphs and char not in _NEUTRAL:
            seen.setdefault(char)
    return list(seen)


def _shape(text: str) -> str:
    return _RTL_RUN.sub(_visual, text) if _RTL_RUN.search(text) else text


def printable(text: str) -> str:
    """`text` ready for the PDF: right-to-left runs shaped, undrawable characters replaced."""
    if text.isascii():
        return text
    shaped = _shape(text)
    glyphs = _glyphs()
    if all(ord(c) in glyphs or c in _NEUTRAL for c in shaped):
        return shaped
    return "".join(c if ord(c) in glyphs or c in _NEUTRAL else PLACEHOLDER for c in shaped)


def unprintable(fields: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(field, the characters it loses) for each field with characters no font can draw."""
    found = []
    for name, value in fields:
        lost = missing(value)
        if lost:
            found.append((name, "".join(lost)))
    return found
