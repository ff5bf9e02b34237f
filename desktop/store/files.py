"""The store's files on disk: permissions respected, temporary names, atomic publish, debris."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import stat
import sys
import time
from pathlib import Path

from desktop.i18n import _
from desktop.paths import make_private_dir
from desktop.store.errors import Problem, StorageError, problem_of

log = logging.getLogger("termijn.store")

PARTIAL = ".partial"  # every temporary file of the store ends so (SQLite adds -journal to it)
# Files older than this process are debris of an earlier one (killed, or the disk filled up).
PROCESS_STARTED = time.time()


def prepare_folder(folder: Path, file: Path, action: str = "") -> list[str]:
    """Make `folder` if missing (0700); refuse if the user made it or `file` read-only.

    Never changes the permissions of anything that exists. Returns warnings for a folder or
    file that other users can read (the case file holds personal data).

    Raises:
        StorageError: READ_ONLY (or the OS's problem) if the folder cannot be made or written.
    """
    try:
        if not folder.is_dir():
            make_private_dir(folder)
    except OSError as exc:
        problem = problem_of(exc, folder) or Problem.IO
        raise StorageError(problem, folder, detail=str(exc), action=action) from exc
    warnings = []
    for place in (folder, file):
        try:
            st = place.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StorageError(Problem.READ_ONLY, place, detail=str(exc), action=action) from exc
        reason = _read_only(place, st)
        if reason:
            raise StorageError(Problem.READ_ONLY, place, detail=reason, action=action)
        warnings.append(_exposure(place, st))
    return [w for w in warnings if w]


def read_only_reason(place: Path) -> str:
    """Why we may not write to `place`, or "" (it is writable, or does not exist)."""
    try:
        st = place.stat()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return str(exc)
    return _read_only(place, st)


def _read_only(place: Path, st: os.stat_result) -> str:
    """Why `place` (with stat `st`) is not ours to write, or "".

    The mode bits say what the user wants even where the OS would let us write anyway (as
    root, or as the owner who could chmod): a folder set to 0500 or a file set to 0400 is
    read-only on purpose, and Termijn leaves it so.
    """
    folder = stat.S_ISDIR(st.st_mode)
    mode = stat.S_IMODE(st.st_mode)
    if sys.platform == "win32":  # pragma: no cover - only the read-only attribute exists there
        if mode & stat.S_IWRITE:
            return ""
        return _("the folder is read-only") if folder else _("the file is read-only")
    needed = os.W_OK | (os.X_OK if folder else 0)
    owner_bits = stat.S_IWUSR | (stat.S_IXUSR if folder else 0)
    if st.st_uid == os.geteuid():
        allowed = mode & owner_bits == owner_bits
    else:
        allowed = os.access(place, needed)
    if allowed:
        return ""
    if folder:
        text = _(
            "the folder is read-only (mode {mode}); Termijn does not change permissions you set: "
            "make it writable (chmod u+w) to save"
        )
    else:
        text = _(
            "the file is read-only (mode {mode}); Termijn does not change permissions you set: "
            "make it writable (chmod u+w) to save"
        )
    return text.format(mode=f"{mode:04o}")


def _exposure(place: Path, st: os.stat_result) -> str:
    """A warning if other users can read `place` (group or others have read access), else ""."""
    if sys.platform == "win32":  # pragma: no cover - ACLs, not mode bits
        return ""
    mode = stat.S_IMODE(st.st_mode)
    if not mode & (stat.S_IRGRP | stat.S_IROTH):
        return ""
    if stat.S_ISDIR(st.st_mode):
        text = _(
            "warning: the folder {place} can be read by other users (mode {mode}); Termijn does "
            "not change permissions you set; to keep it private: chmod 700 {place}"
        )
    else:
        text = _(
            "warning: the case file {place} can be read by other users (mode {mode}); Termijn "
            "does not change permissions you set; to keep it private: chmod 600 {place}"
        )
    return text.format(place=place, mode=f"{mode:04o}")


def temp_beside(target: Path, tag: str) -> Path:
    """A new, owner-only, empty file in `target`'s folder with a name only this call uses.

    `.termijn.sqlite.restore-1234-9f2c.partial`: hidden, named after the target and the
    process, so concurrent writers never share one and `sweep` can tell whose it was.
    """
    while True:
        name = f".{target.name}.{tag}-{os.getpid()}-{secrets.token_hex(4)}{PARTIAL}"
        temp = target.with_name(name)
        try:
            # Owner-only before a byte of personal data is in it; O_EXCL: never someone else's.
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return temp


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); Windows has no directory handles for this."""
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on folders; the rename still happened
    finally:
        os.close(fd)


def publish(temp: Path, target: Path) -> None:
    """Put a finished temporary file in place in one step: readers see the old or the new file."""
    fsync_file(temp)
    os.replace(temp, target)
    fsync_folder(target.parent)


def keep_copy(source: Path, kept: Path) -> None:
    """`kept` holds every byte of `source` afterwards; `source` itself is left as it is.

    A hard link costs nothing and is atomic; where the file system has none (FAT on a USB
    stick), a copy under a temporary name, synced, then renamed.
    """
    try:
        os.link(source, kept)
    except OSError:
        temp = temp_beside(kept, "copy")
        try:
            shutil.copyfile(source, temp)
            publish(temp, kept)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    fsync_folder(kept.parent)


def sweep(folder: Path, started: float | None = None) -> int:
    """Remove the store's temporary files left in `folder` by processes older than this one.

    Call it holding the folder's lock: every writer of these files holds it while writing, so
    the ones found then are debris (a killed backup or restore, a full disk). Only files older
    than this process (`started`, default PROCESS_STARTED) go. Returns how many.
    """
    cutoff = PROCESS_STARTED if started is None else started
    removed = 0
    try:
        candidates = list(folder.glob(f".*{PARTIAL}*"))
    except OSError:
        return 0
    for leftover in candidates:
        try:
            if leftover.stat().st_mtime >= cutoff:
                continue
            leftover.unlink()
        except OSError:
            continue
        removed += 1
    if removed:
        log.warning("removed %d unfinished temporary file(s) of an earlier run", removed)
    return removed
