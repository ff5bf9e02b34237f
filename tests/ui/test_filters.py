"""Every Procedure and Next step choice, picked with the mouse and the keyboard on the real combos,
on a 2,000-case file: the list shows exactly what SQL says, and nothing raises."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from desktop.core.model import NextCode, Procedure
from desktop.store.demo import demo_cases
from desktop.store.records import CaseQuery
from tests.ui.conftest import TODAY

CASES = 2000


@pytest.fixture
def big(ui, repo):
    files, proofs = zip(*demo_cases(CASES, seed=3, today=TODAY), strict=True)
    repo.save_many(files, proofs)
    ui.controller.refresh_all()
    return ui


def pick_with_mouse(qtbot, combo: QComboBox, row: int) -> None:
    """Open the popup with a click and click the item, as a user does."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    # The popup ignores a release that comes within a double-click of opening (as Qt does).
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    index = view.model().index(row, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == row


def expected_rows(repo, procedure=None, next_code=None) -> int:
    return len(repo.ordered_ids(CaseQuery(procedure=procedure, next_code=next_code)))


def test_every_procedure_by_mouse(qtbot, big, repo):
    window = big.window
    model = window.case_table.model()
    combo = window.procedure_filter
    seen = set()
    for row in range(1, combo.count()):
        pick_with_mouse(qtbot, combo, row)
        procedure = Procedure(str(combo.currentData()))
        assert model.rowCount() == expected_rows(repo, procedure=procedure)
        assert model.rowCount() > 0, procedure  # the demo file has every procedure
        seen.add(procedure)
    assert seen == set(Procedure)
    pick_with_mouse(qtbot, combo, 0)  # "All procedures"
    assert model.rowCount() == expected_rows(repo)


def test_every_next_step_by_mouse(qtbot, big, repo):
    window = big.window
    model = window.case_table.model()
    combo = window.stage_filter
    seen = {}
    for row in range(1, combo.count()):
        pick_with_mouse(qtbot, combo, row)
        code = NextCode(str(combo.currentData()))
        rows = model.rowCount()
        assert rows == expected_rows(repo, next_code=code)
        for r in range(min(rows, 20)):  # the rows shown say that step
            assert model.data(model.index(r, model.STAGE), model.StageRole) == code
        seen[code] = rows
    assert set(seen) == set(NextCode)
    assert sum(seen.values()) <= CASES


def test_every_choice_by_keyboard_with_both_filters(qtbot, big, repo):
    window = big.window
    model = window.case_table.model()
    procedure, stage = window.procedure_filter, window.stage_filter
    procedure.setFocus()
    qtbot.keyClick(procedure, Qt.Key.Key_Home)
    for _p in range(procedure.count() - 1):
        qtbot.keyClick(procedure, Qt.Key.Key_Down)
        chosen = Procedure(str(procedure.currentData()))
        stage.setFocus()
        qtbot.keyClick(stage, Qt.Key.Key_Home)
        for _s in range(stage.count() - 1):
            qtbot.keyClick(stage, Qt.Key.Key_Down)
            code = NextCode(str(stage.currentData()))
            assert model.rowCount() == expected_rows(repo, chosen, code), (chosen, code)
        procedure.setFocus()
    assert procedure.currentIndex() == procedure.count() - 1
    assert stage.currentIndex() == stage.count() - 1


def test_filters_survive_a_language_switch(qtbot, big, repo):
    window = big.window
    model = window.case_table.model()
    pick_with_mouse(qtbot, window.stage_filter, 2)
    code = NextCode(str(window.stage_filter.currentData()))
    window.dutch_action.trigger()
    assert window.stage_filter.currentIndex() == 2
    assert NextCode(str(window.stage_filter.currentData())) is code
    pick_with_mouse(qtbot, window.procedure_filter, 4)
    chosen = Procedure(str(window.procedure_filter.currentData()))
    assert model.rowCount() == expected_rows(repo, chosen, code)
    window.english_action.trigger()
