"""The particulars a letter needs, typed into the case editor as a user does, saved and shown
again: sponsor, family members, purpose, kind of application, the contested decision, fax."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.core.particulars import ApplicationKind, FamilyMember, Sponsor
from tests.ui.conftest import regular_case


def open_editor(qtbot, ui, case_id):
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    panel = ui.window.case_panel
    panel.tabs.setCurrentWidget(panel.editor)
    return panel.editor


def choose(qtbot, combo, data):
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data, [combo.itemData(i) for i in range(combo.count())]


def type_cell(qtbot, table, row, column, text):
    """Go to a cell, press F2 to edit it, type, and press Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(10)  # the editor commits and closes


def test_type_the_particulars_of_a_family_case(qtbot, ui, repo):
    case_id = repo.save(regular_case("Rīm Ḥaddād", received=date(2026, 3, 2)))
    ed = open_editor(qtbot, ui, case_id)
    assert ed.sponsor_name_edit.isVisibleTo(ed) and ed.application_kind_combo.isVisibleTo(ed)
    assert not ed.objection_lodged_edit.isVisibleTo(ed)  # an objection's field
    choose(qtbot, ed.application_kind_combo, "first")
    qtbot.keyClicks(ed.purpose_edit, "verblijf bij partner")
    qtbot.keyClicks(ed.sponsor_name_edit, "Yusuf Haddad")
    qtbot.keyClicks(ed.sponsor_v_number_edit, "12345")
    assert ed.fields["sponsor_v_number"].error.isVisibleTo(ed)  # checked as typed
    qtbot.keyClicks(ed.sponsor_v_number_edit, "67890")
    assert not ed.fields["sponsor_v_number"].error.isVisibleTo(ed)
    qtbot.mouseClick(ed.family.add_button, Qt.MouseButton.LeftButton)
    table = ed.family.table
    type_cell(qtbot, table, 0, 0, "Nur Haddad")
    type_cell(qtbot, table, 0, 1, "31-02-2019")
    assert "Row 1" in ed.fields["family_members"].error.text()
    assert not ed.save_button.isEnabled()
    type_cell(qtbot, table, 0, 1, "03-02-2019")
    type_cell(qtbot, table, 0, 3, "dochter")
    ed.send_by_fax_check.setFocus()
    qtbot.keyClick(ed.send_by_fax_check, Qt.Key.Key_Space)
    assert ed.save_button.isEnabled()
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)

    found = repo.get(case_id).case_file.particulars
    assert found.application_kind is ApplicationKind.FIRST
    assert found.purpose == "verblijf bij partner"
    assert found.sponsor == Sponsor("Yusuf Haddad", "1234567890")
    assert found.family_members == (FamilyMember("Nur Haddad", date(2019, 2, 3), "", "dochter"),)
    assert found.send_by_fax
    # Shown again when the case is opened anew.
    ui.controller.cases.close_case()
    ed = open_editor(qtbot, ui, case_id)
    assert ed.sponsor_name_edit.text() == "Yusuf Haddad"
    assert ed.family.rows() == [["Nur Haddad", "03-02-2019", "", "dochter"]]
    assert ed.application_kind_combo.currentData() == "first"


def test_an_objection_has_its_decision_reference_and_date(qtbot, ui, repo):
    case_id = repo.save(regular_case("Objecting Person", received=date(2026, 3, 2)))
    ed = open_editor(qtbot, ui, case_id)
    choose(qtbot, ed.procedure_combo, "objection")
    assert ed.objection_lodged_edit.isVisibleTo(ed)
    assert not ed.sponsor_name_edit.isVisibleTo(ed)
    qtbot.keyClicks(ed.objected_reference_edit, "IND-2026-0042")
    qtbot.keyClicks(ed.objection_lodged_edit, "01-02-2026")  # before the decision (02-03)
    assert "before the decision" in ed.fields["objection_lodged"].error.text()
    ed.objection_lodged_edit.clear()
    qtbot.keyClicks(ed.objection_lodged_edit, "20-03-2026")
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    stored = repo.get(case_id).case_file
    assert stored.case.objected_decision_sent == date(2026, 3, 2)
    assert stored.particulars.objected_decision_reference == "IND-2026-0042"
    assert stored.particulars.objection_lodged == date(2026, 3, 20)
