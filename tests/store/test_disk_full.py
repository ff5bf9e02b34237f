"""A full disk is reported as "the disk is full", for saves, backups and reads that need space.

The real thing runs on a small tmpfs (root only, skipped otherwise); the injected one always
runs: SQLite's "disk I/O error" where the disk has no space left is the disk being full.
"""

import gc
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desktop.store import CaseRepository, Problem, StorageError, engine, open_database
from desktop.store import errors as errors_module
from desktop.store.errors import problem_of
from tests.store.helpers import filled, make_case, partials

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk():
    """A 2 MB file system of its own, so filling it harms nothing else."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    mount = Path(tempfile.mkdtemp(prefix="termijn-full-"))
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode:
        mount.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        gc.collect()  # a failed test's traceback may still hold a connection to a file there
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode:
            subprocess.run(["umount", "--lazy", str(mount)], check=True)  # never leave it mounted
        mount.rmdir()


def fill(disk, leave=0):
    """Fill the disk up to `leave` bytes free; returns the filler, to be removed to free it."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with filler.open("wb") as handle:
        handle.truncate(0)
        try:
            handle.write(b"\0" * max(0, free - leave))
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            pass
    return filler


def termijn(data, *args):
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_full_disk_is_named_for_reads_saves_and_backups(small_disk):
    data = small_disk / "data"
    db_path = data / "termijn.sqlite"
    filled(db_path, 20)
    before = db_path.read_bytes()
    filler = fill(small_disk)
    for command in (["cases", "list"], ["backup"], ["demo", "--cases", "5"]):
        result = termijn(data, *command)
        assert result.returncode == 1, result.stderr
        assert "the disk is full" in result.stderr and "Free some space" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert db_path.read_bytes() == before
    filler.unlink()
    result = termijn(data, "cases", "list", "--all", "--json")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 20
    assert not partials(data, data / "backups")


def test_a_save_on_a_full_disk_says_so_and_loses_nothing(small_disk):
    db_path = small_disk / "data" / "termijn.sqlite"
    filled(db_path, 20)
    with open_database(db_path, daily_backup=False) as db:
        repo = CaseRepository(db)
        repo.count()  # the index beside the file exists now; the save needs log space
        filler = fill(small_disk)
        with pytest.raises(StorageError) as info:
            repo.save_many([make_case(notes="x" * 20_000) for _ in range(50)])
        assert info.value.problem is Problem.FULL
        assert "the disk is full" in str(info.value)
        assert repo.count() == 20
    filler.unlink()
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 20


def test_no_room_for_the_daily_backup_is_a_warning_not_a_refusal(small_disk):
    db_path = small_disk / "data" / "termijn.sqlite"
    filled(db_path, 100, notes="n" * 1000)
    assert db_path.stat().st_size > 200_000
    filler = fill(small_disk, leave=96 * 1024)  # room to read, not for a copy
    with open_database(db_path) as db:
        assert CaseRepository(db).count() == 100
        assert any("today's backup was not made: the disk is full" in w for w in db.warnings), (
            db.warnings
        )
    assert not partials(db_path.parent, db_path.parent / "backups")
    assert not list((db_path.parent / "backups").glob("termijn-*.sqlite"))
    filler.unlink()


def test_an_io_error_where_the_disk_has_no_room_is_the_disk_being_full(monkeypatch, tmp_path):
    error = engine.driver.OperationalError("disk I/O error")
    assert problem_of(error, tmp_path) is Problem.IO

    class Usage:
        free = 4096

    monkeypatch.setattr(errors_module.shutil, "disk_usage", lambda place: Usage)
    assert problem_of(error, tmp_path) is Problem.FULL
    assert problem_of(error, tmp_path / "not" / "yet" / "made") is Problem.FULL
    assert problem_of(OSError(28, "No space left on device")) is Problem.FULL
