"""Register the shipped DejaVu Sans family with ReportLab, once per process."""

from __future__ import annotations

import functools

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import resource_path

FAMILY = "TermijnSans"
BOLD = FAMILY + "-Bold"
ITALIC = FAMILY + "-Oblique"
BOLD_ITALIC = FAMILY + "-BoldOblique"
_FACES = {"": FAMILY, "-Bold": BOLD, "-Oblique": ITALIC, "-BoldOblique": BOLD_ITALIC}


@functools.cache
def register_fonts() -> str:
    """Embed DejaVu Sans: base-14 Helvetica has no ş, ł, ḥ or ʿ and would print boxes."""
    for suffix, name in _FACES.items():
        path = resource_path("fonts", f"DejaVuSans{suffix}.ttf")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY
