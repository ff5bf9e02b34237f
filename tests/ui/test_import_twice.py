"""File → Import cases… twice with the same file: the second time adds nothing and says how many
were new and how many skipped (as `termijn cases import` does), in English and Dutch."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.paths import app_paths
from desktop.store import CaseQuery, CaseRepository, open_database
from desktop.store.demo import demo_cases
from desktop.store.transfer import export_records, write_json
from tests.ui.conftest import TODAY

CASES = 12


@pytest.fixture
def export_file(tmp_path):
    """An export made by Termijn (with Notice proofs) of CASES demo cases, from another file."""
    other = app_paths(tmp_path / "other").ensure()
    db = open_database(other.database, backups=other.backups)
    try:
        source = CaseRepository(db)
        files, proofs = zip(*demo_cases(CASES, seed=5, today=TODAY), strict=True)
        ids = source.save_many(files, proofs)
        path = tmp_path / "export.json"
        write_json(path, export_records(source, ids))
    finally:
        db.close()
    return path


def import_with_menu(ui, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    ui.window.import_action.trigger()


def test_the_same_file_twice_adds_nothing_the_second_time(ui, repo, export_file, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    import_with_menu(ui, monkeypatch, export_file)
    assert repo.count() == CASES
    assert ui.window.statusBar().currentMessage() == f"{CASES} new cases imported."
    assert not told  # nothing skipped: nothing to explain
    proofs = sum(len(repo.get(i).notice_proofs) for i in repo.ordered_ids(CaseQuery()))
    assert proofs > 0  # the Notices' proofs came along

    import_with_menu(ui, monkeypatch, export_file)
    assert repo.count() == CASES  # no duplicates
    expected = (
        f"0 new cases imported. {CASES} cases were skipped: Termijn already has them (same "
        "procedure, date of receipt and V-number or name)."
    )
    assert ui.window.statusBar().currentMessage() == expected
    assert told == [expected]


def test_new_and_skipped_counted_in_dutch(ui, repo, export_file, monkeypatch, tmp_path):
    import json

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    records = json.loads(export_file.read_text(encoding="utf-8"))
    first = tmp_path / "first.json"
    first.write_text(json.dumps(records[:1]), encoding="utf-8")
    import_with_menu(ui, monkeypatch, first)
    ui.window.dutch_action.trigger()
    try:
        import_with_menu(ui, monkeypatch, export_file)
        assert repo.count() == CASES
        assert told == [
            f"{CASES - 1} nieuwe zaken geïmporteerd. 1 zaak is overgeslagen: Termijn heeft die "
            "al (zelfde procedure, ontvangstdatum en V-nummer of naam)."
        ]
    finally:
        ui.window.english_action.trigger()


def test_a_file_with_the_same_case_twice_imports_it_once(ui, repo, export_file, monkeypatch):
    import json

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    records = json.loads(export_file.read_text(encoding="utf-8"))
    export_file.write_text(json.dumps([records[0], records[0]]), encoding="utf-8")
    import_with_menu(ui, monkeypatch, export_file)
    assert repo.count() == 1
    assert told and told[0].startswith("1 new case imported. 1 case was skipped")
