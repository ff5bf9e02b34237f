"""open_database(): check, back up, migrate, hand out connections: the only way to the file.

Everything here runs on plain `sqlite3`: opening, listing and saving import no SQLAlchemy (about
a third of a second at start-up). The SQLModel tables in `tables.py` describe the schema; they
are imported only to create a fresh file (`schema_ddl`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.store.errors import Problem, StorageError, problem_of
from desktop.store.fileformat import (
    HEADER_SIZE,
    Header,
    Shape,
    expected_shape,
    fingerprint,
    layout_problem,
    read_header,
    read_shape,
    size_problem,
    wal_pages,
)
from desktop.store.files import prepare_folder, publish, sweep, temp_beside
from desktop.store.locks import LockTimeoutError, folder_lock

log = logging.getLogger("termijn.store")

APPLICATION_ID = 0x54524D4A  # "TRMJ": tells our files from any other SQLite file
BUSY_TIMEOUT_MS = 30_000  # a second writer waits this long for the lock before giving up
POOL_SIZE = 4  # idle connections kept per kind (read, write) for the next transaction


@dataclass(frozen=True, order=True)
class Version:
    """Schema version; a newer minor opens in an older Termijn, a newer major does not."""

    major: int
    minor: int

    @property
    def packed(self) -> int:
        return self.major << 16 | self.minor

    @classmethod
    def unpack(cls, value: int) -> Version:
        return cls(value >> 16, value & 0xFFFF)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(frozen=True)
class Step:
    """One numbered migration: applied in one transaction together with its version bump."""

    to: Version
    changes: str  # one line: what the step changes, e.g. "case_file: + guardian_name"
    apply: Callable[[sqlite3.Connection], None]


def _to_1_1(raw: sqlite3.Connection) -> None:
    """The key-date cache holds the inputs of the core's next step (desktop.core.nextstep)."""
    raw.execute("DROP INDEX ix_case_key_dates")
    raw.execute("ALTER TABLE case_file RENAME COLUMN kd_penalty_last_day TO kd_day_42")
    for column, kind in (
        ("kd_notice_state", "VARCHAR"),
        ("kd_window_last", "DATE"),
        ("kd_claim_due", "DATE"),
        ("kd_penalty_fixed", "DATE"),
        ("kd_remedy_until", "DATE"),
        ("kd_provisional", "BOOLEAN"),
    ):
        raw.execute(f"ALTER TABLE case_file ADD COLUMN {column} {kind}")
    raw.execute(
        "CREATE INDEX ix_case_next_step ON case_file (deleted, archived, kd_safe_notice_receipt, "
        "kd_notice_state, kd_window_last, kd_certain_from, kd_penalty_applies, kd_day_42, "
        "kd_claim_due, kd_penalty_fixed, kd_decided, kd_remedy_until, procedure)"
    )
    # Every cached row is stale now: the window recomputes them at start, with progress.
    raw.execute("UPDATE case_file SET kd_rules = ''")


def _to_1_2(raw: sqlite3.Connection) -> None:
    """The calendar feed's published events and the reminders' snoozes (desktop.feed)."""
    raw.execute(
        "CREATE TABLE calendar_event (case_id INTEGER NOT NULL, kind VARCHAR NOT NULL, "
        "day DATE NOT NULL, sequence INTEGER NOT NULL, digest VARCHAR NOT NULL, "
        "cancelled BOOLEAN NOT NULL, changed DATETIME NOT NULL, PRIMARY KEY (case_id, kind), "
        "FOREIGN KEY(case_id) REFERENCES case_file (id) ON DELETE CASCADE)"
    )
    raw.execute(
        "CREATE TABLE calendar_snooze (case_id INTEGER NOT NULL, until DATE NOT NULL, "
        "PRIMARY KEY (case_id), FOREIGN KEY(case_id) REFERENCES case_file (id) ON DELETE CASCADE)"
    )


def _to_1_3(raw: sqlite3.Connection) -> None:
    """Letters print a sponsor, family members, the purpose of stay, the contested decision."""
    raw.execute("ALTER TABLE case_file ADD COLUMN particulars VARCHAR")


SCHEMA = Version(1, 3)
# Released schemas and the steps between them; each released schema has a golden file in
# tests/fixtures/db/.
MIGRATIONS: tuple[Step, ...] = (
    Step(Version(1, 1), "case_file: the next step's key dates (+6 kd_ columns)", _to_1_1),
    Step(Version(1, 2), "+ calendar_event, calendar_snooze (calendar feed, reminders)", _to_1_2),
    Step(Version(1, 3), "case_file: + particulars (a letter's sponsor, family, purpose)", _to_1_3),
)


def pending(found: Version, target: Version | None = None) -> list[Step]:
    goal = target or SCHEMA
    return [step for step in MIGRATIONS if found < step.to <= goal]


@contextmanager
def immediate_transaction(raw: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT on a raw connection in autocommit mode; ROLLBACK on any error."""
    raw.execute("BEGIN IMMEDIATE")
    try:
        yield raw
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    raw.execute("COMMIT")


def _pragmas(raw: sqlite3.Connection) -> None:
    # Without this, Python's sqlite3 would open transactions on its own; we say BEGIN ourselves.
    raw.isolation_level = None
    raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL: the list's open read must not block a save, and a crash never leaves half a write.
    raw.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed save survives a power cut, not only a crash of Termijn.
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("PRAGMA foreign_keys = ON")


def schema_ddl() -> list[str]:
    """The CREATE statements of the current schema, in dependency order."""
    # Imported here: SQLAlchemy/SQLModel only describe the schema; opening needs neither.
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from desktop.store.tables import metadata

    dialect = sqlite.dialect()
    ddl: list[str] = []
    for table in metadata.sorted_tables:
        ddl.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            ddl.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return ddl


@dataclass(frozen=True)
class FileState:
    version: Version
    application_id: int
    empty: bool
    layout: str = ""  # the schema's fingerprint, once its tables and columns have passed


FIRST = Version(1, 0)  # the first released schema: `schema_1_0.DDL`


def known_versions() -> set[Version]:
    """Every schema version a Termijn up to this one has written."""
    return {FIRST, *(step.to for step in MIGRATIONS)}


@functools.cache
def _layout_of(steps: tuple[Step, ...]) -> Shape:
    return expected_shape(steps)


def layout(version: Version) -> Shape:
    """The tables and columns a file of `version` (<= SCHEMA) has: 1.0 plus the steps to it."""
    return _layout_of(tuple(pending(FIRST, version)))


def ro_uri(path: Path) -> str:
    """A read-only SQLite URI for `path` (relative paths too: `as_uri` wants an absolute one)."""
    return f"{path.absolute().as_uri()}?mode=ro"


def _version_problem(packed: int, has_tables: bool) -> StorageError | None:
    """Whether `user_version` is one Termijn wrote (a newer minor counts: it only adds)."""
    if packed < 0:
        return _unknown(f"schema version {packed}")
    version = Version.unpack(packed)
    if version == Version(0, 0):
        return _unknown("schema 0.0 with tables in it") if has_tables else None
    if version.major > SCHEMA.major:
        return StorageError(
            Problem.TOO_NEW, Path(), detail=f"schema {version}, this Termijn knows {SCHEMA}"
        )
    if version.major == SCHEMA.major and version.minor > SCHEMA.minor:
        return None
    if version not in known_versions():
        return _unknown(f"schema {version}, which no Termijn wrote")
    return None


def _unknown(detail: str) -> StorageError:
    return StorageError(Problem.NOT_A_DATABASE, Path(), detail=detail)


def _file_error(problem: Problem, path: Path, detail: str, backups: Path | None) -> StorageError:
    offer = problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE)
    return StorageError(
        problem, path, detail=detail, backup=_good_backup(backups, path) if offer else None
    )


def check_file(
    path: Path,
    backups: Path | None = None,
    *,
    integrity: bool = True,
    recover: bool = False,
    known_layout: str = "",
) -> FileState:
    """Read-only checks: is it SQLite, whole, ours, of a version and layout Termijn wrote, intact.

    In order: the header; the size against the header's page count (and the write-ahead log);
    the application id; the version; the tables and columns of that version; quick_check.
    Nothing is written, not even the journal mode, so a refused file stays byte for byte as
    it was. `integrity=False` skips only quick_check (see `_verified_at`). `recover=True` (the
    case file itself) lets SQLite roll back a write a crash interrupted in rollback-journal mode
    first, as any SQLite reader would; without it such a file is refused, untouched.
    `known_layout`: a schema fingerprint that passed before; the same schema text has the same
    tables and columns, so they are not compared again (table_info is the costly part).

    Raises:
        StorageError: CORRUPT, NOT_A_DATABASE or TOO_NEW (with the newest good backup offered
            for the first two, from `backups`), MISSING, or the disk's problem.
    """
    path = path.absolute()
    wal_path = path.with_name(path.name + "-wal")
    try:
        with path.open("rb") as handle:
            file_size = os.fstat(handle.fileno()).st_size
            data = handle.read(HEADER_SIZE)
        # One listing instead of a probe per companion file (the open is timed in milliseconds).
        beside = {n for n in os.listdir(path.parent) if n.startswith(path.name + "-")}
    except FileNotFoundError as exc:
        raise StorageError(Problem.MISSING, path) from exc
    except OSError as exc:
        raise StorageError(problem_of(exc, path) or Problem.IO, path, detail=str(exc)) from exc
    has = {suffix: path.name + suffix in beside for suffix in ("-wal", "-shm", "-journal")}
    if not data:
        if has["-wal"] and wal_path.stat().st_size > 0:
            raise _file_error(
                Problem.CORRUPT, path, "the file is empty but its write-ahead log is not", backups
            )
        return FileState(Version(0, 0), 0, empty=True)
    header = read_header(data)
    if header is None:
        raise _file_error(Problem.NOT_A_DATABASE, path, "", backups)
    if has["-journal"] and _hot_journal(path):
        # A read-only connection cannot roll it back and would say "readonly database".
        if header.application_id != APPLICATION_ID:
            detail = f"application_id {header.application_id:#x}, with an unfinished write"
            raise _file_error(Problem.NOT_A_DATABASE, path, detail, backups)
        if not recover:
            detail = "a write was interrupted: its journal is beside the file"
            raise _file_error(Problem.CORRUPT, path, detail, backups)
        _roll_back(path)
        return check_file(path, backups, integrity=integrity, known_layout=known_layout)
    wal = wal_pages(wal_path, header.page_size) if has["-wal"] else None
    if wal is None and header.pages is not None:
        # Before SQLite reads a page: a file cut short reads as zeros there, not as an error.
        cut = size_problem(file_size, header, None, header.pages)
        if cut:
            raise _file_error(Problem.CORRUPT, path, cut, backups)
    try:
        return _check_contents(
            path, backups, header, file_size, wal, integrity=integrity, known_layout=known_layout
        )
    except StorageError:
        # A read-only look at a WAL-mode file makes an empty log and index beside it; a
        # refused file is left as it was found (no Termijn uses it, it was refused).
        if not (has["-wal"] or has["-shm"]) and wal_path.exists() and not wal_path.stat().st_size:
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(OSError):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
        raise


_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def _hot_journal(path: Path) -> bool:
    """A rollback journal with its header intact: a write that never finished.

    (A journal left by `journal_mode = PERSIST` has a zeroed header and means nothing.)
    """
    try:
        with path.with_name(path.name + "-journal").open("rb") as handle:
            return handle.read(len(_JOURNAL_MAGIC)) == _JOURNAL_MAGIC
    except OSError:
        return False


def _roll_back(path: Path) -> None:
    """Let SQLite undo an interrupted rollback-mode write (its own crash recovery)."""
    try:
        uri = f"{path.absolute().as_uri()}?mode=rw"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as raw:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        problem = problem_of(exc, path) or Problem.CORRUPT
        raise StorageError(problem, path, detail=str(exc)) from exc
    log.info("rolled back a write a crash had interrupted")


def _check_contents(
    path: Path,
    backups: Path | None,
    header: Header,
    file_size: int,
    wal: set[int] | None,
    *,
    integrity: bool,
    known_layout: str,
) -> FileState:
    """`check_file` from the first read on: marks, size with the log, version, layout, pages."""
    try:
        with closing(
            sqlite3.connect(ro_uri(path), uri=True, timeout=30, isolation_level=None)
        ) as raw:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id = int(raw.execute("PRAGMA application_id").fetchone()[0])
            raw.execute("BEGIN")  # one snapshot, and one lock, for every read below
            packed = int(raw.execute("PRAGMA user_version").fetchone()[0])
            layout_key, tables = fingerprint(raw, f"{SCHEMA}|{packed}")
            pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
                raise _file_error(
                    Problem.NOT_A_DATABASE, path, f"application_id {app_id:#x}", backups
                )
            cut = size_problem(file_size, header, wal, pages)
            if cut:
                raise _file_error(Problem.CORRUPT, path, cut, backups)
            refused = _version_problem(packed, bool(tables))
            if refused is not None:
                raise _file_error(refused.problem, path, refused.detail, backups)
            version = Version.unpack(packed)
            if (tables or version != Version(0, 0)) and layout_key != known_layout:
                shape = read_shape(raw)
                newer = version > SCHEMA
                wrong = layout_problem(shape, layout(SCHEMA if newer else version), exact=not newer)
                if wrong:
                    detail = f"marked as a Termijn case file of schema {version}, but {wrong}"
                    raise _file_error(Problem.NOT_A_DATABASE, path, detail, backups)
            verdict = (
                [row[0] for row in raw.execute("PRAGMA quick_check(5)")] if integrity else ["ok"]
            )
            raw.execute("COMMIT")
    except sqlite3.Error as exc:
        problem = problem_of(exc, path) or Problem.CORRUPT
        raise _file_error(problem, path, str(exc), backups) from exc
    if verdict != ["ok"]:
        log.error("quick_check failed for the case file: %s", verdict[:5])
        raise _file_error(Problem.CORRUPT, path, "integrity check failed", backups)
    return FileState(version, app_id, empty=not tables, layout=layout_key if tables else "")


def _good_backup(backups: Path | None, path: Path) -> Path | None:
    from desktop.store.backup import newest_good_backup

    folder = backups if backups is not None else path.parent / "backups"
    return newest_good_backup(folder)


def create_fresh(raw: sqlite3.Connection) -> None:
    with immediate_transaction(raw):
        for statement in schema_ddl():
            raw.execute(statement)
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        raw.execute(f"PRAGMA user_version = {SCHEMA.packed}")


def _user_version(raw: sqlite3.Connection) -> Version:
    return Version.unpack(int(raw.execute("PRAGMA user_version").fetchone()[0]))


def migrate(raw: sqlite3.Connection, backups: Path) -> None:
    """Back up, then apply each pending step in its own transaction with its version bump.

    Call it holding the data folder's lock: two Termijns started on an old file must not both
    migrate it. Each step still checks the version inside its transaction.
    """
    found = _user_version(raw)
    steps = pending(found)
    if not steps:
        return
    from desktop.store.backup import backup_file

    saved = backup_file(raw, backups, reason=f"before-migration-{found}")
    log.info("backed up before migrating from schema %s to %s: %s", found, SCHEMA, saved.name)
    # Foreign keys off: a step may rebuild a table; foreign_key_check guards the result.
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        for step in steps:
            with immediate_transaction(raw):
                if _user_version(raw) >= step.to:
                    continue  # another process got there first
                step.apply(raw)
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration to {step.to} broke foreign keys: {broken[:3]}")
                raw.execute(f"PRAGMA user_version = {step.to.packed}")
            log.info("migrated to schema %s (%s)", step.to, step.changes)
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


VERIFIED_SUFFIX = ".verified"
RECHECK_AFTER_S = 24 * 3600  # a full quick_check at least once a day, changed or not


def _verified_path(path: Path) -> Path:
    return path.with_name(path.name + VERIFIED_SUFFIX)


def _file_identity(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def _wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


@dataclass(frozen=True)
class Verified:
    """What the note left by the last clean close says still holds."""

    checked_at: float | None  # when quick_check passed, if the file is untouched since then
    layout: str  # a schema fingerprint whose tables and columns passed (any file with it has)


def _verified_at(path: Path) -> Verified:
    """Read (and consume) the note of the last clean close.

    The note is consumed: a session that crashes writes none, so the next open checks in full.
    Anything that changed the file (a write, a copy over it, a leftover WAL) makes its
    `checked_at` stale; the layout fingerprint holds whatever the file's contents.
    """
    marker = _verified_path(path)
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
        unchanged = data["file"] == _file_identity(path) and _wal_is_empty(path)
    except (KeyError, TypeError, ValueError, OSError):
        return Verified(None, layout)
    fresh = unchanged and 0 <= time.time() - checked < RECHECK_AFTER_S
    return Verified(checked if fresh else None, layout)


class Database:
    """An opened, checked case file; hands out sqlite3 connections inside one transaction each.

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
    ) -> None:
        self.path = path.absolute()
        self.backups = backups
        self.checked_at = checked_at  # when quick_check last passed on this file
        # What the user should know but that did not stop the open: permissions others can
        # read, today's backup not made. Logged too; the window and CLI may show them.
        self.warnings = warnings
        self.layout = layout  # the schema fingerprint that passed the layout check
        self._lock = threading.Lock()
        self._idle: dict[bool, list[sqlite3.Connection]] = {False: [], True: []}
        self._in_use = 0

    def _new_connection(self, writer: bool) -> sqlite3.Connection:
        """A fresh connection with our pragmas; `writer` says which pool it goes back to."""
        return self.raw()

    def _acquire(self, writer: bool) -> sqlite3.Connection:
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

    def _release(self, writer: bool, raw: sqlite3.Connection) -> None:
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
    def _transaction(self, writer: bool, action: str) -> Iterator[sqlite3.Connection]:
        try:
            raw = self._acquire(writer)
        except sqlite3.Error as exc:
            raise self._storage_error(exc, action) from exc
        committed = False
        try:
            # IMMEDIATE: a second writer waits for the lock up front instead of failing halfway.
            raw.execute("BEGIN IMMEDIATE" if writer else "BEGIN")
            yield raw
            raw.execute("COMMIT")
            committed = True
        except sqlite3.Error as exc:
            raise self._storage_error(exc, action) from exc
        finally:
            if not committed and raw.in_transaction:
                try:
                    raw.execute("ROLLBACK")
                except sqlite3.Error:
                    log.warning("rollback failed; the connection is dropped")
            self._release(writer, raw)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for several queries."""
        with self._transaction(False, "read the case file") as raw:
            yield raw

    @contextmanager
    def writing(self, action: str = "save") -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): all of it is committed or none of it."""
        with self._transaction(True, action) as raw:
            yield raw

    def _storage_error(self, exc: sqlite3.Error, action: str) -> Exception:
        problem = problem_of(exc, self.path)
        if problem is None:
            return exc  # a bug (bad SQL, constraint): not the user's to fix
        backup = _good_backup(self.backups, self.path) if problem is Problem.CORRUPT else None
        return StorageError(problem, self.path, detail=str(exc), backup=backup, action=action)

    def raw(self) -> sqlite3.Connection:
        """A new raw connection with our pragmas (backup API, bulk loads); the caller closes it."""
        return connect(self.path)

    def close(self) -> None:
        """Close the idle connections (the database may still be used: new ones are made).

        After the last connection anywhere has closed, SQLite has checkpointed and removed the
        WAL; if this file passed its check, note that, so the next open can skip quick_check
        while the file stays untouched (`_verified_at`).
        """
        with self._lock:
            idle = self._idle[False] + self._idle[True]
            self._idle = {False: [], True: []}
            in_use = self._in_use
        for raw in idle:
            raw.close()
        if in_use == 0 and self.checked_at is not None:
            self._note_verified()

    def _note_verified(self) -> None:
        try:
            if not _wal_is_empty(self.path):  # another process still has it open
                return
            marker = _verified_path(self.path)
            data = {
                "checked_at": self.checked_at,
                "file": _file_identity(self.path),
                "layout": self.layout,
            }
            tmp = temp_beside(marker, "note")
            try:
                tmp.write_text(json.dumps(data), encoding="utf-8")
                os.replace(tmp, marker)
            finally:
                tmp.unlink(missing_ok=True)
        except OSError:
            log.info("could not note the verified state; the next open checks in full")

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with our pragmas to an existing file (never creates one).

    `mode=rw`: if the file vanished (renamed aside by a restore), this fails instead of
    quietly making an empty one with the default permissions.
    """
    raw = sqlite3.connect(
        f"{path.absolute().as_uri()}?mode=rw",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    try:
        _pragmas(raw)
    except BaseException:
        raw.close()
        raise
    return raw


def _create(path: Path) -> None:
    """Make a new case file at `path` in one step: built under a temporary name, then renamed.

    Call it holding the data folder's lock. Whoever finds the file afterwards finds all of it
    (schema, marks, WAL mode); a crash leaves only the temporary file, which `sweep` removes.
    """
    temp = temp_beside(path, "new")
    try:
        with closing(sqlite3.connect(temp, isolation_level=None)) as raw:
            raw.execute("PRAGMA journal_mode = WAL")
            create_fresh(raw)
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


def _inspect(path: Path, backups: Path) -> tuple[FileState, float | None]:
    """The file's state after the read-only checks, and when quick_check last passed."""
    if not path.exists():
        return FileState(Version(0, 0), 0, empty=True), None
    note = _verified_at(path)
    state = check_file(
        path,
        backups,
        integrity=note.checked_at is None,
        recover=True,
        known_layout=note.layout,
    )
    return state, note.checked_at if note.checked_at is not None else time.time()


def open_database(
    path: Path, *, backups: Path | None = None, daily_backup: bool = True
) -> Database:
    """Check, back up, migrate and open the case file at `path` (created if missing).

    Nothing writes to an existing file before `check_file` has passed. Making a new file,
    migrating and the daily backup each happen in one process at a time (the folder locks);
    a second process waits for a new file, or skips a backup another is making.

    Args:
        path: the SQLite file, normally `AppPaths.database`.
        backups: the backup folder (default: `backups` beside the file).
        daily_backup: make today's rolling backup if there is none yet.

    Raises:
        StorageError: the file is damaged, not ours, too new, or the place is not writable.
    """
    path = Path(path).absolute()
    backups = Path(backups).absolute() if backups is not None else path.parent / "backups"
    warnings = prepare_folder(path.parent, path)
    try:
        state, checked_at = _inspect(path, backups)
        created = False
        if state.empty:
            with folder_lock(path.parent):
                # Another process may have made it while this one waited for the lock.
                state, checked_at = _inspect(path, backups)
                if state.empty:
                    _create(path)
                    log.info("created a new case file, schema %s", SCHEMA)
                    checked_at = time.time()
                    created = True
        with closing(connect(path)) as raw:
            # Re-read: another process may have migrated meanwhile.
            found = _user_version(raw)
            if found.major > SCHEMA.major:
                raise StorageError(Problem.TOO_NEW, path, detail=f"schema {found}")
            layout = state.layout
            if pending(found):
                with folder_lock(path.parent):
                    migrate(raw, backups)
                layout = ""  # a new schema: the next open compares its columns once
            if daily_backup and not created:  # nothing to keep in a file made just now
                warnings += _daily_backup(raw, backups)
        _sweep(path.parent, backups)
    except LockTimeoutError as exc:
        raise StorageError(Problem.LOCKED, path, detail="the folder's lock file") from exc
    except sqlite3.Error as exc:
        problem = problem_of(exc, path)
        if problem is None:
            raise
        raise StorageError(problem, path, detail=str(exc)) from exc
    except OSError as exc:
        raise StorageError(problem_of(exc, path) or Problem.IO, path, detail=str(exc)) from exc
    for warning in warnings:
        log.warning("%s", warning)
    return Database(path, backups, checked_at, tuple(warnings), layout)


def _daily_backup(raw: sqlite3.Connection, backups: Path) -> list[str]:
    """Today's backup if no process has made it; a failure is a warning, not a refusal to open.

    The case file is fine; refusing it because the backup folder is full or read-only would
    keep the user from their cases. The next open tries again.
    """
    from desktop.store.backup import daily_backup
    from desktop.store.errors import describe

    try:
        daily_backup(raw, backups)
    except (OSError, sqlite3.Error, LockTimeoutError, StorageError) as exc:
        problem = (
            exc.problem if isinstance(exc, StorageError) else problem_of(exc, backups)
        ) or Problem.IO
        return [f"warning: today's backup was not made: {describe(problem)} ({backups})"]
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
