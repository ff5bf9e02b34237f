"""Real screens: at 1366x768 and 1024x700, 100 % and 200 % text, English and Dutch, the window
and every dialog fit the screen and the case list never scrolls sideways."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("size_probe.py")


@pytest.mark.parametrize("size", ["1366x768", "1024x700"])
def test_everything_fits_the_screen(size):
    out = subprocess.run(
        [sys.executable, str(PROBE), size], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    # Four combinations: window, tabs, list, dialogs, the calendar settings page and reminders.
    assert report["checked"] >= 4 * 14
    assert report["problems"] == []
