"""Too much and nothing, typed and pasted into the real widgets: every text input stops at the
core's limit (desktop.core.limits), a text box says what it did not take, and an event without
a legal basis says what to enter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.limits import TEXT_LIMITS
from desktop.core.model import Pause
from desktop.core.rulepack import load_rule_pack
from desktop.ui.views.dialogs import EventDialog, SettingsDialog
from tests.ui.conftest import regular_case
from tests.ui.test_particulars import choose, open_editor


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """A failed test may leave edits: closing the window then must not wait for an answer."""
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )


def paste(qtbot, widget, text):
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keySequence(widget, "Ctrl+V")


def test_the_editor_stops_at_each_limit_and_says_so(qtbot, ui, repo):
    case_id = repo.save(regular_case("Rīm Ḥaddād"))
    ed = open_editor(qtbot, ui, case_id)
    ed.name_edit.selectAll()
    qtbot.keyClicks(ed.name_edit, "N" * (TEXT_LIMITS["name"] + 20))
    assert len(ed.name_edit.text()) == TEXT_LIMITS["name"]
    paste(qtbot, ed.reference_edit, "R" * 500)
    assert len(ed.reference_edit.text()) == TEXT_LIMITS["reference"]

    # The address: typed first, then a long paste at its start; the typed address stays.
    qtbot.keyClicks(ed.address_edit, "Kerkstraat 1")
    qtbot.keyClick(ed.address_edit, Qt.Key.Key_Home)
    paste(qtbot, ed.address_edit, "x" * 600)
    text = ed.address_edit.toPlainText()
    assert len(text) == TEXT_LIMITS["address"] and text.endswith("xKerkstraat 1")
    note = ed.fields["address"].error
    assert note.isVisibleTo(ed)
    assert note.text() == "⚠ At most 500 characters fit here; the rest was not taken."
    assert ed.save_button.isEnabled()  # what was kept can be saved
    qtbot.keyClick(ed.address_edit, Qt.Key.Key_Backspace)
    assert not note.isVisibleTo(ed)  # shortened: the note is gone

    # The notes take a pasted e-mail thread up to their limit, in Dutch too.
    ui.window.dutch_action.trigger()
    paste(qtbot, ed.notes_edit, "é" * (TEXT_LIMITS["notes"] + 5))
    assert len(ed.notes_edit.toPlainText()) == TEXT_LIMITS["notes"]
    assert "Hier passen maximaal 100.000 tekens" in ed.fields["notes"].error.text()
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    stored = repo.get(case_id).case_file
    assert len(stored.applicant.name) == TEXT_LIMITS["name"]
    assert len(stored.notes) == TEXT_LIMITS["notes"]
    # The backspace took back one pasted character; the address typed first is whole.
    assert stored.applicant.address == "x" * 487 + "Kerkstraat 1"


def test_a_family_cell_stops_at_its_limit(qtbot, ui, repo):
    case_id = repo.save(regular_case("Rīm Ḥaddād"))
    ed = open_editor(qtbot, ui, case_id)
    qtbot.mouseClick(ed.family.add_button, Qt.MouseButton.LeftButton)
    table = ed.family.table
    table.setCurrentCell(0, 3)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().focusWidget() or QApplication.focusWidget()
    qtbot.keyClicks(editor, "r" * (TEXT_LIMITS["relation"] + 10))
    assert len(editor.text()) == TEXT_LIMITS["relation"]
    qtbot.mouseClick(ed.revert_button, Qt.MouseButton.LeftButton)


def test_a_pause_without_a_basis_says_what_to_enter(qtbot, ui, repo, monkeypatch):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    seen = {}

    def fill(dialog):
        choose(qtbot, dialog.type_combo, "pause")
        qtbot.keyClicks(dialog.first_edit, "02-03-2026")
        qtbot.keyClicks(dialog.second_edit, "16-03-2026")
        line = dialog.basis_combo.lineEdit()
        line.setFocus()
        line.selectAll()
        qtbot.keyClick(line, Qt.Key.Key_Delete)  # nothing
        error = dialog.basis_error
        assert error.isVisibleTo(dialog)
        seen["error"] = error.text()
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # OK
        assert dialog.result() != EventDialog.DialogCode.Accepted  # refused, still open
        qtbot.keyClicks(line, "B" * (TEXT_LIMITS["basis"] + 30))  # too much
        assert len(line.text()) == TEXT_LIMITS["basis"]
        assert not error.isVisibleTo(dialog)
        line.selectAll()
        qtbot.keyClick(line, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.basis_combo, Qt.Key.Key_Down)  # the pack's bases are offered
        assert not error.isVisibleTo(dialog)
        seen["basis"] = dialog.basis_combo.currentData()
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill)
    ui.window.case_panel.events.add_button.click()
    assert seen["error"].startswith("⚠ Enter the legal basis of the pause")
    bases = [b.basis for b in load_rule_pack(ui.controller.cases.result.rules).pauses.bases]
    assert bases[0] in seen["error"]
    pause = Pause(date(2026, 3, 2), date(2026, 3, 16), seen["basis"])
    assert seen["basis"] in bases and pause in repo.get(case_id).case_file.case.events


def test_an_appointment_excuse_and_a_tracking_number_stop_at_their_limits(qtbot, ui, repo):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    panel = ui.window.case_panel
    paste(qtbot, panel.appointments.excuse_edit, "ziek " * 1000)
    assert len(panel.appointments.excuse_edit.text()) == TEXT_LIMITS["excuse"]
    paste(qtbot, panel.notice.tracking_edit, "3S" * 100)
    assert len(panel.notice.tracking_edit.text()) == TEXT_LIMITS["tracking_number"]
    panel.notice.tracking_edit.clear()


def test_the_settings_address_refuses_the_excess(qtbot, ui, monkeypatch):
    def fill(dialog):
        paste(qtbot, dialog.rep_name, "A" * 300)
        assert len(dialog.rep_name.text()) == TEXT_LIMITS["name"]
        paste(qtbot, dialog.rep_address, "Postbus 1\n" * 80)
        assert len(dialog.rep_address.toPlainText()) == TEXT_LIMITS["address"]
        assert "At most 500 characters" in dialog.rep_address_field.error.text()
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    ui.window.settings_action.trigger()
    rep = ui.controller.prefs.representative()
    assert len(rep.name) == TEXT_LIMITS["name"]
    assert len(rep.address) <= TEXT_LIMITS["address"]
