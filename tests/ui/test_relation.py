"""The representative's relation to the applicant, chosen in the case editor as a user does,
saved, shown again and printed: a family member's Notice says "namens mijn echtgenote"."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.casefile import Relation, Representative
from desktop.ui.controllers.preferences import Preferences
from tests.ui.conftest import regular_case
from tests.ui.test_filters import pick_with_mouse
from tests.ui.test_particulars import choose, open_editor


@pytest.fixture
def saved(tmp_path, monkeypatch):
    written: list[Path] = []

    def answer(_parent, _caption, start, _filter):
        written.append(tmp_path / Path(start).name)
        return str(written[-1]), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return written


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """A failed test may leave edits: closing the window then must not wait for an answer."""
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_wife_chosen_with_the_keyboard_is_saved_shown_again_and_printed(qtbot, ui, repo, saved):
    Preferences(repo).set_representative(Representative(name="Karim Haddad"))
    # Received in 2025: late enough on 1 September 2026 for a ready-to-send Notice.
    case_id = repo.save(regular_case("Rīm Ḥaddād", received=date(2025, 6, 2)))
    ed = open_editor(qtbot, ui, case_id)
    assert ed.relation_combo.currentData() == ""  # a professional, or not said
    labels = [ed.relation_combo.itemText(i) for i in range(ed.relation_combo.count())]
    assert "wife" in labels and "brother" in labels
    assert ed.labels["relation"].text() == "The applicant is my"
    choose(qtbot, ed.relation_combo, "wife")
    assert ed.save_button.isEnabled()
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    rep = repo.get(case_id).case_file.representative
    assert rep == Representative(name="Karim Haddad", relation=Relation.WIFE)

    ui.controller.cases.close_case()
    ed = open_editor(qtbot, ui, case_id)
    assert ed.relation_combo.currentData() == "wife"
    assert not ed.save_button.isEnabled()  # nothing changed by showing it
    ui.window.dutch_action.trigger()
    assert ed.relation_combo.currentText() == "echtgenote"
    assert ed.labels["relation"].text() == "De aanvrager is mijn"
    assert ed.relation_combo.currentData() == "wife"  # kept across the language switch

    panel = ui.window.case_panel
    panel.tabs.setCurrentWidget(panel.notice)
    assert panel.notice.language_combo.currentData() == "nl"
    qtbot.mouseClick(panel.notice.create_button, Qt.MouseButton.LeftButton)
    text = pdf_text(saved[-1])
    assert "namens mijn echtgenote, Rīm Ḥaddād" in text
    assert "Karim Haddad" in text  # the signer


def test_a_relation_with_the_mouse_back_to_professional(qtbot, ui, repo):
    Preferences(repo).set_representative(Representative(name="Karim Haddad"))
    case_id = repo.save(regular_case("Rīm Ḥaddād"))
    ed = open_editor(qtbot, ui, case_id)
    combo = ed.relation_combo
    combo.setFocus()
    pick_with_mouse(qtbot, combo, combo.findData("son"))
    assert combo.currentData() == "son"
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert repo.get(case_id).case_file.representative.relation is Relation.SON
    choose(qtbot, combo, "")
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    rep = repo.get(case_id).case_file.representative
    assert rep is not None and rep.relation is None and rep.name == "Karim Haddad"


def test_a_relation_without_a_representative_says_what_to_do(qtbot, ui, repo):
    case_id = repo.save(regular_case("Rīm Ḥaddād"))
    ed = open_editor(qtbot, ui, case_id)
    choose(qtbot, ed.relation_combo, "mother")
    error = ed.fields["relation"].error
    assert error.isVisibleTo(ed) and "Settings" in error.text()
    assert not ed.save_button.isEnabled()
    choose(qtbot, ed.relation_combo, "")
    assert not error.isVisibleTo(ed)
    assert repo.get(case_id).case_file.representative is None  # nothing was saved
    qtbot.mouseClick(ed.revert_button, Qt.MouseButton.LeftButton)


def test_an_organisation_wins_and_the_editor_says_so(qtbot, ui, repo):
    Preferences(repo).set_representative(Representative(name="Mr. Visser", organisation="VWN"))
    case_id = repo.save(regular_case("Rīm Ḥaddād"))
    ed = open_editor(qtbot, ui, case_id)
    choose(qtbot, ed.relation_combo, "daughter")
    assert "my client" in ed.fields["relation"].error.text()
    assert ed.save_button.isEnabled()  # a note, not a refusal
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert repo.get(case_id).case_file.representative.relation is Relation.DAUGHTER


def test_the_settings_representative_has_no_relation_after_a_round_trip(repo):
    # Stored as JSON null; read back it must be None, not the text "None" (which the letters
    # would look up as a relation).
    prefs = Preferences(repo)
    prefs.set_representative(Representative(name="Karim Haddad", email="k@example.org"))
    assert prefs.representative() == Representative(name="Karim Haddad", email="k@example.org")
    repo.set_setting("notice.representative", "[1, 2]")
    assert prefs.representative() is None  # unreadable: ignored, no crash
