"""packaging/linux/install-desktop.sh on a fake app folder: the check first, a clean uninstall."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.termijn.Termijn"


@pytest.fixture
def app(tmp_path):
    """An unpacked app folder as `make app` lays it out, with stand-in executables."""
    folder = tmp_path / "termijn"
    (folder / "icons").mkdir(parents=True)
    (folder / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms").mkdir(parents=True)
    for name in ("install-desktop.sh", f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"):
        shutil.copy2(LINUX / name, folder / name)
    for exe in ("termijn", "termijn-gui"):
        (folder / exe).write_text("#!/bin/sh\necho termijn 0\n", encoding="utf-8")
        (folder / exe).chmod(0o755)
    for png in (ROOT / "resources" / "icons").glob("termijn-*.png"):
        shutil.copy2(png, folder / "icons" / png.name)
    shutil.copy2(ROOT / "resources" / "icons" / "termijn.svg", folder / "icons" / "termijn.svg")
    return folder


def check_stub(folder: Path, code: int) -> None:
    # Stands in for scripts/check_system.sh (tested on its own): records how it was called.
    (folder / "check_system.sh").write_text(
        f'echo "$@" > "{folder.parent}/check-args"\n'
        + ('echo "Install them with: sudo apt-get install libxcb-icccm4" >&2\n' if code else "")
        + f"exit {code}\n",
        encoding="utf-8",
    )


def run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}  # no XDG_DATA_HOME: ~/.local/share
    return subprocess.run(
        ["sh", str(script), *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_install_checks_the_bundled_plugin_then_uninstall_leaves_no_empty_folder(app, tmp_path):
    check_stub(app, 0)
    home = tmp_path / "home"
    data = home / ".local" / "share" / "Termijn"
    data.mkdir(parents=True)
    (data / "termijn.sqlite").write_bytes(b"cases")
    installed = run(app / "install-desktop.sh", home)
    assert installed.returncode == 0, installed.stderr
    args = (tmp_path / "check-args").read_text(encoding="utf-8").split()
    assert args == [
        "--plugins", f"{app}/_internal/PySide6/Qt/plugins", "--lib-dir", f"{app}/_internal",
    ]  # fmt: skip
    opt = home / ".local" / "opt" / "termijn"
    assert (opt / "termijn-gui").exists()
    assert (home / ".local" / "bin" / "termijn").is_symlink()
    assert (home / ".local/share/applications" / f"{APP_ID}.desktop").exists()

    removed = run(opt / "install-desktop.sh", home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    # The cases stay; every folder the installer made is gone, none left empty.
    assert left == [
        ".local", ".local/share", ".local/share/Termijn", ".local/share/Termijn/termijn.sqlite",
    ]  # fmt: skip


def test_uninstall_keeps_folders_that_hold_other_things(app, tmp_path):
    check_stub(app, 0)
    home = tmp_path / "home"
    other = home / ".local" / "share" / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    (home / ".local" / "bin").mkdir()
    (home / ".local" / "bin" / "tool").write_text("", encoding="utf-8")
    assert run(app / "install-desktop.sh", home).returncode == 0
    opt = home / ".local" / "opt" / "termijn"
    assert run(opt / "install-desktop.sh", home, "--uninstall").returncode == 0
    assert other.exists() and (home / ".local" / "bin" / "tool").exists()
    assert not (home / ".local" / "opt").exists()


def test_a_failed_check_installs_nothing(app, tmp_path):
    check_stub(app, 1)
    home = tmp_path / "home"
    home.mkdir()
    proc = run(app / "install-desktop.sh", home)
    assert proc.returncode == 1
    assert "sudo apt-get install libxcb-icccm4" in proc.stderr
    assert "Termijn was not installed" in proc.stderr
    assert list(home.iterdir()) == []
