"""Demo data that never mixes with real cases: into an empty file, or a separate demo folder."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import _
from desktop.paths import AppPaths
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.bulk_tasks import DEMO_COUNT, is_demo_file

log = logging.getLogger("termijn.ui")


def demo_folder(paths: AppPaths) -> Path:
    return paths.data / "demo"


def gui_command(args: list[str]) -> tuple[str, list[str]]:
    """The program and arguments that start another Termijn window."""
    if getattr(sys, "frozen", False):  # the PyInstaller app: the executable is the window
        return sys.executable, args
    code = "import sys; from desktop.app import main; sys.exit(main())"
    return sys.executable, ["-c", code, *args]


def ask_demo_here(parent: QWidget, repo: CaseRepository) -> bool:
    """Whether demo cases may go into this case file: only an empty or demo file, if confirmed."""
    if repo.count() and not is_demo_file(repo):
        return False
    answer = QMessageBox.question(
        parent,
        _("Load demo data"),
        _(
            "Add {count} fictitious demo cases to this case file? Their reference starts with "
            "DEMO and the window title says the file holds demo data."
        ).format(count=DEMO_COUNT),
    )
    return answer == QMessageBox.StandardButton.Yes


def offer_demo_window(parent: QWidget, paths: AppPaths) -> bool:
    """This file holds real cases: offer the demo in a second window on its own folder."""
    folder = demo_folder(paths)
    answer = QMessageBox.question(
        parent,
        _("Load demo data"),
        _(
            "This case file holds your own cases, so demo cases are not added to it. Open the "
            "demo in a second window that keeps its fictitious cases in a separate folder "
            "({folder})?"
        ).format(folder=str(folder)),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    program, args = gui_command(["--data-dir", str(folder), "--demo"])
    started = QProcess.startDetached(program, args)
    ok = bool(started[0] if isinstance(started, tuple) else started)
    if not ok:
        QMessageBox.warning(
            parent,
            _("Load demo data"),
            _(
                "The demo window could not be started. Start Termijn with "
                "--data-dir {folder} --demo."
            ).format(folder=str(folder)),
        )
    log.info("demo window started: %s", ok)
    return ok
