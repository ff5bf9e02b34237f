"""open_database(): check, back up, migrate, hand out connections: the only way to the file.

Everything here runs on plain `sqlite3`: opening, listing and saving import no SQLAlchemy (about
a third of a second at start-up). The SQLModel tables in `tables.py` describe the schema; they
are imported only to create a fresh file (`schema_ddl`).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.store.errors import Problem, StorageError, problem_of

log = logging.getLogger("termijn.store")

APPLICATION_ID = 0x54524D4A  # "TRMJ": tells our files from any other SQLite file
BUSY_TIMEOUT_MS = 30_000  # a second writer waits this long for the lock before giving up
POOL_SIZE = 4  # idle connections kept per kind (read, write) for the next transaction
SQLITE_HEADER = b"SQLite format 3\x00"


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


def _secure(path: Path) -> None:
    """Owner-only permissions on the database and its WAL companions (they hold personal data)."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)


def _ensure_folder(folder: Path, path: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StorageError(problem_of(exc) or Problem.READ_ONLY, path, detail=str(exc)) from exc


@dataclass(frozen=True)
class FileState:
    version: Version
    application_id: int
    empty: bool


def check_file(path: Path, backups: Path | None = None, *, integrity: bool = True) -> FileState:
    """Read-only checks: is it SQLite, is it ours, which version, does quick_check pass.

    `integrity=False` skips only quick_check (see `_verified_at`); the rest always runs.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(problem_of(exc) or Problem.IO, path, detail=str(exc)) from exc
    if not header:
        return FileState(Version(0, 0), 0, empty=True)
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise StorageError(Problem.NOT_A_DATABASE, path, backup=_good_backup(backups, path))
    try:
        # mode=ro: nothing we do before the version check may change a byte of the file.
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)) as raw:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id = int(raw.execute("PRAGMA application_id").fetchone()[0])
            version = Version.unpack(int(raw.execute("PRAGMA user_version").fetchone()[0]))
            tables = raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
                raise StorageError(
                    Problem.NOT_A_DATABASE,
                    path,
                    detail=f"application_id {app_id:#x}",
                    backup=_good_backup(backups, path),
                )
            if version.major > SCHEMA.major:
                raise StorageError(
                    Problem.TOO_NEW,
                    path,
                    detail=f"schema {version}, this Termijn knows {SCHEMA}",
                )
            verdict = (
                [row[0] for row in raw.execute("PRAGMA quick_check(5)")] if integrity else ["ok"]
            )
    except sqlite3.Error as exc:
        problem = problem_of(exc) or Problem.CORRUPT
        raise StorageError(
            problem, path, detail=str(exc), backup=_good_backup(backups, path)
        ) from exc
    if verdict != ["ok"]:
        log.error("quick_check failed for the case file: %s", verdict[:5])
        raise StorageError(
            Problem.CORRUPT,
            path,
            detail="integrity check failed",
            backup=_good_backup(backups, path),
        )
    return FileState(version, app_id, empty=tables == 0)


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


def migrate(raw: sqlite3.Connection, path: Path, found: Version, backups: Path) -> None:
    """Back up, then apply each pending step in its own transaction with its version bump."""
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


def _verified_at(path: Path) -> float | None:
    """When quick_check last passed, if the file is untouched since a clean close after it.

    The marker is consumed: a session that crashes writes none, so the next open checks in full.
    Anything that changed the file (a write, a copy over it, a leftover WAL) makes it stale.
    """
    marker = _verified_path(path)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        marker.unlink(missing_ok=True)
    try:
        checked = float(data["checked_at"])
        unchanged = data["file"] == _file_identity(path) and _wal_is_empty(path)
    except (KeyError, TypeError, ValueError, OSError):
        return None
    return checked if unchanged and 0 <= time.time() - checked < RECHECK_AFTER_S else None


class Database:
    """An opened, checked case file; hands out sqlite3 connections inside one transaction each.

    Every connection gets our pragmas (WAL, foreign keys, busy timeout, synchronous=FULL) when it
    is made; readers begin with BEGIN, writers with BEGIN IMMEDIATE. Connections are kept for
    reuse (a few per kind) and may be used from any thread, one transaction at a time.
    """

    def __init__(self, path: Path, backups: Path, checked_at: float | None = None) -> None:
        self.path = path
        self.backups = backups
        self.checked_at = checked_at  # when quick_check last passed on this file
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
        _secure(self.path)

    def _storage_error(self, exc: sqlite3.Error, action: str) -> Exception:
        problem = problem_of(exc)
        if problem is None:
            return exc  # a bug (bad SQL, constraint): not the user's to fix
        backup = _good_backup(self.backups, self.path) if problem is Problem.CORRUPT else None
        return StorageError(problem, self.path, detail=str(exc), backup=backup, action=action)

    def raw(self) -> sqlite3.Connection:
        """A new raw connection with our pragmas (backup API, bulk loads); the caller closes it."""
        raw = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        _pragmas(raw)
        return raw

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
            tmp = marker.with_name(marker.name + ".tmp")
            data = {"checked_at": self.checked_at, "file": _file_identity(self.path)}
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.chmod(tmp, 0o600)
            os.replace(tmp, marker)
        except OSError:
            log.info("could not note the verified state; the next open checks in full")

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(
    path: Path, *, backups: Path | None = None, daily_backup: bool = True
) -> Database:
    """Check, back up, migrate and open the case file at `path` (created if missing).

    Args:
        path: the SQLite file, normally `AppPaths.database`.
        backups: the backup folder (default: `backups` beside the file).
        daily_backup: make today's rolling backup if there is none yet.

    Raises:
        StorageError: the file is damaged, not ours, too new, or the place is not writable.
    """
    path = Path(path)
    backups = backups if backups is not None else path.parent / "backups"
    _ensure_folder(path.parent, path)
    exists = path.exists()
    verified_at = _verified_at(path) if exists else None
    state = (
        check_file(path, backups, integrity=verified_at is None)
        if exists
        else FileState(Version(0, 0), 0, empty=True)
    )
    checked_at = verified_at if verified_at is not None else time.time()
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as raw:
            _pragmas(raw)
            _secure(path)
            if state.empty:
                create_fresh(raw)
                log.info("created a new case file, schema %s", SCHEMA)
            else:
                # Re-read under this connection: another process may have migrated meanwhile.
                found = Version.unpack(int(raw.execute("PRAGMA user_version").fetchone()[0]))
                if found.major > SCHEMA.major:
                    raise StorageError(Problem.TOO_NEW, path, detail=f"schema {found}")
                migrate(raw, path, found, backups)
            if daily_backup and not state.empty:
                from desktop.store.backup import daily_backup as make_daily

                make_daily(raw, backups)
    except sqlite3.Error as exc:
        problem = problem_of(exc)
        if problem is None:
            raise
        raise StorageError(problem, path, detail=str(exc)) from exc
    except OSError as exc:
        raise StorageError(problem_of(exc) or Problem.IO, path, detail=str(exc)) from exc
    return Database(path, backups, checked_at)
