"""Files of personal data written the one safe way: owner-only, atomic, synced, no debris."""

from __future__ import annotations

from pathlib import Path

from desktop.store.files import publish, temp_beside


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` under a temporary owner-only name, then rename it into place.

    Raises:
        OSError: the folder is missing or cannot be written (nothing is left behind).
    """
    target = path.absolute()
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(target.parent))
    temp = temp_beside(target, "write")
    try:
        temp.write_bytes(data)
        publish(temp, target)
    finally:
        temp.unlink(missing_ok=True)
