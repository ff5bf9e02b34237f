"""Every file Termijn loads at run time comes from the installed package, never the checkout.

The wheel is built once (as `make dist` would, catalogs compiled by hatch_build.py) and installed
into a fresh virtual environment outside the source tree. A snippet run there loads each resource
(catalogs, fonts, icons, rule packs and their texts) the way the app does and prints where it was
found; every path must lie inside that environment's site-packages.
"""

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NETWORK_HINTS = (
    "Could not find a version",
    "No matching distribution",
    "Network is unreachable",
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
)


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=600, check=False, **kwargs)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The wheel, built from the checkout with pip (isolated build: hatchling + babel)."""
    out = tmp_path_factory.mktemp("wheel")
    proc = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT))
    if proc.returncode != 0:
        if any(hint in proc.stderr for hint in NETWORK_HINTS):
            pytest.skip(f"cannot fetch the build backend: {proc.stderr.strip().splitlines()[-1]}")
        pytest.fail(f"building the wheel failed:\n{proc.stdout}\n{proc.stderr}")
    (found,) = out.glob("termijn-*.whl")
    return found


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory):
    """A fresh venv with only the wheel installed; dependencies come from this venv, appended."""
    venv = tmp_path_factory.mktemp("venv")
    proc = run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    assert proc.returncode == 0, proc.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    proc = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        str(wheel),
    )
    assert proc.returncode == 0, proc.stderr
    site = Path(
        run(
            str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
        ).stdout.strip()
    )
    # A plain path line: the dependencies' folder is appended to sys.path, but its own .pth files
    # (this venv's editable install of the checkout) are not read, and the wheel comes first.
    (site / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python, site


SNIPPET = textwrap.dedent(
    """
    import gettext, json, sys
    from importlib import resources
    from pathlib import Path

    import desktop
    from desktop.resources import locale_dir, resource_path
    from desktop.i18n import translations
    from desktop.core.rulepack import available_packs, load_rule_pack
    from desktop.documents.fonts import register_fonts

    wanted = json.loads(sys.argv[1])
    found = {"package": desktop.__file__, "version": desktop.__version__}
    for rel in wanted["resources"]:
        found["resources/" + rel] = str(resource_path(*rel.split("/")))
    for lang, msgid in wanted["catalogs"].items():
        found["catalog/" + lang] = gettext.find("termijn", str(locale_dir()), [lang])
        found["translated/" + lang] = translations(lang).gettext(msgid) != msgid
    folder = resources.files("desktop.core") / "rulepacks"
    for name in wanted["rulepacks"]:
        found["rulepacks/" + name] = str(folder / name) if (folder / name).is_file() else None
    found["packs"] = available_packs()
    for pack in found["packs"]:
        found["loaded/" + pack] = bool(load_rule_pack(pack).texts)
    found["fonts"] = register_fonts()
    print(json.dumps(found))
    """
)


def shipped_files():
    resources = sorted(
        p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    )
    catalogs = {}
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/termijn.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        # A translated message whose text differs from the English: it must come out translated.
        catalogs[po.parent.parent.name] = next(
            m.id
            for m in catalog
            if isinstance(m.id, str) and m.id and m.string and not m.fuzzy and m.string != m.id
        )
    rulepacks = sorted(p.name for p in (ROOT / "desktop/core/rulepacks").glob("*.toml"))
    return {"resources": resources, "catalogs": catalogs, "rulepacks": rulepacks}


def test_wheel_holds_every_runtime_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = shipped_files()
    missing = [f"desktop/resources/{rel}" for rel in wanted["resources"]]
    missing += [f"desktop/locale/{lang}/LC_MESSAGES/termijn.mo" for lang in wanted["catalogs"]]
    missing += [f"desktop/core/rulepacks/{name}" for name in wanted["rulepacks"]]
    assert [name for name in missing if name not in names] == []
    assert any(name.endswith("licenses/LICENSE") for name in names)
    assert wanted["catalogs"], "no translations found"
    assert any(rel.startswith("fonts/LICENSE") for rel in wanted["resources"])
    assert {f"icons/termijn-{n}.png" for n in (16, 32, 48, 64, 128, 256, 512)} <= set(
        wanted["resources"]
    )


def test_installed_wheel_loads_resources_from_site_packages(installed, tmp_path):
    python, site = installed
    wanted = shipped_files()
    proc = run(
        str(python),
        "-I",
        "-c",
        SNIPPET,
        json.dumps(wanted),
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)

    assert found.pop("version") == PROJECT["version"]  # one version, from pyproject
    assert found.pop("fonts") == "TermijnSans"
    packs = found.pop("packs")
    assert sorted(f"{p}.toml" for p in packs) == [
        n for n in wanted["rulepacks"] if not n.endswith(".texts.toml")
    ]
    for key in [k for k in found if k.startswith(("translated/", "loaded/"))]:
        assert found.pop(key) is True, key
    site = site.resolve()
    outside = {
        key: path
        for key, path in found.items()
        if path is None or not Path(path).resolve().is_relative_to(site)
    }
    assert outside == {}, f"not found through the installed package ({site}): {outside}"
    expected = {"package"}
    expected |= {f"resources/{rel}" for rel in wanted["resources"]}
    expected |= {f"catalog/{lang}" for lang in wanted["catalogs"]}
    expected |= {f"rulepacks/{name}" for name in wanted["rulepacks"]}
    assert set(found) == expected
