"""One answer per case: the banner, the list, the due board, the key dates and the Notice tab
agree with the core's next step for a risky, a premature, a decided and two asylum cases."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.core import compute, parse_case
from desktop.core.casefile import CaseFile, Person
from desktop.core.model import NextCode
from desktop.ui.models.next_step import Action
from desktop.ui.widgets.stage_icons import stage_name
from tests.ui.conftest import TODAY

REGULAR = {"procedure": "regular", "received": "2025-10-01"}  # safe from Wed 31-12-2025
ASYLUM = {"procedure": "asylum", "received": "2024-04-10"}

CASES = {
    # After the statutory end (30-12-2025), before the safe date the IND's end gives (10-01).
    "risky": (
        {**REGULAR, "ind_stated_end": "2026-01-09"},
        [{"type": "notice", "received": "2026-01-05"}],
        NextCode.RESEND_NOTICE,
    ),
    # On the last day of the term: void.
    "premature": (REGULAR, [{"type": "notice", "received": "2025-12-30"}], NextCode.RESEND_NOTICE),
    "decided": (
        REGULAR,
        [{"type": "notice", "received": "2026-01-05"}, {"type": "decision", "sent": "2026-08-20"}],
        NextCode.DECIDED,
    ),
    # No administrative penalty in asylum: the non-decision appeal is the next step.
    "asylum": (ASYLUM, [{"type": "notice", "received": "2024-10-14"}], NextCode.APPEAL_POSSIBLE),
    # Received under the EU Asylum Procedure Regulation: the dates are provisional.
    "asylum_apr": ({"procedure": "asylum", "received": "2026-07-01"}, [], NextCode.WAIT),
}
BUTTONS = {
    "risky": {Action.MAKE_NOTICE, Action.RECORD_NOTICE, Action.WHY},
    "premature": {Action.MAKE_NOTICE, Action.RECORD_NOTICE, Action.WHY},
    "decided": {Action.WHY},
    "asylum": {Action.MAKE_APPEAL, Action.RECORD_DECISION, Action.WHY},
    "asylum_apr": {Action.DRAFT_NOTICE, Action.WHY},
}
# "valid" only with its qualifier: "valid on your reading only", "valid on the statutory reading
# only" (the warning), never alone.
_BARE_VALID = re.compile(
    r"(?<!in)valid(?! on your reading only| on the statutory reading only| only)", re.IGNORECASE
)


def save(repo, name: str, data: dict, events: list) -> int:
    case = parse_case({**data, "events": events})
    return repo.save(CaseFile(case=case, applicant=Person(name=name)))


def click_row(qtbot, window, case_id: int) -> None:
    table = window.case_table
    row = table.model().row_of(case_id)
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )


def visible_texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


@pytest.mark.parametrize("kind", list(CASES))
def test_the_banner_gives_the_core_answer_everywhere(qtbot, ui, repo, kind):
    data, events, code = CASES[kind]
    case_id = save(repo, f"Case {kind}", data, events)
    ui.controller.refresh_all()
    window, panel = ui.window, ui.window.case_panel
    click_row(qtbot, window, case_id)
    result = compute(parse_case({**data, "events": events}), today=TODAY)
    step = result.next_step
    assert step.code is code
    banner = panel.banner
    assert banner.isVisible()
    assert banner.title.text() == f"Next step: {stage_name(code)}"
    assert banner.sentence.text() == step.text.en  # the core's own sentence
    assert set(banner.buttons) == BUTTONS[kind]
    if kind == "asylum_apr":
        assert step.provisional and "may still change" in banner.sentence.text()
    # The list and the due board say the same step.
    model = window.case_table.model()
    row = model.row_of(case_id)
    assert model.data(model.index(row, model.STAGE)) == stage_name(code)
    board = ui.controller.due.model.board
    for ids in board.groups.values():
        if case_id in ids:
            assert board.rows.get(case_id) is None or board.rows[case_id].next_code is code
    # Nothing on the overview or the Notice tab calls a risky Notice just "valid".
    for tab in (panel.overview, panel.notice):
        for text in visible_texts(tab) + [panel.banner.sentence.text()]:
            assert not _BARE_VALID.search(text), text


def test_a_risky_notice_says_may_be_too_early(qtbot, ui, repo):
    data, events, _code = CASES["risky"]
    case_id = save(repo, "Risky Notice", data, events)
    ui.controller.refresh_all()
    click_row(qtbot, ui.window, case_id)
    panel = ui.window.case_panel
    assert "may be too early" in panel.overview.date_values["notice"].text()
    assert "None yet" in panel.overview.date_values["penalty"].text()  # no penalty promised
    item = panel.notice.notice_list.item(0).text()
    assert "may be too early" in item
    ui.window.dutch_action.trigger()
    result = compute(parse_case({**data, "events": events}), today=TODAY)
    assert panel.banner.sentence.text() == result.next_step.text.nl
    assert panel.banner.title.text() == "Volgende stap: Nieuwe ingebrekestelling sturen"
    assert "mogelijk te vroeg" in panel.overview.date_values["notice"].text()


def test_a_decided_case_shows_the_remedy_and_no_notice_prompts(qtbot, ui, repo):
    data, events, _code = CASES["decided"]
    case_id = save(repo, "Decided Case", data, events)
    ui.controller.refresh_all()
    click_row(qtbot, ui.window, case_id)
    panel = ui.window.case_panel
    ov = panel.overview
    result = compute(parse_case({**data, "events": events}), today=TODAY)
    remedy_until = result.key_dates.remedy_until
    assert remedy_until is not None and remedy_until > date(2026, 8, 20)
    assert ov.date_values["decision"].isVisibleTo(panel)
    assert "20 August 2026" in ov.date_values["decision"].text()
    assert ov.date_labels["remedy_until"].text() == "Last day to object"
    assert f"{remedy_until.day} {remedy_until:%B} {remedy_until.year}" in (
        ov.date_values["remedy_until"].text()
    )
    assert not ov.date_values["safe_notice_receipt"].isVisibleTo(panel)  # no Notice prompts
    panel.tabs.setCurrentWidget(panel.notice)
    assert not panel.notice.make_box.isVisibleTo(panel)
    assert not panel.notice.proof_box.isVisibleTo(panel)
    assert "no longer needed" in panel.notice.status_label.text()
    assert panel.notice.sent_box.isVisibleTo(panel)  # the Notice sent stays as history
