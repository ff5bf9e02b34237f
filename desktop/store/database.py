"""open_database(): check, back up, migrate, hand out connections: the only way to the file.

Opening, listing and saving import no SQLAlchemy (about a third of a second at start-up): the
checks (`checks.py`) and connections (`engine.py`) are plain SQLite; the SQLModel tables are
imported only to create a new file (`schema.schema_ddl`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from desktop.i18n import _
from desktop.store import engine, schema, verified
from desktop.store.checks import FileState, check_file, good_backup
from desktop.store.engine import Connection
from desktop.store.errors import READ, SAVE, Problem, StorageError, problem_of
from desktop.store.files import prepare_folder, publish, sweep, temp_beside
from desktop.store.locks import LockTimeoutError, folder_lock
from desktop.store.schema import SCHEMA, Version

log = logging.getLogger("termijn.store")

POOL_SIZE = 4  # idle connections kept per kind (read, write) for the next transaction
VERIFIED_SUFFIX = verified.SUFFIX

__all__ = [
    "SCHEMA",
    "VERIFIED_SUFFIX",
    "Database",
    "FileState",
    "Version",
    "check_file",
    "open_database",
]


class Database:
    """An opened, checked case file; hands out connections inside one transaction each.

    Every connection gets our pragmas (WAL, foreign keys, busy timeout, synchronous=FULL) when it
    is made; readers begin with BEGIN, writers with BEGIN IMMEDIATE. Connections are kept for
    reuse (a few per kind) and may be used from any thread, one transaction at a time.
    """

    def __init__(
        self,
        path: Path,
        backups: Path,
        checked_at: float | None = None,
        warnings: tuple[str, ...] = (),
        layout: str = "",
        key: engine.Key | None = None,
    ) -> None:
        self.path = path.absolute()
        self.key = key  # the file is encrypted with it (None: a plain file)
        self.backups = backups
        self.checked_at = checked_at  # when quick_check last passed on this file
        # What the user should know but that did not stop the open: permissions others can
        # read, today's backup not made. Logged too; the window and CLI may show them.
        self.warnings = warnings
        self.layout = layout  # the schema fingerprint that passed the layout check
        self._lock = threading.Lock()
        self._idle: dict[bool, list[Connection]] = {False: [], True: []}
        self._in_use = 0

    def _new_connection(self, writer: bool) -> Connection:
        """A fresh connection with our pragmas; `writer` says which pool it goes back to."""
        return self.raw()

    def _acquire(self, writer: bool) -> Connection:
        with self._lock:
            idle = self._idle[writer]
            self._in_use += 1
            if idle:
                return idle.pop()
        try:
            return self._new_connection(writer)
        except BaseException:
            with self._lock:
                self._in_use -= 1
            raise

    def _release(self, writer: bool, raw: Connection) -> None:
        with self._lock:
            self._in_use -= 1
        if raw.in_transaction:  # a failed ROLLBACK: do not hand this one out again
            raw.close()
            return
        with self._lock:
            idle = self._idle[writer]
            if len(idle) < POOL_SIZE:
                idle.append(raw)
                return
        raw.close()

    @contextmanager
    def _transaction(self, writer: bool, action: str) -> Iterator[Connection]:
        try:
            raw = self._acquire(writer)
        except engine.Error as exc:
            raise self._storage_error(exc, action) from exc
        committed = False
        try:
            # IMMEDIATE: a second writer waits for the lock up front instead of failing halfway.
            engine.begin(raw, writer=writer)
            yield raw
            raw.execute("COMMIT")
            committed = True
        except engine.Error as exc:
            raise self._storage_error(exc, action) from exc
        finally:
            if not committed and raw.in_transaction:
                try:
                    raw.execute("ROLLBACK")
                except engine.Error:
                    log.warning("rollback failed; the connection is dropped")
            self._release(writer, raw)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One consistent snapshot for several queries."""
        with self._transaction(False, READ) as raw:
            yield raw

    @contextmanager
    def writing(self, action: str = SAVE) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE): all of it is committed or none of it."""
        with self._transaction(True, action) as raw:
            yield raw

    def _storage_error(self, exc: engine.Error, action: str) -> Exception:
        problem = problem_of(exc, self.path)
        if problem is None:
            return exc  # a bug (bad SQL, constraint): not the user's to fix
        corrupt = problem is Problem.CORRUPT
        backup = good_backup(self.backups, self.path, self.key) if corrupt else None
        return StorageError(problem, self.path, detail=str(exc), backup=backup, action=action)

    def raw(self) -> Connection:
        """A new raw connection with our pragmas (backup API, bulk loads); the caller closes it."""
        return engine.connect(self.path, self.key)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def close(self) -> None:
        """Close the idle connections (the database may still be used: new ones are made).

        After the last connection anywhere has closed, SQLite has checkpointed and removed the
        WAL; if this file passed its check, note that, so the next open can skip quick_check
        while the file stays untouched (`verified.read_note`).
        """
        with self._lock:
            idle = self._idle[False] + self._idle[True]
            self._idle = {False: [], True: []}
            in_use = self._in_use
        for raw in idle:
            raw.close()
        if in_use == 0 and self.checked_at is not None:
            verified.write_note(self.path, self.checked_at, self.layout)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _create(path: Path, key: engine.Key | None = None) -> None:
    """Make a new case file at `path` in one step: built under a temporary name, then renamed.

    Call it holding the data folder's lock. Whoever finds the file afterwards finds all of it
    (schema, marks, WAL mode); a crash leaves only the temporary file, which `sweep` removes.
    """
    temp = temp_beside(path, "new")
    try:
        with closing(engine.connect_new(temp, key)) as raw:
            engine.as_case_file(raw)
            schema.create_fresh(raw)
        _set_aside_log(path)
        publish(temp, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            temp.with_name(temp.name + suffix).unlink(missing_ok=True)


def _set_aside_log(path: Path) -> None:
    """A log or journal beside a file being made would be replayed onto it: keep it aside."""
    for suffix in ("-wal", "-journal", "-shm"):
        side = path.with_name(path.name + suffix)
        if not side.exists():
            continue
        if side.stat().st_size == 0 or suffix == "-shm":
            side.unlink()  # holds nothing: the index is rebuilt from the log
            continue
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = side.with_name(f"{side.name}.orphan-{stamp}")
        os.replace(side, kept)
        log.warning("a log without its case file was kept aside as %s", kept.name)


def _inspect(
    path: Path, backups: Path, key: engine.Key | None = None
) -> tuple[FileState, float | None]:
    """The file's state after the read-only checks, and when quick_check last passed."""
    if not path.exists():
        return FileState(Version(0, 0), 0, empty=True), None
    note = verified.read_note(path)
    state = check_file(
        path,
        backups,
        integrity=note.checked_at is None,
        recover=True,
        known_layout=note.layout,
        key=key,
    )
    return state, note.checked_at if note.checked_at is not None else time.time()


def open_database(
    path: Path,
    *,
    backups: Path | None = None,
    daily_backup: bool = True,
    key: engine.Key | None = None,
) -> Database:
    """Check, back up, migrate and open the case file at `path` (created if missing).

    Nothing writes to an existing file before `check_file` has passed. Making a new file,
    migrating and the daily backup each happen in one process at a time (the folder locks);
    a second process waits for a new file, or skips a backup another is making.

    Args:
        path: the SQLite file, normally `AppPaths.database`.
        backups: the backup folder (default: `backups` beside the file).
        daily_backup: make today's rolling backup if there is none yet.
        key: the file is encrypted with this key (a new file is made encrypted with it);
            its backups are encrypted with it too. None: a plain file.

    Raises:
        StorageError: the file is damaged, not ours, too new, or the place is not writable.
    """
    path = Path(path).absolute()
    backups = Path(backups).absolute() if backups is not None else path.parent / "backups"
    warnings = prepare_folder(path.parent, path)
    try:
        state, checked_at = _inspect(path, backups, key)
        created = False
        if state.empty:
            with folder_lock(path.parent):
                # Another process may have made it while this one waited for the lock.
                state, checked_at = _inspect(path, backups, key)
                if state.empty:
                    _create(path, key)
                    log.info("created a new case file, schema %s", schema.SCHEMA)
                    checked_at = time.time()
                    created = True
        with closing(engine.connect(path, key)) as raw:
            # Re-read: another process may have migrated meanwhile.
            found = schema.version_of(raw)
            if found.major > schema.SCHEMA.major:
                raise StorageError(Problem.TOO_NEW, path, detail=f"schema {found}")
            layout = state.layout
            if schema.pending(found):
                with folder_lock(path.parent):
                    schema.migrate(raw, backups, key)
                layout = ""  # a new schema: the next open compares its columns once
            if daily_backup and not created:  # nothing to keep in a file made just now
                warnings += _daily_backup(raw, backups, key)
        _sweep(path.parent, backups)
    except LockTimeoutError as exc:
        raise StorageError(Problem.LOCKED, path, detail="the folder's lock file") from exc
    except engine.Error as exc:
        problem = problem_of(exc, path)
        if problem is None:
            raise
        raise StorageError(problem, path, detail=str(exc)) from exc
    except OSError as exc:
        raise StorageError(problem_of(exc, path) or Problem.IO, path, detail=str(exc)) from exc
    for warning in warnings:
        log.warning("%s", warning)
    return Database(path, backups, checked_at, tuple(warnings), layout, key)


def _daily_backup(raw: Connection, backups: Path, key: engine.Key | None = None) -> list[str]:
    """Today's backup if no process has made it; a failure is a warning, not a refusal to open.

    The case file is fine; refusing it because the backup folder is full or read-only would
    keep the user from their cases. The next open tries again.
    """
    from desktop.store.backup import daily_backup
    from desktop.store.errors import describe

    try:
        daily_backup(raw, backups, key=key)
    except (OSError, engine.Error, LockTimeoutError, StorageError) as exc:
        problem = (
            exc.problem if isinstance(exc, StorageError) else problem_of(exc, backups)
        ) or Problem.IO
        text = _("warning: today's backup was not made: {what} ({folder})")
        return [text.format(what=describe(problem), folder=backups)]
    return []


def _sweep(data: Path, backups: Path) -> None:
    """Remove temporary files of killed runs, in each folder whose lock is free right now."""
    for folder in (data, backups):
        if not folder.is_dir():
            continue
        try:
            with folder_lock(folder, wait=False) as mine:
                if mine:
                    sweep(folder)
        except OSError:
            continue  # a read-only backup folder: nothing of ours can be in it
