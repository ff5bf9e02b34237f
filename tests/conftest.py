"""Test set-up shared by every test package: offscreen Qt, English locale, a private data dir."""

import os

# Before anything imports Qt: no display is needed, and the locale is fixed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
