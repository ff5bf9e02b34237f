"""Open skips quick_check only for a file untouched since a verified clean close."""

import json
import os
import time
from pathlib import Path

import pytest

from desktop.store import database
from desktop.store.database import VERIFIED_SUFFIX, open_database
from desktop.store.errors import Problem, StorageError


@pytest.fixture
def integrity_calls(monkeypatch):
    """Every check_file call's `integrity` argument, in order."""
    calls: list[bool] = []
    real = database.check_file

    def spy(path, backups=None, *, integrity=True, **options):
        calls.append(integrity)
        return real(path, backups, integrity=integrity, **options)

    monkeypatch.setattr(database, "check_file", spy)
    return calls


def made(path: Path) -> None:
    """A checked case file with one table of data, closed cleanly."""
    db = open_database(path, daily_backup=False)
    with db.writing() as conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('x', 'y')")
    db.close()


def marker(path: Path) -> Path:
    return path.with_name(path.name + VERIFIED_SUFFIX)


def test_untouched_file_is_not_checked_again(tmp_path, integrity_calls):
    path = tmp_path / "termijn.sqlite"
    made(path)
    assert marker(path).exists()
    db = open_database(path, daily_backup=False)
    assert integrity_calls[-1] is False
    assert not marker(path).exists()  # consumed: a crash now means a full check next time
    db.close()
    assert marker(path).exists()
    assert oct(marker(path).stat().st_mode & 0o777) == "0o600"


def test_a_crashed_session_means_a_full_check(tmp_path, integrity_calls):
    path = tmp_path / "termijn.sqlite"
    made(path)
    open_database(path, daily_backup=False)  # never closed, as after a crash
    open_database(path, daily_backup=False).close()
    assert integrity_calls[-1] is True


def test_a_changed_file_is_checked(tmp_path, integrity_calls):
    path = tmp_path / "termijn.sqlite"
    made(path)
    time.sleep(0.01)
    with path.open("r+b") as handle:  # damage a byte far from the header
        handle.seek(os.path.getsize(path) - 100)
        handle.write(b"\xff" * 50)
    try:
        open_database(path, daily_backup=False).close()
    except StorageError as exc:
        assert exc.problem is Problem.CORRUPT
    assert integrity_calls[-1] is True


def test_an_old_check_is_repeated_after_a_day(tmp_path, integrity_calls):
    path = tmp_path / "termijn.sqlite"
    made(path)
    data = json.loads(marker(path).read_text())
    data["checked_at"] -= 25 * 3600
    marker(path).write_text(json.dumps(data))
    open_database(path, daily_backup=False).close()
    assert integrity_calls[-1] is True


def test_a_leftover_wal_means_a_full_check(tmp_path, integrity_calls):
    path = tmp_path / "termijn.sqlite"
    made(path)
    path.with_name(path.name + "-wal").write_bytes(b"\0" * 32)
    open_database(path, daily_backup=False).close()
    assert integrity_calls[-1] is True


def test_no_note_while_a_connection_is_in_use(tmp_path):
    path = tmp_path / "termijn.sqlite"
    db = open_database(path, daily_backup=False)
    with db.reading():
        db.close()
        assert not marker(path).exists()


def test_a_garbled_note_is_ignored(tmp_path, integrity_calls):
    path = tmp_path / "termijn.sqlite"
    made(path)
    marker(path).write_text("{not json")
    open_database(path, daily_backup=False).close()
    assert integrity_calls[-1] is True
