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
from desktop.documents.shaping import printable

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
BOTTOM = 17 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Both words on every draft page: whoever holds the paper must see it, whatever their language.
DRAFT_MARK = "CONCEPT · DRAFT"
_FOOTER_MAX = (
    70  # characters of the footer's identification; a 5,000-character name must not run off
)


# A left-window envelope (DL or C5, NEN 1026): a window of about 90 x 45 mm, 20 mm from the left
# edge and 45 to 50 mm from the top. The address sits where both variants show it (50-90 mm from
# the top); the delivery route ("Aangetekend") sits above the window, on the letter only.
WINDOW_LEFT = 20 * mm
WINDOW_INSET = 5 * mm
WINDOW_TOP = 50 * mm  # the lower of the two window tops
WINDOW_BOTTOM = 90 * mm  # the higher of the two window bottoms
ADDRESS_WIDTH = 80 * mm
ADDRESS_LINES = 6  # what the window holds at 10 pt
ROUTE_BASELINE = 42 * mm  # above the window of either envelope
SENDER_LEFT = 118 * mm
SENDER_TOP = 16 * mm
BODY_TOP = 93 * mm  # page 1 of a letter: the body starts below the window


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Page 1 of a letter: the sender top right, the addressee in the envelope's window.

    Attributes:
        sender: plain text lines (name, address, contact), top right.
        route: "Aangetekend en per fax": printed above the window, so not on the envelope.
        recipient: the addressee's lines, at a fixed position whatever the sender's length.
    """

    sender: str
    route: str
    recipient: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One run of pages numbered on its own (the Notice is numbered apart from the sheet after it).

    Attributes:
        key: the page template id; unique within a document.
        footer: plain text at the bottom left (who and which case).
        page_label: a translated template with {page} and {pages}.
        draft: the warning line printed at the top of each page of a draft, or "" when final.
        mark: a line printed at the top of every page ("Translation – do not send"), or "".
        letterhead: page 1 is a letter for a window envelope (sender, route, addressee).
    """

    key: str
    footer: str
    page_label: str
    draft: str = ""
    mark: str = ""
    letterhead: Letterhead | None = None


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Every style names the embedded font: one forgotten style would print boxes."""
    family = register_fonts()
    # No widows and no orphans: a page never starts or ends with one line of a paragraph.
    base = ParagraphStyle(
        "body",
        fontName=family,
        fontSize=10,
        leading=13,
        spaceAfter=5,
        splitLongWords=True,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": derive("title", fontName=BOLD, fontSize=14, leading=18, spaceAfter=8),
        # keepWithNext: a heading never ends a page without the table or text it introduces.
        "heading": derive(
            "heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6, keepWithNext=1
        ),
        "subhead": derive("subhead", fontName=BOLD, spaceAfter=2, keepWithNext=1),
        "bullet": derive("bullet", leftIndent=10, firstLineIndent=-10, spaceAfter=2),
        "sender": derive("sender", fontSize=9, leading=11.5, spaceAfter=0),
        "address": derive("address", leading=13.5, spaceAfter=0),
        "small": derive("small", fontSize=8, leading=10.5, spaceAfter=3),
        "cell": derive("cell", fontSize=9.5, leading=12, spaceAfter=0),
        "label": derive("label", fontSize=9.5, leading=12, spaceAfter=0, textColor=colors.grey),
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
    table = Table(
        cells, colWidths=[80 * mm], rowHeights=[18, 12] + [None] * len(lines), hAlign="LEFT"
    )
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
    one_line = one_line if len(one_line) <= _FOOTER_MAX else one_line[: _FOOTER_MAX - 1] + "…"
    return printable(one_line)


def sender_paragraph(head: Letterhead) -> Paragraph:
    return Paragraph(para(head.sender), styles()["sender"])


def sender_width() -> float:
    return PAGE_WIDTH - SENDER_LEFT - MARGIN + 4 * mm


def first_body_top(head: Letterhead) -> float:
    """Where page 1's text starts (from the top): below the window, or a very long sender."""
    _w, height = sender_paragraph(head).wrap(sender_width(), PAGE_HEIGHT)
    return max(BODY_TOP, SENDER_TOP + height + 8 * mm)


def recipient_paragraph(head: Letterhead) -> Paragraph:
    return Paragraph(para("\n".join(head.recipient)), styles()["address"])


def check_window(head: Letterhead) -> None:
    """The addressee must fit the envelope's window: refuse rather than print it cut off."""
    from desktop.documents.errors import DocumentError

    _w, height = recipient_paragraph(head).wrap(ADDRESS_WIDTH, PAGE_HEIGHT)
    if height > ADDRESS_LINES * styles()["address"].leading + 0.5:
        raise DocumentError(
            f"the addressee takes more than {ADDRESS_LINES} lines of "
            f"{ADDRESS_WIDTH / mm:.0f} mm and would not fit the envelope's window: "
            "shorten the address lines"
        )


def draw_letterhead(canvas: Canvas, head: Letterhead) -> None:
    """Sender top right; route above the window; addressee at the same place on every letter."""
    sender = sender_paragraph(head)
    _w, height = sender.wrap(sender_width(), PAGE_HEIGHT)
    sender.drawOn(canvas, SENDER_LEFT, PAGE_HEIGHT - SENDER_TOP - height)
    left = WINDOW_LEFT + WINDOW_INSET
    if head.route:
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.drawString(left, PAGE_HEIGHT - ROUTE_BASELINE, printable(head.route))
        canvas.restoreState()
    address = recipient_paragraph(head)
    _w, height = address.wrap(ADDRESS_WIDTH, PAGE_HEIGHT)
    address.drawOn(canvas, left, PAGE_HEIGHT - WINDOW_TOP - 2 * mm - height)


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
        if section.mark:
            self.setFillColor(colors.HexColor("#1f4e79"))
            self.setFont(BOLD, 9)
            self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 8 * mm, section.mark)
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


def _on_page(
    section: Section, letterhead: bool = False
) -> Callable[[Canvas, BaseDocTemplate], None]:
    def mark(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.termijn_section = section  # read back in _NumberedCanvas.save
        if letterhead and section.letterhead is not None:
            draw_letterhead(canvas, section.letterhead)

    return mark


# Called with (page number, flowable) after each flowable is laid out; tests hook in here to
# check where paragraphs split (no widows, no orphans, headings with their tables).
OBSERVERS: list[Callable[[int, Flowable], None]] = []


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        for observe in OBSERVERS:
            observe(self.page, flowable)


def _templates(section: Section) -> list[PageTemplate]:
    top = PAGE_HEIGHT - 20 * mm
    frame = Frame(MARGIN, BOTTOM, FRAME_WIDTH, top - BOTTOM, id="body")
    plain = PageTemplate(id=section.key, frames=[frame], onPage=_on_page(section))
    if section.letterhead is None:
        return [plain]
    first_top = PAGE_HEIGHT - first_body_top(section.letterhead)
    first_frame = Frame(MARGIN, BOTTOM, FRAME_WIDTH, first_top - BOTTOM, id="body")
    first = PageTemplate(
        id=f"{section.key}:first",
        frames=[first_frame],
        onPage=_on_page(section, letterhead=True),
        autoNextPageTemplate=section.key,
    )
    return [first, plain]


def _first_template(section: Section) -> str:
    return f"{section.key}:first" if section.letterhead is not None else section.key


def build_pdf(
    parts: Sequence[tuple[Section, Sequence[Flowable]]],
    *,
    title: str,
    author: str,
    subject: str,
    lang: str,
    keywords: str = "",
) -> bytes:
    """Lay out sections one after another (each starts on a new page) and return the PDF bytes.

    `keywords` go into the PDF's metadata (a letter names its rule pack there).
    """
    register_fonts()
    for section, _flowables in parts:
        if section.letterhead is not None:
            check_window(section.letterhead)
    buffer = io.BytesIO()
    doc = _Doc(
        buffer,
        pagesize=A4,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        creator="Termijn",
        lang=lang,
        initialFontName=FAMILY,  # the canvas starts in Helvetica otherwise
        pageTemplates=[t for section, _ in parts for t in _templates(section)],
    )
    story: list[Flowable] = []
    for index, (section, flowables) in enumerate(parts):
        if index:
            story += [NextPageTemplate(_first_template(section)), PageBreak()]
        story += flowables
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
