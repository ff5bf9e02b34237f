"""Drive the real main window: create, appointments, why-this-date, Dutch, backups, due board."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.model import Appointment, AppointmentKind, NoticeEvent
from desktop.i18n import current_language
from desktop.store.records import CaseQuery
from desktop.ui.models.due_board import Bucket
from tests.ui.conftest import regular_case


def open_case(ui, case_id):
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    return ui.window.case_panel


def test_create_a_case_with_inline_validation(qtbot, ui, repo):
    window = ui.window
    window.new_case_action.trigger()
    editor = window.case_panel.editor
    assert window.case_panel.stack.currentIndex() == 1
    qtbot.keyClicks(editor.name_edit, "Lukasz Wojcik")
    qtbot.keyClicks(editor.v_number_edit, "12345")
    qtbot.keyClicks(editor.received_edit, "31-02-2026")
    # Errors show inline as the user types; Save is off; nothing typed is lost.
    assert editor.fields["received"].error.isVisibleTo(window)
    assert "does not exist" in editor.fields["received"].error.text()
    assert editor.fields["v_number"].error.isVisibleTo(window)
    assert not editor.save_button.isEnabled()
    assert editor.name_edit.text() == "Lukasz Wojcik"
    editor.received_edit.clear()
    qtbot.keyClicks(editor.received_edit, "05-01-2026")
    qtbot.keyClicks(editor.v_number_edit, "67890")
    assert not editor.fields["received"].error.isVisibleTo(window)
    assert not editor.fields["v_number"].error.isVisibleTo(window)
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert repo.count() == 1
    (case_id,) = repo.ordered_ids(CaseQuery())
    stored = repo.get(case_id)
    assert stored.case_file.applicant.name == "Lukasz Wojcik"
    assert stored.case_file.v_number == "1234567890"
    assert stored.case_file.case.received == date(2026, 1, 5)
    assert window.case_table.model().rowCount() == 1
    assert window.case_panel.title_label.text() == "Lukasz Wojcik"
    overview = window.case_panel.overview
    decisive = overview.timeline.marks()
    assert any("safe_notice_receipt" in m.kinds for m in decisive)
    assert not any("start" in m.kinds for m in decisive)  # receipt is months before: not shown
    qtbot.mouseClick(overview.zoom_all, Qt.MouseButton.LeftButton)  # "The whole case"
    assert any("start" in m.kinds for m in overview.timeline.marks())
    assert len(overview.timeline.marks()) > len(decisive)
    assert window.case_count_label.text() == "1 case"


def test_missed_appointment_moves_the_ind_reading(qtbot, ui, repo):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    panel = open_case(ui, case_id)
    values = panel.overview.date_values
    before_ind = values["ind_view_end"].text()
    before_own = values["rolled_end"].text()
    assert "same as yours" in before_ind

    ap = panel.appointments
    panel.tabs.setCurrentWidget(ap)
    ap.kind_combo.setCurrentIndex(ap.kind_combo.findData(AppointmentKind.BIOMETRICS.value))
    ap.attended_check.setChecked(False)
    qtbot.keyClicks(ap.date_edit, "10-02-2026")
    qtbot.keyClicks(ap.rescheduled_edit, "10-03-2026")
    qtbot.keyClicks(ap.excuse_edit, "hospital admission")
    qtbot.mouseClick(ap.add_button, Qt.MouseButton.LeftButton)

    events = repo.get(case_id).case_file.case.events
    assert (
        Appointment(
            AppointmentKind.BIOMETRICS,
            date(2026, 2, 10),
            False,
            date(2026, 3, 10),
            "hospital admission",
        )
        in events
    )
    after_ind = values["ind_view_end"].text()
    assert after_ind != before_ind and "28 contested days" in after_ind
    assert values["rolled_end"].text() == before_own  # a contested pause never moves ours
    # The log explains it: meaning, what to do, evidence, both readings.
    html = ap.meaning.toPlainText()
    assert "Biometrics" in html and "What to do now" in html and "Evidence to keep" in html
    assert "IND reading" in html and "Your reading" in html
    panel.tabs.setCurrentIndex(0)
    qtbot.mouseClick(panel.overview.zoom_all, Qt.MouseButton.LeftButton)
    styles = {m.style for m in panel.overview.timeline.marks()}
    assert "contested" in styles and "ind_end" in styles


def test_why_this_date_by_mouse_and_keyboard(qtbot, ui, repo):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    panel = open_case(ui, case_id)
    timeline = panel.overview.timeline
    qtbot.waitUntil(lambda: bool(timeline._hits))
    marks = timeline.marks()
    index = next(i for i, m in enumerate(marks) if "rolled_end" in m.kinds)
    timeline.repaint()
    rect = timeline.mark_rect(index)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    dialog = ui.controller.cases.why_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "Legal basis:" in text
    result = ui.controller.cases.result
    step = next(s for s in result.steps if s.kind == "rolled_end" or s.date == marks[index].day)
    assert step.text.en.splitlines()[0][:40] in text
    assert dialog.heading.text().startswith("End (your reading)")
    dialog.close()

    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.heading.text().startswith("Original term ends")


def test_switch_to_dutch_and_back(qtbot, ui, repo):
    case_id = repo.save(regular_case())
    panel = open_case(ui, case_id)
    window = ui.window
    model = window.case_table.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Applicant"
    window.dutch_action.trigger()
    assert current_language() == "nl"
    assert window.left_tabs.tabText(0) == "Zaken"
    assert window.file_menu.title() == "&Bestand"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Aanvrager"
    assert panel.overview.date_labels["rolled_end"].text() == "Beslistermijn eindigt (uw lezing)"
    assert "maandag" in panel.overview.date_values["rolled_end"].text() or any(
        day in panel.overview.date_values["rolled_end"].text()
        for day in ("dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
    )
    assert window.dutch_action.isChecked()
    # Stock dialogs follow through Qt's own catalog.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    assert repo.get_setting("ui.language") == "nl"  # remembered
    window.english_action.trigger()
    assert window.left_tabs.tabText(0) == "Cases"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_filter_keystrokes_on_ten_thousand_cases(qtbot, ui, repo):
    from desktop.store.demo import demo_cases

    files, proofs = zip(*demo_cases(10_000, seed=7), strict=True)
    repo.save_many(files, proofs, compute=False)
    ui.controller.refresh_all()
    window = ui.window
    model = window.case_table.model()
    assert model.rowCount() == 10_000 - sum(f.archived for f in files)
    target = files[1234].applicant.name
    word = max(target.split(), key=len)[:5]
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, word)
    expected = repo.ordered_ids(CaseQuery(text=word))
    assert 0 < model.rowCount() == len(expected) < 10_000
    for row in range(min(model.rowCount(), 50)):
        name = model.data(model.index(row, 0))
        assert name is not None
    window.archived_filter.setCurrentIndex(1)  # all cases, archived too
    assert model.rowCount() == len(repo.ordered_ids(CaseQuery(text=word, archived=None)))
    window.search_edit.clear()
    assert model.rowCount() == 10_000


def test_restore_a_backup(qtbot, ui, repo, paths, monkeypatch):
    from desktop.store import backup

    first = repo.save(regular_case("Before Backup"))
    made = backup.make_backup(repo.db.path, paths.backups)
    second = repo.save(regular_case("After Backup"))
    ui.controller.refresh_all()
    assert ui.window.case_table.model().rowCount() == 2
    ui.controller.open_case(second)

    # Through the dialog: it lists backups newest first; choose ours and accept.
    from desktop.ui.views.dialogs import RestoreDialog

    def fake_exec(dialog):
        names = [dialog.backup_list.item(i).text() for i in range(dialog.backup_list.count())]
        assert made.name in names
        dialog.backup_list.setCurrentRow(names.index(made.name))
        return RestoreDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", fake_exec)
    ui.window.restore_action.trigger()
    model = ui.window.case_table.model()
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Before Backup"
    assert repo.get(first).case_file.applicant.name == "Before Backup"
    assert ui.window.case_panel.stack.currentIndex() == 0  # the restored-away case is closed


def test_notice_delivery_becomes_a_notice_event(qtbot, ui, repo):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    panel = open_case(ui, case_id)
    nv = panel.notice
    qtbot.keyClicks(nv.posted_edit, "01-06-2026")
    qtbot.keyClicks(nv.tracking_edit, "3SABCD1234567")
    qtbot.keyClicks(nv.delivered_edit, "03-06-2026")
    qtbot.mouseClick(nv.record_button, Qt.MouseButton.LeftButton)
    stored = repo.get(case_id)
    notices = [e for e in stored.case_file.case.events if isinstance(e, NoticeEvent)]
    assert notices == [NoticeEvent(received=date(2026, 6, 3))]
    (proof,) = stored.notice_proofs.values()
    assert proof.tracking_number == "3SABCD1234567" and proof.posted == date(2026, 6, 1)
    assert "counts on every reading" in panel.overview.date_values["notice"].text()
    assert "so far" in panel.overview.date_values["penalty"].text()


def test_delete_can_be_undone(qtbot, ui, repo, monkeypatch):
    case_id = repo.save(regular_case())
    open_case(ui, case_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(ui.window.case_panel.editor.delete_button, Qt.MouseButton.LeftButton)
    assert ui.window.case_table.model().rowCount() == 0
    assert ui.window.undo_button.isVisible()
    qtbot.mouseClick(ui.window.undo_button, Qt.MouseButton.LeftButton)
    assert ui.window.case_table.model().rowCount() == 1
    assert ui.controller.cases.case_id == case_id


def test_due_board_opens_a_case(qtbot, ui, repo):
    # Term ended long ago and no Notice yet: "send the Notice" is overdue.
    case_id = repo.save(regular_case("Overdue Person", received=date(2025, 6, 1)))
    ui.controller.refresh_all()
    tree = ui.window.due_tree
    model = tree.model()
    overdue = model.bucket_index(Bucket.OVERDUE)
    assert model.data(overdue) == "Overdue (1)"
    assert not tree.isExpanded(overdue)  # collapsed with its count: Today and This week first
    assert model.data(model.index(0, 0)) == "Today (0)"
    child = model.index(0, 0, overdue)
    assert model.data(child) == "Overdue Person"
    assert "days ago" in model.data(model.index(0, 1, overdue))
    ui.window.left_tabs.setCurrentIndex(1)
    tree.setCurrentIndex(child)
    tree.activated.emit(child)
    assert ui.controller.cases.case_id == case_id
