"""Where a letter goes: a name from the person and the day, in Documents, written atomically."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.documents.output import write_atomic
from desktop.i18n import _

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where a system has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def file_name(title: str, person: str, day: date) -> str:
    """'Notice of Default - Şükrü Ağaoğlu - 2026-09-01.pdf': readable, safe on every system."""
    parts = [title, person.strip() or _("(no name)"), day.isoformat()]
    name = " - ".join(_UNSAFE.sub(" ", part).strip(" .") for part in parts)
    return re.sub(r"\s+", " ", name)[:150] + ".pdf"


def ask_save_path(parent: QWidget, caption: str, folder: Path, name: str) -> Path | None:
    """The save dialog, starting in `folder` with `name`; None when the user cancels."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, caption, str(folder / name), _("PDF documents (*.pdf)")
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".pdf" else target.with_name(target.name + ".pdf")


def write_pdf(target: Path, data: bytes) -> Path:
    """Write atomically: never a half-written letter under the real name."""
    return write_atomic(target, data)
