"""`python -m desktop` sends subcommands to the CLI wherever the global options stand."""

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.__main__ import first_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["compute", "x.json"], "compute"),
        (["--data-dir", "/tmp/d", "cases", "list"], "cases"),
        (["--data-dir", "cases", "demo"], "demo"),  # the folder happens to be called "cases"
        (["--demo"], None),
        ([], None),
    ],
)
def test_first_command(args, expected):
    assert first_command(args) == expected


def test_data_dir_before_the_command_runs_the_cli(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )

    made = run("demo", "--cases", "3", "--seed", "1")
    assert made.returncode == 0, made.stderr
    listed = run("cases", "list")
    assert listed.returncode == 0, listed.stderr
    assert len([line for line in listed.stdout.splitlines() if line.strip()]) >= 3
