"""What the store notices on opening (a case file others can read, a backup not made) is printed
by the command itself: once each, on stderr, with the command's output intact and exit 0."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def termijn(*args, data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=dict(os.environ, TERMIJN_PASSPHRASE_FILE=""),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def case_file(data_dir: Path) -> Path:
    (found,) = [p for p in data_dir.iterdir() if p.suffix in (".sqlite", ".db", ".termijn")]
    return found


def test_a_case_file_others_can_read_is_said_once(tmp_path):
    data = tmp_path / "data"
    assert termijn("cases", "list", data_dir=data).returncode == 0  # makes the file
    path = case_file(data)
    path.chmod(0o644)
    done = termijn("cases", "list", data_dir=data)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    said = [line for line in lines if "can be read by other users" in line]
    assert len(said) == 1, done.stderr  # printed by the command, not again by logging
    assert said[0].startswith("warning: the case file ") and "chmod 600" in said[0]
    assert "No cases" in done.stdout or done.stdout.strip() == "" or "case" in done.stdout


def test_a_backup_not_made_is_said_once(tmp_path):
    data = tmp_path / "data"
    assert termijn("cases", "list", data_dir=data).returncode == 0
    backups = data / "backups"
    if backups.is_dir():
        for child in backups.iterdir():
            child.unlink()
        backups.rmdir()
    backups.write_text("not a folder")  # no backup can be written there, not even as root
    done = termijn("cases", "list", data_dir=data)
    assert done.returncode == 0
    said = [line for line in done.stderr.splitlines() if "backup was not made" in line]
    assert len(said) == 1, done.stderr
    assert said[0].startswith("warning: today's backup was not made")


def test_said_even_where_logging_is_set_up(tmp_path, capsys, caplog):
    """Any logging set-up (here pytest's own handler) silences Python's last-resort handler:
    the command must say it itself."""
    import argparse

    from desktop.cli.cases import repository

    data = tmp_path / "data"
    args = argparse.Namespace(data_dir=str(data))
    with repository(args):
        pass
    case_file(data).chmod(0o640)
    capsys.readouterr()
    with repository(args):
        pass
    err = capsys.readouterr().err
    assert err.count("can be read by other users") == 1, err
