"""Model checks with Qt's model tester, first start, events, settings, text size and self-test."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.model import Extension
from desktop.store.records import CaseQuery
from desktop.ui.models.case_list import CaseListModel
from desktop.ui.models.due_board import Bucket, DueBoardModel, collect_due
from desktop.ui.views.dialogs import EventDialog, FirstStartDialog, SettingsDialog
from tests.ui.conftest import TODAY, regular_case


def test_models_pass_qt_model_tester(qtmodeltester, repo):
    for i in range(5):
        repo.save(regular_case(f"Person {i}", received=date(2025, 1 + i, 5)))
    model = CaseListModel(repo)
    model.set_query(CaseQuery())
    qtmodeltester.check(model, force_py=True)
    due = DueBoardModel(repo)
    due.set_board(collect_due(repo, TODAY))
    overdue = due.bucket_index(Bucket.OVERDUE)
    assert due.rowCount(overdue) == 5  # all five are overdue for a Notice
    qtmodeltester.check(due, force_py=True)


def test_first_start_offers_demo_data(qtbot, ui, repo, monkeypatch):
    def choose_demo(dialog):
        dialog.demo_button.click()
        return FirstStartDialog.DialogCode.Accepted

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    ui.controller.first_start()
    assert repo.count() == 60
    assert ui.window.case_table.model().rowCount() > 40  # active (non-archived) demo cases
    assert not ui.controller.busy and not ui.window.progress.isVisible()


def test_first_start_offers_a_first_case(qtbot, ui, monkeypatch):
    def choose_new(dialog):
        dialog.new_button.click()
        return FirstStartDialog.DialogCode.Accepted

    monkeypatch.setattr(FirstStartDialog, "exec", choose_new)
    ui.controller.first_start()
    assert ui.window.case_panel.stack.currentIndex() == 1
    assert ui.window.case_panel.title_label.text() == "New case"


def test_add_an_extension_through_the_event_dialog(qtbot, ui, repo, monkeypatch):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    before = ui.window.case_panel.overview.date_values["rolled_end"].text()

    def fill(dialog):
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("extension"))
        dialog.first_edit.setText("31-02-2026")
        dialog.buttons.accepted.emit()
        assert dialog.first_field.error.isVisibleTo(dialog)  # a bad date is refused inline
        dialog.first_edit.setText("20-03-2026")
        dialog.basis_combo.setCurrentText("Vw 25(2)")
        dialog.amount_spin.setValue(6)
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill)
    ui.window.case_panel.events.add_button.click()
    events = repo.get(case_id).case_file.case.events
    assert Extension(date(2026, 3, 20), "Vw 25(2)", months=6) in events
    assert ui.window.case_panel.overview.date_values["rolled_end"].text() != before
    assert ui.window.case_panel.events.event_list.count() == 1


def test_settings_store_representative_and_flags(qtbot, ui, repo, monkeypatch):
    def fill(dialog):
        dialog.rep_name.setText("Mr. A. de Vries")
        dialog.rep_email.setText("not-an-email")
        dialog.buttons.accepted.emit()
        assert dialog.rep_email_field.error.isVisibleTo(dialog)
        dialog.rep_email.setText("a@devries.nl")
        dialog.flag_checks["bill_35749"].setChecked(True)
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    ui.window.settings_action.trigger()
    rep = ui.controller.prefs.representative()
    assert rep is not None and rep.name == "Mr. A. de Vries" and rep.email == "a@devries.nl"
    assert ui.controller.prefs.flags() == frozenset({"bill_35749"})


def test_double_text_size_scales_the_layout(qtbot, ui, repo):
    case_id = repo.save(regular_case())
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    timeline = ui.window.case_panel.overview.timeline
    table = ui.window.case_table
    height, row = timeline.minimumHeight(), table.verticalHeader().defaultSectionSize()
    title = ui.window.case_panel.title_label.font().pointSizeF()
    app = QApplication.instance()
    font = app.font()
    original = QApplication.font()
    try:
        font.setPointSizeF(font.pointSizeF() * 2)
        app.setFont(font)
        qtbot.waitUntil(lambda: timeline.minimumHeight() > 1.6 * height)
        assert table.verticalHeader().defaultSectionSize() > 1.6 * row
        assert ui.window.case_panel.title_label.font().pointSizeF() > 1.6 * title
    finally:
        app.setFont(original)


def test_keyboard_reaches_the_main_tasks(qtbot, ui, repo):
    case_id = repo.save(regular_case())
    ui.controller.refresh_all()
    window = ui.window
    window.find_action.trigger()
    assert window.search_edit.hasFocus() or QApplication.focusWidget() is window.search_edit
    window.case_table.setFocus()
    window.case_table.setCurrentIndex(window.case_table.model().index(0, 0))
    qtbot.keyClick(window.case_table, Qt.Key.Key_Return)
    assert ui.controller.cases.case_id == case_id
    # Every input has an accessible name or a label buddy.
    for field in window.case_panel.editor.fields.values():
        assert field.editor.accessibleName()
    for widget in (
        window.search_edit,
        window.case_table,
        window.due_tree,
        window.case_panel.overview.timeline,
    ):
        assert widget.accessibleName()


def test_self_test_command():
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert out.startswith("termijn self-test ok: 40 demo cases computed")
    pdf_size = int(re.search(r"Notice PDF (\d+) bytes", out).group(1))
    assert pdf_size > 10_000  # fonts embedded: a real letter, not an empty page


def test_long_work_reports_progress(qtbot, ui, repo):
    seen = []
    original = ui.controller.tasks.progress
    ui.controller.tasks.progress = lambda done, total: (
        seen.append((done, total)),
        original(done, total),
    )
    QTimer.singleShot(0, lambda: None)
    ui.controller.tasks.load_demo()
    assert seen and seen[-1] == (60, 60)


def test_import_runs_with_progress_and_is_all_or_nothing(qtbot, ui, repo, tmp_path, monkeypatch):
    import dataclasses
    import json

    from PySide6.QtWidgets import QMessageBox

    from desktop.core.casefile import case_file_to_json

    # Three people (V-numbers differ): not the same case three times, which would be skipped.
    good = [
        case_file_to_json(
            dataclasses.replace(regular_case(f"Imported {i}"), v_number=f"12345678{i}0")
        )
        for i in range(3)
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    ui.controller.tasks.import_file(path)
    assert repo.count() == 3
    assert ui.window.case_table.model().rowCount() == 3

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    bad = [*good, {"procedure": "regular", "received": "2026-02-30"}]
    path.write_text(json.dumps(bad), encoding="utf-8")
    ui.controller.tasks.import_file(path)
    assert repo.count() == 3  # nothing half-imported
    assert warnings and "case 3" in warnings[0] and "received" in warnings[0]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than 32 levels deep"),
        (
            b'[{"procedure": "regular", "received": "2026-01-05", "x": ' + b"9" * 5000 + b"}]",
            "a number of 5,000 digits",
        ),
        (
            b'{"procedure": "regular", "received": "2026-01-05", "notes": "A\\ud800B"}',
            "lone surrogate",
        ),
        (b'{"procedure": "regular", "received": "9999-01-01"}', "outside the dates"),
    ],
    ids=["deep nesting", "huge number", "lone surrogate", "year 9999"],
)
def test_import_of_a_hostile_file_says_what_is_wrong(
    ui, repo, tmp_path, monkeypatch, content, said
):
    """The window reads through the same boundary as the command line: a message, no crash."""
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    ui.controller.tasks.import_file(path)
    assert repo.count() == 0
    assert warnings and said in warnings[0], warnings


def test_create_the_notice_pdf(qtbot, ui, repo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    case_id = repo.save(regular_case(received=date(2025, 6, 2)))
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    target = tmp_path / "notice.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    ui.window.case_panel.notice.create_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    (doc,) = repo.documents(case_id)
    assert doc.kind == "notice" and doc.file_name == "notice.pdf"
    assert "notice.pdf" in ui.window.case_panel.notice.documents_label.text()


def test_damaged_case_file_offers_the_newest_good_backup(qapp, paths, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import open_or_explain
    from desktop.store import CaseRepository, open_database
    from desktop.store import backup as backups

    db = open_database(paths.database, backups=paths.backups)
    CaseRepository(db).save(regular_case("Kept Safe"))
    db.close()
    made = backups.make_backup(paths.database, paths.backups)
    data = bytearray(paths.database.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the header and schema page
    paths.database.write_bytes(bytes(data))

    shown = []

    def click_restore(box):
        shown.append(box.text())
        restore = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        monkeypatch.setattr(box, "clickedButton", lambda: restore)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    db = open_or_explain(paths)
    assert shown and made.name in shown[0]
    assert db is not None, shown[-1]
    assert len(shown) == 1  # one question, no further error
    assert list(paths.database.parent.glob("termijn.sqlite.damaged-*"))  # kept, not deleted
    try:
        repo = CaseRepository(db)
        (case_id,) = repo.ordered_ids(CaseQuery())
        assert repo.get(case_id).case_file.applicant.name == "Kept Safe"
    finally:
        db.close()


def test_recompute_all_reports_progress(qtbot, ui, repo):
    repo.save_many([regular_case(f"Case {i}") for i in range(3)])
    seen = []
    original = ui.controller.tasks.progress
    ui.controller.tasks.progress = lambda done, total: (
        seen.append((done, total)),
        original(done, total),
    )
    ui.controller.tasks.recompute_all()
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert not ui.controller.busy


def test_stale_dates_are_refreshed_after_start(qtbot, ui, repo):
    repo.save_many([regular_case(f"Case {i}") for i in range(3)])
    repo.set_flags(frozenset({"bill_35749"}))  # what an earlier session might have left
    assert repo.stale_count() == 3
    ui.controller.refresh_stale()
    assert repo.stale_count() == 0
    assert not ui.controller.busy
