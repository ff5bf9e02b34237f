"""Build the Windows installer: the version from pyproject.toml, then Inno Setup's ISCC.

Usage (on Windows, after `make app` or the same pyinstaller command):
    python packaging/windows/build_installer.py [PATH-TO-ISCC.exe]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_ISCC = Path(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")


def main() -> int:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    if not (ROOT / "dist" / "app" / "termijn" / "termijn-gui.exe").exists():
        print("dist/app/termijn/termijn-gui.exe is missing: build the app first", file=sys.stderr)
        return 1
    iscc = sys.argv[1] if len(sys.argv) > 1 else shutil.which("iscc") or str(DEFAULT_ISCC)
    return subprocess.run([iscc, f"/DAppVersion={version}", str(HERE / "termijn.iss")]).returncode


if __name__ == "__main__":
    raise SystemExit(main())
