"""The Notice tab as a user drives it: a draft when a ready Notice would be refused, the
language choices, the checklist, a second Notice as a new one, typed proof never lost."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.model import NoticeEvent
from desktop.ui.controllers.pdf_output import documents_folder
from desktop.ui.models.next_step import Action
from tests.ui.conftest import TODAY, regular_case


class SaveDialog:
    """Stands in for the save dialog: remembers where it started and answers with a path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[str] = []

    def __call__(self, _parent, _caption, start, _filter):
        self.asked.append(start)
        return str(self.folder / Path(start).name), ""


@pytest.fixture
def save_dialog(tmp_path, monkeypatch):
    dialog = SaveDialog(tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return dialog


def pages(path: str) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(Path(path).read_bytes())).pages]


def open_case(qtbot, ui, case_id):
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    return ui.window.case_panel


def test_a_draft_from_the_banner_when_it_is_too_early(qtbot, ui, repo, save_dialog):
    # Received 1 July 2026: on 1 September the term is still running, so only a draft is made.
    case_id = repo.save(regular_case("Ayşe Öztürk", received=date(2026, 7, 1)))
    panel = open_case(qtbot, ui, case_id)
    draft = panel.banner.buttons[Action.DRAFT_NOTICE]
    qtbot.mouseClick(draft, Qt.MouseButton.LeftButton)
    (start,) = save_dialog.asked
    assert Path(start).parent == documents_folder()  # starts in Documents
    name = Path(start).name
    assert "Ayşe Öztürk" in name and TODAY.isoformat() in name and name.endswith(".pdf")
    assert name.startswith("Draft Notice of Default")
    texts = pages(str(save_dialog.folder / name))
    assert texts and all("DRAFT" in t for t in texts)  # marked on every page
    # The window confirms it, with a way to the folder.
    assert name in ui.window.statusBar().currentMessage()
    assert ui.window.open_folder_button.isVisible()
    (doc,) = repo.documents(case_id)
    assert doc.kind == "notice" and doc.file_name == name


def test_the_refusal_is_in_the_windows_language_without_command_line_words(qtbot, ui, repo):
    case_id = repo.save(regular_case("Ayşe Öztürk", received=date(2026, 7, 1)))
    panel = open_case(qtbot, ui, case_id)
    ui.window.dutch_action.trigger()
    note = panel.notice.draft_note.text()
    assert "te vroeg" in note and "concept" in note
    assert "--draft" not in note and "-" not in note.split("op of na ")[1][:12]  # no ISO date
    assert panel.notice.create_button.text().replace("&", "").startswith("Concept")
    ui.window.english_action.trigger()
    assert "too early" in panel.notice.draft_note.text()


def test_dutch_and_english_together_and_the_checklist(qtbot, ui, repo, save_dialog):
    case_id = repo.save(regular_case("Ḥasan Ḥaddād", received=date(2025, 6, 2)))
    panel = open_case(qtbot, ui, case_id)
    nv = panel.notice
    panel.tabs.setCurrentWidget(nv)
    nv.language_combo.setFocus()
    qtbot.keyClick(nv.language_combo, Qt.Key.Key_End)  # "Nederlands + English"
    assert nv.language_combo.currentData() == "nl+en"
    assert not nv.draft_note.isVisibleTo(panel)  # late enough: the real Notice
    qtbot.mouseClick(nv.create_button, Qt.MouseButton.LeftButton)
    text = "\n".join(pages(str(save_dialog.folder / Path(save_dialog.asked[-1]).name)))
    assert "ingebrekestelling" in text.lower() and "DRAFT" not in text
    assert "Notice of Default" in text  # the English explanation sheet
    qtbot.mouseClick(nv.checklist_button, Qt.MouseButton.LeftButton)
    checklist = Path(save_dialog.asked[-1]).name
    assert checklist.startswith("Registered-mail checklist")
    assert pages(str(save_dialog.folder / checklist))
    assert [d.kind for d in repo.documents(case_id)] == ["notice", "checklist"]


def test_a_second_notice_is_a_new_one_and_the_first_keeps_its_proof(qtbot, ui, repo):
    case_id = repo.save(regular_case(received=date(2025, 6, 2)))
    panel = open_case(qtbot, ui, case_id)
    nv = panel.notice
    panel.tabs.setCurrentWidget(nv)
    for posted, code, delivered in (
        ("01-06-2026", "3SABCD1111111", "03-06-2026"),
        ("10-08-2026", "3SABCD2222222", "12-08-2026"),
    ):
        qtbot.keyClicks(nv.posted_edit, posted)
        qtbot.keyClicks(nv.tracking_edit, code)
        qtbot.keyClicks(nv.delivered_edit, delivered)
        qtbot.mouseClick(nv.record_button, Qt.MouseButton.LeftButton)
    stored = repo.get(case_id)
    notices = [e for e in stored.case_file.case.events if isinstance(e, NoticeEvent)]
    assert notices == [NoticeEvent(date(2026, 6, 3)), NoticeEvent(date(2026, 8, 12))]
    codes = sorted(p.tracking_number for p in stored.notice_proofs.values())
    assert codes == ["3SABCD1111111", "3SABCD2222222"]
    assert nv.notice_list.count() == 2
    # Correcting the first changes only the first.
    nv.notice_list.setCurrentRow(0)
    qtbot.mouseClick(nv.correct_button, Qt.MouseButton.LeftButton)
    assert nv.tracking_edit.text() == "3SABCD1111111"
    nv.tracking_edit.selectAll()
    qtbot.keyClicks(nv.tracking_edit, "3SABCD1111119")
    qtbot.mouseClick(nv.record_button, Qt.MouseButton.LeftButton)
    codes = sorted(p.tracking_number for p in repo.get(case_id).notice_proofs.values())
    assert codes == ["3SABCD1111119", "3SABCD2222222"]


def test_typed_proof_is_kept_across_a_case_switch_and_asked_about_on_quit(
    qtbot, ui, repo, monkeypatch
):
    first = repo.save(regular_case("First Person", received=date(2025, 6, 2)))
    second = repo.save(regular_case("Second Person", received=date(2025, 6, 2)))
    panel = open_case(qtbot, ui, first)
    nv = panel.notice
    panel.tabs.setCurrentWidget(nv)
    qtbot.keyClicks(nv.posted_edit, "28-08-2026")
    qtbot.keyClicks(nv.tracking_edit, "3SXYZ7654321")
    table = ui.window.case_table
    model = table.model()

    def click(case_id):
        index = model.index(model.row_of(case_id), 0)
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
        )

    click(second)
    assert ui.controller.cases.case_id == second
    assert nv.posted_edit.text() == "" and nv.tracking_edit.text() == ""
    click(first)
    assert nv.posted_edit.text() == "28-08-2026" and nv.tracking_edit.text() == "3SXYZ7654321"
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not ui.window.close()  # "No": the window stays and so does the typed proof
    assert asked and "did not record" in asked[0]
    assert nv.tracking_edit.text() == "3SXYZ7654321"
