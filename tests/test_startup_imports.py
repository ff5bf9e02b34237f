"""The window starts without the libraries only some actions need (they cost its cold start)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# ReportLab and its fonts take about as long to load as the rest of the window: a letter or a
# report loads them when it is made. (benchmarks/gui.py measures the cold start itself.)
LATER = ("reportlab", "PIL", "desktop.documents.layout", "desktop.lawchange")


def test_the_window_module_loads_no_pdf_library():
    script = (
        "import sys; import desktop.app; "
        f"print(sorted(m for m in sys.modules if m.startswith({LATER!r})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
