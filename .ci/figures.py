"""Print package sizes and the start-up time of `--self-test`: packaged app vs source checkout.

Usage: python .ci/figures.py WHEEL APP_FOLDER SOURCE_PYTHON

"Cold" is each command's first run here: for the packaged app its first run ever (its Qt copies
were never loaded); the source checkout's Python and Qt files are already cached by `make test`,
which favours the source, so the ratio errs against the app. "Warm" is the median of the three
runs after it. Information only: nothing fails on these numbers.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> int:
    wheel, app, source_python = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    print(f"wheel:            {size(wheel) / 1e6:7.1f} MB  {wheel.name}")
    files = sum(1 for p in app.rglob("*") if p.is_file())
    print(f"PyInstaller app:  {size(app) / 1e6:7.1f} MB  {app} ({files} files)")
    runs = {
        "packaged": ([str(app / "termijn"), "--self-test"], app),
        "source": ([source_python, "-m", "desktop", "--self-test"], ROOT),
    }
    cold, warm = {}, {}
    for name, (cmd, cwd) in runs.items():
        cold[name] = timed(cmd, cwd)
        warm[name] = statistics.median(timed(cmd, cwd) for _ in range(3))
        print(f"{name:9} --self-test: cold {cold[name]:.2f} s, warm median {warm[name]:.2f} s")
    print(
        f"packaged/source start-up ratio: cold {cold['packaged'] / cold['source']:.2f}, "
        f"warm {warm['packaged'] / warm['source']:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
