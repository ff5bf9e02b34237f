"""The note a clean close leaves: quick_check passed, and the layout passed, on this very file.

The next open skips quick_check while the file is untouched (at least once a day it runs
anyway), and skips comparing columns for a schema text that passed before.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.store.files import temp_beside

log = logging.getLogger("termijn.store")

SUFFIX = ".verified"
RECHECK_AFTER_S = 24 * 3600  # a full quick_check at least once a day, changed or not


@dataclass(frozen=True)
class Verified:
    """What the note left by the last clean close says still holds."""

    checked_at: float | None  # when quick_check passed, if the file is untouched since then
    layout: str  # a schema fingerprint whose tables and columns passed (any file with it has)


def note_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def _identity(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def read_note(path: Path) -> Verified:
    """Read (and consume) the note of the last clean close.

    The note is consumed: a session that crashes writes none, so the next open checks in full.
    Anything that changed the file (a write, a copy over it, a leftover WAL) makes its
    `checked_at` stale; the layout fingerprint holds whatever the file's contents.
    """
    marker = note_path(path)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Verified(None, "")
    finally:
        # If it cannot go, the identity check still catches any change to the file.
        with contextlib.suppress(OSError):
            marker.unlink(missing_ok=True)
    if not isinstance(data, dict):
        return Verified(None, "")
    layout = data.get("layout")
    layout = layout if isinstance(layout, str) else ""
    try:
        checked = float(data["checked_at"])
        unchanged = data["file"] == _identity(path) and wal_is_empty(path)
    except (KeyError, TypeError, ValueError, OSError):
        return Verified(None, layout)
    fresh = unchanged and 0 <= time.time() - checked < RECHECK_AFTER_S
    return Verified(checked if fresh else None, layout)


def write_note(path: Path, checked_at: float, layout: str) -> None:
    """After the last connection anywhere closed (the WAL is gone), note what passed."""
    try:
        if not wal_is_empty(path):  # another process still has it open
            return
        marker = note_path(path)
        data = {"checked_at": checked_at, "file": _identity(path), "layout": layout}
        tmp = temp_beside(marker, "note")
        try:
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, marker)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError:
        log.info("could not note the verified state; the next open checks in full")
