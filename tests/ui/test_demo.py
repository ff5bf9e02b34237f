"""Demo data never mixes with real cases: an empty file after asking, else a separate window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.ui.controllers import demo
from desktop.ui.controllers.bulk_tasks import DEMO_COUNT
from tests.ui.conftest import regular_case


def test_demo_into_an_empty_file_only_after_asking(qtbot, ui, repo, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.No)[1],
    )
    ui.window.demo_action.trigger()
    assert asked and repo.count() == 0  # "No": nothing added

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui.window.demo_action.trigger()
    assert repo.count() == DEMO_COUNT
    model = ui.window.case_table.model()
    refs = {repo.get(model.case_id(r)).case_file.reference for r in range(5)}
    assert all(ref.startswith("DEMO-") for ref in refs)
    assert "demo data" in ui.window.windowTitle()


def test_demo_with_real_cases_opens_a_separate_folder(qtbot, ui, repo, paths, monkeypatch):
    repo.save(regular_case("Real Client"))
    ui.controller.refresh_all()
    started = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        demo.QProcess,
        "startDetached",
        staticmethod(lambda prog, args: (started.append(args), (True, 1))[1]),
    )
    ui.window.demo_action.trigger()
    assert repo.count() == 1  # the real file is untouched
    assert "demo data" not in ui.window.windowTitle()
    (args,) = started
    assert args[-3:] == ["--data-dir", str(paths.data / "demo"), "--demo"]
