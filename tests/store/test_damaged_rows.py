"""A case row holding a value Termijn never writes: that case is unreadable, the rest works.

Each test damages one value of case 2 of three, the way another tool (or a bad sector) would:
with the driver, the file closed. Then the list and the due board still read every row, case 2
says what is wrong and how to fix it, cases 1 and 3 open, and nothing is written over case 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from desktop.store import CaseQuery, CaseRepository, StorageError, engine, open_database
from desktop.store.calendar_state import CalendarState
from desktop.store.damage import UnreadableCaseError
from desktop.store.snapshot import all_cases, cached_cases
from desktop.store.transfer import export_records
from tests.store.helpers import make_case

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 1)
EVENTS = [
    {"type": "extension", "sent": "2026-03-20", "months": 6, "basis": "Vw 25(2)"},
    {"type": "appointment", "kind": "biometrics", "date": "2026-02-10", "attended": True},
]

# (table, column, bad value, words the message must hold). Event rows: the case's first event
# (the extension) or second (the appointment), by position.
DAMAGE = [
    ("case_file", "procedure", "bogus", "procedure: 'bogus' is not a procedure Termijn knows"),
    ("case_file", "received", "2026-13-45", "received: '2026-13-45' is not a date (YYYY-MM-DD)"),
    ("case_file", "received", 20260105, "received: 20260105 is not a date"),
    ("case_file", "applicant_birth", "yesterday", "applicant_birth: 'yesterday' is not a date"),
    ("case_file", "co_applicants", "[{oops", "co_applicants: '[{oops' is not a list as Termijn"),
    ("case_file", "co_applicants", '["Jan"]', "co_applicants[0]: 'Jan' is not an object"),
    ("case_file", "tags", '{"a": 1}', "tags: '{\"a\": 1}' is not a list"),
    ("case_file", "representative", '{"relation": "x"}', 'representative: \'{"relation"'),
    ("case_file", "particulars", "[]", "particulars: '[]' is not an object"),
    ("case_file", "applicant_name", b"\x00\xff", "applicant_name: bytes is not text"),
    ("case_file", "created", "noon", "created: 'noon' is not a moment"),
    ("case_event:0", "type", "bogus", ": type: 'bogus' is not an event type Termijn knows"),
    ("case_event:0", "day", "2026-02-30", ": day: '2026-02-30' is not a date"),
    ("case_event:0", "months", "six", ": months: 'six' is not a whole number"),
    ("case_event:1", "kind", "bogus", ": kind: 'bogus' is not an appointment kind"),
]
LISTED = {"procedure", "received", "applicant_name"}  # what the list itself reads


def _damage(db_path: Path, table: str, column: str, value: object) -> None:
    """Write `value` into case 2's row (or its event row) with the store's own driver.

    The same SQLite library as the store's: two libraries in one process would each drop the
    other's POSIX locks on close. The file is closed meanwhile, as another tool would find it.
    """
    with closing(engine.driver.connect(db_path, isolation_level=None)) as raw:
        if table == "case_file":
            raw.execute(f"UPDATE case_file SET {column} = ? WHERE id = 2", (value,))
        else:
            position = int(table.split(":")[1])
            raw.execute(
                f"UPDATE case_event SET {column} = ? WHERE case_id = 2 AND position = ?",
                (value, position),
            )
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _rows(db_path: Path) -> list[tuple[object, ...]]:
    """Case 2's rows as stored, to show that nothing wrote over them."""
    with closing(engine.driver.connect(db_path)) as raw:
        case = raw.execute("SELECT * FROM case_file WHERE id = 2").fetchall()
        events = raw.execute("SELECT * FROM case_event WHERE case_id = 2 ORDER BY id").fetchall()
    return case + events


@pytest.fixture
def damaged(tmp_path, request):
    """A data folder of three cases, case 2 damaged as `request.param` says."""
    table, column, value, _words = request.param
    db_path = tmp_path / "data" / "termijn.sqlite"
    with open_database(db_path, daily_backup=False) as db:
        repo = CaseRepository(db)
        repo.save_many([make_case(reference=f"R{i}", events=EVENTS) for i in (1, 2, 3)])
    _damage(db_path, table, column, value)
    return db_path


@pytest.mark.parametrize("damaged", DAMAGE, indirect=True, ids=[f"{d[0]}.{d[1]}" for d in DAMAGE])
def test_one_unreadable_case_leaves_every_other_working_and_is_not_written_over(damaged, request):
    _table, column, _value, words = request.node.callspec.params["damaged"]
    before = _rows(damaged)
    with open_database(damaged, daily_backup=False) as db:
        repo = CaseRepository(db)
        repo.today = lambda: TODAY
        ids = repo.ordered_ids(CaseQuery(today=TODAY))
        rows = repo.rows(ids, TODAY)  # the list: no row raises
        assert sorted(rows) == [1, 2, 3]
        assert rows[2].reference == "R2"  # the case is still named
        if column in LISTED:
            assert rows[2].damage is not None and rows[2].procedure is None
        assert rows[1].damage is None and rows[3].damage is None
        with pytest.raises(UnreadableCaseError) as info:
            repo.get(2)
        message = str(info.value)
        assert words in message, message
        assert "case 2 (reference 'R2')" in message
        assert "restore a backup" in message and "move the case to the bin" in message
        assert len(message) < 500
        assert isinstance(info.value, StorageError)  # every caller already shows these
        for other in (1, 3):
            assert repo.get(other).case_file.reference == f"R{other}"
        # No write goes over the damaged case; each says why, as opening it does.
        good = repo.get(1)
        with pytest.raises(UnreadableCaseError):
            repo.save(good.case_file, 2)
        with pytest.raises(UnreadableCaseError):
            repo.add_event(2, good.case_file.case.events[0])
        # Refreshing key dates (a new rule pack) and the change report pass it by.
        repo.refresh_key_dates(all_cases=True)
        assert {case_id for case_id, _case in all_cases(db)} >= {1, 3}
        assert {1, 3} <= set(cached_cases(db))
        state = CalendarState(db)
        opened = [case.id for batch in state.open_cases() for case in batch]
        assert 1 in opened and 3 in opened
        # Moving it to the bin (one way out) works without reading it.
        repo.delete(2)
        repo.undelete(2)
    after = _rows(damaged)
    # Every value is kept; only the cache of key dates was recomputed (to none), and the bin
    # and back changed the moment of the last change.
    names = _case_columns(damaged)
    kept = [i for i, name in enumerate(names) if not name.startswith("kd_") and name != "updated"]
    assert [after[0][i] for i in kept] == [before[0][i] for i in kept]
    assert after[1:] == before[1:]


def _case_columns(db_path: Path) -> list[str]:
    with closing(engine.driver.connect(db_path)) as raw:
        return [r[1] for r in raw.execute("SELECT * FROM pragma_table_info('case_file')")]


@pytest.mark.parametrize("damaged", [DAMAGE[0]], indirect=True, ids=["procedure"])
def test_export_refuses_a_partial_file_unless_asked(damaged):
    with open_database(damaged, daily_backup=False) as db:
        repo = CaseRepository(db)
        with pytest.raises(UnreadableCaseError):
            export_records(repo)
        skipped: list[UnreadableCaseError] = []
        records = export_records(repo, unreadable=skipped)
        assert [r["reference"] for r in records] == ["R1", "R3"]
        assert [s.case_id for s in skipped] == [2]


def termijn(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "LANG": "en_GB.UTF-8"},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("damaged", [DAMAGE[0]], indirect=True, ids=["procedure"])
def test_the_cli_lists_and_exports_the_rest_and_says_what_to_do(damaged, tmp_path):
    data = damaged.parent
    before = _rows(damaged)
    listed = termijn(data, "cases", "list", "--today", "2026-03-01")
    assert listed.returncode == 1, listed.stderr
    table = listed.stdout.splitlines()
    assert len(table) == 4 and "Traceback" not in listed.stderr
    assert any(line.split()[:2] == ["2", "R2"] and "unreadable" in line for line in table)
    errors = listed.stderr.splitlines()
    assert errors[0] == (
        "error: cannot read case 2 (reference 'R2'): procedure: 'bogus' is not a procedure "
        "Termijn knows"
    )
    assert "restore a backup" in errors[1]
    as_json = termijn(data, "cases", "list", "--json", "--today", "2026-03-01")
    lines = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert as_json.returncode == 1
    assert [line["unreadable"] for line in lines if line["id"] == 2] == [
        "procedure: 'bogus' is not a procedure Termijn knows"
    ]
    target = tmp_path / "out.json"
    refused = termijn(data, "cases", "export", str(target))
    assert refused.returncode == 1 and not target.exists()
    assert refused.stderr.splitlines()[-1] == (
        "error: nothing exported; --skip-unreadable exports the other 2 case(s)"
    )
    done = termijn(data, "cases", "export", "--skip-unreadable", str(target))
    assert done.returncode == 0, done.stderr
    assert [c["reference"] for c in json.loads(target.read_text("utf-8"))] == ["R1", "R3"]
    assert "left out case 2 (reference 'R2')" in done.stderr
    assert _rows(damaged)[1:] == before[1:]
