"""The events tab: list the case's extensions, requests, pauses and decisions; add, edit, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from desktop.core.model import (
    Appointment,
    Decision,
    Event,
    Extension,
    InfoRequest,
    MvvGranted,
    NoticeEvent,
    Pause,
    PenaltyFixed,
)
from desktop.core.rulepack import load_rule_pack
from desktop.i18n import _, ngettext
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.event_form import EventForm
from desktop.ui.controllers.open_case import OpenCase, case_events, event_day
from desktop.ui.models.text import long_date
from desktop.ui.views.case_panel import EventsView
from desktop.ui.views.dialogs import EventDialog


def selected_event_id(widget: Any) -> int | None:
    """The event id stored on a list widget's current item, if any."""
    item = widget.currentItem()
    return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class EventLog:
    """Owns the events tab; appointments and the Notice have their own tabs."""

    def __init__(
        self, view: EventsView, parent: QWidget, repo: CaseRepository, case: OpenCase
    ) -> None:
        self.view = view
        self.parent = parent
        self.repo = repo
        self.case = case
        view.add_button.clicked.connect(lambda: self.edit_event(None))
        view.edit_button.clicked.connect(self._edit_selected_event)
        view.event_list.itemActivated.connect(lambda _i: self._edit_selected_event())
        view.delete_button.clicked.connect(self.delete_selected_event)

    def fill(self) -> None:
        ev = self.view.event_list
        ev.clear()
        for event_id, event in sorted(case_events(self.case.stored), key=lambda p: event_day(p[1])):
            if isinstance(event, (Appointment, NoticeEvent)):
                continue
            item = QListWidgetItem(event_text(event), ev)
            item.setData(Qt.ItemDataRole.UserRole, event_id)

    def _edit_selected_event(self) -> None:
        event_id = selected_event_id(self.view.event_list)
        if event_id is not None:
            self.edit_event(event_id)

    def edit_event(self, event_id: int | None, kind: str | None = None) -> None:
        """Add (`event_id` None, optionally of `kind`) or change an event through the dialog."""
        stored = self.case.stored
        if stored is None:
            return
        existing = dict(case_events(stored)).get(event_id) if event_id is not None else None
        result = self.case.result
        pack = load_rule_pack(result.rules) if result is not None else load_rule_pack()
        dialog = EventDialog(self.parent)
        form = EventForm(dialog, stored.case_file.case.procedure, pack, existing, kind)
        dialog.buttons.accepted.connect(lambda: form.accept_if_valid())
        if dialog.exec() != EventDialog.DialogCode.Accepted or form.event is None:
            return
        case_id, event = stored.id, form.event
        if event_id is None:
            work: Callable[[], Any] = lambda: self.repo.add_event(case_id, event)  # noqa: E731
        else:
            work = lambda: self.repo.update_event(event_id, event)  # noqa: E731
        self.case.run_save(work, lambda _r: self.case.events_changed())

    def delete_selected_event(self) -> None:
        event_id = selected_event_id(self.view.event_list)
        if event_id is not None:
            delete_event(self.repo, self.case, event_id)


def delete_event(repo: CaseRepository, case: OpenCase, event_id: int) -> None:
    """Delete any event (appointments too) and reload the case."""
    case.run_save(lambda: repo.delete_event(event_id), lambda _r: case.events_changed())


def event_text(event: Event) -> str:
    d = long_date
    match event:
        case Extension():
            length = (
                ngettext("{n} month", "{n} months", event.months).format(n=event.months)
                if event.months
                else ngettext("{n} week", "{n} weeks", event.weeks).format(n=event.weeks)
            )
            return _("Extension by {length} ({basis}), sent {date}").format(
                length=length, basis=event.basis, date=d(event.sent)
            )
        case InfoRequest():
            text = _("Request for information sent {date}").format(date=d(event.sent))
            if event.deadline:
                text += "; " + _("deadline {date}").format(date=d(event.deadline))
            if event.completed:
                text += "; " + _("answered {date}").format(date=d(event.completed))
            return text
        case Pause():
            return _("Pause announced {start}, until {until} ({basis})").format(
                start=d(event.start), until=d(event.until), basis=event.basis
            )
        case Decision():
            return _("Decision sent {date}").format(date=d(event.sent))
        case PenaltyFixed():
            return _("Penalty (dwangsom) fixed by a decision sent {date}").format(
                date=d(event.sent)
            )
        case MvvGranted():
            return _("Mvv granted, notified {date}").format(date=d(event.notified))
    return ""
