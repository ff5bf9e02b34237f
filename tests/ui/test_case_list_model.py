"""The case list model answers data() without any view (Vorta's approach), paging from the store."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from desktop.core.model import NextCode
from desktop.store.records import CaseQuery
from desktop.ui.models.case_list import CaseListModel
from tests.ui.conftest import regular_case


def test_data_without_a_widget(qapp, repo):
    ids = [
        repo.save(regular_case("Zoë Zandvoort", date(2026, 1, 5))),
        repo.save(regular_case("Ahmed Ali", date(2025, 1, 5))),
    ]
    model = CaseListModel(repo)
    model.set_query(CaseQuery())
    assert model.rowCount() == 2
    assert model.columnCount() == 5
    header = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Applicant"
    # Sorted by applicant in SQL: Ahmed first.
    first = model.index(0, CaseListModel.APPLICANT)
    assert model.data(first) == "Ahmed Ali"
    assert model.data(first, CaseListModel.CaseIdRole) == ids[1]
    assert model.data(model.index(0, CaseListModel.V_NUMBER)) == "1234567890"
    assert model.data(model.index(0, CaseListModel.PROCEDURE)) == "Residence permit (regular)"
    stage_text = model.data(model.index(0, CaseListModel.STAGE))
    assert stage_text in {"Send the Notice", "Wait", "Appeal possible", "Penalty running"}
    icon = model.data(model.index(0, CaseListModel.STAGE), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()  # stage by icon as well as text
    assert (
        model.data(model.index(0, CaseListModel.APPLICANT), Qt.ItemDataRole.DecorationRole) is None
    )
    # The 2026 case's term (90 days + roll) is still running on 1 Sept 2026? No: 8 months on.
    assert model.data(model.index(1, CaseListModel.STAGE), CaseListModel.StageRole) in set(NextCode)
    assert "(" in model.data(model.index(1, CaseListModel.NEXT_DATE))  # days left


def test_sort_requeries_and_search_filters(qapp, repo):
    for name in ("Bram", "Anna", "Cem"):
        repo.save(regular_case(name))
    model = CaseListModel(repo)
    model.set_query(CaseQuery())
    model.sort(CaseListModel.APPLICANT, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["Cem", "Bram", "Anna"]
    model.set_query(model.query.searching("ann"))
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Anna"
    assert model.data(model.index(5, 0)) is None  # out of range is no crash


def test_refresh_case_repaints_in_place(qapp, qtbot, repo):
    case_id = repo.save(regular_case("Anna"))
    model = CaseListModel(repo)
    model.set_query(CaseQuery())
    assert model.data(model.index(0, 0)) == "Anna"
    stored = repo.get(case_id)
    import dataclasses

    from desktop.core.casefile import Person

    repo.save(dataclasses.replace(stored.case_file, applicant=Person("Anna B")), case_id)
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_case(case_id)
    assert model.data(model.index(0, 0)) == "Anna B"
