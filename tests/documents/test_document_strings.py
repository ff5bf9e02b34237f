"""Every string the documents print has a Dutch translation that keeps its placeholders."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{\w+\}")


def document_msgids():
    found = extract_from_dir(
        ROOT / "desktop" / "documents",
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "both": None},
    )
    return {message for _file, _line, message, _comments, _context in found}


def test_every_document_string_is_translated_with_its_placeholders():
    with (ROOT / "translations" / "nl" / "LC_MESSAGES" / "termijn.po").open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    msgids = document_msgids()
    assert len(msgids) > 80
    for msgid in msgids:
        entry = catalog.get(msgid)
        assert entry is not None and entry.string and not entry.fuzzy, msgid
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(entry.string)), msgid


def test_place_is_the_town_of_the_sender_address():
    from desktop.core import parse_case_file
    from desktop.documents.common import DocumentSettings, place_of

    def case_file(address: str):
        return parse_case_file(
            {
                "procedure": "regular",
                "received": "2026-01-05",
                "applicant": {"name": "A"},
                "representative": {"name": "R", "address": address},
            }
        )

    assert place_of(case_file("Postbus 1, 9700 AA Groningen"), DocumentSettings()) == "Groningen"
    assert (
        place_of(case_file("Keizersgracht 1\n1015 AA Amsterdam"), DocumentSettings()) == "Amsterdam"
    )
    assert place_of(case_file("x"), DocumentSettings(place="Utrecht")) == "Utrecht"


def test_an_objection_notice_heads_its_table_objection():
    from desktop.documents.notice import build_notice

    from .support import TODAY, alltext, case_and_result

    objection = {
        "procedure": "objection",
        "objected_decision_sent": "2025-06-02",
        "events": [],
        "applicant": {"name": "A. Applicant"},
        "v_number": "1234567890",
        "objected_decision_reference": "IND-B-77",
        "objection_lodged": "2025-06-20",
    }
    case_file, result = case_and_result(objection)
    nl = alltext(build_notice(case_file, result, "nl", today=TODAY))
    en = alltext(build_notice(case_file, result, "en", today=TODAY))
    # The heading stands right before the table's first label; the contested decision and the
    # objection are identified (issue 11: date and reference, and the date of the objection).
    assert "Bezwaar Soort" in nl and "Aanvraag Soort" not in nl
    assert "Objection Type" in en and "Application Type" not in en
    assert "Besluit verzonden op 2 juni 2025" in nl and "IND-B-77" in nl
    assert "Bezwaar verzonden op 20 juni 2025" in nl
    assert "Het bezwaar is gericht tegen het besluit dat op 2 juni 2025 is verzonden." in nl
    assert "beslist op het bezwaar" in nl
