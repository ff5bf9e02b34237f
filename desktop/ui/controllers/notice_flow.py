"""The Notice of Default (ingebrekestelling) tab: make the letter or a draft, record each one sent.

A second Notice is a new event: the first keeps its posting and tracking proof. What the user
types as proof is kept per case until it is recorded, so switching cases loses nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QWidget

from desktop.core.model import NextCode, NoticeEvent, NoticeState, Result
from desktop.i18n import _, current_language
from desktop.store.records import NoticeProof
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.letter_flow import LetterFlow
from desktop.ui.controllers.letters import (
    NOTICE_LANGUAGES,
    Letter,
    notice_language_name,
    notice_refusal,
)
from desktop.ui.controllers.open_case import OpenCase, case_events
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.validation import FieldError, parse_user_date, user_date_text
from desktop.ui.models.text import days_left_text, long_date
from desktop.ui.views.case_panel import NoticeView

log = logging.getLogger("termijn.ui")

Notify = Callable[[str, Path | None], None]  # a status-bar confirmation, and its folder


@dataclass(frozen=True, slots=True)
class ProofDraft:
    """What the user typed in the proof form and has not recorded yet."""

    posted: str = ""
    tracking: str = ""
    delivered: str = ""
    editing: int | None = None  # the event id of the Notice being corrected

    @property
    def empty(self) -> bool:
        return not (self.posted.strip() or self.tracking.strip() or self.delivered.strip())


def notice_verdict(received: date, result: Result) -> str:
    """One recorded Notice judged as the next step judges it: never just "valid" when risky."""
    term = result.term
    if received <= term.statutory_end:
        return _("too early: it does not count")
    if received < term.safe_notice_receipt:
        return _("may be too early: valid on your reading only")
    return _("counts on every reading")


class NoticeFlow:
    """Owns the Notice tab: when a Notice may arrive, making it, and the proof it was delivered."""

    def __init__(
        self,
        view: NoticeView,
        parent: QWidget,
        repo: CaseRepository,
        prefs: Preferences,
        case: OpenCase,
        notify: Notify,
        letters: LetterFlow,
    ) -> None:
        self.view = view
        self.parent = parent
        self.repo = repo
        self.prefs = prefs
        self.case = case
        self.notify = notify
        self.letters = letters
        self._drafts: dict[int, ProofDraft] = {}
        self._shown_case: int | None = None
        self._filling = False
        view.create_button.clicked.connect(lambda: self.create_notice())
        view.checklist_button.clicked.connect(self.create_checklist)
        view.record_button.clicked.connect(self.record_notice)
        view.correct_button.clicked.connect(self.correct_selected)
        view.new_button.clicked.connect(self.start_new)
        view.notice_list.currentRowChanged.connect(lambda _r: self._sync_buttons())
        view.notice_list.itemActivated.connect(lambda _i: self.correct_selected())
        for edit in (view.posted_edit, view.tracking_edit, view.delivered_edit):
            edit.textEdited.connect(lambda _t: self._typed())

    def retranslate_ui(self) -> None:
        combo = self.view.language_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code in NOTICE_LANGUAGES:
            combo.addItem(notice_language_name(code), code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # ------------------------------------------------------------------ drafts of typed proof

    def _draft(self) -> ProofDraft:
        nv = self.view
        return ProofDraft(
            nv.posted_edit.text(),
            nv.tracking_edit.text(),
            nv.delivered_edit.text(),
            self._editing(),
        )

    def _editing(self) -> int | None:
        current = self._drafts.get(self._shown_case or -1)
        return current.editing if current is not None else None

    def _typed(self) -> None:
        if self._filling or self._shown_case is None:
            return
        self._drafts[self._shown_case] = self._draft()
        self.validate_form(quiet=True)
        self._sync_buttons()

    def unrecorded(self) -> list[int]:
        """Ids of cases with typed proof that is not recorded yet."""
        return [case_id for case_id, d in self._drafts.items() if not d.empty]

    def discard_unrecorded(self) -> None:
        self._drafts.clear()

    # ------------------------------------------------------------------ showing the case

    def fill(self) -> None:
        nv = self.view
        stored, result = self.case.stored, self.case.result
        self._shown_case = stored.id if stored is not None else None
        if stored is not None:
            # Only the Dutch letter is sent; an English reader gets it with the English sheet
            # (an English-only Notice is a translation marked "do not send").
            lang = "nl+en" if stored.case_file.language == "en" else stored.case_file.language
            nv.language_combo.setCurrentIndex(max(0, nv.language_combo.findData(lang)))
        nv.status_label.setText(self._status(result))
        decided = result is not None and result.key_dates.decided is not None
        counts = result is not None and result.key_dates.notice_state is NoticeState.SAFE
        # A decided case has no Notice prompts, nor one whose Notice counts on every reading;
        # the Notices sent stay listed as the case's history.
        nv.make_box.setVisible(result is not None and not decided and not counts)
        nv.proof_box.setVisible(result is not None and not decided)
        refusal = notice_refusal(result, self.repo.today()) if result is not None else ""
        nv.draft_note.setText(refusal)
        nv.draft_note.setVisible(bool(refusal))
        nv.create_button.setText(
            _("Make a &draft Notice (PDF)…") if refusal else _("Make the &Notice (PDF)…")
        )
        self._fill_list(result)
        self._show_draft(self._drafts.get(self._shown_case or -1, ProofDraft()))
        self.fill_documents()

    def _status(self, result: Result | None) -> str:
        if result is None:
            return _("Save the case with its dates first.")
        key, step = result.key_dates, result.next_step
        if key.decided is not None:
            return _("The IND decided on {date}. A Notice of Default is no longer needed.").format(
                date=long_date(key.decided)
            )
        if step.code is NextCode.WAIT:
            return _(
                "A Notice may reach the IND from {date} ({days}); one that arrives earlier does "
                "not count. Until then you can make a draft to sign in advance."
            ).format(
                date=long_date(key.safe_notice_receipt),
                days=days_left_text(key.safe_notice_receipt, result.today),
            )
        if step.code is NextCode.SEND_NOTICE:
            return _(
                "The IND is late. A Notice counts if it reaches the IND on or after {date}. Send "
                "it by registered mail (aangetekend) and keep the proof."
            ).format(date=long_date(key.safe_notice_receipt))
        if key.notice_state is NoticeState.SAFE and key.notice_received is not None:
            return _("The Notice that reached the IND on {date} counts on every reading.").format(
                date=long_date(key.notice_received)
            )
        return step.text.get(current_language())  # a Notice to send again: the core says why

    def _fill_list(self, result: Result | None) -> None:
        nv = self.view
        stored = self.case.stored
        nv.notice_list.clear()
        notices = [(i, e) for i, e in case_events(stored) if isinstance(e, NoticeEvent)]
        for event_id, event in sorted(notices, key=lambda pair: pair[1].received):
            proof = stored.notice_proofs.get(event_id, NoticeProof()) if stored else NoticeProof()
            lines = [
                _("Reached the IND on {date}").format(date=long_date(event.received))
                + (f": {notice_verdict(event.received, result)}" if result else "")
            ]
            details = []
            if proof.posted:
                details.append(_("posted {date}").format(date=long_date(proof.posted)))
            if proof.tracking_number:
                details.append(_("tracking {code}").format(code=proof.tracking_number))
            if details:
                lines.append(" · ".join(details))
            item = QListWidgetItem("\n".join(lines), nv.notice_list)
            item.setData(Qt.ItemDataRole.UserRole, event_id)
        nv.sent_box.setVisible(bool(notices))
        self._sync_buttons()

    def _show_draft(self, draft: ProofDraft) -> None:
        nv = self.view
        self._filling = True
        try:
            nv.posted_edit.setText(draft.posted)
            nv.tracking_edit.setText(draft.tracking)
            nv.delivered_edit.setText(draft.delivered)
        finally:
            self._filling = False
        for field in (nv.posted_field, nv.delivered_field, nv.tracking_field):
            field.set_error("")
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        nv = self.view
        editing = self._editing()
        nv.record_button.setText(
            _("&Save the correction") if editing is not None else _("&Record this Notice")
        )
        nv.correct_button.setEnabled(nv.notice_list.currentItem() is not None)
        nv.new_button.setVisible(editing is not None or not self._draft().empty)
        if editing is not None:
            received = dict(case_events(self.case.stored)).get(editing)
            day = received.received if isinstance(received, NoticeEvent) else None
            nv.proof_hint.setText(
                _("You are correcting the Notice that reached the IND on {date}.").format(
                    date=long_date(day) if day else "—"
                )
            )
        elif nv.notice_list.count():
            nv.proof_hint.setText(
                _(
                    "Another Notice is recorded as a new one: the earlier Notice keeps its "
                    "posting and tracking proof."
                )
            )
        else:
            nv.proof_hint.setText(_("When you have posted the Notice, record it here."))

    def fill_documents(self) -> None:
        """The letters made for this case: when, which file, which language."""
        stored = self.case.stored
        docs = self.repo.documents(stored.id) if stored is not None else []
        if not docs:
            self.view.documents_label.setText("")
            return
        lines = [_("Letters made:")] + [
            f"• {d.created:%d-%m-%Y %H:%M} {d.file_name or d.kind} ({d.language})" for d in docs
        ]
        self.view.documents_label.setText("\n".join(lines))

    # ------------------------------------------------------------------ correct or start anew

    def correct_selected(self) -> None:
        item = self.view.notice_list.currentItem()
        stored = self.case.stored
        if item is None or stored is None:
            return
        event_id = int(item.data(Qt.ItemDataRole.UserRole))
        if not self._draft().empty and not self._confirm_drop():
            return
        event = dict(case_events(stored)).get(event_id)
        proof = stored.notice_proofs.get(event_id, NoticeProof())
        delivered = proof.delivered or (event.received if isinstance(event, NoticeEvent) else None)
        draft = ProofDraft(
            user_date_text(proof.posted), proof.tracking_number, user_date_text(delivered), event_id
        )
        self._drafts[stored.id] = draft
        self._show_draft(draft)
        self.view.posted_edit.setFocus()

    def start_new(self) -> None:
        if not self._draft().empty and not self._confirm_drop():
            return
        if self._shown_case is not None:
            self._drafts.pop(self._shown_case, None)
        self._show_draft(ProofDraft())
        self.view.posted_edit.setFocus()

    def focus_form(self) -> None:
        """Bring the proof form forward (the banner's "Record posting and delivery")."""
        self.view.scroll.ensureWidgetVisible(self.view.proof_box)
        self.view.posted_edit.setFocus()

    def _confirm_drop(self) -> bool:
        answer = QMessageBox.question(
            self.parent,
            _("Notice"),
            _("Drop the posting and delivery details you typed but did not record?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ record

    def validate_form(self, quiet: bool = False) -> NoticeProof | None:
        nv = self.view
        values: dict[str, date | None] = {}
        ok = True
        for key, edit, field in (
            ("posted", nv.posted_edit, nv.posted_field),
            ("delivered", nv.delivered_edit, nv.delivered_field),
        ):
            try:
                values[key] = parse_user_date(
                    edit.text(), required=key == "delivered" and not quiet
                )
                field.set_error("")
            except FieldError as exc:
                if not quiet or edit.text().strip():
                    field.set_error(str(exc))
                ok = False
        if not ok:
            return None
        posted, delivered = values["posted"], values["delivered"]
        if posted and delivered and delivered < posted:
            nv.delivered_field.set_error(_("Delivery cannot be before posting."))
            return None
        today = self.repo.today()
        for value, field in ((posted, nv.posted_field), (delivered, nv.delivered_field)):
            if value and value > today:
                field.set_error(_("This date is in the future."))
                return None
        if delivered is None:
            return None
        return NoticeProof(
            posted=posted, tracking_number=nv.tracking_edit.text().strip(), delivered=delivered
        )

    def record_notice(self) -> None:
        proof = self.validate_form()
        stored = self.case.stored
        if proof is None or stored is None or proof.delivered is None:
            if proof is None:
                self._first_error_focus()
            return
        event = NoticeEvent(received=proof.delivered)  # the day it reached the IND counts
        case_id, editing = stored.id, self._editing()
        if editing is None:
            work: Callable[[], Any] = lambda: self.repo.add_event(case_id, event, proof)  # noqa: E731
        else:
            work = lambda: self.repo.update_event(editing, event, proof)  # noqa: E731

        def done(_result: object) -> None:
            self._drafts.pop(case_id, None)
            self.case.events_changed()
            self.notify(_("Notice recorded."), None)

        self.case.run_save(work, done)

    def _first_error_focus(self) -> None:
        nv = self.view
        for field, edit in (
            (nv.posted_field, nv.posted_edit),
            (nv.delivered_field, nv.delivered_edit),
        ):
            if field.error.isVisible():
                edit.setFocus()
                return

    # ------------------------------------------------------------------ letters

    def language(self) -> str:
        """The language chosen for the letters ("nl", "en" or "nl+en")."""
        return str(self.view.language_combo.currentData() or "nl")

    def create_notice(self, draft: bool | None = None) -> None:
        """Make the Notice; a draft when a ready one would be refused (or when asked for)."""
        result = self.case.result
        if result is None:
            return
        if draft is None:
            draft = bool(notice_refusal(result, self.repo.today()))
        self.letters.make(Letter.NOTICE, draft=draft)

    def create_checklist(self) -> None:
        self.letters.make(Letter.CHECKLIST)
