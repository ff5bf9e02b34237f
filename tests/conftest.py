"""Test set-up shared by every test package: offscreen Qt, English locale, a private data dir."""

import os

# Before anything imports Qt: no display is needed, and the locale is fixed. The offscreen
# screen is a desktop's 1920x1200 (its default is 800x800, smaller than any laptop).
_SCREEN = os.path.join(os.path.dirname(__file__), "fixtures", "screens", "1920x1200.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ["LANG"] = "en_GB.UTF-8"
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_ALL", None)

import pytest  # noqa: E402


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """TERMIJN_DATA_DIR pointed at a fresh temporary folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TERMIJN_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def second_pack(tmp_path_factory):
    """The second rule pack (other tiers, a 6-week objection period, 10 June a holiday): its
    file and the RulePack, opened so that `load_rule_pack("xx-2027.1")` finds it too."""
    from tests.packfixture import second_pack as build

    return build(tmp_path_factory.mktemp("rulepacks"))
