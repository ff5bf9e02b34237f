"""`termijn-gui --quit-after-shown`: one line once the window is on screen, then a clean exit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUI = "import sys; from desktop.app import main; sys.exit(main())"  # what termijn-gui runs


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--quit-after-shown"], {}),  # a new data folder: the first-start dialog is open too
        (["--demo"], {"TERMIJN_QUIT_AFTER_SHOWN": "1"}),  # as `make run DEMO=1` is checked
    ],
)
def test_window_reports_it_is_shown_and_quits(tmp_path, args, env):
    data = tmp_path / "data"
    proc = subprocess.run(
        [sys.executable, "-c", GUI, "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout
    assert lines[0].startswith("termijn: window shown (platform offscreen, ")
    assert "termijn: window shown" in (data / "logs" / "termijn.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "expected"), [(None, False), ("0", False), ("1", True)])
def test_the_environment_variable_turns_it_on(monkeypatch, value, expected):
    from desktop.smoke import quit_after_shown_requested

    if value is None:
        monkeypatch.delenv("TERMIJN_QUIT_AFTER_SHOWN", raising=False)
    else:
        monkeypatch.setenv("TERMIJN_QUIT_AFTER_SHOWN", value)
    assert quit_after_shown_requested(False) is expected
    assert quit_after_shown_requested(True)
