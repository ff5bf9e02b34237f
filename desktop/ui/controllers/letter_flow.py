"""Make a letter from the window: build it, offer a draft when refused, save it, record it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.documents import Document, DocumentError, DocumentRefused
from desktop.i18n import _
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.letters import (
    DRAFTABLE,
    Letter,
    letter_title,
    make,
    refusal_text,
    text_in_window_language,
    with_representative,
)
from desktop.ui.controllers.open_case import OpenCase
from desktop.ui.controllers.pdf_output import ask_save_path, documents_folder, file_name, write_pdf
from desktop.ui.controllers.preferences import Preferences

log = logging.getLogger("termijn.ui")

Notify = Callable[[str, Path | None], None]


class LetterFlow:
    """One way for every letter: the refusal in the window's language, a draft on request."""

    def __init__(
        self,
        parent: QWidget,
        repo: CaseRepository,
        prefs: Preferences,
        case: OpenCase,
        notify: Notify,
        language: Callable[[], str],
        done: Callable[[], None],
    ) -> None:
        self.parent = parent
        self.repo = repo
        self.prefs = prefs
        self.case = case
        self.notify = notify
        self.language = language
        self.done = done  # refresh what shows the documents made
        self.warnings_box: QMessageBox | None = None  # the last "check before sending" note

    def make(self, letter: Letter, draft: bool = False, appointment: int = 0) -> Document | None:
        """Make `letter` for the open case and save it where the user says; None if not made."""
        stored, result = self.case.stored, self.case.result
        if stored is None or result is None:
            return None
        case_file = with_representative(stored.case_file, self.prefs.representative())
        today = self.repo.today()

        def build(as_draft: bool) -> Document:
            return make(
                letter,
                case_file,
                result,
                today=today,
                language=self.language(),
                draft=as_draft,
                appointment=appointment,
            )

        try:
            document = build(draft)
        except DocumentRefused as exc:
            if draft or letter not in DRAFTABLE:
                QMessageBox.information(self.parent, letter_title(letter), refusal_text(exc))
                return None
            if not self._offer_draft(letter, exc):
                return None
            try:
                document = build(True)
            except DocumentError as again:
                QMessageBox.information(self.parent, letter_title(letter), refusal_text(again))
                return None
        except DocumentError as exc:
            QMessageBox.warning(self.parent, letter_title(letter), refusal_text(exc))
            return None
        return document if self._save(letter, document) else None

    def _offer_draft(self, letter: Letter, exc: DocumentRefused) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            letter_title(letter),
            refusal_text(exc),
            QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        draft = box.addButton(_("Make a &draft"), QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText(
            _("A draft is marked as such on every page: you can check and sign it in advance.")
        )
        box.exec()
        return box.clickedButton() is draft

    def _save(self, letter: Letter, document: Document) -> bool:
        stored = self.case.stored
        assert stored is not None
        folder = self.prefs.last_folder() or documents_folder()
        title = letter_title(letter, document.draft)
        name = file_name(title, stored.case_file.applicant.name, self.repo.today())
        target = ask_save_path(self.parent, _("Save {what}").format(what=title), folder, name)
        if target is None:
            return False
        try:
            write_pdf(target, document.pdf)
        except OSError as exc:
            QMessageBox.warning(
                self.parent,
                title,
                _("The file could not be written: {problem}. Choose another folder.").format(
                    problem=exc.strerror or str(exc)
                ),
            )
            return False
        self.prefs.set_last_folder(target.parent)
        self.repo.record_document(
            stored.id, document.kind, document.language, document.pdf, target.name
        )
        log.info("%s written for case %s", document.kind, stored.id)
        self.done()
        self.notify(_("Saved {name}.").format(name=target.name), target.parent)
        self._show_own_warnings(document, title)
        return True

    def _show_own_warnings(self, document: Document, title: str) -> None:
        """What the letter itself lacks (a missing field, a character no font has).

        The case's own warnings are on the overview already; only the letter's are shown here.
        """
        result = self.case.result
        known = {w.text for w in result.warnings} if result is not None else set()
        own = [text_in_window_language(w) for w in document.warnings if w not in known]
        if own:
            # Not blocking: the file is written; this is what to check before it is sent.
            box = QMessageBox(
                QMessageBox.Icon.Information,
                title,
                _("Check before sending:") + "\n\n" + "\n\n".join(f"• {w}" for w in own),
                QMessageBox.StandardButton.Ok,
                self.parent,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.warnings_box = box
