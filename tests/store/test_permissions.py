"""The user's permissions are respected: never changed, read-only refused, exposure warned.

Run as a non-root user: as root the tests switch a forked child to the user `nobody`, in a
folder that user can reach; root itself may write anywhere, which would hide exactly what these
tests are about. The CLI test runs `termijn`'s main in such a child: the interpreter here lives
below /root, which `nobody` may not enter, so it cannot be started afresh as that user.
"""

import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from desktop.store import CaseRepository, StorageError, open_database
from desktop.store.backup import make_backup
from tests.store.helpers import files_of, filled, in_children, make_case

NOBODY = 65534


def _can_switch_user():
    if os.geteuid() != 0:
        return True  # already not root: run as we are
    outcome = in_children(lambda: (os.setgid(NOBODY), os.setuid(NOBODY), "ok")[-1])
    return outcome == ["ok"]


pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not _can_switch_user(),
    reason="needs a POSIX system where root can switch to the user nobody",
)


@pytest.fixture(scope="module", autouse=True)
def _imports_loaded(tmp_path_factory):
    """Open, save and run the CLI once as we are: a switched child can import nothing new."""
    from desktop.cli import main

    folder = tmp_path_factory.mktemp("warm")
    with open_database(folder / "termijn.sqlite") as db:
        CaseRepository(db).save(make_case())
    main(["--data-dir", str(folder), "cases", "list"])


def as_user(task):
    """Run `task` in a child process as a user without root's powers; its outcome as text."""

    def switched():
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        return task()

    return in_children(switched)[0]


def _owned(path):
    uid = NOBODY if os.geteuid() == 0 else os.geteuid()
    for item in (path, *path.rglob("*")):
        os.chown(item, uid, -1)


@pytest.fixture
def home():
    """A folder the test user owns, below a folder everyone may pass through."""
    folder = Path(tempfile.mkdtemp(prefix="termijn-perm-"))
    os.chmod(folder, 0o711)
    home = folder / "home"
    home.mkdir(mode=0o700)
    _owned(home)
    yield home
    for item in (folder, *folder.rglob("*")):
        if item.is_dir():
            os.chmod(item, 0o700)
    shutil.rmtree(folder)


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def _open_and_save(db_path):
    def task():
        try:
            with open_database(db_path) as db:
                CaseRepository(db).save(make_case())
                return json.dumps({"saved": True, "warnings": list(db.warnings)})
        except StorageError as exc:
            return json.dumps({"problem": exc.problem.value, "message": str(exc)})

    return lambda: json.loads(as_user(task))


def _filled_home(home):
    data = home / "data"
    filled(data / "termijn.sqlite", 3)
    _owned(home)
    return data


def test_new_folders_are_made_private(home):
    db_path = home / "a" / "b" / "data" / "termijn.sqlite"
    outcome = _open_and_save(db_path)()
    assert outcome == {"saved": True, "warnings": []}
    for folder in (home / "a", home / "a" / "b", home / "a" / "b" / "data"):
        assert _mode(folder) == 0o700, folder
    assert _mode(db_path) == 0o600


@pytest.mark.parametrize("which", ["folder", "file"])
def test_a_read_only_folder_or_file_is_refused_and_left_read_only(home, which):
    data = _filled_home(home)
    db_path = data / "termijn.sqlite"
    target, mode = (data, 0o500) if which == "folder" else (db_path, 0o400)
    os.chmod(target, mode)
    before = files_of(data)
    outcome = _open_and_save(db_path)()
    assert outcome["problem"] == "read_only", outcome
    assert f"the {which} is read-only (mode {mode:04o})" in outcome["message"]
    assert str(target) in outcome["message"]
    assert "does not change permissions you set" in outcome["message"]
    assert _mode(target) == mode
    assert files_of(data) == before


def test_a_shared_folder_is_used_as_it_is(home):
    shared = home.parent / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp: everyone may write, no one may remove another's files
    outcome = _open_and_save(shared / "termijn.sqlite")()
    assert outcome["saved"], outcome
    assert _mode(shared) == 0o1777
    assert _mode(shared / "termijn.sqlite") == 0o600
    assert any("can be read by other users (mode 1777)" in w for w in outcome["warnings"])


def test_readable_by_others_is_warned_about_and_left_alone(home):
    data = _filled_home(home)
    os.chmod(data, 0o755)
    os.chmod(data / "termijn.sqlite", 0o640)
    outcome = _open_and_save(data / "termijn.sqlite")()
    assert outcome["saved"], outcome
    warned = " | ".join(outcome["warnings"])
    assert "the folder" in warned and "(mode 0755)" in warned and "chmod 700" in warned
    assert "the case file" in warned and "(mode 0640)" in warned and "chmod 600" in warned
    assert _mode(data) == 0o755 and _mode(data / "termijn.sqlite") == 0o640


def test_a_read_only_backup_folder_does_not_keep_the_user_from_their_cases(home):
    data = _filled_home(home)
    backups = data / "backups"
    backups.mkdir(mode=0o700)
    _owned(backups)
    os.chmod(backups, 0o500)
    outcome = _open_and_save(data / "termijn.sqlite")()
    assert outcome["saved"], outcome
    assert any("today's backup was not made" in w for w in outcome["warnings"])
    manual = as_user(lambda: str(make_backup(data / "termijn.sqlite", backups)))
    assert "the folder is read-only (mode 0500)" in manual
    assert _mode(backups) == 0o500 and not list(backups.iterdir())


def test_the_cli_says_a_read_only_folder_is_read_only(home):
    data = _filled_home(home)
    os.chmod(data, 0o500)
    before = files_of(data)
    err = home / "stderr"

    def cli():
        from desktop.cli import main

        fd = os.open(err, os.O_WRONLY | os.O_CREAT, 0o600)
        os.dup2(fd, 2)
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - the child's own stderr
        try:
            return str(main(["--data-dir", str(data), "cases", "list"]))
        finally:
            sys.stderr.flush()

    assert as_user(cli) == "1"
    lines = err.read_text().strip().splitlines()
    assert len(lines) == 1 and "the folder is read-only (mode 0500)" in lines[0], lines
    assert _mode(data) == 0o500 and files_of(data) == before
