"""`restore` over a damaged file and `backup`, killed with SIGKILL at every step and at random.

After every kill the case file is the old one or the new one (never half of one), the damaged
file set aside is every byte of the damaged file, every backup in the folder is a good one, and
the next start leaves no temporary file behind.

Two kinds of kill. At every step: the child kills itself at its k-th file operation (each
`open`, `rename`, `link`, `remove`, `flock`, ... Python reports to audit hooks), for k = 1, 2, …
until the task finishes first; so every moment between two file operations is hit once, on a
quiet machine or a busy one. At random: a SIGKILL after a random delay, which also lands inside
SQLite's own writes (the page copy, fsync). Only the first kind may promise which outcomes it
reaches: how far a random delay gets depends on the machine's load at that moment.
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
KILLS = 15  # random-time kills per test (each step is killed once on top of these)
SEED = 20261202
CASES = 300
# The file operations a step ends at: every audit event of a file or lock (not imports' reads,
# which a forked child does not make, and not os.kill, which the hook itself raises).
STEPS = ("open", "os.rename", "os.link", "os.remove", "os.truncate", "os.chmod", "os.mkdir")
STEPS += ("os.listdir", "os.scandir", "fcntl.flock", "sqlite3.connect", "shutil.copyfile")


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


def _killed_at_step(task, step):
    """Run `task` in a child that SIGKILLs itself at its `step`-th file operation (from 1).

    Returns whether it was killed; False means the task finished in fewer steps.
    """
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            seen = 0

            def hook(event, _args):
                nonlocal seen
                if event in STEPS:
                    seen += 1
                    if seen == step:
                        os.kill(os.getpid(), signal.SIGKILL)

            sys.addaudithook(hook)  # in the child only: it ends with the child
            task()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


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


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A case file for the kills at every step: where they land does not depend on its size."""
    folder = tmp_path_factory.mktemp("small")
    path = folder / "termijn.sqlite"
    filled(path, 30)
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


class DamagedFolder:
    """A data folder whose case file is damaged (its schema page), with a good backup."""

    def __init__(self, original, tmp_path, monkeypatch):
        self.monkeypatch = monkeypatch
        self.data = tmp_path / "data"
        self.data.mkdir(mode=0o700)
        self.db_path, self.backups = self.data / "termijn.sqlite", self.data / "backups"
        shutil.copy(original, self.db_path)
        self.cases = _count(self.db_path)
        self.good = make_backup(self.db_path, self.backups)
        damaged = bytearray(self.db_path.read_bytes())
        damaged[100:4096] = b"\xff" * (4096 - 100)  # the schema page
        self.damaged = bytes(damaged)
        self.outcomes = {"old": 0, "new": 0}

    def damage(self):
        for leftover in self.data.glob("termijn.sqlite*"):
            leftover.unlink()
        self.db_path.write_bytes(self.damaged)
        os.chmod(self.db_path, 0o600)

    def restore(self):
        restore(self.db_path, self.good, self.backups)

    def check(self):
        """After a kill: the old file or the new, the aside copy whole, no debris on next start."""
        for aside in self.data.glob("termijn.sqlite.damaged-*"):
            if not aside.name.endswith(("-wal", "-shm")):
                assert aside.read_bytes() == self.damaged  # set aside means every byte, still
        _next_start(self.monkeypatch)
        if self.db_path.read_bytes() == self.damaged:
            self.outcomes["old"] += 1
            with pytest.raises(StorageError) as info:
                open_database(self.db_path)
            assert info.value.problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE)
            assert info.value.backup is not None  # the way out is offered, and it works:
            restore(self.db_path, info.value.backup, self.backups)
        else:
            self.outcomes["new"] += 1
        assert _count(self.db_path) == self.cases
        assert not partials(self.data, self.backups)
        assert all(is_good(b) for b in self.backups.glob("termijn-*.sqlite"))


def test_restore_over_a_damaged_file_killed_at_every_step(small, tmp_path, monkeypatch):
    folder = DamagedFolder(small, tmp_path, monkeypatch)
    step = 0
    while True:
        step += 1
        folder.damage()
        killed = _killed_at_step(folder.restore, step)
        folder.check()
        if not killed:
            break
    assert step > 10, step  # the restore was followed through all of its steps
    # The first step leaves the damaged file, the last ones the restored one: both happen, and
    # whatever load the machine is under.
    assert folder.outcomes["old"] and folder.outcomes["new"] > 1, folder.outcomes


def test_restore_over_a_damaged_file_killed_at_random(big, tmp_path, monkeypatch):
    """Kills inside SQLite's copy and fsync too; which outcomes they reach depends on load."""
    rng = random.Random(SEED)
    folder = DamagedFolder(big, tmp_path, monkeypatch)
    folder.damage()
    longest = _window(folder.restore)
    for _ in range(KILLS):
        folder.damage()
        _killed_at_random(folder.restore, rng, longest)
        folder.check()
    assert sum(folder.outcomes.values()) == KILLS


class LiveFolder:
    """A data folder with a healthy case file, backed up again and again."""

    def __init__(self, original, tmp_path, monkeypatch):
        self.monkeypatch = monkeypatch
        self.data = tmp_path / "data"
        self.data.mkdir(mode=0o700)
        self.db_path, self.backups = self.data / "termijn.sqlite", self.data / "backups"
        shutil.copy(original, self.db_path)
        open_database(self.db_path).close()
        self.cases = _count(self.db_path)
        self.checked: set[Path] = set()

    def backup(self):
        make_backup(self.db_path, self.backups)

    def check(self):
        """After a kill: every backup under its own name is whole, the next start tidies up.

        Returns whether the kill left a half-made copy (before that next start).
        """
        debris = bool(partials(self.backups))
        made = set(self.backups.glob("termijn-*.sqlite")) - self.checked
        assert all(is_good(b) for b in made)  # a backup under its own name is a whole one
        self.checked |= made
        _next_start(self.monkeypatch)
        assert _count(self.db_path) == self.cases
        assert not partials(self.data, self.backups)
        return debris


def test_backup_killed_at_every_step(small, tmp_path, monkeypatch):
    folder = LiveFolder(small, tmp_path, monkeypatch)
    step, debris, killed = 0, 0, True
    while killed:
        step += 1
        killed = _killed_at_step(folder.backup, step)
        debris += folder.check()
    assert step > 5, step
    assert debris  # some steps were killed with the copy half made


def test_backup_killed_at_random(big, tmp_path, monkeypatch):
    rng = random.Random(SEED + 1)
    folder = LiveFolder(big, tmp_path, monkeypatch)
    longest = _window(folder.backup)
    for _ in range(KILLS):
        _killed_at_random(folder.backup, rng, longest)
        folder.check()


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
