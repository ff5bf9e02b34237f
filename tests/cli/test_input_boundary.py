"""The input boundary as a user meets it: what each refusal says, and what still reads fine."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.input import source_name
from desktop.core.jsontext import MAX_INPUT_BYTES

ROOT = Path(__file__).resolve().parents[2]
CASE = {
    "procedure": "regular",
    "received": "2026-01-05",
    "events": [{"type": "extension", "sent": "2026-03-20", "months": 6, "basis": "Vw 25(2)"}],
    "applicant": {"name": "Şükrü Ağaoğlu", "address": "Kerkstraat 1\n3511 AB Utrecht"},
}


def termijn(*args, stdin=b"", env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "LANG": "en_GB.UTF-8", **(env or {})},
        timeout=120,
        check=False,
    )


def refusal(done):
    """The one error line of a refused command (and that nothing else came out)."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == b""
    lines = done.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and len(lines[0]) <= 200, lines
    return lines[0]


def compute(payload: bytes):
    return termijn("compute", "-", "--today", "2026-11-25", stdin=payload)


def with_(**fields):
    return json.dumps({**CASE, **fields}).encode()


# ------------------------------------------------------------------ issue 13: missing fields


def test_an_empty_object_says_the_procedure_is_missing():
    line = refusal(compute(b"{}"))
    assert line.startswith("error: case 0: procedure: missing (one of regular, mvv,"), line


def test_a_pause_without_basis_is_refused_naming_the_field():
    pause = {"type": "pause", "from": "2026-02-01", "until": "2026-02-10"}
    line = refusal(compute(with_(events=[CASE["events"][0], pause])))
    assert line.startswith("error: case 0: events[1].basis: missing"), line


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"sent": "2026-02-01"}, "events[0].type: missing"),
        ({"type": "decision"}, "events[0].sent: missing"),
        ({"type": "extension", "sent": "2026-02-01", "basis": "Vw 25(2)"}, "months: missing"),
        ({"type": "appointment", "kind": "biometrics", "date": "2026-02-01"}, "attended: missing"),
        ({"type": "appointment", "date": "2026-02-01", "attended": True}, "kind: missing"),
    ],
)
def test_every_missing_field_is_called_missing(event, field):
    assert field in refusal(compute(with_(events=[event])))


# ------------------------------------------------------------------ text: UTF-8, surrogates


def test_a_lone_surrogate_is_refused_naming_the_field_and_showing_it():
    line = refusal(compute(json.dumps({**CASE, "applicant": {"name": "A\ud800B"}}).encode()))
    assert line == (
        "error: case 0: applicant.name: not valid text: a lone surrogate \\ud800 at character 2"
        " in 'A\\ud800B'"
    )


def test_a_lone_surrogate_in_a_field_termijn_ignores_is_refused_too():
    line = refusal(compute(json.dumps([CASE, {**CASE, "source": {"tool": "x\udc80"}}]).encode()))
    assert line.startswith("error: case 1: source.tool: not valid text: a lone surrogate"), line


def test_invalid_utf8_on_stdin_is_refused_as_in_a_file(tmp_path):
    payload = with_(notes="@@").replace(b"@@", b"caf\xe9")
    on_stdin = refusal(compute(payload))
    assert on_stdin.startswith("error: standard input: not UTF-8 text: byte 0xe9 at line 1"), (
        on_stdin
    )
    path = tmp_path / "case.json"
    path.write_bytes(payload)
    in_file = refusal(termijn("compute", str(path)))
    assert in_file == on_stdin.replace("standard input", source_name(str(path)))


def test_a_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-16")
    line = refusal(termijn("compute", str(path)))
    assert line.endswith("case.json: UTF-16 text, not UTF-8: save the file as UTF-8"), line


def test_a_utf8_byte_order_mark_is_fine():
    done = compute(b"\xef\xbb\xbf" + json.dumps(CASE).encode())
    assert done.returncode == 0, done.stderr


def test_compute_writes_utf8_whatever_the_locale_says():
    """A non-ASCII basis comes back in the result: UTF-8 even with a Latin-1 stdout."""
    case = {**CASE, "events": [{**CASE["events"][0], "basis": "Vw 25(2) é"}]}
    done = termijn(
        "compute", "-", stdin=json.dumps(case).encode(), env={"PYTHONIOENCODING": "latin-1"}
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # strict: raises on a byte that is not UTF-8
    assert "'Vw 25(2) é'" in text


# ------------------------------------------------------------------ sizes, depth, numbers


def test_a_million_character_basis_is_refused_with_its_size_not_its_text(tmp_path):
    case = {**CASE, "events": [{**CASE["events"][0], "basis": "x" * 1_000_000}]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    line = refusal(termijn("notice", str(path), "-o", str(tmp_path / "n.pdf")))
    assert line == (
        "error: case 0: events[0].basis: 1,000,000 characters, at most 200 fit: shorten it"
    )
    assert not (tmp_path / "n.pdf").exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: no time or disk spent writing it
    line = refusal(termijn("compute", str(path)))
    assert line.endswith(
        f"big.json: too large ({MAX_INPUT_BYTES + 1:,} bytes); Termijn reads case files of "
        "at most 128 MiB"
    )


def test_deep_nesting_and_long_numbers_are_refused_before_parsing():
    assert refusal(compute(b"[" * 100_000 + b"]" * 100_000)).endswith(
        "standard input: nested more than 32 levels deep"
    )
    line = refusal(compute(with_(x=1)[:-1] + b', "y": ' + b"9" * 5000 + b"}"))
    assert "a number of 5,000 digits (at most 20)" in line


def test_a_repeated_key_is_refused_by_every_reader(tmp_path):
    payload = with_(x=1).replace(b'"x": 1', b'"received": "2026-05-01"')
    assert refusal(compute(payload)).endswith(
        "standard input: the key 'received' appears twice in one object: keep the one you mean"
    )
    path = tmp_path / "twice.json"
    path.write_bytes(payload)
    line = refusal(termijn("--data-dir", str(tmp_path / "data"), "cases", "import", str(path)))
    assert line.endswith(
        "twice.json: the key 'received' appears twice in one object: keep the one you mean"
    )
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_are_not_json(constant):
    line = refusal(compute(with_(x=1).replace(b'"x": 1', b'"x": ' + constant)))
    assert "is not a JSON value" in line


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize("field", ["received", "ind_stated_end"])
@pytest.mark.parametrize("day", ["9999-12-31", "2101-01-01", "1989-12-31", "0001-01-01"])
def test_dates_outside_the_computable_range_are_refused(field, day):
    line = refusal(compute(with_(**{field: day})))
    assert f"{field}: {day} is outside the dates Termijn can compute with" in line
    assert "(1990-01-01 to 2100-12-31)" in line


def test_a_date_of_birth_may_be_older_than_a_case():
    ok = compute(with_(applicant={"name": "A", "date_of_birth": "1931-05-02"}))
    assert ok.returncode == 0, ok.stderr
    line = refusal(compute(with_(applicant={"name": "A", "date_of_birth": "1899-12-31"})))
    assert "applicant.date_of_birth: 1899-12-31 is outside" in line


# ------------------------------------------------------------------ import


def test_a_refused_import_does_not_even_create_the_case_file(tmp_path):
    data = tmp_path / "data"
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([CASE, {**CASE, "received": "9999-01-01"}]), encoding="utf-8")
    line = refusal(termijn("--data-dir", str(data), "cases", "import", str(path)))
    assert line.startswith("error: nothing imported: case 1: received: 9999-01-01 is outside")
    assert not data.exists()


def test_many_bad_records_are_summed_up_on_one_line(tmp_path):
    path = tmp_path / "cases.json"
    bad = [{**CASE, "received": f"2026-02-{30 + i % 2}"} for i in range(40)]
    path.write_text(json.dumps(bad), encoding="utf-8")
    line = refusal(termijn("--data-dir", str(tmp_path / "d"), "cases", "import", str(path)))
    assert line.startswith("error: nothing imported: case 0: received: not a date: '2026-02-30'")
    assert line.endswith(" more)")


def test_import_reads_stdin_through_the_same_boundary(tmp_path):
    done = termijn(
        "--data-dir", str(tmp_path / "d"), "cases", "import", "-", stdin=json.dumps([CASE]).encode()
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("imported 1 case(s)")


# ------------------------------------------------------------------ one boundary, for good

READERS = {"open", "read_text", "read_bytes", "loads", "load", "stdin"}


def test_no_command_reads_input_except_through_the_boundary():
    """A new command (appeal, calendar, bundle import…) must call desktop.cli.input."""
    offenders = []
    for path in sorted((ROOT / "desktop" / "cli").glob("*.py")):
        if path.name == "input.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (
                node.attr
                if isinstance(node, ast.Attribute)
                else node.id
                if isinstance(node, ast.Name)
                else None
            )
            is_os_call = isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "os"
            if name in READERS and not is_os_call:  # os.open(os.devnull): output, not input
                offenders.append(f"{path.name}:{node.lineno}: {name}")
    assert not offenders, offenders
