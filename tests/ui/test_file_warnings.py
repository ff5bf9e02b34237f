"""What the store noticed on opening the case file reaches the user of the window: a button on
the status bar that stays, with the full text (what to do) behind it, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.app import build
from desktop.i18n import set_language
from desktop.store import CaseRepository, open_database
from desktop.ui.tasks import SyncPool


@pytest.fixture
def exposed(paths):
    """A case file other users can read (mode 0644): the store warns, and opens it."""
    open_database(paths.database, backups=paths.backups).close()
    paths.database.chmod(0o644)
    db = open_database(paths.database, backups=paths.backups)
    assert any("can be read by other users" in w for w in db.warnings)
    yield CaseRepository(db)
    db.close()


def test_the_warning_stays_on_the_status_bar_and_says_what_to_do(qtbot, exposed, paths):
    built = build(exposed, paths, lang="en", pool=SyncPool(), save=SyncPool())
    window = built.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        button = built.file_warnings.button
        assert button.isVisible() and button.text() == "⚠ 1 warning"
        window.statusBar().showMessage("Case saved.", 1)  # other messages come and go
        qtbot.wait(20)
        assert button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        box = built.file_warnings.box
        assert box is not None and box.isVisible()
        assert "chmod 600" in box.informativeText() and str(paths.database) in box.informativeText()
        box.close()
        built.language.apply("nl")
        assert button.text() == "⚠ 1 waarschuwing"
        assert "zaakbestand" in button.toolTip()
    finally:
        built.language.apply("en")
        set_language("en")


def test_no_warning_no_button(ui):
    assert not ui.file_warnings.button.isVisible()
    assert not ui.repo.db.warnings


def test_a_warning_dialog_is_not_modal(qtbot, exposed, paths):
    built = build(exposed, paths, lang="en", pool=SyncPool(), save=SyncPool())
    qtbot.addWidget(built.window)
    built.window.show()
    box = built.file_warnings.show_details()
    assert box.windowModality() != Qt.WindowModality.ApplicationModal
    assert box.standardButtons() == QMessageBox.StandardButton.Close
    box.close()
