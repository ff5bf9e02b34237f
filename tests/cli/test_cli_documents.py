"""`termijn notice` and `termijn checklist` as processes: files written, refusals, exit codes."""

import io
import json
import os
import stat
import subprocess
import sys

import pytest
from pypdf import PdfReader

CASE = {
    "procedure": "regular",
    "received": "2026-01-05",
    "events": [{"type": "extension", "sent": "2026-03-20", "months": 6, "basis": "Vw 25(2)"}],
    "applicant": {
        "name": "Ḥasan ʿAlī",
        "date_of_birth": "1988-12-31",
        "nationality": "Syrische",
        "address": "Kerkstraat 1\n3511 AB Utrecht",
    },
    "v_number": "3012345678",
    "ind_reference": "IND-<b>-1",
}
LATE, EARLY = "2026-11-25", "2026-05-01"  # the term ends on 5 October 2026


def termijn(*args, cwd):
    env = {**os.environ, "LANG": "en_GB.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def pdf_pages(path):
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def case_path(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("nl", "Hierbij stel ik u in gebreke."), ("en", "I hereby give you notice of default.")],
)
def test_notice_is_written_private(tmp_path, case_path, lang, sentence):
    out = tmp_path / "notice.pdf"
    done = termijn(
        "notice", str(case_path), "--lang", lang, "-o", str(out), "--today", LATE, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = " ".join(pdf_pages(out))
    assert sentence in text and "Ḥasan ʿAlī" in text and "IND-<b>-1" in text
    assert sorted(os.listdir(tmp_path)) == ["case.json", "notice.pdf"]  # no temporary left


def test_bilingual_pack(tmp_path, case_path):
    out = tmp_path / "pack.pdf"
    done = termijn(
        "notice", str(case_path), "--lang", "nl+en", "-o", str(out), "--today", LATE, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    texts = pdf_pages(out)
    assert "Hierbij stel ik u in gebreke." in texts[0]
    sheet = " ".join(t for t in texts if "Translation – do not send" in t)
    assert "What was sent" in sheet


def test_premature_notice_is_refused_and_nothing_written(tmp_path, case_path):
    out = tmp_path / "notice.pdf"
    done = termijn("notice", str(case_path), "-o", str(out), "--today", EARLY, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "6 October 2026" in lines[0] and "--draft" in lines[0]  # the earliest safe posting day
    assert not out.exists()


@pytest.mark.parametrize("lang", ["nl", "en", "nl+en"])
def test_premature_draft_says_draft_on_every_page(tmp_path, case_path, lang):
    out = tmp_path / "draft.pdf"
    done = termijn(
        "notice",
        str(case_path),
        "--lang",
        lang,
        "-o",
        str(out),
        "--today",
        EARLY,
        "--draft",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    texts = pdf_pages(out)
    assert texts and all("DRAFT" in t and "CONCEPT" in t for t in texts)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_checklist(tmp_path, case_path, lang):
    out = tmp_path / "checklist.pdf"
    done = termijn(
        "checklist", str(case_path), "--lang", lang, "-o", str(out), "--today", LATE, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    texts = pdf_pages(out)
    assert len(texts) == 1 and "☐" in texts[0]


def test_ind_address_and_place_options(tmp_path, case_path):
    out = tmp_path / "notice.pdf"
    done = termijn(
        "notice",
        str(case_path),
        "-o",
        str(out),
        "--today",
        LATE,
        "--ind-address",
        "Postbus 99",
        "--ind-address",
        "1234 ZZ Zwolle",
        "--ind-fax",
        "088-1",
        "--place",
        "Arnhem",
        "--fax",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_pages(out))
    assert "Postbus 99 1234 ZZ Zwolle" in text and "088-1" in text and "Arnhem, " in text


BAD_CASES = {
    "malformed JSON": "{",
    "a list of two": json.dumps([CASE, CASE]),
    "unknown procedure": json.dumps({**CASE, "procedure": "visa"}),
    "impossible date": json.dumps({**CASE, "received": "2026-02-30"}),
    "bad applicant": json.dumps({**CASE, "applicant": "nobody"}),
}


@pytest.mark.parametrize("content", BAD_CASES.values(), ids=BAD_CASES.keys())
@pytest.mark.parametrize("command", ["notice", "checklist"])
def test_bad_input_exit_2_one_line_nothing_written(tmp_path, command, content):
    case = tmp_path / "case.json"
    case.write_text(content, encoding="utf-8")
    out = tmp_path / "out.pdf"
    done = termijn(command, str(case), "-o", str(out), "--today", LATE, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--today", "2026-13-01"],
        ["--assume", "bill_99"],
        ["-o", "missing-folder/out.pdf"],
        ["--ind-address", " "],
    ],
    ids=["bad today", "unknown flag", "missing folder", "blank IND address"],
)
def test_bad_options_exit_2(tmp_path, case_path, args):
    base = ["notice", str(case_path), "--today", LATE, "-o", str(tmp_path / "out.pdf")]
    done = termijn(*base, *args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.pdf").exists()
