"""Privacy dialog: lock setting, a person's data (find, access report, erasure), retention."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.i18n import _, current_language, format_date, ngettext
from desktop.paths import AppPaths
from desktop.privacy import access, erasure, retention
from desktop.privacy.person import Role, Subject
from desktop.privacy.safe_write import write_private
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.encryption import EncryptionController, lock_check
from desktop.ui.controllers.lock import CHOICES, LOCK_SETTING, LockController
from desktop.ui.controllers.validation import FieldError, parse_user_date
from desktop.ui.views.privacy_dialog import PrivacyDialog

log = logging.getLogger("termijn.ui")

ROLE_NAMES = {
    Role.APPLICANT: lambda: _("applicant"),
    Role.CO_APPLICANT: lambda: _("co-applicant"),
    Role.FAMILY_MEMBER: lambda: _("family member"),
    Role.SPONSOR: lambda: _("sponsor"),
    Role.REPRESENTATIVE: lambda: _("representative"),
}


class PrivacyController(QObject):
    def __init__(
        self,
        window: QWidget,
        repo: CaseRepository,
        paths: AppPaths,
        lock: LockController,
        on_changed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.paths = paths
        self.lock = lock
        self.on_changed = on_changed
        self.dialog: PrivacyDialog | None = None
        self.plan: erasure.Plan | None = None
        self.held: list[erasure.HeldBackup] = []

    # Both replaceable in tests: a question and a folder choice are the user's.
    def confirm(self, title: str, text: str, details: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.dialog or self.window)
        box.setDetailedText(details)
        go = box.addButton(title, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def choose_file(self, suggested: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self.dialog or self.window,
            _("Save the access report (a JSON file and a PDF beside it)"),
            str(Path.home() / suggested),
            _("JSON (*.json)"),
        )
        return Path(name) if name else None

    # ------------------------------------------------------------------ the dialog

    def open_dialog(self) -> PrivacyDialog:
        if self.dialog is None:
            dialog = PrivacyDialog(self.window)
            self.dialog = dialog
            dialog.lock_combo.currentIndexChanged.connect(self._lock_chosen)
            dialog.lock_now_button.clicked.connect(self._lock_now)
            dialog.find_button.clicked.connect(self.find)
            dialog.name_edit.returnPressed.connect(self.find)
            dialog.v_number_edit.returnPressed.connect(self.find)
            dialog.access_button.clicked.connect(self.save_access)
            dialog.erase_button.clicked.connect(self.erase)
            dialog.purge_button.clicked.connect(self.purge)
            dialog.months_spin.valueChanged.connect(self._months_changed)
            dialog.delete_due_button.clicked.connect(self.delete_due)
            dialog.change_passphrase_button.clicked.connect(self.change_passphrase)
            dialog.encrypt_button.clicked.connect(self.encrypt)
            dialog.decrypt_button.clicked.connect(self.decrypt)
        dialog = self.dialog
        self._fill_lock()
        self._fill_encryption()
        dialog.months_spin.blockSignals(True)
        dialog.months_spin.setValue(retention.months(self.repo))
        dialog.months_spin.blockSignals(False)
        self._fill_due()
        self._show_found()
        dialog.show()
        dialog.raise_()
        return dialog

    def _fill_lock(self) -> None:
        assert self.dialog is not None
        combo = self.dialog.lock_combo
        combo.blockSignals(True)
        combo.clear()
        for minutes in CHOICES:
            label = (
                _("never")
                if minutes == 0
                else ngettext("{n} minute idle", "{n} minutes idle", minutes).format(n=minutes)
            )
            combo.addItem(label, minutes)
        index = combo.findData(self.lock.minutes)
        if index < 0:
            combo.addItem(str(self.lock.minutes), self.lock.minutes)
            index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    def _lock_chosen(self, index: int) -> None:
        assert self.dialog is not None
        minutes = int(self.dialog.lock_combo.itemData(index))
        self.repo.set_setting(LOCK_SETTING, str(minutes))
        self.lock.set_minutes(minutes)

    def _lock_now(self) -> None:
        self.lock.lock()

    # ------------------------------------------------------------------ encryption

    @property
    def encryption(self) -> EncryptionController:
        return EncryptionController(self.dialog or self.window, self.repo.db, self.paths)

    def _fill_encryption(self) -> None:
        assert self.dialog is not None
        d = self.dialog
        encrypted = self.repo.db.key is not None
        d.encryption_status.setText(self.encryption.status())
        d.change_passphrase_button.setVisible(encrypted)
        d.decrypt_button.setVisible(encrypted)
        d.encrypt_button.setVisible(not encrypted)

    def change_passphrase(self) -> bool:
        done = self.encryption.change_passphrase()
        if done and self.dialog is not None:
            self.dialog.encryption_message.setText(
                _("The passphrase is changed. The recovery key stays the same.")
            )
        return done

    def new_passphrase(self) -> str | None:
        """Ask for the new passphrase (twice); replaced in tests."""
        from desktop.ui.controllers.encryption import passphrase_problem
        from desktop.ui.views.encryption_dialogs import ChooseProtectionDialog

        dialog = ChooseProtectionDialog(self.dialog or self.window)
        dialog.plain_radio.hide()
        dialog.plain_hint.hide()
        chosen: list[str] = []

        def accept() -> None:
            problem = passphrase_problem(dialog.passphrase.text(), dialog.again.text())
            if problem:
                dialog.problem.setText(problem)
                return
            chosen.append(dialog.passphrase.text())
            dialog.accept()

        dialog.buttons.accepted.connect(accept)
        dialog.exec()
        return chosen[0] if chosen else None

    def encrypt(self) -> str | None:
        passphrase = self.new_passphrase()
        if passphrase is None:
            return None
        recovery = self.encryption.encrypt(passphrase)
        if recovery is not None:
            self.lock.check = lock_check(self.paths)
            self.show_recovery(recovery)
            self.on_changed()
        self._fill_encryption()
        return recovery

    def show_recovery(self, recovery: str) -> None:
        from desktop.ui.controllers.encryption import show_recovery_key

        show_recovery_key(self.dialog or self.window, recovery, self.paths)

    def decrypt(self) -> bool:
        text = _(
            "Decrypting writes every case, and every backup, in the clear on this disk. "
            "Anyone who can use this computer account, or gets its disk, can then read them."
        )
        if not self.confirm(_("Decrypt"), text, ""):
            return False
        done = self.encryption.decrypt()
        if done:
            self.lock.check = None
            self.on_changed()
        self._fill_encryption()
        return done

    # ------------------------------------------------------------------ a person's data

    def subject(self) -> Subject | None:
        assert self.dialog is not None
        d = self.dialog
        try:
            born = parse_user_date(d.born_edit.text())
            return Subject(d.name_edit.text(), d.v_number_edit.text(), born)
        except (FieldError, ValueError):
            d.found_summary.setText(
                _("Give a name or a V-number (and, if you like, a date of birth as 12-04-1988).")
            )
            return None

    def find(self) -> None:
        subject = self.subject()
        if subject is None:
            self.plan, self.held = None, []
        else:
            self.plan = erasure.plan(self.repo, subject)
            self.held = erasure.backups_holding(self.paths.backups, subject, self.repo.db.key)
        self._show_found()

    def _label(self, case_id: int) -> str:
        stored = self.repo.get(case_id, include_deleted=True)
        text = _("Case {id}").format(id=case_id)
        if stored.case_file.reference:
            text += f" · {stored.case_file.reference}"
        if stored.deleted:
            text += " " + _("(in the bin)")
        elif stored.case_file.archived:
            text += " " + _("(archived)")
        return text

    def _show_found(self) -> None:
        assert self.dialog is not None
        d = self.dialog
        d.found_list.clear()
        d.backups_list.clear()
        found = self.plan
        d.access_button.setEnabled(bool(found and not found.empty))
        d.erase_button.setEnabled(bool(found and not found.empty))
        d.purge_button.setEnabled(bool(self.held))
        d.backups_label.setVisible(bool(self.held))
        d.backups_list.setVisible(bool(self.held))
        d.purge_button.setVisible(bool(self.held))
        if found is None:
            if not d.found_summary.text():
                d.found_summary.clear()
            return
        if found.empty:
            d.found_summary.setText(_("No case names this person."))
        else:
            count = len({a.case_id for a in found.appearances})
            d.found_summary.setText(
                ngettext("Named in {n} case:", "Named in {n} cases:", count).format(n=count)
            )
        for appearance in found.appearances:
            d.found_list.addItem(
                f"{self._label(appearance.case_id)}: {ROLE_NAMES[appearance.role]()}"
            )
        d.backups_label.setText(
            ngettext(
                "{n} backup still holds this person:",
                "{n} backups still hold this person:",
                len(self.held),
            ).format(n=len(self.held))
        )
        for held in self.held:
            when = (
                _("removed on or after {date}").format(
                    date=format_date(held.expires, current_language(), "long")
                )
                if held.expires
                else _("kept until deleted")
            )
            d.backups_list.addItem(f"{held.path.name}: {when}")

    def save_access(self) -> Path | None:
        found = self.plan
        if found is None or found.empty:
            return None
        target = self.choose_file("access-report.json")
        if target is None:
            return None
        base = target.with_suffix("") if target.suffix in (".json", ".pdf") else target
        json_path, pdf_path = (
            base.with_name(base.name + ".json"),
            base.with_name(base.name + ".pdf"),
        )
        from desktop.documents.access_report import access_pdf

        report = access.build(self.repo, found.subject, backups=self.paths.backups)
        try:
            text = json.dumps(report.data, ensure_ascii=False, indent=2) + "\n"
            write_private(json_path, text.encode("utf-8"))
            write_private(pdf_path, access_pdf(report, current_language()))
        except OSError as exc:
            QMessageBox.warning(
                self.dialog,
                _("Privacy"),
                _("Could not save: {why}").format(why=exc.strerror or str(exc)),
            )
            return None
        assert self.dialog is not None
        self.dialog.found_summary.setText(
            _(
                "Saved {json} and {pdf}. Both hold this person's data unencrypted: hand them "
                "over safely."
            ).format(json=str(json_path), pdf=pdf_path.name)
        )
        return json_path

    def erase(self) -> bool:
        found = self.plan
        if found is None or found.empty:
            return False
        lines = []
        for case_id in found.whole_cases:
            stored = self.repo.get(case_id, include_deleted=True)
            lines.append(
                _(
                    "{case}: the whole case ({events} events, {audit} audit rows, {docs} "
                    "document records)"
                ).format(
                    case=self._label(case_id),
                    events=len(stored.event_ids),
                    audit=len(self.repo.audit(case_id)),
                    docs=len(self.repo.documents(case_id)),
                )
            )
        for appearance in found.removed_from:
            lines.append(
                _("{case}: this person as {role} (the rest of the case stays)").format(
                    case=self._label(appearance.case_id), role=ROLE_NAMES[appearance.role]()
                )
            )
        text = _(
            "This erases everything Termijn holds about this person, for good:\n\n{list}\n\n"
            "The erasure is logged without the name."
        ).format(list="\n".join(f"• {line}" for line in lines))
        if not self.confirm(_("Erase"), text, "\n".join(lines)):
            return False
        done = erasure.erase(self.repo, found)
        log.info(
            "erased at request: %d case(s), removed from %d", done.cases_erased, done.removed_from
        )
        self.on_changed()
        subject = found.subject
        self.plan = erasure.plan(self.repo, subject)
        self.held = erasure.backups_holding(self.paths.backups, subject, self.repo.db.key)
        self._show_found()
        assert self.dialog is not None
        self.dialog.found_summary.setText(
            _("Erased. Backups made before today may still hold this person: see below.")
            if self.held
            else _("Erased. No backup holds this person.")
        )
        return True

    def purge(self) -> bool:
        if not self.held:
            return False
        names = "\n".join(f"• {h.path.name}" for h in self.held)
        text = _(
            "Delete these backups? They hold this person; the case file keeps everyone "
            "else's data.\n\n{list}"
        ).format(list=names)
        if not self.confirm(_("Delete backups"), text, names):
            return False
        erasure.purge_backups(self.held)
        self.held = []
        self._show_found()
        return True

    # ------------------------------------------------------------------ retention

    def _months_changed(self, months: int) -> None:
        retention.set_months(self.repo, months)
        self._fill_due()

    def due(self) -> list[retention.DueCase]:
        return retention.due(self.repo, self.repo.today())

    def _fill_due(self) -> None:
        assert self.dialog is not None
        d = self.dialog
        due = self.due()
        d.due_list.clear()
        for case in due:
            where = _("in the bin") if case.deleted else _("archived")
            d.due_list.addItem(
                _("{case}: {where}, last changed {date}").format(
                    case=self._label(case.case_id),
                    where=where,
                    date=format_date(case.last_change, current_language(), "long"),
                )
            )
        months = retention.months(self.repo)
        d.due_label.setText(
            _("Retention is off.")
            if months == 0
            else ngettext(
                "{n} closed case is due for deletion.",
                "{n} closed cases are due for deletion.",
                len(due),
            ).format(n=len(due))
        )
        d.delete_due_button.setEnabled(bool(due))

    def delete_due(self) -> bool:
        due = self.due()
        if not due:
            return False
        lines = "\n".join(f"• {self._label(c.case_id)}" for c in due)
        text = ngettext(
            "Erase {n} closed case for good?\n\n{list}",
            "Erase {n} closed cases for good?\n\n{list}",
            len(due),
        ).format(n=len(due), list=lines)
        if not self.confirm(_("Erase"), text, lines):
            return False
        erasure.erase_cases(self.repo, [c.case_id for c in due], reason="retention")
        self.on_changed()
        self._fill_due()
        return True
