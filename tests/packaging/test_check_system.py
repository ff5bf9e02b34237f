"""scripts/check_system.sh: `ldd` on Qt's platform plugin names the missing package and command.

A fake `ldd` (and fake package managers) on a PATH of their own: nothing is installed for real.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_system.sh"
TOOLS = ("sh", "awk", "grep", "sed", "sort", "tr", "uname", "head", "cat", "mktemp", "rm")

# Prints `NAME => not found` for each library in FAKE_MISSING that is not in LD_LIBRARY_PATH's
# first folder or already "installed" (listed in $FAKE_STATE/installed); logs what it checked.
FAKE_LDD = """#!/bin/sh
echo "$1" >> "$FAKE_STATE/ldd-calls"
for lib in $FAKE_MISSING; do
  grep -qx "$lib" "$FAKE_STATE/installed" 2>/dev/null && continue
  [ -n "${LD_LIBRARY_PATH:-}" ] && [ -e "${LD_LIBRARY_PATH%%:*}/$lib" ] && continue
  printf '\\t%s => not found\\n' "$lib"
done
printf '\\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\\n'
"""
# A package manager that "installs" by telling the fake ldd the libraries are there now.
FAKE_MANAGER = """#!/bin/sh
echo "${0##*/} $*" >> "$FAKE_STATE/manager-calls"
case " $* " in
  *" install "*|*" -S "*) printf '%s\\n' $FAKE_MISSING >> "$FAKE_STATE/installed" ;;
esac
"""


def executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def box(tmp_path):
    """A PATH holding only the basic tools, a fake ldd, id and fc-list; a fake plugin folder."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_dir / tool)
    executable(bin_dir / "ldd", FAKE_LDD)
    executable(bin_dir / "fc-list", "#!/bin/sh\necho '/usr/share/fonts/DejaVuSans.ttf: DejaVu'\n")
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    for name in ("libqxcb.so", "libqwayland.so", "libqoffscreen.so"):
        (plugins / "platforms" / name).write_bytes(b"")
    state = tmp_path / "state"
    state.mkdir()

    class Box:
        path = bin_dir

        def __init__(self):
            self.user(1000)

        def user(self, uid):
            executable(bin_dir / "id", f"#!/bin/sh\necho {uid}\n")

        def manager(self, name):
            executable(bin_dir / name, FAKE_MANAGER)

        def run(self, *args, missing="", env=None):
            environment = {
                "PATH": str(bin_dir),
                "FAKE_STATE": str(state),
                "FAKE_MISSING": missing,
                **(env or {}),
            }
            return subprocess.run(
                ["sh", str(SCRIPT), "--plugins", str(plugins), *args],
                capture_output=True,
                text=True,
                env=environment,
                timeout=60,
            )

        def calls(self, what):
            path = state / what
            return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    return Box()


def test_a_missing_xcb_library_names_the_debian_package_and_the_sudo_command(box):
    box.manager("apt-get")
    executable(box.path / "sudo", "#!/bin/sh\nexit 1\n")
    proc = box.run("--platform", "xcb", missing="libxcb-icccm.so.4 libxcb-keysyms.so.1")
    assert proc.returncode == 1
    assert "libxcb-icccm.so.4" in proc.stderr
    assert "Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in proc.stderr
    assert box.calls("ldd-calls")[0].endswith("platforms/libqxcb.so")  # ldd on the plugin itself
    assert box.calls("manager-calls") == []  # not root: nothing installed


@pytest.mark.parametrize(
    ("manager", "command"),
    [
        ("dnf", "dnf install 'libxcb-icccm.so.4()(64bit)'"),
        ("zypper", "zypper install 'libxcb-icccm.so.4()(64bit)'"),
        ("pacman", "pacman -S --needed xcb-util-wm"),
    ],
)
def test_other_distributions_get_their_own_command(box, manager, command):
    if subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip() not in (
        "x86_64",
        "aarch64",
    ):
        pytest.skip("the RPM library names carry ()(64bit) on 64-bit machines only")
    box.manager(manager)
    proc = box.run("--platform", "xcb", missing="libxcb-icccm.so.4")
    assert proc.returncode == 1
    assert command in proc.stderr, proc.stderr
    assert "su -c" in proc.stderr  # no sudo on this PATH: the root command is given instead


def test_as_root_it_installs_the_packages_and_checks_again(box):
    box.manager("apt-get")
    box.user(0)
    proc = box.run("--platform", "xcb", missing="libxcb-keysyms.so.1")
    assert proc.returncode == 0, proc.stderr
    assert "apt-get install -y -q libxcb-keysyms1" in box.calls("manager-calls")
    assert len(box.calls("ldd-calls")) == 2  # checked again after installing


def test_no_install_only_reports_even_as_root(box):
    box.manager("apt-get")
    box.user(0)
    proc = box.run("--platform", "xcb", "--no-install", missing="libxcb-keysyms.so.1")
    assert proc.returncode == 1
    assert "Install them with: apt-get install libxcb-keysyms1" in proc.stderr
    assert box.calls("manager-calls") == []


def test_nothing_missing_is_silent(box):
    box.manager("apt-get")
    proc = box.run("--platform", "xcb")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("env", "plugin"),
    [
        ({}, "libqxcb.so"),  # X11 (or no session at all): what Qt defaults to
        ({"WAYLAND_DISPLAY": "wayland-0"}, "libqwayland.so"),
        ({"XDG_SESSION_TYPE": "wayland"}, "libqwayland.so"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "libqoffscreen.so"),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "libqxcb.so"),
    ],
)
def test_the_platform_is_the_one_qt_will_use(box, env, plugin):
    box.manager("apt-get")
    proc = box.run(env=env)
    assert proc.returncode == 0, proc.stderr
    assert [Path(p).name for p in box.calls("ldd-calls")] == [plugin]


def test_wayland_names_the_wayland_client_libraries(box):
    box.manager("apt-get")
    proc = box.run("--platform", "wayland", missing="libwayland-cursor.so.0")
    assert "sudo" not in proc.stderr or "libwayland-cursor0" in proc.stderr
    assert "apt-get install libwayland-cursor0" in proc.stderr


def test_libraries_bundled_with_the_app_count_as_present(box, tmp_path):
    box.manager("apt-get")
    bundled = tmp_path / "_internal"
    bundled.mkdir()
    (bundled / "libxcb-icccm.so.4").write_bytes(b"")
    proc = box.run("--platform", "xcb", "--lib-dir", str(bundled), missing="libxcb-icccm.so.4")
    assert proc.returncode == 0, proc.stderr


def test_xvfb_and_fonts_are_checked_too(box):
    box.manager("apt-get")
    (box.path / "fc-list").unlink()
    proc = box.run("--platform", "offscreen", "--xvfb")
    assert proc.returncode == 1
    assert "Xvfb (a virtual screen), fc-list (fontconfig), a font" in proc.stderr
    command = proc.stderr.split("apt-get install ")[1].split('"')[0].split()
    assert sorted(command) == ["fontconfig", "fonts-dejavu-core", "xvfb"]


def test_an_unknown_system_names_the_libraries(box):
    proc = box.run("--platform", "xcb", missing="libxcb-icccm.so.4")
    assert proc.returncode == 1
    assert "provide: libxcb-icccm.so.4" in proc.stderr


def test_the_real_offscreen_platform_is_complete_here():
    # `make test` ran this check first: the offscreen plugin of this venv loads.
    proc = subprocess.run(
        ["sh", str(SCRIPT), "--python", sys.executable, "--platform", "offscreen", "--no-install"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
