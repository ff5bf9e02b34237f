"""`termijn person find|access|erase` and `termijn retention` as processes."""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def case(name, v_number, reference, **extra):
    return {
        "procedure": "regular",
        "received": "2025-10-01",
        "reference": reference,
        "v_number": v_number,
        "applicant": {"name": name, "date_of_birth": "1988-04-12"},
        "events": [{"type": "decision", "sent": "2026-05-04"}],
        **extra,
    }


CASES = [
    case("Amina Yusuf", "V 123 456 7890", "R-1"),
    case(
        "Omar Yusuf",
        "V 222 333 4444",
        "R-2",
        family_members=[{"name": "Amina Yusuf", "v_number": "1234567890", "relation": "zus"}],
    ),
    case("Jan de Vries", "V 999 888 7777", "R-3"),
]


def termijn(*args, data_dir, stdin=subprocess.DEVNULL):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=dict(os.environ, TERMIJN_DATA_DIR=str(data_dir)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=stdin,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def filled(tmp_path):
    data = tmp_path / "data"
    source = tmp_path / "cases.json"
    source.write_text(json.dumps(CASES), encoding="utf-8")
    assert termijn("cases", "import", str(source), data_dir=data).returncode == 0
    return data


def test_find_and_access_report(tmp_path):
    data = filled(tmp_path)
    found = termijn("person", "find", "--name", "amina yusuf", data_dir=data)
    assert found.stdout.splitlines() == ["case 1 R-1: applicant", "case 2 R-2: family member"]
    out = tmp_path / "amina"
    made = termijn(
        "person", "access", "--name", "Amina Yusuf", "--lang", "en", "-o", str(out), data_dir=data
    )
    assert made.returncode == 0, made.stderr
    report = json.loads((tmp_path / "amina.json").read_text(encoding="utf-8"))
    assert [c["case_id"] for c in report["cases"]] == [1, 2]
    assert report["cases"][0]["case"]["applicant"]["name"] == "Amina Yusuf"
    assert report["cases"][0]["audit"][0]["field"] == "created"
    # Someone else's case: her own record, not the other people's details.
    other = report["cases"][1]
    assert other["records"][0]["name"] == "Amina Yusuf"
    assert "applicant" not in other["case"] and "Omar" not in json.dumps(other)
    assert (tmp_path / "amina.pdf").stat().st_mode & 0o077 == 0
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "amina.pdf").pages)
    assert "Amina Yusuf" in text and "Case 1 · R-1" in text and "family member" in text
    dutch = termijn("person", "access", "--name", "Amina Yusuf", "-o", str(out), data_dir=data)
    assert dutch.returncode == 0
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "amina.pdf").pages)
    assert "Zaak 1 · R-1" in text and "gezinslid" in text


def test_erase_asks_first_names_what_goes_and_leaves_no_trace(tmp_path):
    data = filled(tmp_path)
    backup = termijn("backup", data_dir=data)
    assert backup.returncode == 0
    refused = termijn("person", "erase", "--name", "Amina Yusuf", data_dir=data)
    assert refused.returncode == 2
    assert "case 1 R-1: the whole case (1 event(s)" in refused.stdout
    assert "case 2 R-2: the person as family member" in refused.stdout
    assert refused.stderr == "error: nothing was erased: confirm on a terminal, or add --yes\n"
    assert "Amina" in termijn("cases", "list", data_dir=data).stdout

    done = termijn("person", "erase", "--name", "Amina Yusuf", "--yes", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "erased 1 case(s); removed the person from 1 other case(s)" in done.stdout
    backups = sorted((data / "backups").glob("termijn-*.sqlite"))
    assert len(backups) == 2  # the one made by hand and today's, made when a command opened it
    assert f"{len(backups)} backup(s) still hold the person" in done.stdout
    assert "kept until deleted" in done.stdout and "ages out on" in done.stdout
    with closing(sqlite3.connect(data / "termijn.sqlite")) as raw:
        for (table,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in raw.execute(f'SELECT * FROM "{table}"'):
                assert not any("amina" in str(cell).casefold() for cell in row), (table, row)
                assert not any("7890" in str(cell) for cell in row), (table, row)
    assert termijn("person", "find", "--name", "Amina Yusuf", data_dir=data).stdout == ""

    purged = termijn(
        "person", "erase", "--name", "Amina Yusuf", "--purge-backups", "--yes", data_dir=data
    )
    assert "deleted 2 backup(s)" in purged.stdout
    assert not list((data / "backups").glob("termijn-*.sqlite"))


def test_retention_lists_then_erases_after_confirmation(tmp_path):
    data = filled(tmp_path)
    with closing(sqlite3.connect(data / "termijn.sqlite")) as raw:
        raw.execute(
            "UPDATE case_file SET archived = 1, updated = '2023-05-01 09:00:00.000000' WHERE id = 3"
        )
        raw.commit()
    shown = termijn("retention", "show", "--today", "2026-12-01", data_dir=data)
    assert shown.stdout.splitlines() == [
        "retention: 24 months; closed cases last changed before 2024-12-01 are due: 1",
        "  case 3 R-3: archived, last changed 2023-05-01",
    ]
    refused = termijn("retention", "apply", "--today", "2026-12-01", data_dir=data)
    assert refused.returncode == 2
    applied = termijn("retention", "apply", "--today", "2026-12-01", "--yes", data_dir=data)
    assert applied.stdout.splitlines()[-1] == "erased 1 case(s)"
    assert termijn("retention", "set", "0", data_dir=data).stdout.strip() == "retention: off"
    assert "off" in termijn("retention", "show", data_dir=data).stdout
    bad = termijn("person", "find", data_dir=data)
    assert bad.returncode == 2 and "a name or a V-number" in bad.stderr
