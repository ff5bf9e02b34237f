"""Cross-process locks on a lock file per folder: one process creates, migrates or backs up."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".termijn.lock"  # an empty file, kept: removing a lock file would race its users
WAIT_S = 30.0  # as long as SQLite's busy timeout: a slow backup of a big file is waited for
_POLL_S = 0.02


class LockTimeoutError(Exception):
    """Another process held the lock for longer than we wait."""


class _Entry:
    """One lock file's state in this process: the OS lock is taken once, re-entered by depth."""

    def __init__(self) -> None:
        self.thread_lock = threading.RLock()
        self.depth = 0
        self.fd: int | None = None


_registry_lock = threading.Lock()
_entries: dict[str, _Entry] = {}


def _entry(path: Path) -> _Entry:
    with _registry_lock:
        return _entries.setdefault(os.path.normcase(str(path)), _Entry())


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        # flock, not fcntl locks: SQLite's own POSIX locks on the database are separate files
        # here anyway, and flock is released when the process dies, even by SIGKILL.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _acquire_os(path: Path, deadline: float | None) -> int | None:
    """The lock file's descriptor with the OS lock held, or None if `deadline` passed first."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while not _try_os_lock(fd):
            if deadline is None or time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(_POLL_S)
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextmanager
def folder_lock(folder: Path, *, wait: bool = True, wait_s: float = WAIT_S) -> Iterator[bool]:
    """Hold the folder's lock; yields True, or False when `wait` is False and another holds it.

    Re-entrant within a process (restore holds it while opening, which takes it again); other
    threads of this process wait as other processes do. Raises LockTimeoutError when `wait` is True
    and the lock is not free within `wait_s` seconds.
    """
    entry = _entry(folder / LOCK_NAME)
    deadline = time.monotonic() + wait_s if wait else None
    thread_lock = entry.thread_lock
    if not (thread_lock.acquire(timeout=wait_s) if wait else thread_lock.acquire(False)):
        if wait:
            raise LockTimeoutError(str(folder))
        yield False
        return
    try:
        if entry.depth == 0:
            fd = _acquire_os(folder / LOCK_NAME, deadline)
            if fd is None:
                if wait:
                    raise LockTimeoutError(str(folder))
                yield False
                return
            entry.fd = fd
        entry.depth += 1
        try:
            yield True
        finally:
            entry.depth -= 1
            if entry.depth == 0 and entry.fd is not None:
                fd, entry.fd = entry.fd, None
                try:
                    _os_unlock(fd)
                finally:
                    os.close(fd)
    finally:
        entry.thread_lock.release()
