"""`python -m desktop compute` run as a process: single case, batch, stdin, language, bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# E5 (rules.md §5): regular, received Tue 27-01-2026 + 90 d = Koningsdag -> Tue 28-04-2026.
E5 = {"procedure": "regular", "received": "2026-01-27", "ind_stated_end": None, "events": []}
# E1: asylum 10-04-2024 + 6 m = Thu 10-10-2024.
E1 = {"procedure": "asylum", "received": "2024-04-10", "ind_stated_end": None, "events": []}
# E14: regular 01-10-2025 (term ends 30-12-2025), Notice received Mon 02-03-2026;
# --today 05-04-2026: 20 penalty days = 14 x 23 + 6 x 35 = 532.00.
E14 = {
    "procedure": "regular",
    "received": "2025-10-01",
    "ind_stated_end": None,
    "events": [{"type": "notice", "received": "2026-03-02"}],
}


def termijn(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", "compute", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def write(tmp_path, data, name="case.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def assert_bad_input(proc, *needles):
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("error: "), line
    for needle in needles:
        assert needle in line, (needle, line)
    return line


def test_one_case(tmp_path):
    proc = termijn(write(tmp_path, E5), "--today", "2026-06-01")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    result = json.loads(proc.stdout)
    assert isinstance(result, dict)
    assert result["rules"] == "nl-2026.12"
    assert result["procedure"] == "regular"
    assert result["term"]["statutory_end"] == "2026-04-28"
    assert result["term"]["safe_notice_receipt"] == "2026-04-29"
    assert result["term"]["atw_applies"] is True


def test_today_drives_the_penalty(tmp_path):
    proc = termijn(write(tmp_path, E14), "--today", "2026-04-05")
    assert proc.returncode == 0, proc.stderr
    penalty = json.loads(proc.stdout)["penalty"]
    assert penalty["first_day"] == "2026-03-17"
    assert penalty["days"] == 20
    assert penalty["amount_eur"] == "532.00"
    assert '"532.00"' in proc.stdout  # money as a string, never a float


def test_batch_keeps_order(tmp_path):
    proc = termijn(write(tmp_path, [E5, E1, E14]), "--today", "2026-04-05")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert isinstance(results, list)
    assert [r["procedure"] for r in results] == ["regular", "asylum", "regular"]
    assert [r["term"]["statutory_end"] for r in results] == [
        "2026-04-28",
        "2024-10-10",
        "2025-12-30",
    ]
    assert results[2]["penalty"]["amount_eur"] == "532.00"


def test_batch_of_one_is_an_array(tmp_path):
    proc = termijn(write(tmp_path, [E5]), "--today", "2026-06-01")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert isinstance(results, list) and len(results) == 1


def test_stdin():
    proc = termijn("-", "--today", "2026-06-01", stdin=json.dumps(E1))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["procedure"] == "asylum"
    assert result["term"]["statutory_end"] == "2024-10-10"
    assert result["penalty"]["applies"] is False


def test_stdin_batch():
    proc = termijn("-", "--today", "2026-06-01", stdin=json.dumps([E1, E5]))
    assert proc.returncode == 0, proc.stderr
    assert [r["procedure"] for r in json.loads(proc.stdout)] == ["asylum", "regular"]


def test_lang_nl_same_dates(tmp_path):
    path = write(tmp_path, E14)
    en = termijn(path, "--today", "2026-04-05", "--lang", "en")
    nl = termijn(path, "--today", "2026-04-05", "--lang", "nl")
    assert en.returncode == 0 and nl.returncode == 0, (en.stderr, nl.stderr)
    en_result, nl_result = json.loads(en.stdout), json.loads(nl.stdout)
    assert nl_result["term"] == en_result["term"]
    assert nl_result["penalty"] == en_result["penalty"]
    assert nl.stdout != en.stdout, "--lang nl changed nothing"
    for step in nl_result["steps"]:
        assert step["nl"].strip() and step["en"].strip()


def test_default_today_works(tmp_path):
    proc = termijn(write(tmp_path, E5))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["term"]["statutory_end"] == "2026-04-28"


# ------------------------------------------------------------------ bad input


def test_unknown_procedure(tmp_path):
    proc = termijn(write(tmp_path, {**E5, "procedure": "tourist"}))
    assert_bad_input(proc, "case 0", "procedure")


def test_impossible_date(tmp_path):
    case = {
        **E5,
        "events": [
            {"type": "notice", "received": "2026-05-01"},
            {"type": "decision", "sent": "2026-02-30"},
        ],
    }
    line = assert_bad_input(termijn(write(tmp_path, case)), "case 0", "events[1].sent")
    assert "2026-02-30" in line


def test_impossible_received_date(tmp_path):
    proc = termijn(write(tmp_path, {**E5, "received": "2026-02-30"}))
    assert_bad_input(proc, "case 0", "received", "2026-02-30")


def test_event_before_receipt(tmp_path):
    case = {**E5, "events": [{"type": "notice", "received": "2026-01-26"}]}
    assert_bad_input(termijn(write(tmp_path, case)), "case 0", "events[0].received")


def test_missing_received(tmp_path):
    case = {k: v for k, v in E5.items() if k != "received"}
    assert_bad_input(termijn(write(tmp_path, case)), "case 0", "received")


def test_missing_procedure(tmp_path):
    case = {k: v for k, v in E5.items() if k != "procedure"}
    assert_bad_input(termijn(write(tmp_path, case)), "case 0", "procedure")


def test_missing_event_field(tmp_path):
    case = {**E5, "events": [{"type": "pause", "from": "2026-02-01", "basis": "Awb 4:15(2)(a)"}]}
    assert_bad_input(termijn(write(tmp_path, case)), "case 0", "events[0].until")


def test_objection_missing_objected_decision_sent(tmp_path):
    case = {"procedure": "objection", "events": []}
    assert_bad_input(termijn(write(tmp_path, case)), "case 0", "objected_decision_sent")


def test_malformed_json(tmp_path):
    path = write(tmp_path, '{"procedure": "regular", "received": ', name="broken.json")
    assert_bad_input(termijn(path), "broken.json")


def test_malformed_json_on_stdin():
    assert_bad_input(termijn("-", stdin="[{]"))


def test_nonexistent_file(tmp_path):
    path = str(tmp_path / "nope.json")
    assert_bad_input(termijn(path), "nope.json")


@pytest.mark.parametrize("position", [0, 1, 2])
def test_bad_case_in_batch_fails_whole_batch(tmp_path, position):
    batch = [E5, E1, E14]
    batch[position] = {**batch[position], "procedure": "tourist"}
    proc = termijn(write(tmp_path, batch), "--today", "2026-04-05")
    assert_bad_input(proc, f"case {position}", "procedure")


def test_bad_date_in_last_batch_case(tmp_path):
    bad = {**E14, "events": [{"type": "notice", "received": "2026-13-01"}]}
    proc = termijn(write(tmp_path, [E5, E1, bad]), "--today", "2026-04-05")
    assert_bad_input(proc, "case 2", "events[0].received")


def test_case_not_an_object(tmp_path):
    proc = termijn(write(tmp_path, [E5, "regular"]))
    assert_bad_input(proc, "case 1")


def test_bad_today(tmp_path):
    proc = termijn(write(tmp_path, E5), "--today", "2026-02-30")
    assert_bad_input(proc, "--today")
