"""The Notice of Default (ingebrekestelling) tab: status, create the PDF, record its delivery."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.model import NoticeEvent
from desktop.i18n import _, current_language
from desktop.store.records import NoticeProof
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.combo import fill_combo
from desktop.ui.controllers.open_case import OpenCase, case_events
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.validation import FieldError, parse_user_date, user_date_text
from desktop.ui.models.text import long_date
from desktop.ui.views.case_panel import NoticeView

log = logging.getLogger("termijn.ui")


class NoticeFlow:
    """Owns the Notice tab: when a Notice may arrive, making it, and the proof it was delivered."""

    def __init__(
        self,
        view: NoticeView,
        parent: QWidget,
        repo: CaseRepository,
        prefs: Preferences,
        case: OpenCase,
    ) -> None:
        self.view = view
        self.parent = parent
        self.repo = repo
        self.prefs = prefs
        self.case = case
        view.create_button.clicked.connect(self.create_notice)
        view.record_button.clicked.connect(self.record_notice)
        for edit in (view.posted_edit, view.delivered_edit):
            edit.textEdited.connect(lambda _t: self.validate_form(quiet=True))

    def retranslate_ui(self) -> None:
        fill_combo(self.view.create_language, [("Nederlands", "nl"), ("English", "en")])

    def _notice_event(self) -> tuple[int, NoticeEvent] | None:
        notices = [(i, e) for i, e in case_events(self.case.stored) if isinstance(e, NoticeEvent)]
        return notices[-1] if notices else None

    def fill(self) -> None:
        nv = self.view
        stored = self.case.stored
        found = self._notice_event()
        proof = NoticeProof()
        if found is not None and stored is not None:
            proof = stored.notice_proofs.get(found[0], NoticeProof())
        nv.posted_edit.setText(user_date_text(proof.posted))
        nv.tracking_edit.setText(proof.tracking_number)
        nv.delivered_edit.setText(
            user_date_text(proof.delivered or (found[1].received if found else None))
        )
        for field in (nv.posted_field, nv.delivered_field, nv.tracking_field):
            field.set_error("")
        if stored is not None:
            lang = stored.case_file.language
            nv.create_language.setCurrentIndex(max(0, nv.create_language.findData(lang)))
        result = self.case.result
        if result is None:
            nv.status_label.setText(_("Save the case with its dates first."))
        elif found is not None:
            nv.status_label.setText(
                _("The IND received the Notice on {date}. {verdict}").format(
                    date=long_date(found[1].received),
                    verdict=result.notice.reason.get(current_language()) if result.notice else "",
                )
            )
        else:
            nv.status_label.setText(
                _(
                    "A Notice may reach the IND from {date}. Post it so that it arrives on or "
                    "after that day."
                ).format(date=long_date(result.term.safe_notice_receipt))
            )
        docs = []
        if stored is not None:
            try:
                docs = self.repo.documents(stored.id)
            except NotImplementedError:  # the store may not record documents yet
                docs = []
        if docs:
            lines = [_("Documents made:")] + [
                f"• {d.created:%d-%m-%Y %H:%M} {d.kind} ({d.language}) {d.file_name}" for d in docs
            ]
            nv.documents_label.setText("\n".join(lines))
        else:
            nv.documents_label.setText("")

    def create_notice(self) -> None:
        stored, result = self.case.stored, self.case.result
        if stored is None or result is None:
            return
        try:
            from desktop.documents.notice import build_notice  # lands with the documents issue
        except ImportError:
            QMessageBox.information(
                self.parent,
                _("Notice"),
                _("Creating the Notice PDF is not available in this version yet."),
            )
            return
        lang = self.view.create_language.currentData() or "nl"
        cf = stored.case_file
        if cf.representative is None and self.prefs.representative() is not None:
            cf = dataclasses.replace(cf, representative=self.prefs.representative())
        today = self.repo.today()
        try:
            pdf = build_notice(cf, result, lang, today=today)
        except Exception as exc:  # the documents layer explains timing and address problems
            if type(exc).__name__ in ("PrematureNoticeError", "DecidedError", "DocumentError"):
                QMessageBox.warning(self.parent, _("Notice"), str(exc))
                return
            raise
        stem = _("notice")
        suggested = f"{stem}-{stored.id}-{today.isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self.parent, _("Save the Notice"), str(Path.home() / suggested), "PDF (*.pdf)"
        )
        if not path:
            return
        target = Path(path)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(pdf)
        os.replace(partial, target)  # never a half-written letter under the real name
        self.repo.record_document(stored.id, "notice", lang, pdf, target.name)
        log.info("notice created for case %s", stored.id)
        self.fill()

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
                field.set_error(str(exc))
                ok = False
        if not ok:
            return None
        posted, delivered = values["posted"], values["delivered"]
        if posted and delivered and delivered < posted:
            nv.delivered_field.set_error(_("Delivery cannot be before posting."))
            return None
        if delivered and delivered > self.repo.today():
            nv.delivered_field.set_error(_("This date is in the future."))
            return None
        if delivered is None:
            return None
        return NoticeProof(
            posted=posted, tracking_number=nv.tracking_edit.text().strip(), delivered=delivered
        )

    def record_notice(self) -> None:
        proof = self.validate_form()
        if proof is None or self.case.stored is None or proof.delivered is None:
            return
        event = NoticeEvent(received=proof.delivered)  # the day it reached the IND counts
        found = self._notice_event()
        case_id = self.case.stored.id
        if found is None:
            work: Callable[[], Any] = lambda: self.repo.add_event(case_id, event, proof)  # noqa: E731
        else:
            event_id = found[0]
            work = lambda: self.repo.update_event(event_id, event, proof)  # noqa: E731
        self.case.run_save(work, lambda _r: self.case.events_changed())
