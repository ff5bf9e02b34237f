"""Shared page layout: styles in the embedded font, A4 frame, page numbers, the DRAFT mark."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from desktop.documents.fonts import BOLD, FAMILY, register_fonts
from desktop.documents.markup import para

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Both words on every draft page: whoever holds the paper must see it, whatever their language.
DRAFT_MARK = "CONCEPT · DRAFT"
_FOOTER_MAX = (
    70  # characters of the footer's identification; a 5,000-character name must not run off
)


@dataclass(frozen=True, slots=True)
class Section:
    """One run of pages numbered on its own (the Notice is numbered apart from the sheet after it).

    Attributes:
        key: the page template id; unique within a document.
        footer: plain text at the bottom left (who and which case).
        page_label: a translated template with {page} and {pages}.
        draft: the warning line printed at the top of each page of a draft, or "" when final.
    """

    key: str
    footer: str
    page_label: str
    draft: str = ""


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Every style names the embedded font: one forgotten style would print boxes."""
    family = register_fonts()
    base = ParagraphStyle(
        "body", fontName=family, fontSize=10, leading=13.5, spaceAfter=6, splitLongWords=True
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": derive("title", fontName=BOLD, fontSize=14, leading=18, spaceAfter=8),
        "heading": derive("heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6),
        "small": derive("small", fontSize=8, leading=10.5, spaceAfter=3),
        "cell": derive("cell", fontSize=9.5, leading=12.5, spaceAfter=0),
        "label": derive("label", fontSize=9.5, leading=12.5, spaceAfter=0, textColor=colors.grey),
        "banner": derive(
            "banner",
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=colors.HexColor("#8a1c1c"),
            borderColor=colors.HexColor("#8a1c1c"),
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=2,
            spaceAfter=12,
        ),
        "note": derive(
            "note",
            fontSize=9,
            leading=12,
            backColor=colors.HexColor("#eef2f6"),
            borderPadding=5,
            spaceBefore=2,
            spaceAfter=12,
        ),
        "center": derive("center", alignment=TA_CENTER),
        "box": derive("box", fontSize=15, leading=16, spaceAfter=0),
    }


def p(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of markup that is already escaped (made with `para` or `fill`)."""
    return Paragraph(markup, styles()[style])


def text(plain: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text: escaped here, line breaks kept."""
    return Paragraph(para(plain), styles()[style])


def bold(plain: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text in bold: escaped first, then the tag added."""
    return Paragraph(f"<b>{para(plain)}</b>", styles()[style])


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 52 * mm) -> Table:
    """Label/value rows of plain text; Paragraph cells so that long values wrap, never overflow."""
    data = [[text(label, "label"), text(value or "—", "cell")] for label, value in rows]
    table = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
            ]
        )
    )
    return table


def signature_block(lines: Sequence[str]) -> Table:
    """A ruled space to sign, then the signer's name and capacity (plain text) below it."""
    cells = [[p("&nbsp;")], [p("&nbsp;")], *[[text(line, "cell")] for line in lines]]
    table = Table(cells, colWidths=[80 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("LINEBELOW", (0, 1), (0, 1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _footer_id(plain: str) -> str:
    one_line = " ".join(plain.split())
    return one_line if len(one_line) <= _FOOTER_MAX else one_line[: _FOOTER_MAX - 1] + "…"


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say "page 2 of 3" for its section."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self.termijn_section: Section | None = None

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        sections = [state["termijn_section"] for state in self._held]
        for number, state in enumerate(self._held):
            self.__dict__.update(state)
            section = sections[number]
            if section is not None:
                same = [i for i, s in enumerate(sections) if s is not None and s.key == section.key]
                self._decorate(section, same.index(number) + 1, len(same))
            super().showPage()
        super().save()

    def _decorate(self, section: Section, page: int, pages: int) -> None:
        self.saveState()
        self.setFont(FAMILY, 7.5)
        self.setFillColor(colors.grey)
        self.drawString(MARGIN, 11 * mm, _footer_id(section.footer))
        self.drawRightString(
            PAGE_WIDTH - MARGIN, 11 * mm, section.page_label.format(page=page, pages=pages)
        )
        if section.draft:
            self.setFillColor(colors.HexColor("#b00020"))
            self.setFont(BOLD, 9)
            self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, section.draft)
            self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.13))
            self.setFont(BOLD, 64)
            self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            self.rotate(52)
            self.drawCentredString(0, -20, DRAFT_MARK)
        self.restoreState()


def _on_page(section: Section) -> Callable[[Canvas, BaseDocTemplate], None]:
    def mark(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.termijn_section = section  # read back in _NumberedCanvas.save

    return mark


def build_pdf(
    parts: Sequence[tuple[Section, Sequence[Flowable]]],
    *,
    title: str,
    author: str,
    subject: str,
    lang: str,
) -> bytes:
    """Lay out sections one after another (each starts on a new page) and return the PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    frame = Frame(MARGIN, BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - BOTTOM - 20 * mm, id="body")
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=author,
        subject=subject,
        creator="Termijn",
        lang=lang,
        initialFontName=FAMILY,  # the canvas starts in Helvetica otherwise
        pageTemplates=[
            PageTemplate(id=section.key, frames=[frame], onPage=_on_page(section))
            for section, _ in parts
        ],
    )
    story: list[Flowable] = []
    for index, (section, flowables) in enumerate(parts):
        if index:
            story += [NextPageTemplate(section.key), PageBreak()]
        story += flowables
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
