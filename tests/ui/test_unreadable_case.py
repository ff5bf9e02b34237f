"""A case row the store cannot read: the window lists it as such, says why on opening, goes on."""

from __future__ import annotations

from contextlib import closing
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store import engine
from desktop.ui.models.case_list import CaseListModel
from desktop.ui.models.due_board import Bucket
from tests.ui.conftest import regular_case


def test_an_unreadable_case_is_listed_explained_and_the_rest_works(qtbot, ui, repo, monkeypatch):
    first = repo.save(regular_case("Anna Overdue", received=date(2025, 6, 1)))
    broken = repo.save(regular_case("Bram Broken", received=date(2025, 6, 1)))
    # Another tool writes a procedure Termijn never wrote (the store's own driver: one library).
    with closing(engine.driver.connect(repo.db.path, isolation_level=None)) as raw:
        raw.execute("UPDATE case_file SET procedure = 'bogus' WHERE id = ?", (broken,))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    ui.controller.refresh_all()
    table, model = ui.window.case_table, ui.window.case_table.model()
    assert model.rowCount() == 2
    row = model.row_of(broken)
    assert model.data(model.index(row, CaseListModel.APPLICANT)) == "Bram Broken"
    assert model.data(model.index(row, CaseListModel.PROCEDURE)) == "Unreadable"
    assert model.data(model.index(row, CaseListModel.STAGE)) == "Cannot be read"
    tip = model.data(model.index(row, CaseListModel.STAGE), Qt.ItemDataRole.ToolTipRole)
    assert "procedure: 'bogus' is not a procedure Termijn knows" in tip
    # Its last computed date still puts it on the due board: a deadline is not hidden.
    due = ui.window.due_tree.model()
    assert due.data(due.bucket_index(Bucket.OVERDUE)) == "Overdue (2)"
    # Clicking it says what is wrong and what to do; the window stays usable.
    rect = table.visualRect(model.index(row, CaseListModel.APPLICANT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(shown) == 1 and "restore a backup" in shown[0]
    assert ui.controller.cases.case_id is None
    rect = table.visualRect(model.index(model.row_of(first), CaseListModel.APPLICANT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ui.controller.cases.case_id == first
    assert len(shown) == 1
