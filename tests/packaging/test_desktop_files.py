"""Linux desktop entry, AppStream metainfo, icons and installer scripts agree with each other."""

import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.termijn.Termijn"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def entry():
    lines = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_desktop_entry_names_the_gui_and_the_icon():
    values = entry()
    assert values["Exec"] == "termijn-gui"
    assert "termijn-gui" in PROJECT["gui-scripts"]
    assert values["Icon"] == APP_ID
    assert values["Terminal"] == "false"


def test_metainfo_matches_the_project():
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("project_license") == PROJECT["license"]
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("releases/release").get("version") == PROJECT["version"]
    shots = [img.text for img in root.iter("image")]
    assert shots, "no screenshots listed"
    folder = ROOT / "docs" / "screenshots"
    if folder.is_dir():  # the README's screenshots, made by scripts/screenshots.py
        for url in shots:
            assert (folder / url.rsplit("/", 1)[1]).is_file(), url


def test_every_other_place_uses_the_same_app_id():
    spec = (ROOT / "packaging/pyinstaller/termijn.spec").read_text(encoding="utf-8")
    assert f'APP_ID = "{APP_ID}"' in spec
    assert f"APP_ID={APP_ID}" in (LINUX / "install-desktop.sh").read_text(encoding="utf-8")


def test_icons_in_the_hicolor_sizes():
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = (icons / f"termijn-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (size, size)
    assert (icons / "termijn.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "termijn.icns").read_bytes()[:4] == b"icns"
    assert (icons / "termijn.svg").is_file()


@pytest.mark.parametrize(
    ("tool", "args", "name"),
    [
        ("desktop-file-validate", [], f"{APP_ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net"], f"{APP_ID}.metainfo.xml"),
    ],
)
def test_validators_accept_the_files(tool, args, name):
    if shutil.which(tool) is None:
        pytest.skip(
            f"{tool} not installed (optional: apt-get install desktop-file-utils appstream)"
        )
    proc = subprocess.run(
        [tool, *args, str(LINUX / name)], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_inno_setup_installs_per_user_and_keeps_data():
    iss = (ROOT / "packaging/windows/termijn.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert "{autopf}" in iss and "{group}" in iss
    assert "localappdata" in iss  # names the data folder it leaves in place
    assert not re.search(r"^\[UninstallDelete\]", iss, re.M)
