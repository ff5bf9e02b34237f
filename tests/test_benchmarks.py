"""The benchmark scripts still run (tiny sizes, no timing asserted) and print figures only."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TINY = {
    "core.py": ["--cases", "200", "--batch", "50"],
    "store.py": ["--sizes", "300", "--repeat", "1", "--import-size", "200"],
    "documents.py": ["--rounds", "1"],
    "gui.py": ["--runs", "1", "--small", "200", "--large", "400"],
    "privacy.py": ["--sizes", "300", "--import-size", "200", "--repeat", "1"],
    "feed.py": ["--cases", "60"],
    "rules_change.py": ["--sizes", "300", "--repeat", "2"],
}


def test_every_script_is_covered():
    # A leading underscore marks a module the scripts share, not a script of its own.
    scripts = {p.name for p in (ROOT / "benchmarks").glob("*.py") if not p.name.startswith("_")}
    assert scripts == set(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_script_runs_and_prints_only_figures(script):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *TINY[script]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr == "", proc.stderr[-3000:]
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert lines
    for line in lines:
        # A figure on every line, or a table's header (columns apart) naming the figures below.
        header = len(re.findall(r"\S {2,}(?=\S)", line)) >= 2
        assert any(ch.isdigit() for ch in line) or header, line
        assert not line.lstrip().startswith(("{", "[")), f"not a figure: {line}"
