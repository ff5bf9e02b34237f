"""The document commands with --case, --rules, a one-element array, and the new commands."""

import hashlib
import json

import pytest

from desktop.core.casefile import parse_case_file
from desktop.store import CaseRepository, open_database
from tests.cli.test_cli_documents import CASE, LATE, pdf_pages, termijn
from tests.packfixture import build_pack

NOTICED = {**CASE, "events": [*CASE["events"], {"type": "notice", "received": "2026-10-07"}]}


def test_case_from_the_database_is_recorded_with_its_sha256(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with open_database(data / "termijn.sqlite") as db:
        case_id = CaseRepository(db).save(parse_case_file(CASE))
    out = tmp_path / "notice.pdf"
    done = termijn(
        "--data-dir",
        str(data),
        "notice",
        "--case",
        str(case_id),
        "-o",
        "notice.pdf",
        "--today",
        LATE,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    with open_database(data / "termijn.sqlite") as db:
        [record] = CaseRepository(db).documents(case_id)
    assert record.kind == "notice" and record.language == "nl"
    assert record.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert record.file_name == "notice.pdf"
    missing = termijn(
        "--data-dir", str(data), "checklist", "--case", "999", "-o", "c.pdf", cwd=tmp_path
    )
    assert missing.returncode == 2 and "no such case" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_one_element_array_and_a_relative_path_work(tmp_path):
    (tmp_path / "export.json").write_text(json.dumps([CASE]), encoding="utf-8")
    done = termijn("checklist", "export.json", "-o", "out.pdf", "--today", LATE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.pdf").exists()


def test_rules_option_names_the_pack_in_the_document(tmp_path):
    pack_file = build_pack(tmp_path)
    (tmp_path / "case.json").write_text(json.dumps(CASE), encoding="utf-8")
    done = termijn(
        "notice",
        "case.json",
        "--lang",
        "nl+en",
        "-o",
        "n.pdf",
        "--today",
        LATE,
        "--rules",
        str(pack_file),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "xx-2027.1" in done.stdout
    text = " ".join(pdf_pages(tmp_path / "n.pdf"))
    assert "Rule pack xx-2027.1" in text
    assert "€ 30,00" in text or "€30.00" in text  # the second pack's tiers, not the built-in's
    bad = termijn("notice", "case.json", "-o", "n.pdf", "--rules", "nl-1999.1", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("error: --rules")


def test_warnings_go_to_stderr(tmp_path):
    (tmp_path / "case.json").write_text(json.dumps(CASE), encoding="utf-8")
    done = termijn("notice", "case.json", "-o", "n.pdf", "--today", LATE, cwd=tmp_path)
    assert done.returncode == 0
    assert "warning: No penalty is due if the Notice came unreasonably late" in done.stderr
    assert "warning:" not in done.stdout


@pytest.mark.parametrize(
    ("command", "extra", "today", "code"),
    [
        ("appeal", [], "2026-11-25", 0),
        ("appeal", [], "2026-10-15", 2),
        ("penalty-request", [], "2027-01-20", 0),
        ("penalty-request", [], "2026-11-25", 2),
        ("appointment-letter", ["--appointment", "1"], "2026-11-25", 2),
    ],
)
def test_the_route_commands(tmp_path, command, extra, today, code):
    (tmp_path / "case.json").write_text(json.dumps(NOTICED), encoding="utf-8")
    done = termijn(command, "case.json", "-o", "out.pdf", "--today", today, *extra, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    if code:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ")
        assert not (tmp_path / "out.pdf").exists()
    else:
        assert pdf_pages(tmp_path / "out.pdf")


def test_the_appointment_letter_command(tmp_path):
    missed = {
        "type": "appointment",
        "kind": "biometrics",
        "date": "2026-02-10",
        "attended": False,
        "excuse": "ziek",
    }
    case = {**CASE, "events": [*CASE["events"], missed]}
    (tmp_path / "case.json").write_text(json.dumps(case), encoding="utf-8")
    done = termijn(
        "appointment-letter",
        "case.json",
        "--appointment",
        "1",
        "-o",
        "a.pdf",
        "--lang",
        "nl+en",
        "--today",
        "2026-03-01",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_pages(tmp_path / "a.pdf"))
    assert "gemiste afspraak van 10 februari 2026" in text and "ziek" in text
    assert "Translation – do not send" in text
