"""Encryption in the window: first start, unlock, recovery key, keyring, the Privacy tab."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from desktop.i18n import _, current_language
from desktop.paths import AppPaths
from desktop.privacy import vault
from desktop.privacy.keyfile import KeyFileError, WrongSecretError
from desktop.privacy.safe_write import write_private
from desktop.store.database import Database
from desktop.store.errors import StorageError
from desktop.ui.views.encryption_dialogs import (
    ChangePassphraseDialog,
    ChooseProtectionDialog,
    RecoveryKeyDialog,
    UnlockDialog,
)

log = logging.getLogger("termijn.ui")

MIN_PASSPHRASE = 8
KEYRING_SERVICE = "Termijn"
KEYRING_SETTING = "privacy.keyring"  # "1" once the user asked to remember (off by default)


def passphrase_problem(first: str, again: str) -> str:
    """Why a new passphrase will not do, in the window's language, or ""."""
    if len(first) < MIN_PASSPHRASE:
        return _("Use a passphrase of at least 8 characters.")
    if first != again:
        return _("The two passphrases differ.")
    return ""


# ---------------------------------------------------------------------- the system keyring


def _keyring_user(paths: AppPaths) -> str:
    # One entry per data folder; the folder's path is not stored in the clear.
    return "case file " + hashlib.sha256(str(paths.database).encode()).hexdigest()[:16]


def recall(paths: AppPaths) -> str | None:
    """The passphrase the keyring holds for this case file, if the user asked it to."""
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, _keyring_user(paths))
    except Exception:  # noqa: BLE001 - no keyring, a locked one, a broken backend: ask instead
        return None
    return found if isinstance(found, str) else None


def remember(paths: AppPaths, passphrase: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keyring_user(paths), passphrase)
    except Exception:  # noqa: BLE001
        log.info("the system keyring could not keep the passphrase")
        return False
    return True


def forget(paths: AppPaths) -> None:
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _keyring_user(paths))


# ---------------------------------------------------------------------- recovery key


def recovery_text(recovery_key: str, lang: str) -> str:
    from desktop.documents.recovery_sheet import recovery_lines

    return "\n\n".join([recovery_key, *recovery_lines(lang)])


class RecoveryKeyFlow:
    """The recovery key dialog's Print and Save as PDF (replaceable choices for tests)."""

    def __init__(self, dialog: RecoveryKeyDialog, recovery_key: str, paths: AppPaths) -> None:
        self.dialog = dialog
        self.recovery_key = recovery_key
        self.paths = paths
        dialog.lines.setText(recovery_text("", current_language()).strip())
        dialog.print_button.clicked.connect(self.print_key)
        dialog.pdf_button.clicked.connect(self.save_pdf)

    def pdf_name(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self.dialog,
            _("Save the recovery key"),
            str(Path.home() / "termijn-recovery-key.pdf"),
            "PDF (*.pdf)",
        )
        return Path(name) if name else None

    def save_pdf(self) -> Path | None:
        from desktop.documents.recovery_sheet import recovery_pdf

        target = self.pdf_name()
        if target is None:
            return None
        data = recovery_pdf(
            self.recovery_key, str(self.paths.data), date.today(), current_language()
        )
        try:
            write_private(target, data)
        except OSError as exc:
            self.dialog.done.setText(_("Could not save: {why}").format(why=exc.strerror or exc))
            return None
        self.dialog.done.setText(
            _(
                "Saved {file}. Print it, keep it away from this computer, then delete the file."
            ).format(file=str(target))
        )
        return target

    def print_key(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        chooser = QPrintDialog(printer, self.dialog)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return False
        document = QTextDocument()
        document.setPlainText(
            _("Termijn recovery key")
            + "\n\n"
            + recovery_text(self.recovery_key, current_language())
        )
        document.print_(printer)
        self.dialog.done.setText(_("Sent to the printer."))
        return True


def show_recovery_key(parent: QWidget | None, recovery_key: str, paths: AppPaths) -> None:
    dialog = RecoveryKeyDialog(recovery_key, parent)
    RecoveryKeyFlow(dialog, recovery_key, paths)
    dialog.exec()


# ---------------------------------------------------------------------- at start


class ChooseFlow:
    """First start: make the case file encrypted (key, recovery key) or leave it plain."""

    def __init__(self, dialog: ChooseProtectionDialog, paths: AppPaths) -> None:
        self.dialog = dialog
        self.paths = paths
        self.key: bytes | None = None
        self.recovery: str | None = None
        dialog.buttons.accepted.connect(self.accept)

    def accept(self) -> None:
        d = self.dialog
        if d.encrypt_radio.isChecked():
            problem = passphrase_problem(d.passphrase.text(), d.again.text())
            if problem:
                d.problem.setText(problem)
                return
            try:
                self.key, self.recovery = vault.create(self.paths, d.passphrase.text())
            except (vault.VaultError, StorageError, OSError) as exc:
                d.problem.setText(str(exc))
                return
            finally:
                d.passphrase.clear()
                d.again.clear()
        d.accept()


def choose_protection(paths: AppPaths, parent: QWidget | None = None) -> bytes | None:
    """Ask how to keep a new case file; returns the key of an encrypted one, None for plain."""
    dialog = ChooseProtectionDialog(parent)
    flow = ChooseFlow(dialog, paths)
    dialog.exec()
    if flow.key is not None and flow.recovery is not None:
        show_recovery_key(parent, flow.recovery, paths)
    return flow.key


class UnlockFlow:
    """The unlock dialog's OK: passphrase (or recovery key + new passphrase) to the key."""

    def __init__(self, dialog: UnlockDialog, paths: AppPaths) -> None:
        self.dialog = dialog
        self.paths = paths
        self.key: bytes | None = None
        dialog.buttons.accepted.connect(self.accept)

    def accept(self) -> None:
        d = self.dialog
        try:
            if d.recovering:
                problem = passphrase_problem(d.new_passphrase.text(), d.again.text())
                if problem:
                    d.problem.setText(problem)
                    return
                self.key = vault.recover(self.paths, d.recovery.text(), d.new_passphrase.text())
                passphrase = d.new_passphrase.text()
            else:
                passphrase = d.passphrase.text()
                self.key = vault.unlock(self.paths, passphrase)
        except WrongSecretError:
            d.problem.setText(
                _("That recovery key does not open this case file.")
                if d.recovering
                else _("That is not the passphrase. The case file was not changed.")
            )
            d.passphrase.clear()
            return
        except vault.TooManyTriesError as exc:
            d.problem.setText(
                _("Too many wrong tries: wait {n} seconds.").format(n=int(exc.wait) + 1)
            )
            return
        except KeyFileError as exc:
            d.problem.setText(
                _("The key file cannot be used ({why}). A copy is in the backup folder.").format(
                    why=str(exc)
                )
            )
            return
        if d.remember.isChecked():
            remember(self.paths, passphrase)
        d.passphrase.clear()
        d.new_passphrase.clear()
        d.again.clear()
        d.accept()


def unlock_at_start(paths: AppPaths, parent: QWidget | None = None) -> bytes | None:
    """The key of the encrypted case file: from the keyring if the user asked, else asked."""
    remembered = recall(paths)
    if remembered is not None:
        with contextlib.suppress(WrongSecretError, KeyFileError, vault.TooManyTriesError):
            return vault.unlock(paths, remembered)
        forget(paths)  # the passphrase changed elsewhere: ask, and remember anew if wanted
    dialog = UnlockDialog(parent)
    flow = UnlockFlow(dialog, paths)
    dialog.exec()
    return flow.key


def key_at_start(paths: AppPaths, *, first_start_question: bool) -> tuple[bool, bytes | None]:
    """(go on, key) before the case file is opened: unlock it, or ask how to make it."""
    found = vault.state(paths)
    if found.needs_key:
        key = unlock_at_start(paths)
        return key is not None, key
    new = not paths.database.exists() or not paths.database.stat().st_size
    if new and first_start_question:
        return True, choose_protection(paths)
    return True, None


def lock_check(paths: AppPaths) -> Callable[[str], bool] | None:
    """What the lock screen asks for: the passphrase of an encrypted file (None: plain)."""
    if not vault.state(paths).needs_key:
        return None

    def check(passphrase: str) -> bool:
        try:
            vault.read_key_file(paths).unlock(passphrase)
        except (WrongSecretError, KeyFileError):
            return False
        return True

    return check


# ---------------------------------------------------------------------- Privacy → Encryption


class EncryptionController:
    """Status, change passphrase, encrypt and decrypt from the Privacy dialog.

    Converting needs the case file to itself: the database's idle connections are closed
    first, and the same Database object goes on with the new key afterwards.
    """

    def __init__(self, parent: QWidget, db: Database, paths: AppPaths) -> None:
        self.parent = parent
        self.db = db
        self.paths = paths

    def status(self) -> str:
        if self.db.key is None:
            return _(
                "The case file is not encrypted. Anyone who can use this computer "
                "account, or gets its disk, can read the cases."
            )
        return _(
            "The case file and its backups are encrypted (SQLCipher 4: AES-256, "
            "a passphrase through PBKDF2-HMAC-SHA512 with 256,000 rounds)."
        )

    def change_passphrase(self) -> bool:
        dialog = ChangePassphraseDialog(self.parent)
        done: list[bool] = []

        def accept() -> None:
            try:
                vault.read_key_file(self.paths).unlock(dialog.current.text())
            except (WrongSecretError, KeyFileError):
                dialog.problem.setText(_("That is not the current passphrase."))
                return
            problem = passphrase_problem(dialog.new_passphrase.text(), dialog.again.text())
            if problem:
                dialog.problem.setText(problem)
                return
            assert self.db.key is not None
            vault.change_passphrase(self.paths, self.db.key, dialog.new_passphrase.text())
            forget(self.paths)
            done.append(True)
            dialog.accept()

        dialog.buttons.accepted.connect(accept)
        dialog.exec()
        return bool(done)

    def encrypt(self, passphrase: str) -> str | None:
        """Encrypt the open case file and its backups; returns the recovery key to show."""
        self.db.close()
        try:
            key, recovery = vault.encrypt(self.paths, passphrase)
        except (vault.VaultError, StorageError) as exc:
            QMessageBox.warning(self.parent, _("Encrypt"), str(exc))
            return None
        self.db.key = key
        return recovery

    def decrypt(self) -> bool:
        assert self.db.key is not None
        self.db.close()
        try:
            vault.decrypt(self.paths, self.db.key)
        except (vault.VaultError, StorageError) as exc:
            QMessageBox.warning(self.parent, _("Decrypt"), str(exc))
            return False
        forget(self.paths)
        self.db.key = None
        return True
