"""The window's Privacy dialog and hand-over: driven through the real widgets."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from desktop.core.casefile import Person
from desktop.privacy import bundle
from desktop.privacy.person import Subject, find

from .conftest import regular_case


def test_menu_items_and_lock_shortcut(ui, qtbot):
    texts = [a.text() for a in ui.window.file_menu.actions()]
    assert "&Hand over this case…" in texts and "Pri&vacy…" in texts
    ui.privacy.actions["lock"].trigger()
    assert ui.privacy.lock.locked
    ui.privacy.lock.unlock("")
    assert not ui.privacy.lock.locked


def test_find_access_and_erase_a_person_from_the_dialog(ui, qtbot, tmp_path, monkeypatch):
    repo = ui.repo
    own = repo.save(regular_case("Amina Yusuf"))
    other = replace(regular_case("Omar Yusuf"), co_applicants=(Person("Amina Yusuf"),))
    theirs = repo.save(other)
    ui.controller.refresh_all()
    controller = ui.privacy.privacy
    dialog = controller.open_dialog()
    dialog.tabs.setCurrentWidget(dialog.person_page)
    qtbot.keyClicks(dialog.name_edit, "amina yusuf")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    rows = [dialog.found_list.item(i).text() for i in range(dialog.found_list.count())]
    assert rows == [f"Case {own} · T-1: applicant", f"Case {theirs} · T-1: co-applicant"]
    assert dialog.erase_button.isEnabled()

    target = tmp_path / "report.json"
    monkeypatch.setattr(controller, "choose_file", lambda suggested: target)
    qtbot.mouseClick(dialog.access_button, Qt.MouseButton.LeftButton)
    report = json.loads(target.read_text(encoding="utf-8"))
    assert [c["case_id"] for c in report["cases"]] == [own, theirs]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")

    asked = []
    monkeypatch.setattr(controller, "confirm", lambda title, text, details: asked.append(text))
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert "the whole case" in asked[0] and "as co-applicant" in asked[0]
    assert find(repo, Subject("Amina Yusuf")) != []  # declined: nothing erased
    monkeypatch.setattr(controller, "confirm", lambda title, text, details: True)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert find(repo, Subject("Amina Yusuf")) == []
    assert repo.count() == 1
    assert dialog.found_summary.text().startswith("Erased.")


def test_retention_tab_lists_and_deletes_after_confirmation(ui, qtbot, monkeypatch):
    repo = ui.repo
    old = repo.save(regular_case("Old Closed"))
    repo.archive(old)
    with repo.db.writing() as conn:
        conn.execute(
            "UPDATE case_file SET updated = '2020-01-01 00:00:00.000000' WHERE id = ?", (old,)
        )
    repo.save(regular_case("Still Open"))
    controller = ui.privacy.privacy
    dialog = controller.open_dialog()
    assert dialog.due_list.count() == 1
    assert dialog.due_label.text() == "1 closed case is due for deletion."
    dialog.months_spin.setValue(0)
    assert dialog.due_list.count() == 0 and dialog.due_label.text() == "Retention is off."
    dialog.months_spin.setValue(24)
    monkeypatch.setattr(controller, "confirm", lambda *a: True)
    qtbot.mouseClick(dialog.delete_due_button, Qt.MouseButton.LeftButton)
    assert repo.count(include_archived=True) == 1
    assert dialog.due_list.count() == 0


def test_lock_setting_is_kept_in_the_case_file(ui, qtbot):
    dialog = ui.privacy.privacy.open_dialog()
    combo = dialog.lock_combo
    assert combo.currentData() == 10
    combo.setCurrentIndex(combo.findData(0))
    assert ui.privacy.lock.minutes == 0 and not ui.privacy.lock._timer.isActive()
    assert ui.repo.get_setting("privacy.lock_minutes") == "0"


def test_hand_over_and_import_from_the_window(ui, qtbot, tmp_path, monkeypatch):
    repo = ui.repo
    case = regular_case("Amina Yusuf", received=date(2026, 1, 5))
    case_id = repo.save(replace(case, applicant=Person("Amina Yusuf", date(1990, 3, 1))))
    handover = ui.privacy.handover
    target = tmp_path / "T-1.termijn"
    monkeypatch.setattr(handover, "save_name", lambda suggested: target)
    made = handover.write_bundle(case_id, redacted=True, passphrase="a good passphrase")
    assert made == target and bundle.needs_passphrase(target.read_bytes())
    assert "encrypted" in ui.window.statusBar().currentMessage()

    answers = iter(["wrong one", "a good passphrase"])
    monkeypatch.setattr(handover, "ask_passphrase", lambda name, wrong: next(answers))
    choices = []
    monkeypatch.setattr(
        handover, "ask_merge_or_new", lambda summary, matches: choices.append(matches) or "new"
    )
    new_id = handover.import_file(target)
    assert choices == [[(case_id, f"case {case_id}")]]  # asked: the same case is here
    assert new_id != case_id and repo.count() == 2
    assert ui.window.statusBar().currentMessage() == (
        f"Imported as case {new_id}. Left out by the sender: applicant.date_of_birth"
    )
    assert ui.controller.cases.case_id == new_id  # the imported case is open
