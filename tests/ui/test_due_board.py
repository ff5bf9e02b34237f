"""The due board: Today, This week, Next 30 days, Later; Overdue collapsed with its count."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from desktop.core.compute import compute
from desktop.core.model import Case, Procedure
from desktop.ui.models.due_board import Bucket, DueBoardModel, collect_due
from tests.ui.conftest import TODAY, regular_case


def received_for_safe_date(target: date) -> date:
    """The first receipt day whose safe Notice date is on or after `target` (no term hard-coded).

    Safe dates follow weekends and holidays, so `target` must be a day one can fall on.
    """
    day = target - timedelta(days=800)
    while compute(Case(Procedure.REGULAR, day), today=TODAY).term.safe_notice_receipt < target:
        day += timedelta(days=1)
    safe = compute(Case(Procedure.REGULAR, day), today=TODAY).term.safe_notice_receipt
    assert safe == target, f"{target} is not a possible safe date ({safe})"
    return day


def test_buckets_in_order_with_counts(qtbot, ui, repo):
    plan = {
        "Due Today": TODAY,
        "Due In Three Days": TODAY + timedelta(days=3),
        "Due In Twenty Days": TODAY + timedelta(days=21),
        "Due Much Later": TODAY + timedelta(days=120),
    }
    for name, safe in plan.items():
        repo.save(regular_case(name, received=received_for_safe_date(safe)))
    repo.save(regular_case("Long Overdue", received=date(2025, 1, 6)))
    ui.controller.refresh_all()
    tree = ui.window.due_tree
    model = tree.model()
    headings = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert headings == [
        "Today (1)",
        "This week (1)",
        "Next 30 days (1)",
        "Later (1)",
        "Overdue (1)",
    ]
    for bucket, name in (
        (Bucket.TODAY, "Due Today"),
        (Bucket.WEEK, "Due In Three Days"),
        (Bucket.MONTH, "Due In Twenty Days"),
        (Bucket.LATER, "Due Much Later"),
        (Bucket.OVERDUE, "Long Overdue"),
    ):
        parent = model.bucket_index(bucket)
        assert model.data(model.index(0, 0, parent)) == name
        assert tree.isExpanded(parent) == (bucket in (Bucket.TODAY, Bucket.WEEK, Bucket.MONTH))
    week = model.bucket_index(Bucket.WEEK)
    assert model.data(model.index(0, 1, week)) == "in 3 days"
    # The user opens the collapsed Overdue group with the keyboard and opens the case.
    tree.setFocus()
    overdue = model.bucket_index(Bucket.OVERDUE)
    tree.setCurrentIndex(overdue)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(overdue)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert ui.window.case_panel.title_label.text() == "Long Overdue"


def test_later_rows_are_read_lazily_and_undated_cases_left_out(repo):
    safe = TODAY + timedelta(days=200)
    received = received_for_safe_date(safe)
    files = [regular_case(f"Later {i:03d}", received=received) for i in range(450)]
    files.append(regular_case("No Date", received=None))
    repo.save_many(files)
    board = collect_due(repo, TODAY)
    assert board.count(Bucket.LATER) == 450
    assert not any(board.rows.get(i) for i in board.groups[Bucket.LATER])  # not read yet
    model = DueBoardModel(repo)
    model.set_board(board)
    later = model.bucket_index(Bucket.LATER)
    assert model.data(model.index(449, 0, later)).startswith("Later ")
    names = {model.data(model.index(r, 0, later)) for r in range(450)}
    assert "No Date" not in names and len(names) == 450
