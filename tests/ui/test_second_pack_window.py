"""The window follows the rule pack in use, not code: each test runs under the built-in pack and
the second test pack (tests/packfixture.py: EUR 30/40/50 a day for 10 days each, at most 30
days; a 6-week objection period; 10 June a holiday), with the values each must show."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop.core.casefile import CaseFile, Person
from desktop.core.model import (
    AppointmentKind,
    Case,
    Decision,
    InfoRequest,
    NoticeEvent,
    Procedure,
)
from desktop.core.rulepack import load_rule_pack, set_installed_folder, set_pack_in_use
from desktop.ui.views.dialogs import EventDialog
from tests.ui.conftest import regular_case

BUILT_IN, SECOND = "nl-2026.12", "xx-2027.1"


@pytest.fixture(params=[BUILT_IN, SECOND])
def pack(request, ui, second_pack):
    """The pack in use for the test (set after the window is built: building it reads the data
    folder's choice, which is the default). Every case saved after this is computed with it."""
    assert second_pack[1].id == SECOND  # opened: loadable by id from here on
    set_pack_in_use(request.param)
    yield request.param
    set_pack_in_use(None)
    set_installed_folder(None)


def open_case(ui, case_id):
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    return ui.window.case_panel


def penalty_case() -> CaseFile:
    # Regular, received 01-10-2025 (term ended long before); a Notice received Mon 02-03-2026.
    case = Case(Procedure.REGULAR, date(2025, 10, 1), events=(NoticeEvent(date(2026, 3, 2)),))
    return CaseFile(case=case, applicant=Person(name="Jan de Boer"), reference="R-PEN")


# The IND's two weeks run 03-03 to 16-03 (the same in both packs); the penalty from Tue 17-03.
# On Sun 05-04-2026 that is 20 penalty days (17-03 .. 05-04).
PENALTY_TODAY = date(2026, 4, 5)
PENALTY = {
    # 14 x 23 + 6 x 35 = 322 + 210 = 532; at most 14 x (23 + 35 + 45) = 1,442. Tiers of 14
    # days: 17-03..30-03, 31-03..13-04, 14-04..27-04; day 42 = 17-03 + 41 = Mon 27-04-2026.
    BUILT_IN: {
        "so_far": "€532.00 so far (20 days, at most €1,442.00); from Tuesday, 17 March 2026",
        "tiers": [
            (date(2026, 3, 17), date(2026, 3, 30), "€23.00 a day"),
            (date(2026, 3, 31), date(2026, 4, 13), "€35.00 a day"),
            (date(2026, 4, 14), date(2026, 4, 27), "€45.00 a day"),
        ],
        "last_day": date(2026, 4, 27),
        "last_day_text": "Monday, 27 April 2026",
        "nl_tiers": ["€ 23,00 per dag", "€ 35,00 per dag", "€ 45,00 per dag"],
        "nl_so_far": "tot nu toe € 532,00 (20 dagen, ten hoogste € 1.442,00)",
        "nl_last_day": "maandag 27 april 2026",
    },
    # 10 x 30 + 10 x 40 = 300 + 400 = 700; at most 10 x (30 + 40 + 50) = 1,200. Tiers of 10
    # days: 17-03..26-03, 27-03..05-04, 06-04..15-04; day 30 = 17-03 + 29 = Wed 15-04-2026.
    SECOND: {
        "so_far": "€700.00 so far (20 days, at most €1,200.00); from Tuesday, 17 March 2026",
        "tiers": [
            (date(2026, 3, 17), date(2026, 3, 26), "€30.00 a day"),
            (date(2026, 3, 27), date(2026, 4, 5), "€40.00 a day"),
            (date(2026, 4, 6), date(2026, 4, 15), "€50.00 a day"),
        ],
        "last_day": date(2026, 4, 15),
        "last_day_text": "Wednesday, 15 April 2026",
        "nl_tiers": ["€ 30,00 per dag", "€ 40,00 per dag", "€ 50,00 per dag"],
        "nl_so_far": "tot nu toe € 700,00 (20 dagen, ten hoogste € 1.200,00)",
        "nl_last_day": "woensdag 15 april 2026",
    },
}


def test_the_timeline_and_key_dates_show_the_packs_penalty(qtbot, ui, repo, pack, monkeypatch):
    monkeypatch.setattr(repo, "today", lambda: PENALTY_TODAY)
    case_id = repo.save(penalty_case())
    panel = open_case(ui, case_id)
    expected = PENALTY[pack]
    overview = panel.overview
    qtbot.mouseClick(overview.zoom_all, Qt.MouseButton.LeftButton)  # "The whole case"
    tiers = [
        (s.start, s.end, s.label)
        for s in overview.timeline.spans()
        if s.style in ("tier1", "tier2", "tier3")
    ]
    assert tiers == expected["tiers"]
    (last,) = [m for m in overview.timeline.marks() if "last_day" in m.kinds]
    assert last.day == expected["last_day"] and "Last penalty day" in last.label
    assert overview.date_values["penalty"].text() == expected["so_far"]
    # The banner: the penalty is running, until its last possible day.
    banner = panel.banner
    assert banner.title.text() == "Next step: Penalty running"
    assert banner.when.text().startswith(f"Last possible penalty day: {expected['last_day_text']}")
    assert f"at most until {expected['last_day_text']}." in banner.sentence.text()
    # In Dutch: the same amounts, in Dutch notation.
    ui.window.dutch_action.trigger()
    labels = [s.label for s in overview.timeline.spans() if s.style.startswith("tier")]
    assert [label.replace("\xa0", " ") for label in labels] == expected["nl_tiers"]
    penalty = overview.date_values["penalty"].text().replace("\xa0", " ")
    assert penalty.startswith(expected["nl_so_far"]), penalty
    assert f"uiterlijk tot en met {expected['nl_last_day']}." in banner.sentence.text()


def add_event(qtbot, ui, monkeypatch, kind: str, *dates: str) -> list[str]:
    """Add an event the way a user does: "Add event…", choose the type, type the dates, OK.

    Returns what the dialog offered as legal bases for that type (empty if it asks for none).
    """
    offered: list[str] = []

    def fill(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        combo = dialog.type_combo
        combo.setFocus()
        while combo.currentData() != kind:  # the keyboard walks the types, as a user would
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        if dialog.basis_combo.isVisible():
            offered.extend(
                dialog.basis_combo.itemText(i) for i in range(dialog.basis_combo.count())
            )
        edits = (dialog.first_edit, dialog.second_edit, dialog.third_edit)
        for edit, text in zip(edits[: len(dates)], dates, strict=True):
            qtbot.keyClicks(edit, text)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill)
    qtbot.mouseClick(ui.window.case_panel.events.add_button, Qt.MouseButton.LeftButton)
    return offered


# E10 of the core tests, entered through the event dialog: received Mon 02-03-2026 + 90 days =
# Sun 31-05-2026; the request sent 10-03 and answered 20-03 pauses 10 days (11-03..20-03), so
# the term ends Wed 10-06-2026. The second pack makes 10 June a holiday: Thu 11-06-2026 (a
# Notice is safe from the day after: Thu 11-06 built in, Fri 12-06 second pack).
HOLIDAY = {
    BUILT_IN: ("Wednesday, 10 June 2026", "Thursday, 11 June 2026", date(2026, 6, 10)),
    SECOND: ("Thursday, 11 June 2026", "Friday, 12 June 2026", date(2026, 6, 11)),
}


def test_a_holiday_of_the_pack_moves_the_end_entered_through_the_event_dialog(
    qtbot, ui, repo, pack, monkeypatch
):
    case_id = repo.save(regular_case(received=date(2026, 3, 2)))
    panel = open_case(ui, case_id)
    add_event(qtbot, ui, monkeypatch, "info_request", "10-03-2026", "24-03-2026", "20-03-2026")
    events = repo.get(case_id).case_file.case.events
    assert InfoRequest(date(2026, 3, 10), date(2026, 3, 24), date(2026, 3, 20)) in events
    end, safe, day = HOLIDAY[pack]
    values = panel.overview.date_values
    assert values["rolled_end"].text() == end
    assert values["safe_notice_receipt"].text() == safe
    qtbot.mouseClick(panel.overview.zoom_all, Qt.MouseButton.LeftButton)
    (mark,) = [m for m in panel.overview.timeline.marks() if "rolled_end" in m.kinds]
    assert mark.day == day


# A decision sent Mon 10-08-2026 (today 01-09-2026). The objection period runs from the day
# after it was sent: built in 4 weeks -> Mon 07-09-2026 (in 6 days); second pack 6 weeks ->
# Mon 21-09-2026 (in 20 days). Neither is a holiday or a weekend, so neither is rolled.
DECISION = {
    BUILT_IN: (
        "Monday, 7 September 2026",
        "in 6 days",
        date(2026, 9, 7),
        "maandag 7 september 2026",
    ),
    SECOND: (
        "Monday, 21 September 2026",
        "in 20 days",
        date(2026, 9, 21),
        "maandag 21 september 2026",
    ),
}


def test_the_objection_period_after_a_decision_follows_the_pack(qtbot, ui, repo, pack, monkeypatch):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    panel = open_case(ui, case_id)
    add_event(qtbot, ui, monkeypatch, "decision", "10-08-2026")
    assert Decision(date(2026, 8, 10)) in repo.get(case_id).case_file.case.events
    until, left, day, nl_until = DECISION[pack]
    overview = panel.overview
    assert overview.date_labels["remedy_until"].text() == "Last day to object"
    assert overview.date_values["remedy_until"].text() == (
        f"{until} ({left}), if the decision goes against you"
    )
    qtbot.mouseClick(overview.zoom_all, Qt.MouseButton.LeftButton)
    (mark,) = [m for m in overview.timeline.marks() if m.label == "Object or appeal by"]
    assert mark.day == day
    banner = panel.banner
    assert banner.title.text() == "Next step: Decision taken"
    assert banner.when.text() == f"Last day to object or appeal: {until} ({left})"
    assert f"you can object (bezwaar) until {until}." in banner.sentence.text()
    ui.window.dutch_action.trigger()
    assert overview.date_labels["remedy_until"].text() == "Laatste dag voor bezwaar"
    assert overview.date_values["remedy_until"].text().startswith(nl_until)
    assert f"tot en met {nl_until} bezwaar maken." in banner.sentence.text()


# A missed biometrics appointment on 10-02-2026 in a regular case: if the IND then refuses the
# application, the objection period of the pack applies (built in 4 weeks, second pack 6).
ADVICE = {
    BUILT_IN: ("object (bezwaar) within 4 weeks", "binnen 4 weken"),
    SECOND: ("object (bezwaar) within 6 weeks", "binnen 6 weken"),
}


def test_the_advice_after_a_missed_appointment_names_the_packs_period(qtbot, ui, repo, pack):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    panel = open_case(ui, case_id)
    ap = panel.appointments
    panel.tabs.setCurrentWidget(ap)
    ap.kind_combo.setCurrentIndex(ap.kind_combo.findData(AppointmentKind.BIOMETRICS.value))
    assert not ap.attended_check.isChecked()  # "The applicant attended" starts unticked
    qtbot.keyClicks(ap.date_edit, "10-02-2026")
    qtbot.keyClicks(ap.excuse_edit, "hospital admission")
    qtbot.mouseClick(ap.add_button, Qt.MouseButton.LeftButton)
    english, dutch = ADVICE[pack]
    advice = ap.meaning.toPlainText()
    assert "What to do now" in advice and english in advice, advice
    ui.window.dutch_action.trigger()
    print(ap.meaning.toPlainText())
    assert dutch in ap.meaning.toPlainText()


# The extension powers an asylum case may cite, as each pack lists them: nl-2026.12 added the
# general WBV extensions (contested, R1.4f); nl-2026.11 knew only the statutory powers.
ASYLUM_BASES = {
    "nl-2026.11": ["Vw 42(4)", "Vw 42(5)", "Vw 43"],
    "nl-2026.12": ["Vw 42(4)", "Vw 42(5)", "Vw 43", "WBV 2022/22", "WBV 2023/3", "WBV 2023/26"],
}


@pytest.mark.parametrize("pack_id", sorted(ASYLUM_BASES))
def test_the_event_dialog_offers_the_packs_extension_powers(qtbot, ui, repo, monkeypatch, pack_id):
    set_pack_in_use(pack_id)
    try:
        case = Case(Procedure.ASYLUM, date(2024, 4, 10))
        case_id = repo.save(CaseFile(case=case, applicant=Person(name="Amina Yusuf")))
        open_case(ui, case_id)
        offered = add_event(qtbot, ui, monkeypatch, "extension", "01-09-2024")
    finally:
        set_pack_in_use(None)
        set_installed_folder(None)
    assert offered == ASYLUM_BASES[pack_id]
    (event,) = repo.get(case_id).case_file.case.events
    assert event.basis == "Vw 42(4)"  # the first power offered, as the user left it


# The Notice tab on 01-09-2026 (Tue) for a case received 02-06-2025 (its term long over). Posted
# today, the Notice reaches the IND Wed 02-09 at the earliest; its two weeks end Wed 16-09; the
# penalty runs from Thu 17-09-2026. Last possible penalty day: built in 17-09 + 41 = Wed
# 28-10-2026; second pack 17-09 + 29 = Fri 16-10-2026.
NOTICE_TAB = {
    BUILT_IN: (
        "€ 23,00 per dag voor dag 1–14; € 35,00 per dag voor dag 15–28; € 45,00 per dag voor "
        "dag 29–42; in totaal ten hoogste € 1.442,00.",
        "Wednesday, 28 October 2026",
    ),
    SECOND: (
        "€ 30,00 per dag voor dag 1–10; € 40,00 per dag voor dag 11–20; € 50,00 per dag voor "
        "dag 21–30; in totaal ten hoogste € 1.200,00.",
        "Friday, 16 October 2026",
    ),
}


def test_the_notice_tab_makes_letters_under_the_pack_in_use(
    qtbot, ui, repo, pack, second_pack, tmp_path, monkeypatch
):
    made: list[Path] = []

    def save_as(_parent, _caption, start, _filter):
        made.append(tmp_path / Path(start).name)
        return str(made[-1]), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    case_id = repo.save(regular_case("Ḥasan Ḥaddād", received=date(2025, 6, 2)))
    panel = open_case(ui, case_id)
    nv = panel.notice
    panel.tabs.setCurrentWidget(nv)
    nv.language_combo.setFocus()
    qtbot.keyClick(nv.language_combo, Qt.Key.Key_End)  # "Nederlands + English"
    assert nv.language_combo.currentData() == "nl+en"
    qtbot.mouseClick(nv.create_button, Qt.MouseButton.LeftButton)
    tiers, last_en = NOTICE_TAB[pack]
    used = second_pack[1] if pack == SECOND else load_rule_pack(BUILT_IN)
    notice = pdf_text(made[-1])
    assert tiers in notice  # the Dutch letter
    assert f"Rule pack {pack} ({used.short_hash})." in notice  # the English sheet
    assert last_en in notice
    qtbot.mouseClick(nv.checklist_button, Qt.MouseButton.LeftButton)
    checklist = pdf_text(made[-1])
    assert f"Rule pack {pack} ({used.short_hash})" in checklist  # in the window's language
    assert f"Last possible penalty day (if the IND still has not decided) {last_en}" in checklist
    assert [d.kind for d in repo.documents(case_id)] == ["notice", "checklist"]


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
