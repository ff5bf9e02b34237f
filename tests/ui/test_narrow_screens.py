"""A narrow pane cuts no text off at the right edge; the Notice defaults to a letter to send."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.core.model import Appointment, AppointmentKind
from tests.ui.conftest import regular_case


def open_case(ui, case_id):
    ui.controller.refresh_all()
    ui.controller.open_case(case_id)
    return ui.window.case_panel


def missed_biometrics() -> Appointment:
    return Appointment(
        kind=AppointmentKind.BIOMETRICS,
        date=date(2026, 2, 3),
        attended=False,
        rescheduled_to=date(2026, 3, 3),
    )


@pytest.mark.parametrize(("width", "side_by_side"), [(1024, False), (1800, True)])
def test_the_appointment_advice_goes_below_the_list_when_the_pane_is_narrow(
    qtbot, ui, repo, width, side_by_side
):
    case_id = repo.save(regular_case(events=(missed_biometrics(),)))
    panel = open_case(ui, case_id)
    view = panel.appointments
    ui.window.resize(width, 700)
    bar = panel.tabs.tabBar()
    tab = bar.tabRect(panel.tabs.indexOf(view)).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=tab)
    assert panel.tabs.currentWidget() is view
    listed_rect = view.appointment_list.visualItemRect(view.appointment_list.item(0))
    qtbot.mouseClick(
        view.appointment_list.viewport(), Qt.MouseButton.LeftButton, pos=listed_rect.center()
    )
    qtbot.wait(50)
    assert view.meaning.toPlainText().strip()  # the advice for the missed appointment
    advice = view.meaning_box.mapTo(view, view.meaning_box.rect().topLeft())
    listed = view.appointment_list.mapTo(view, view.appointment_list.rect().topLeft())
    if side_by_side:
        assert advice.x() > listed.x() + view.appointment_list.width() // 2
    else:
        assert advice.y() > listed.y() + view.appointment_list.height()
    # Nothing cut off at the right: the tab never scrolls sideways.
    assert view.scroll.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize(("language", "expected"), [("en", "nl+en"), ("nl", "nl")])
def test_the_notice_language_is_one_to_send(qtbot, ui, repo, language, expected):
    case_file = dataclasses.replace(regular_case(received=date(2025, 6, 2)), language=language)
    panel = open_case(ui, repo.save(case_file))
    assert panel.notice.language_combo.currentData() == expected
