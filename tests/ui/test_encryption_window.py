"""Encryption in the window: first start, recovery key sheet, unlock, keyring, Privacy tab."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.paths import app_paths
from desktop.privacy import vault
from desktop.store import CaseRepository
from desktop.ui.controllers import encryption
from desktop.ui.views.encryption_dialogs import (
    ChooseProtectionDialog,
    RecoveryKeyDialog,
    UnlockDialog,
)

from .conftest import regular_case

PASS = "correct horse battery"


def ok(qtbot, buttons):
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


@pytest.fixture
def fresh(tmp_path):
    return app_paths(tmp_path / "fresh").ensure()


def test_first_start_makes_an_encrypted_file_after_two_matching_passphrases(qtbot, fresh):
    dialog = ChooseProtectionDialog()
    qtbot.addWidget(dialog)
    flow = encryption.ChooseFlow(dialog, fresh)
    dialog.show()
    assert dialog.encrypt_radio.isChecked()  # encrypted unless the user says otherwise
    qtbot.keyClicks(dialog.passphrase, "short")
    qtbot.keyClicks(dialog.again, "short")
    ok(qtbot, dialog.buttons)
    assert dialog.problem.text() == "Use a passphrase of at least 8 characters."
    assert not fresh.database.exists()
    dialog.passphrase.setText(PASS)
    dialog.again.setText(PASS + "!")
    ok(qtbot, dialog.buttons)
    assert dialog.problem.text() == "The two passphrases differ."
    dialog.again.setText(PASS)
    ok(qtbot, dialog.buttons)
    assert flow.key is not None and flow.recovery is not None
    assert vault.state(fresh).database_encrypted
    assert vault.unlock(fresh, PASS) == flow.key
    assert dialog.passphrase.text() == ""  # not kept in the widget


def test_first_start_may_stay_plain(qtbot, fresh):
    dialog = ChooseProtectionDialog()
    qtbot.addWidget(dialog)
    flow = encryption.ChooseFlow(dialog, fresh)
    dialog.show()
    qtbot.mouseClick(dialog.plain_radio, Qt.MouseButton.LeftButton)
    ok(qtbot, dialog.buttons)
    assert flow.key is None and not vault.state(fresh).key_file


def test_the_recovery_key_must_be_kept_before_going_on_and_saves_as_a_pdf(qtbot, fresh, tmp_path):
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    qtbot.addWidget(dialog)
    flow = encryption.RecoveryKeyFlow(dialog, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", fresh)
    dialog.show()
    continue_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not continue_button.isEnabled()
    dialog.reject()  # Escape
    assert dialog.isVisible()
    target = tmp_path / "sheet.pdf"
    flow.pdf_name = lambda: target
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    text = PdfReader(target).pages[0].extract_text()
    assert "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" in text and "Forgot the passphrase" in text
    assert target.stat().st_mode & 0o077 == 0
    qtbot.mouseClick(dialog.kept_check, Qt.MouseButton.LeftButton)
    assert continue_button.isEnabled()


def test_unlock_wrong_then_right_then_with_the_recovery_key(qtbot, fresh):
    key, recovery = vault.create(fresh, PASS)
    before = fresh.database.read_bytes(), (fresh.data / "termijn.sqlite.key").read_bytes()
    dialog = UnlockDialog()
    qtbot.addWidget(dialog)
    flow = encryption.UnlockFlow(dialog, fresh)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "not it at all")
    ok(qtbot, dialog.buttons)
    assert dialog.problem.text() == "That is not the passphrase. The case file was not changed."
    assert (fresh.database.read_bytes(), (fresh.data / "termijn.sqlite.key").read_bytes()) == before
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.recovering
    qtbot.keyClicks(dialog.recovery, recovery.lower())
    qtbot.keyClicks(dialog.new_passphrase, "a new passphrase")
    qtbot.keyClicks(dialog.again, "a new passphrase")
    ok(qtbot, dialog.buttons)
    assert flow.key == key
    assert vault.unlock(fresh, "a new passphrase") == key


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.kept = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


def test_the_keyring_is_used_only_when_asked(qtbot, fresh, monkeypatch):
    memory = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: memory)
    keyring.set_keyring(memory)
    key, _ = vault.create(fresh, PASS)
    dialog = UnlockDialog()
    qtbot.addWidget(dialog)
    assert not dialog.remember.isChecked()  # off by default
    flow = encryption.UnlockFlow(dialog, fresh)
    dialog.passphrase.setText(PASS)
    ok(qtbot, dialog.buttons)
    assert flow.key == key and memory.kept == {}
    dialog2 = UnlockDialog()
    qtbot.addWidget(dialog2)
    flow2 = encryption.UnlockFlow(dialog2, fresh)
    dialog2.passphrase.setText(PASS)
    dialog2.remember.setChecked(True)
    ok(qtbot, dialog2.buttons)
    assert flow2.key == key and list(memory.kept.values()) == [PASS]
    assert encryption.unlock_at_start(fresh) == key  # no dialog: the keyring answered


def test_encrypt_and_decrypt_the_open_case_file_from_the_privacy_dialog(ui, qtbot, monkeypatch):
    repo: CaseRepository = ui.repo
    repo.save(regular_case("Amina Yusuf"))
    controller = ui.privacy.privacy
    dialog = controller.open_dialog()
    assert dialog.encrypt_button.isVisibleTo(dialog)
    assert not dialog.decrypt_button.isVisibleTo(dialog)
    shown = []
    monkeypatch.setattr(controller, "new_passphrase", lambda: PASS)
    monkeypatch.setattr(controller, "show_recovery", shown.append)
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and len(shown[0].split("-")) == 8
    assert repo.db.key is not None and vault.state(ui.paths).database_encrypted
    assert b"Amina" not in ui.paths.database.read_bytes()
    assert repo.count() == 1  # the window goes on, now on the encrypted file
    repo.save(regular_case("Omar Yusuf"))
    assert ui.privacy.lock.check is not None and ui.privacy.lock.check(PASS)
    assert dialog.decrypt_button.isVisibleTo(dialog)

    monkeypatch.setattr(controller, "confirm", lambda *a: True)
    qtbot.mouseClick(dialog.decrypt_button, Qt.MouseButton.LeftButton)
    assert repo.db.key is None and not vault.state(ui.paths).database_encrypted
    assert repo.count() == 2
    assert not (ui.paths.data / "termijn.sqlite.key").exists()
