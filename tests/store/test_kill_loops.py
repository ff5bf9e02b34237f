"""`restore` over a damaged file and `backup`, killed with SIGKILL at random moments.

After every kill the case file is the old one or the new one (never half of one), the damaged
file set aside is every byte of the damaged file, every backup in the folder is a good one, and
the next start leaves no temporary file behind.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store import CaseRepository, Problem, StorageError, files, open_database
from desktop.store.backup import is_good, make_backup, restore
from tests.store.helpers import filled, partials

ROOT = Path(__file__).resolve().parents[2]
KILLS = 25
SEED = 20261202
CASES = 300


def _killed_at_random(task, rng, longest):
    """Run `task` in a child and SIGKILL it after a random delay (or let it finish)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            task()
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0, longest))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _next_start(monkeypatch):
    """What a new process does first: its start time is now, so older temporary files go."""
    monkeypatch.setattr(files, "PROCESS_STARTED", time.time())


def _count(db_path):
    with open_database(db_path, daily_backup=False) as db:
        return CaseRepository(db).count()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A case file big enough (a few MB) that a restore or backup takes tens of milliseconds."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "termijn.sqlite"
    filled(path, CASES, notes="n" * 10_000)
    return path


def _window(task):
    """How long to wait at most before the kill: twice the task's time in a child, as killed.

    Timed the way the loop runs it (fork, run, exit), so on a busy machine too about half the
    kills land while it runs and half after it finished.
    """
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            task()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    return 2 * (time.perf_counter() - start)


def test_restore_over_a_damaged_file_killed_at_random(big, tmp_path, monkeypatch):
    rng = random.Random(SEED)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    db_path, backups = data / "termijn.sqlite", data / "backups"
    shutil.copy(big, db_path)
    good = make_backup(db_path, backups)
    damaged = bytearray(db_path.read_bytes())
    damaged[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    damaged = bytes(damaged)

    def fresh_damage():
        for leftover in data.glob("termijn.sqlite*"):
            leftover.unlink()
        db_path.write_bytes(damaged)
        os.chmod(db_path, 0o600)

    fresh_damage()
    longest = _window(lambda: restore(db_path, good, backups))
    outcomes = {"old": 0, "new": 0}
    for _ in range(KILLS):
        fresh_damage()
        _killed_at_random(lambda: restore(db_path, good, backups), rng, longest)
        for aside in data.glob("termijn.sqlite.damaged-*"):
            if not aside.name.endswith(("-wal", "-shm")):
                assert aside.read_bytes() == damaged  # set aside means every byte, still
        _next_start(monkeypatch)
        if db_path.read_bytes() == damaged:
            outcomes["old"] += 1
            with pytest.raises(StorageError) as info:
                open_database(db_path)
            assert info.value.problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE)
            assert info.value.backup is not None  # the way out is offered, and it works:
            restore(db_path, info.value.backup, backups)
        else:
            outcomes["new"] += 1
        assert _count(db_path) == CASES
        assert not partials(data, backups)
        assert all(is_good(b) for b in backups.glob("termijn-*.sqlite"))
    assert outcomes["old"] and outcomes["new"], outcomes  # kills landed before and after


def test_backup_killed_at_random(big, tmp_path, monkeypatch):
    rng = random.Random(SEED + 1)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    db_path, backups = data / "termijn.sqlite", data / "backups"
    shutil.copy(big, db_path)
    open_database(db_path).close()
    longest = _window(lambda: make_backup(db_path, backups))
    left_debris = 0
    checked: set[Path] = set()
    for _ in range(KILLS):
        _killed_at_random(lambda: make_backup(db_path, backups), rng, longest)
        left_debris += bool(partials(backups))
        made = set(backups.glob("termijn-*.sqlite")) - checked
        assert all(is_good(b) for b in made)  # a backup under its own name is a whole one
        checked |= made
        _next_start(monkeypatch)
        assert _count(db_path) == CASES
        assert not partials(data, backups)
    assert left_debris  # some kills did land mid-copy


def test_the_next_cli_start_removes_what_a_killed_backup_left(big, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    shutil.copy(big, data / "termijn.sqlite")
    open_database(data / "termijn.sqlite").close()
    debris = data / "backups" / ".termijn-x.sqlite.copy-1-ab.partial"
    debris.write_bytes(b"half a copy")
    old = time.time() - 60
    os.utime(debris, (old, old))
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "cases", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not debris.exists()
