"""The calendar in the window: live feed file, settings section, reminders (no tray), board PDF."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.core.model import NoticeEvent
from desktop.feed.settings import load_options
from desktop.store.calendar_state import CalendarState
from desktop.ui.views.dialogs import SettingsDialog
from tests.ui.conftest import TODAY, regular_case


@pytest.fixture
def english_after(ui):
    """Switch back to English, Qt's own catalog too: later tests expect English buttons."""
    yield
    ui.language.apply("en")


def _feed(ui):
    data = ui.calendar.feed.path.read_bytes()
    return data, icalendar.Calendar.from_ical(data).walk("VEVENT")


def _started(ui, qtbot):
    ui.calendar.start()
    qtbot.waitUntil(lambda: ui.calendar.feed.path.exists())


def test_the_feed_file_follows_saves_and_archiving(qtbot, ui, repo):
    case_id = repo.save(regular_case(received=date(2026, 1, 5)))
    _started(ui, qtbot)
    data, events = _feed(ui)
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED"]
    assert oct(ui.calendar.feed.path.stat().st_mode & 0o777) == "0o600"
    assert "Ağaoğlu".encode() not in data

    # A save through the window's signal: the Notice's dates appear at once.
    repo.add_event(case_id, NoticeEvent(TODAY - timedelta(days=3)))
    ui.signals.case_saved.emit(case_id)
    _data, events = _feed(ui)
    kinds = {str(e["UID"]).split("-", 2)[2].split("@")[0] for e in events}
    assert {"window", "appeal", "last-penalty-day", "claim", "notice"} <= kinds

    # Archiving sends no signal: the next look for changes finds it.
    repo.archive(case_id)
    ui.calendar.feed._tick()
    _data, events = _feed(ui)
    assert {str(e["STATUS"]) for e in events} == {"CANCELLED"}
    report = ui.calendar.feed.last_report
    assert report is not None and report.cases == 0


def test_nothing_changed_nothing_written(qtbot, ui, repo):
    repo.save(regular_case())
    _started(ui, qtbot)
    before = ui.calendar.feed.path.stat().st_mtime_ns
    written = []
    ui.calendar.feed.written.connect(written.append)
    ui.calendar.feed._tick()
    assert written == [] and ui.calendar.feed.path.stat().st_mtime_ns == before


def test_settings_section_shows_the_file_copies_it_and_saves(qtbot, ui, repo, monkeypatch):
    repo.save(regular_case())
    _started(ui, qtbot)
    seen = {}

    def fill(dialog):
        page = ui.calendar.settings_page
        assert page is not None and page.window() is dialog
        dialog.show()  # exec() would block: show it, click through it, accept it
        qtbot.mouseClick(
            dialog.pages.tabBar(),
            Qt.MouseButton.LeftButton,
            pos=dialog.pages.tabBar().tabRect(dialog.pages.indexOf(page)).center(),
        )
        assert dialog.pages.currentWidget() is page
        assert dialog.pages.tabText(dialog.pages.currentIndex()) == "Calendar and reminders"
        seen["path"] = page.path_edit.text()
        qtbot.mouseClick(page.copy_path_button, Qt.MouseButton.LeftButton)
        seen["clipboard"] = QApplication.clipboard().text()
        qtbot.mouseClick(page.copy_address_button, Qt.MouseButton.LeftButton)
        seen["address"] = QApplication.clipboard().text()
        assert not page.how_text.isVisibleTo(dialog)
        qtbot.mouseClick(page.how_button, Qt.MouseButton.LeftButton)
        assert "Thunderbird" in page.how_text.text() and page.how_text.isVisibleTo(dialog)
        assert "synced to servers" in page.names_warning.text()
        page.second_check.setChecked(False)
        page.first_days.setValue(10)
        page.names_check.setChecked(True)
        page.language_combo.setCurrentIndex(page.language_combo.findData("nl"))
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    ui.window.settings_action.trigger()
    path = ui.calendar.feed.path
    assert seen == {"path": str(path), "clipboard": str(path), "address": path.as_uri()}
    options = load_options(repo, "en")
    assert options.alarm_days == (10,) and options.names and options.lang == "nl"
    # The file follows the new settings: Dutch, the name shown, one reminder ten days before.
    ui.calendar.feed._tick()
    data, events = _feed(ui)
    assert "Şükrü Ağaoğlu".encode() in data
    assert [a["TRIGGER"].to_ical() for a in events[0].walk("VALARM")] == [b"-P9DT15H"]
    assert "ingebrekestelling" in str(events[0]["DESCRIPTION"])


def test_cancel_leaves_the_calendar_settings_alone(qtbot, ui, repo, monkeypatch):
    def cancel(dialog):
        ui.calendar.settings_page.names_check.setChecked(True)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", cancel)
    ui.window.settings_action.trigger()
    assert not load_options(repo, "en").names


def _due_soon(repo):
    """Two cases with dates within the week, one a month out."""
    soon = repo.save(regular_case(name="Ayşe Yıldız", received=TODAY - timedelta(days=88)))
    other = repo.save(regular_case(name="Jan de Vries", received=TODAY - timedelta(days=86)))
    later = repo.save(regular_case(name="Piet Jansen", received=TODAY - timedelta(days=40)))
    return soon, other, later


def test_reminders_without_a_tray_show_the_dialog_with_initials(qtbot, ui, repo):
    soon, other, later = _due_soon(repo)
    ui.calendar.reminders.has_tray = lambda: False
    _started(ui, qtbot)
    ui.calendar.reminders.start()
    dialog = ui.calendar.reminders.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = [
        [dialog.dates.topLevelItem(i).text(c) for c in range(4)]
        for i in range(dialog.dates.topLevelItemCount())
    ]
    assert [row[2] for row in rows] == ["T-1 (A.Y.)", "T-1 (J.D.V.)"]
    assert dialog.heading.text() == "2 cases have dates in the next 7 days."
    texts = " ".join(" ".join(r) for r in rows) + dialog.heading.text()
    assert "Ayşe" not in texts and "Jansen" not in texts  # initials only; later not yet

    # Snooze one until tomorrow: gone from the list, and not shown again today.
    dialog.dates.setCurrentItem(dialog.dates.topLevelItem(0))
    qtbot.mouseClick(dialog.tomorrow_button, Qt.MouseButton.LeftButton)
    assert dialog.dates.topLevelItemCount() == 1
    assert CalendarState(repo.db).snoozes() == {soon: TODAY}
    assert [r.case_id for r in ui.calendar.reminders.remind()] == [other]

    # "Open due board" closes the dialog and shows the board.
    qtbot.mouseClick(dialog.due_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert ui.window.left_tabs.currentIndex() == 1


def test_reminder_dialog_in_dutch(qtbot, ui, repo, english_after):
    _due_soon(repo)
    ui.language.apply("nl")
    ui.calendar.reminders.has_tray = lambda: False
    _started(ui, qtbot)
    dialog = ui.calendar.reminders.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.heading.text() == "2 zaken hebben datums in de komende 7 dagen."
    assert dialog.due_button.text().replace("&", "") == "Actielijst openen"


# The offscreen platform has no tray: showing the icon there logs this.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_a_tray_gets_a_message_naming_no_one(qtbot, ui, repo, monkeypatch):
    _due_soon(repo)
    messages = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QSystemTrayIcon.showMessage",
        lambda self, title, body, *args: messages.append((title, body)),
    )
    ui.calendar.reminders.has_tray = lambda: True
    _started(ui, qtbot)
    assert len(messages) == 1
    title, body = messages[0]
    assert "2 cases have dates in the next 7 days." in body
    assert "T-1 (A.Y.)" in body and "Ayşe" not in body and "Yıldız" not in body
    assert ui.calendar.reminders.dialog is None  # the dialog opens when the message is clicked
    ui.calendar.reminders.tray.messageClicked.emit()
    assert ui.calendar.reminders.dialog.isVisible()


def test_no_reminders_no_dialog(qtbot, ui, repo):
    repo.save(regular_case(received=TODAY - timedelta(days=20)))
    ui.calendar.reminders.has_tray = lambda: False
    _started(ui, qtbot)
    assert ui.calendar.reminders.dialog is None


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_export_due_board_as_pdf_a_page_per_week(
    qtbot, ui, repo, tmp_path, monkeypatch, lang, english_after
):
    _due_soon(repo)  # two dates this week, Piet Jansen's in seven weeks ("Later")
    repo.save(regular_case(name="Łukasz Wójcik", received=TODAY - timedelta(days=70)))
    ui.language.apply(lang)
    ui.controller.refresh_all()
    target = tmp_path / "board.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    ui.calendar.export_action.trigger()
    reader = PdfReader(target)
    pages = [page.extract_text() for page in reader.pages]
    lines = ui.calendar.board_lines()
    weeks = sorted({line.day.isocalendar().week for line in lines})
    assert len(weeks) >= 2 and len(pages) == len(weeks)  # a page per week
    for week, page in zip(weeks, pages, strict=True):
        assert page.startswith(f"Week {week}: ")
        names = {line.applicant for line in lines if line.day.isocalendar().week == week}
        assert names and all(name in page for name in names)
    assert {line.applicant for line in lines} == {"Ayşe Yıldız", "Jan de Vries", "Łukasz Wójcik"}
    assert "Piet Jansen" not in "".join(pages)  # Later is on the board, not on paper
    footer = "printed on" if lang == "en" else "afgedrukt op"
    assert all(footer in page for page in pages)
    later = "later ones are on the due board" if lang == "en" else "latere staan op de actielijst"
    assert later in pages[0]
