"""Settings → Rules and the change report, driven through the real window."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.casefile import CaseFile, Person
from desktop.core.model import Case, Extension, NoticeEvent, Procedure
from desktop.core.rulepack import pack_in_use, set_installed_folder, set_pack_in_use
from desktop.ui.views.change_report_dialog import ChangeReportDialog
from desktop.ui.views.dialogs import SettingsDialog
from desktop.ui.views.rules_dialog import RulesDialog
from tests.packfixture import build_pack


@pytest.fixture(autouse=True)
def _reset_pack_in_use():
    """The pack in use is process-wide: every test starts and ends with the default."""
    set_pack_in_use(None)
    yield
    set_pack_in_use(None)
    set_installed_folder(None)


def asylum_two_letters() -> CaseFile:
    # Received 10-04-2024; Vw 42(4) + 3 months, then + 6 more: nl-2026.12 takes both (end Thu
    # 10-07-2025, safe Notice 11-07-2025); nl-2026.11 refuses the second as once-only (end Fri
    # 10-01-2025, safe Notice 11-01-2025).
    case = Case(
        Procedure.ASYLUM,
        date(2024, 4, 10),
        events=(
            Extension(date(2024, 9, 1), "Vw 42(4)", months=3),
            Extension(date(2025, 1, 5), "Vw 42(4)", months=6),
        ),
    )
    return CaseFile(case=case, applicant=Person(name="Amina Yusuf"), reference="R-ASYL")


def penalty_case() -> CaseFile:
    # Regular, received 01-10-2025; a Notice received 02-03-2026 is safe; the penalty runs from
    # 17-03-2026 (receipt + 15) to day 42, 27-04-2026.
    case = Case(Procedure.REGULAR, date(2025, 10, 1), events=(NoticeEvent(date(2026, 3, 2)),))
    return CaseFile(case=case, applicant=Person(name="Jan de Boer"), reference="R-PEN")


def cell(dialog, row, column):
    """What the report's table shows in a cell (the view's own model, as a user sees it)."""
    return dialog.table.model().index(row, column).data()


def capture(monkeypatch, dialog_class, act=None, method="exec"):
    """Replace a dialog's exec (or show): run `act(dialog)` on the real dialog, record it."""
    seen = []

    def fake(dialog):
        seen.append(dialog)
        if act is not None:
            act(dialog)
        return 0

    monkeypatch.setattr(dialog_class, method, fake)
    return seen


def reports_shown(monkeypatch, act=None):
    """The change report is not modal: it is shown, and the window stays usable."""
    return capture(monkeypatch, ChangeReportDialog, act, method="show")


def test_the_status_bar_names_the_pack_in_use_and_opens_rules(qtbot, ui, monkeypatch):
    status = ui.controller.rules.status
    assert status.text() == "Rules: nl-2026.12, published 1 December 2026"
    seen = capture(monkeypatch, RulesDialog)
    qtbot.mouseClick(status, Qt.MouseButton.LeftButton)
    (dialog,) = seen
    ids = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert ids[:2] == ["nl-2026.11", "nl-2026.12"]  # (a test pack opened earlier may follow)
    assert dialog.table.item(1, 0).font().bold() and not dialog.table.item(0, 0).font().bold()
    assert "In use: nl-2026.12" in dialog.in_use_label.text()
    assert "remedies.asylum" in dialog.details.toPlainText()
    assert not dialog.use_button.isEnabled()  # the selected pack is the one in use


def test_another_pack_recomputes_every_case_and_reports_what_moved(
    qtbot, ui, repo, monkeypatch, tmp_path
):
    moved = repo.save(asylum_two_letters())
    repo.save(penalty_case())  # the same under both packs: not in the report
    ui.controller.refresh_all()

    def use_old(dialog):
        dialog.table.selectRow(0)  # nl-2026.11
        assert dialog.use_button.isEnabled()
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    capture(monkeypatch, RulesDialog, use_old)
    csv_path, pdf_path = tmp_path / "changes.csv", tmp_path / "changes.pdf"
    targets = iter([str(csv_path), str(pdf_path)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(targets), ""))

    def export(dialog):
        qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)

    reports = reports_shown(monkeypatch, export)
    ui.window.file_menu.actions()  # the Rules item sits in the File menu
    ui.controller.rules.action.trigger()

    assert pack_in_use() == "nl-2026.11"
    assert (ui.paths.data / "rulepacks" / "in-use").read_text().strip() == "nl-2026.11"
    assert repo.get(moved).rules.endswith("nl-2026.11")  # every case recomputed and cached
    (dialog,) = reports
    assert dialog.model.rowCount() == 1
    assert "R-ASYL" in cell(dialog, 0, 0)
    # The next step on 01-09-2026: send a Notice, safe from 11-07-2025 (new pack) -> from
    # 11-01-2025 (old pack refuses the second letter).
    assert "11 July 2025" in cell(dialog, 0, 1)
    assert "11 January 2025" in cell(dialog, 0, 2)
    assert "nl-2026.12 → nl-2026.11" in dialog.summary.text()
    assert "Cases checked: 2. Cases whose dates or next step changed: 1." in dialog.summary.text()
    assert "Rules: nl-2026.11" in ui.controller.rules.status.text()
    csv_text = csv_path.read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Reference,Applicant,Procedure")
    assert "R-ASYL" in csv_text and "R-PEN" not in csv_text
    pdf = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "What changed: rules nl-2026.12 → nl-2026.11" in text and "R-ASYL" in text


def test_a_pending_change_switched_in_settings_shows_the_report(qtbot, ui, repo, monkeypatch):
    case_id = repo.save(penalty_case())
    ui.controller.refresh_all()

    def switch_on(dialog):
        dialog.flag_checks["bill_35749"].setChecked(True)
        dialog.buttons.accepted.emit()

    capture(monkeypatch, SettingsDialog, switch_on)
    reports = reports_shown(monkeypatch)
    ui.window.settings_action.trigger()
    (dialog,) = reports
    assert dialog.model.rowCount() == 1 and "R-PEN" in cell(dialog, 0, 0)
    assert "Administrative penalty (dwangsom): yes → no" in cell(dialog, 0, 3)
    assert "nl-2026.12 → nl-2026.12 + bill_35749" in dialog.summary.text()
    assert repo.get(case_id).rules.endswith("nl-2026.12+bill_35749")


def test_cases_cached_under_older_law_are_reported_after_start(qtbot, ui, repo, monkeypatch):
    set_pack_in_use("nl-2026.11")  # as if the cases were saved by the previous release
    repo.save(asylum_two_letters())
    set_pack_in_use(None)
    reports = reports_shown(monkeypatch)
    ui.controller.refresh_stale()
    (dialog,) = reports
    assert "nl-2026.11 → nl-2026.12" in dialog.summary.text()
    assert dialog.model.rowCount() == 1
    reports.clear()
    ui.controller.refresh_stale()  # nothing stale any more: no recompute, no report
    assert reports == []


def test_install_a_pack_from_a_file_and_refuse_a_broken_one(qtbot, ui, monkeypatch, tmp_path):
    good = build_pack(tmp_path)
    chosen = iter([str(good)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (next(chosen), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    boxes = capture(monkeypatch, QMessageBox)  # a refusal would show one

    def install(dialog):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
        ids = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        assert "xx-2027.1" in ids
        row = ids.index("xx-2027.1")
        assert dialog.table.item(row, 3).text() == "installed"

    capture(monkeypatch, RulesDialog, install)
    ui.controller.rules.open_rules()
    assert (ui.paths.data / "rulepacks" / "xx-2027.1.toml").is_file()
    assert boxes == []

    broken_dir = tmp_path / "broken"
    broken_dir.mkdir()
    broken = build_pack(broken_dir)
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('"xx-2027.1"', '"xx-2027.2"')
        + '"colour" = "blue"\n',
        encoding="utf-8",
    )
    chosen = iter([str(broken)])
    capture(monkeypatch, RulesDialog, lambda d: d.install_button.click())
    ui.controller.rules.open_rules()
    (box,) = boxes
    assert "not installed" in box.text() and "colour: unknown key" in box.informativeText()
    assert not (ui.paths.data / "rulepacks" / "xx-2027.2.toml").exists()
