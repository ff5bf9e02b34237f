"""`termijn cases list` (header, days left) and `cases import` (duplicates skipped) as processes."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"


def termijn(*args, data_dir):
    env = dict(os.environ, TERMIJN_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def case(name, v_number="", received="2026-03-02", procedure="regular"):
    return {
        "procedure": procedure,
        "received": received,
        "events": [],
        "applicant": {"name": name},
        "v_number": v_number,
    }


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def test_list_has_a_header_and_days_left(data):
    termijn("demo", "--cases", "30", "--seed", "3", "--today", TODAY, data_dir=data)
    table = termijn("cases", "list", "--all", "--today", TODAY, data_dir=data)
    assert table.returncode == 0, table.stderr
    header, *lines = table.stdout.splitlines()
    assert header.split() == (
        ["ID", "Reference", "Applicant", "V-number", "Procedure"]
        + ["Next", "step", "Next", "date", "Days", "left"]
    )
    rows = termijn("cases", "list", "--all", "--json", "--today", TODAY, data_dir=data)
    records = [json.loads(line) for line in rows.stdout.splitlines()]
    assert len(lines) == len(records) == 30
    today = date.fromisoformat(TODAY)
    dated = [r for r in records if r["next_date"]]
    assert dated, "demo cases have next dates"
    for record, line in zip(records, lines, strict=True):
        assert line.split()[0] == str(record["id"])
        if record["next_date"] is None:
            assert record["days_left"] is None
            continue
        expected = (date.fromisoformat(record["next_date"]) - today).days
        assert record["days_left"] == expected
        assert line.rstrip().endswith(f"{record['next_date']}  {expected}")


def test_an_empty_list_says_so_without_a_header(data):
    listed = termijn("cases", "list", data_dir=data)
    assert listed.returncode == 0
    assert listed.stdout == ""
    assert "no cases" in listed.stderr


def test_import_skips_cases_already_there_and_says_how_many(data, tmp_path):
    first = tmp_path / "first.json"
    first.write_text(
        json.dumps([case("Şükrü Ağaoğlu", "3012345678"), case("Anna de Vries")]), encoding="utf-8"
    )
    made = termijn("cases", "import", str(first), data_dir=data)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("imported 2 case(s)")
    assert "skipped" not in made.stdout

    second = tmp_path / "second.json"
    second.write_text(
        json.dumps(
            [
                case("Sukru Agaoglu", "V 301 234 5678"),  # the same V-number, written otherwise
                case("ANNA DE VRIES"),  # no V-number: the same name
                case("Anna de Vries", received="2026-03-03"),  # another receipt date
                case("Anna de Vries", procedure="mvv"),  # another procedure
                case("Şükrü Ağaoğlu", "9999999999"),  # a namesake with another V-number
                case("Piet Jansen"),
                case("piet jansen"),  # the same case twice in the file
            ]
        ),
        encoding="utf-8",
    )
    again = termijn("cases", "import", str(second), data_dir=data)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("imported 4 case(s)")
    assert "skipped 3 already in Termijn" in again.stdout
    assert "--allow-duplicates" in again.stdout
    listed = termijn("cases", "list", "--json", data_dir=data).stdout.splitlines()
    assert len(listed) == 6

    forced = termijn("cases", "import", "--allow-duplicates", str(first), data_dir=data)
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("imported 2 case(s)")
    assert len(termijn("cases", "list", "--json", data_dir=data).stdout.splitlines()) == 8


def test_import_of_a_bad_file_still_imports_nothing(data, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([case("A"), dict(case("B"), received="2026-02-30")]), "utf-8")
    result = termijn("cases", "import", str(bad), data_dir=data)
    assert result.returncode == 2
    assert "case 1: received" in result.stderr
    assert termijn("cases", "list", data_dir=data).stdout == ""
