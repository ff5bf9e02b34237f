"""`termijn cases|backup|restore|demo` as the user runs them: separate processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def termijn(*args, data_dir, check=True):
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
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def test_demo_list_search_and_sort(data):
    made = termijn("demo", "--cases", "300", "--seed", "5", "--today", "2026-11-25", data_dir=data)
    assert "added 300" in made.stdout
    listed = termijn("cases", "list", "--all", "--json", "--today", "2026-11-25", data_dir=data)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 300
    from desktop.store.search import fold

    keys = [fold(r["applicant"]) for r in rows]
    assert keys == sorted(keys)
    name = rows[0]["applicant"]
    found = termijn("cases", "list", "--all", "--json", "--search", fold(name), data_dir=data)
    assert name in found.stdout


def test_export_import_round_trip(data, tmp_path):
    termijn("demo", "--cases", "40", "--seed", "1", data_dir=data)
    out = tmp_path / "all.json"
    termijn("cases", "export", str(out), data_dir=data)
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported) == 40
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    other = tmp_path / "other"
    assert "imported 40" in termijn("cases", "import", str(out), data_dir=other).stdout
    again = tmp_path / "again.json"
    termijn("cases", "export", str(again), data_dir=other)
    assert json.loads(again.read_text(encoding="utf-8")) == exported
    one = tmp_path / "one.json"
    termijn("cases", "export", "--case", "2", str(one), data_dir=data)
    assert json.loads(one.read_text(encoding="utf-8")) == [exported[1]]


def test_bad_import_exits_2_with_one_line_naming_each_record(data, tmp_path):
    termijn("demo", "--cases", "3", data_dir=data)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            [
                {"procedure": "regular", "received": "2026-01-05"},
                {"procedure": "nope"},
                {"procedure": "regular", "received": "2026-02-30"},
            ]
        )
    )
    result = termijn("cases", "import", str(bad), data_dir=data, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "case 1: procedure" in result.stderr and "case 2: received" in result.stderr
    assert "Traceback" not in result.stderr
    listed = termijn("cases", "list", "--all", "--json", data_dir=data)
    assert len(listed.stdout.splitlines()) == 3  # nothing imported
    missing = termijn(
        "cases", "export", "--case", "999", str(tmp_path / "x.json"), data_dir=data, check=False
    )
    assert missing.returncode == 2 and "999" in missing.stderr


def test_backup_and_restore(data, tmp_path):
    termijn("demo", "--cases", "5", data_dir=data)
    made = termijn("backup", data_dir=data).stdout
    backup = Path(made.split("backup written: ")[1].strip())
    assert backup.is_file()
    termijn("demo", "--cases", "5", "--seed", "9", data_dir=data)
    restored = termijn("restore", str(backup), data_dir=data)
    assert "previous contents" in restored.stdout
    listed = termijn("cases", "list", "--all", "--json", data_dir=data)
    assert len(listed.stdout.splitlines()) == 5
    junk = tmp_path / "junk.sqlite"
    junk.write_text("junk")
    refused = termijn("restore", str(junk), data_dir=data, check=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert len(termijn("cases", "list", "--all", "--json", data_dir=data).stdout.splitlines()) == 5


def test_damaged_and_too_new_files_give_one_clear_line(data):
    data.mkdir(parents=True)
    (data / "termijn.sqlite").write_bytes(b"this is not a database" * 10)
    result = termijn("cases", "list", data_dir=data, check=False)
    assert result.returncode == 1
    assert "not a Termijn case file" in result.stderr and "termijn.sqlite" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data / "termijn.sqlite").read_bytes() == b"this is not a database" * 10


def test_restore_takes_a_relative_path(data):
    termijn("demo", "--cases", "4", data_dir=data)
    made = Path(termijn("backup", data_dir=data).stdout.split("backup written: ")[1].strip())
    termijn("demo", "--cases", "3", data_dir=data)
    relative = made.relative_to(data)  # backups/termijn-….sqlite
    env = dict(os.environ, TERMIJN_DATA_DIR=str(data), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "restore", str(relative)],
        cwd=data,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    listed = termijn("cases", "list", "--all", "--json", data_dir=data)
    assert len(listed.stdout.splitlines()) == 4
