"""'Why this date?' follows the case that is selected (or closes) and the language, whole."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.core.compute import compute
from desktop.core.model import Decision, Procedure
from desktop.core.rulepack import load_rule_pack
from desktop.i18n import format_date
from tests.ui.conftest import TODAY, regular_case


def click_row(qtbot, window, case_id):
    table = window.case_table
    model = table.model()
    index = model.index(model.row_of(case_id), 0)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )


def test_why_follows_the_selected_case_and_the_language(qtbot, ui, repo):
    early = regular_case("Amal Saʿīd", received=date(2025, 11, 3))
    late = regular_case("Amal Saʿīdī", received=date(2026, 2, 2))  # a similar name
    first, second = repo.save(early), repo.save(late)
    ui.controller.refresh_all()
    window, panel = ui.window, ui.window.case_panel
    click_row(qtbot, window, first)
    qtbot.mouseClick(panel.overview.why_buttons["rolled_end"], Qt.MouseButton.LeftButton)
    dialog = ui.controller.cases.why_dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Why this date? – Amal Saʿīd"
    end_first = compute(early.case, today=TODAY).term.rolled_end
    assert dialog.heading.text().endswith(format_date(end_first, "en"))

    click_row(qtbot, window, second)  # another person: the dialog explains their date
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Why this date? – Amal Saʿīdī"
    end_second = compute(late.case, today=TODAY).term.rolled_end
    assert end_second != end_first
    assert dialog.heading.text().endswith(format_date(end_second, "en"))

    window.dutch_action.trigger()  # retranslated whole: title, heading and the explanation
    assert dialog.windowTitle() == "Waarom deze datum? – Amal Saʿīdī"
    assert dialog.heading.text() == (
        f"Beslistermijn eindigt (uw lezing): {format_date(end_second, 'nl')}"
    )
    text = dialog.browser.toPlainText()
    assert "Wettelijke grondslag" in text and "Legal basis" not in text
    assert "Hoe elke datum is berekend" in text
    window.english_action.trigger()
    assert dialog.heading.text().startswith("Decision term ends (your reading)")


def test_why_closes_when_the_new_case_has_no_such_date(qtbot, ui, repo):
    decided = regular_case("Decided Person", received=date(2025, 6, 2))
    decided_id = repo.save(decided)
    open_id = repo.save(regular_case("Open Person", received=date(2026, 2, 2)))
    repo.add_event(decided_id, Decision(sent=date(2026, 8, 3)))
    ui.controller.refresh_all()
    click_row(qtbot, ui.window, decided_id)
    panel = ui.window.case_panel
    qtbot.mouseClick(panel.overview.why_buttons["remedy_until"], Qt.MouseButton.LeftButton)
    dialog = ui.controller.cases.why_dialog
    assert dialog.isVisible() and "Decided Person" in dialog.windowTitle()
    click_row(qtbot, ui.window, open_id)  # not decided: no last day to object to explain
    assert not dialog.isVisible()


def test_why_closes_with_the_case(qtbot, ui, repo, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    case_id = repo.save(regular_case("Closing Person"))
    ui.controller.refresh_all()
    click_row(qtbot, ui.window, case_id)
    ui.controller.cases.show_why_for("rolled_end")
    dialog = ui.controller.cases.why_dialog
    assert dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui.window.case_panel.editor.delete_button.click()
    assert not dialog.isVisible()


def test_why_on_the_last_day_to_object_names_the_period_and_its_basis(qtbot, ui, repo):
    decided_id = repo.save(regular_case("Decided Person", received=date(2025, 6, 2)))
    # Sent Monday 3 August 2026: 4 weeks from the next day end Monday 31 August.
    repo.add_event(decided_id, Decision(sent=date(2026, 8, 3)))
    ui.controller.refresh_all()
    click_row(qtbot, ui.window, decided_id)
    panel = ui.window.case_panel
    qtbot.mouseClick(panel.overview.why_buttons["remedy_until"], Qt.MouseButton.LeftButton)
    dialog = ui.controller.cases.why_dialog
    assert dialog.heading.text().endswith(format_date(date(2026, 8, 31), "en"))
    about = dialog.browser.toPlainText().split("How every date was worked out")[0]
    assert "object (bezwaar) within 4 weeks" in about
    assert load_rule_pack().remedy(Procedure.REGULAR).basis in about
