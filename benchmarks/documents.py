"""Benchmark the documents: Notice + checklist, warm, against ReportLab laying out the same text.

    python benchmarks/documents.py [--rounds 20]

The baseline is fair: the very text of the Notice and the checklist (as a reader extracts it from
the PDFs, line by line) laid out as plain Paragraphs in a SimpleDocTemplate with the same embedded
font, two documents as the product makes, measured in the same run. What the product adds on top
is the case's computation, tables, the letterhead, page numbering and keep-together rules.
Prints figures; asserts nothing (machines are shared and noisy: compare the ratio, target <= 2).
The cold figure is the first Notice in a fresh interpreter, imports included.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop.core.casefile import parse_case_file
from desktop.core.compute import compute
from desktop.documents.checklist import build_checklist
from desktop.documents.notice import build_notice
from desktop.documents.shaping import printable

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
CASE = {
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
    "representative": {
        "name": "Łukasz Wójcik",
        "organisation": "Rechtswinkel",
        "address": "Oudegracht 10\n3511 AA Utrecht",
    },
    "v_number": "3012345678",
    "ind_reference": "IND-4711",
}

COLD = """
import time
t0 = time.perf_counter()
from datetime import date
from desktop.core.casefile import parse_case_file
from desktop.core.compute import compute
from desktop.documents.notice import build_notice
import json, sys
case_file = parse_case_file(json.loads(sys.argv[1]))
pdf = build_notice(case_file, compute(case_file.case, today=date(2026, 11, 25)), "nl",
                   today=date(2026, 11, 25))
print(time.perf_counter() - t0, len(pdf))
"""


def lines_of(pdf: bytes) -> list[str]:
    """The text of a PDF as a reader extracts it, one line each (done once, outside the timing)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines() if line]


def plain_documents(texts: list[list[str]]) -> list[bytes]:
    """ReportLab's floor: the same lines as plain Paragraphs, same font, one PDF per document."""
    from xml.sax.saxutils import escape

    from desktop.documents.fonts import register_fonts

    style = ParagraphStyle("plain", fontName=register_fonts(), fontSize=10, leading=13)
    out = []
    for lines in texts:
        buffer = io.BytesIO()
        story = [Paragraph(escape(printable(line)), style) for line in lines]
        SimpleDocTemplate(buffer, pagesize=A4).build(story)
        out.append(buffer.getvalue())
    return out


def timed(fn, rounds: int) -> float:
    """Median seconds per call (the median shrugs off a noisy neighbour)."""
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import json

    cold = subprocess.run(
        [sys.executable, "-c", COLD, json.dumps(CASE, ensure_ascii=False)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    cold_s, cold_bytes = cold.stdout.split()

    case_file = parse_case_file(CASE)
    result = compute(case_file.case, today=TODAY)

    def documents() -> None:
        build_notice(case_file, result, "nl", today=TODAY)
        build_checklist(case_file, result, "nl", today=TODAY)

    documents()  # warm: fonts parsed, catalogs loaded, Babel locales cached
    texts = [
        lines_of(build_notice(case_file, result, "nl", today=TODAY)),
        lines_of(build_checklist(case_file, result, "nl", today=TODAY)),
    ]
    plain_documents(texts)
    docs = timed(documents, args.rounds)
    notice = timed(lambda: build_notice(case_file, result, "nl", today=TODAY), args.rounds)
    checklist = timed(lambda: build_checklist(case_file, result, "nl", today=TODAY), args.rounds)
    plain = timed(lambda: plain_documents(texts), args.rounds)
    lines = sum(len(t) for t in texts)
    print(f"same text as plain Paragraphs ({lines} lines, 2 PDFs): {plain * 1000:7.1f} ms")
    print(f"Notice (nl, letter and authorisation):          {notice * 1000:7.1f} ms")
    print(f"checklist (nl, 1 page, computes the receipt):   {checklist * 1000:7.1f} ms")
    print(f"Notice + checklist, warm:                       {docs * 1000:7.1f} ms")
    print(f"ratio (Notice + checklist) / same text plain:   {docs / plain:7.2f}  (target <= 2)")
    print(
        f"cold: first Notice in a fresh process:        {float(cold_s) * 1000:7.1f} ms "
        f"({int(cold_bytes):,} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
