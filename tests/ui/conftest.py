"""Fixtures for driving the real main window: a fresh case file, a fixed day, a synchronous pool."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.app import build
from desktop.core.casefile import CaseFile, Person
from desktop.core.model import Case, Procedure
from desktop.i18n import set_language
from desktop.paths import app_paths
from desktop.store import CaseRepository, open_database
from desktop.ui.tasks import SyncPool

TODAY = date(2026, 9, 1)


@pytest.fixture
def paths(tmp_path):
    return app_paths(tmp_path / "data").ensure()


@pytest.fixture
def repo(paths, monkeypatch):
    db = open_database(paths.database, backups=paths.backups)
    repository = CaseRepository(db)
    monkeypatch.setattr(repository, "today", lambda: TODAY)
    yield repository
    db.close()


@pytest.fixture
def ui(qtbot, repo, paths):
    """The real window on the test repository, in English, with work run synchronously."""
    built = build(repo, paths, lang="en", pool=SyncPool(), save=SyncPool())
    qtbot.addWidget(built.window)
    built.window.resize(1400, 900)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.window.close_handler = None
    set_language("en")  # the language is process-wide: leave English for the next test


def regular_case(name: str = "Şükrü Ağaoğlu", received: date = date(2026, 1, 5), **kw) -> CaseFile:
    return CaseFile(
        case=Case(Procedure.REGULAR, received, **kw),
        applicant=Person(name=name),
        v_number="1234567890",
        reference="T-1",
    )
