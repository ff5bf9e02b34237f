"""Register the shipped DejaVu Sans family with ReportLab, once per process."""

from __future__ import annotations

import functools

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import resource_path

FAMILY = "TermijnSans"
BOLD = FAMILY + "-Bold"
ITALIC = FAMILY + "-Oblique"
BOLD_ITALIC = FAMILY + "-BoldOblique"
_FACES = {"": FAMILY, "-Bold": BOLD, "-Oblique": ITALIC, "-BoldOblique": BOLD_ITALIC}
_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF as UTF-16 surrogate pairs.

    ReportLab writes them as five hex digits (<1F600>), which the PDF spec does not allow: an emoji
    in a name or a note would vanish from the text a reader copies or searches.
    """
    cmap = _reportlab_cmap(fontname, subset)
    if all(code <= 0xFFFF for code in subset):
        return cmap
    head, _, rest = cmap.partition("beginbfchar\n")
    tail = rest.split("endbfchar", 1)[1]
    pairs = "\n".join(
        f"<{i:02X}> <{chr(code).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, code in enumerate(subset)
    )
    return f"{head}beginbfchar\n{pairs}\nendbfchar{tail}"


@functools.cache
def register_fonts() -> str:
    """Embed DejaVu Sans: base-14 Helvetica has no ş, ł, ḥ or ʿ and would print boxes."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for suffix, name in _FACES.items():
        path = resource_path("fonts", f"DejaVuSans{suffix}.ttf")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY
