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
    from desktop.launch import quit_after_shown_requested

    if value is None:
        monkeypatch.delenv("TERMIJN_QUIT_AFTER_SHOWN", raising=False)
    else:
        monkeypatch.setenv("TERMIJN_QUIT_AFTER_SHOWN", value)
    assert quit_after_shown_requested(False) is expected
    assert quit_after_shown_requested(True)


def test_without_a_screen_the_window_says_so_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        [sys.executable, "-c", GUI, "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "no screen to open the window on" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_python_without_the_dependencies_says_how_to_reach_the_venv(tmp_path):
    # A bare interpreter (no site-packages) that finds the checkout: `python3 -m desktop` as a
    # newcomer types it before activating the environment.
    proc = subprocess.run(
        [sys.executable, "-S", "-m", "desktop", "compute", "x.json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "lacks Termijn's dependencies" in proc.stderr
    assert ". .venv/bin/activate" in proc.stderr
    assert "Traceback" not in proc.stderr
