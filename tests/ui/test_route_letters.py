"""The rest of the route from the window: the appeal, the request to fix the penalty and the
letter after a missed appointment, each from the button the next step offers; a refusal in the
window's language with a draft offered instead."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core import parse_case
from desktop.core.casefile import CaseFile, Person
from desktop.core.model import NextCode, PenaltyFixed
from desktop.ui.models.next_step import Action
from tests.ui.conftest import TODAY

REGULAR = {"procedure": "regular", "received": "2025-10-01"}


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """Answers the save dialog with a path in tmp_path; lists the files written."""
    written: list[Path] = []

    def answer(_parent, _caption, start, _filter):
        path = tmp_path / Path(start).name
        written.append(path)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return written


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def open_new(ui, repo, name, data, events=()):
    case_id = repo.save(
        CaseFile(
            case=parse_case({**data, "events": list(events)}),
            applicant=Person(
                name=name, date_of_birth=date(1990, 1, 2), address="Kerkstraat 1\n3511 AB Utrecht"
            ),
            v_number="1234567890",
        )
    )
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    return case_id


def test_the_appeal_from_the_banner(qtbot, ui, repo, saved):
    # Asylum: no administrative penalty; the IND's two weeks after the Notice have long passed.
    case_id = open_new(
        ui,
        repo,
        "Awet Kidane",
        {"procedure": "asylum", "received": "2024-04-10"},
        [{"type": "notice", "received": "2024-10-14"}],
    )
    banner = ui.window.case_panel.banner
    qtbot.mouseClick(banner.buttons[Action.MAKE_APPEAL], Qt.MouseButton.LeftButton)
    (path,) = saved
    assert path.name.startswith("Appeal against the failure to decide - Awet Kidane")
    assert "beroep" in text_of(path).lower()  # the Dutch letter to the court
    assert [d.kind for d in repo.documents(case_id)] == ["appeal"]


def test_the_penalty_request_and_then_its_decision(qtbot, ui, repo, saved, monkeypatch):
    # A safe Notice on 1 July 2026: the 42 penalty days are over by 1 September.
    case_id = open_new(
        ui, repo, "Hülya Doğan", REGULAR, [{"type": "notice", "received": "2026-07-01"}]
    )
    panel = ui.window.case_panel
    assert ui.controller.cases.result.next_step.code is NextCode.CLAIM_PENALTY
    qtbot.mouseClick(panel.banner.buttons[Action.PENALTY_REQUEST], Qt.MouseButton.LeftButton)
    (path,) = saved
    assert path.name.startswith("Request to fix the penalty")
    assert "4:18" in text_of(path)

    from desktop.ui.views.dialogs import EventDialog

    def fill(dialog):
        assert dialog.type_combo.currentData() == "penalty_fixed"  # chosen for the user
        qtbot.keyClicks(dialog.first_edit, "28-08-2026")
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill)
    qtbot.mouseClick(panel.banner.buttons[Action.RECORD_PENALTY_FIXED], Qt.MouseButton.LeftButton)
    assert PenaltyFixed(date(2026, 8, 28)) in repo.get(case_id).case_file.case.events
    assert ui.controller.cases.result.next_step.code is NextCode.APPEAL_POSSIBLE
    assert panel.banner.title.text() == "Next step: Appeal possible"


def test_a_refused_letter_offers_a_draft_in_the_windows_language(
    qtbot, ui, repo, saved, monkeypatch
):
    # A missed biometrics appointment without the reason: only a draft letter can be made.
    open_new(
        ui,
        repo,
        "Zahra Karimi",
        REGULAR,
        [{"type": "appointment", "kind": "biometrics", "date": "2025-11-03", "attended": False}],
    )
    ui.window.dutch_action.trigger()
    panel = ui.window.case_panel
    ap = panel.appointments
    panel.tabs.setCurrentWidget(ap)
    ap.appointment_list.setCurrentRow(0)
    assert ap.letter_button.isEnabled()
    shown = []

    def choose_draft(box):
        shown.append(box.text())
        draft = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        monkeypatch.setattr(box, "clickedButton", lambda: draft)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_draft)
    qtbot.mouseClick(ap.letter_button, Qt.MouseButton.LeftButton)
    (reason,) = shown
    assert "Vul in waarom" in reason or "reden" in reason.lower()  # Dutch, no CLI words
    assert "--" not in reason
    (path,) = saved
    assert path.name.startswith("Conceptbrief gemiste afspraak - Zahra Karimi")
    assert "CONCEPT" in text_of(path)
    ui.window.english_action.trigger()


def test_no_notice_prompt_once_a_notice_counts(qtbot, ui, repo):
    open_new(ui, repo, "Safe Notice", REGULAR, [{"type": "notice", "received": "2026-08-20"}])
    panel = ui.window.case_panel
    assert not panel.notice.make_box.isVisibleTo(panel)
    assert "counts on every reading" in panel.notice.status_label.text()
    assert TODAY  # the fixture's day
