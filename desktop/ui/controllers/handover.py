"""Hand a case over (a .termijn bundle) and take one in, from the window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop.i18n import _
from desktop.privacy import bundle
from desktop.privacy.handover import (
    case_contents,
    import_bundle,
    parse_bundle_case,
    same_cases,
)
from desktop.privacy.safe_write import write_private
from desktop.store.repository import CaseRepository
from desktop.ui.views.bundle_dialogs import BundleExportDialog, PassphraseDialog

log = logging.getLogger("termijn.ui")
MIN_PASSPHRASE = 8
FILTER = "Termijn (*.termijn)"


class HandoverController:
    """Export the open case as a bundle; import a bundle as a new case or merged, never silently.

    The dialogs that ask (a file name, a passphrase, merge or new) are methods, replaced in
    tests.
    """

    def __init__(
        self,
        window: QWidget,
        repo: CaseRepository,
        current_case: Callable[[], int | None],
        on_imported: Callable[[int], None],
    ) -> None:
        self.window = window
        self.repo = repo
        self.current_case = current_case
        self.on_imported = on_imported
        self.export_dialog: BundleExportDialog | None = None

    # ------------------------------------------------------------------ questions

    def save_name(self, suggested: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save the bundle"), str(Path.home() / suggested), FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == bundle.SUFFIX else path.with_name(path.name + bundle.SUFFIX)

    def open_name(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import a bundle"), str(Path.home()), FILTER
        )
        return Path(name) if name else None

    def ask_passphrase(self, file_name: str, wrong: bool) -> str | None:
        dialog = PassphraseDialog(self.window)
        text = _("{file} is encrypted. Its passphrase:").format(file=file_name)
        if wrong:
            text = _("That passphrase does not open it (or the file was changed).") + "\n" + text
        dialog.prompt.setText(text)
        return dialog.edit.text() if dialog.exec() else None

    def ask_merge_or_new(self, summary: str, matches: list[tuple[int, str]]) -> int | str | None:
        """The id to merge into, "new", or None (cancel)."""
        box = QMessageBox(
            QMessageBox.Icon.Question, _("Import a bundle"), summary, parent=self.window
        )
        merge = {}
        for case_id, label in matches[:3]:
            merge[
                box.addButton(
                    _("Merge into {case}").format(case=label), QMessageBox.ButtonRole.AcceptRole
                )
            ] = case_id
        new = box.addButton(_("Add as a new case"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is new:
            return "new"
        return merge.get(clicked)

    def tell(self, text: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, 15_000)

    # ------------------------------------------------------------------ export

    def export_case(self) -> Path | None:
        case_id = self.current_case()
        if case_id is None:
            QMessageBox.information(
                self.window, _("Hand over a case"), _("Open the case to hand over first.")
            )
            return None
        dialog = BundleExportDialog(self.window)
        self.export_dialog = dialog

        def check() -> None:
            if dialog.encrypt_check.isChecked():
                first, again = dialog.passphrase_edit.text(), dialog.again_edit.text()
                if len(first) < MIN_PASSPHRASE:
                    dialog.problem.setText(_("Use a passphrase of at least 8 characters."))
                    return
                if first != again:
                    dialog.problem.setText(_("The two passphrases differ."))
                    return
            dialog.accept()

        dialog.buttons.accepted.connect(check)
        accepted = dialog.exec()
        redacted = dialog.redact_check.isChecked()
        passphrase = dialog.passphrase_edit.text() if dialog.encrypt_check.isChecked() else None
        dialog.passphrase_edit.clear()
        dialog.again_edit.clear()
        dialog.deleteLater()
        self.export_dialog = None
        if not accepted:
            return None
        return self.write_bundle(case_id, redacted=redacted, passphrase=passphrase)

    def write_bundle(self, case_id: int, *, redacted: bool, passphrase: str | None) -> Path | None:
        stored = self.repo.get(case_id)
        stem = stored.case_file.reference or _("case")
        suggested = (stem + bundle.SUFFIX).replace("/", "-")
        target = self.save_name(suggested)
        if target is None:
            return None
        data = bundle.build(
            case_contents(self.repo, case_id), redacted=redacted, passphrase=passphrase
        )
        try:
            write_private(target, data)
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                _("Hand over a case"),
                _("Could not save: {why}").format(why=exc.strerror or str(exc)),
            )
            return None
        log.info(
            "case %s handed over as a bundle (redacted=%s, encrypted=%s)",
            case_id,
            redacted,
            passphrase is not None,
        )
        self.tell(
            (
                _("Saved {file}, encrypted.")
                if passphrase
                else _("Saved {file}. It is not encrypted: anyone who gets it can read it.")
            ).format(file=str(target))
        )
        return target

    # ------------------------------------------------------------------ import

    def import_file(self, path: Path | None = None) -> int | None:
        path = path or self.open_name()
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(self.window, _("Import a bundle"), str(exc.strerror or exc))
            return None
        passphrase = None
        wrong = False
        while True:
            if bundle.needs_passphrase(data):
                passphrase = self.ask_passphrase(path.name, wrong)
                if passphrase is None:
                    return None
            try:
                opened = bundle.read(data, passphrase)
                case_file, _proofs = parse_bundle_case(opened)
                break
            except bundle.BundleError as exc:
                if bundle.needs_passphrase(data) and "passphrase" in str(exc):
                    wrong = True
                    continue
                QMessageBox.warning(
                    self.window,
                    _("Import a bundle"),
                    _("{file} was not imported: {why}").format(file=path.name, why=str(exc)),
                )
                return None
        matches = same_cases(self.repo, case_file)
        merge_into: int | None = None
        if matches:
            summary = _(
                "Termijn already has a case that looks like this one. Merge adds what the "
                "bundle brings and keeps everything stored; nothing is replaced by a masked "
                "value."
            )
            if opened.left_out:
                summary += "\n\n" + _("Left out by the sender: {fields}").format(
                    fields=", ".join(opened.left_out)
                )
            labels = [(m.case_id, _("case {id}").format(id=m.case_id)) for m in matches]
            choice = self.ask_merge_or_new(summary, labels)
            if choice is None:
                return None
            merge_into = None if choice == "new" else int(choice)
        done = import_bundle(self.repo, opened, merge_into=merge_into, as_new=merge_into is None)
        self.on_imported(done.case_id)
        message = (
            _("Merged into case {id}.") if done.merged else _("Imported as case {id}.")
        ).format(id=done.case_id)
        if opened.left_out:
            message += " " + _("Left out by the sender: {fields}").format(
                fields=", ".join(opened.left_out)
            )
        self.tell(message)
        return done.case_id
