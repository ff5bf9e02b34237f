"""Shared data and helpers for the document tests: case files, results, PDF text and fonts."""

import io
from datetime import date

from pypdf import PdfReader

from desktop.core.casefile import parse_case_file
from desktop.core.compute import compute

# A regular case whose term (with a 6-month extension and a 14-day suspension) ended on
# Monday 19 October 2026; the Notice may reach the IND from Tuesday 20 October.
REGULAR = {
    "procedure": "regular",
    "received": "2026-01-05",
    "events": [
        {"type": "extension", "sent": "2026-03-20", "months": 6, "basis": "Vw 25(2)"},
        {
            "type": "info_request",
            "sent": "2026-02-01",
            "deadline": "2026-02-20",
            "completed": "2026-02-15",
        },
    ],
    "applicant": {
        "name": "Şükrü Ağaoğlu",
        "date_of_birth": "1990-03-04",
        "nationality": "Turkse",
        "address": "Kerkstraat 1\n3511 AB Utrecht",
    },
    "v_number": "3012345678",
    "ind_reference": "IND-4711",
    "reference": "TRM-17",
}
ASYLUM = {**REGULAR, "procedure": "asylum", "received": "2025-09-01", "events": []}
REPRESENTATIVE = {
    "name": "Łukasz Wójcik",
    "organisation": "Rechtswinkel Ḥasan ʿAlī",
    "address": "Oudegracht 10\n3511 AA Utrecht",
    "phone": "030-1234567",
    "email": "lw@example.org",
}
TODAY = date(2026, 11, 25)
EARLY = date(2026, 5, 1)


def case_and_result(data, today=TODAY):
    case_file = parse_case_file(data)
    return case_file, compute(case_file.case, today=today)


def pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def alltext(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def squashed(text: str) -> str:
    """Without any whitespace: long words wrap across lines wherever the layout puts them."""
    return "".join(text.split())


def drawing_fonts(pdf: bytes) -> set[str]:
    """The BaseFont of every font that actually draws text (pages list Helvetica unused)."""
    reader = PdfReader(io.BytesIO(pdf))
    found: set[str] = set()

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict is not None:
            found.add(str(font_dict.get("/BaseFont")))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return found
