"""SQLite, in one place: connections and pragmas, transactions, dialect differences, its errors.

The rest of the store writes SQL that SQLite and PostgreSQL share, with `?` parameters, and
asks this module for everything that differs: how a connection is made and set up, how a read
or write transaction begins, how ids are handed out before a bulk insert, the id of a row just
inserted, a column the planner must not use an index for, what tables and columns a database
has, and what a driver error means for the user. SQLCipher (a key pragma on each connection)
or PostgreSQL (another driver, `%s` parameters) is another module with these names.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.errors import Problem

Connection = sqlite3.Connection
Cursor = sqlite3.Cursor
Error = sqlite3.Error  # every driver error; `classify` says which are the environment's

BUSY_TIMEOUT_MS = 30_000  # a second writer waits this long for the lock before giving up

# A table's or view's name -> its kind and its column names (none for views and triggers).
Shape = dict[str, tuple[str, frozenset[str]]]


def _pragmas(raw: Connection) -> None:
    # Without this, Python's sqlite3 would open transactions on its own; we say BEGIN ourselves.
    raw.isolation_level = None
    raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL: the list's open read must not block a save, and a crash never leaves half a write.
    raw.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed save survives a power cut, not only a crash of Termijn.
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("PRAGMA foreign_keys = ON")


def _uri(path: Path, mode: str) -> str:
    # `as_uri` wants an absolute path; it also escapes `?` and `#` in folder names.
    return f"{path.absolute().as_uri()}?mode={mode}"


def connect(path: Path) -> Connection:
    """A read-write connection with our pragmas to an existing case file (never creates one).

    `mode=rw`: if the file vanished (renamed aside by a restore), this fails instead of
    quietly making an empty one with the default permissions.
    """
    raw = sqlite3.connect(
        _uri(path, "rw"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    try:
        _pragmas(raw)
    except BaseException:
        raw.close()
        raise
    return raw


def connect_readonly(path: Path) -> Connection:
    """A connection that cannot write the file (checks, the source of a copy), autocommit."""
    raw = sqlite3.connect(
        _uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return raw


def connect_new(path: Path) -> Connection:
    """A connection to a file of our own being built (a new case file, a copy), autocommit."""
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)


def connect_recovering(path: Path) -> None:
    """Open `path` read-write once, so SQLite rolls back a write a crash left unfinished."""
    raw = sqlite3.connect(_uri(path, "rw"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        raw.close()


def memory() -> Connection:
    """An empty in-memory database (the layout of a schema version is worked out in one)."""
    return sqlite3.connect(":memory:")


def begin(raw: Connection, *, writer: bool) -> None:
    """Start a transaction; a writer takes the write lock up front (BEGIN IMMEDIATE).

    So a second writer waits for its turn at the start instead of failing halfway.
    """
    raw.execute("BEGIN IMMEDIATE" if writer else "BEGIN")


@contextmanager
def immediate_transaction(raw: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE … COMMIT on a raw connection in autocommit mode; ROLLBACK on any error."""
    begin(raw, writer=True)
    try:
        yield raw
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    raw.execute("COMMIT")


def row_cursor(raw: Connection) -> Cursor:
    """A cursor whose rows read by column name (`row["procedure"]`) as well as by position."""
    cur = raw.cursor()
    cur.row_factory = sqlite3.Row
    return cur


def copy(source: Connection, target: Connection) -> None:
    """Every page of `source` into `target`, consistent even while others write (online backup)."""
    source.backup(target)


def as_single_file(raw: Connection) -> None:
    """No write-ahead log beside a copy: one file to move, mail or restore."""
    raw.execute("PRAGMA journal_mode = DELETE")


def as_case_file(raw: Connection) -> None:
    """The journal mode of a case file, set before it is put in place (opening then writes none)."""
    raw.execute("PRAGMA journal_mode = WAL")


# ---------------------------------------------------------------- dialect: what SQL differs


def reserve_ids(raw: Connection, table: str, count: int) -> int:
    """The first of `count` new ids for `table`, inside a write transaction (none reuses them).

    SQLite keeps AUTOINCREMENT's high-water mark in sqlite_sequence; inserting rows with these
    ids moves it on. (PostgreSQL: `nextval` on the table's sequence `count` times.)
    """
    row = raw.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return (int(row[0]) if row else 0) + 1


def inserted_id(cur: Cursor) -> int:
    """The id of the row the cursor just inserted (PostgreSQL: `RETURNING id`)."""
    row_id = cur.lastrowid
    assert row_id is not None
    return row_id


def by_row_only(column: str) -> str:
    """`column` in a WHERE clause the planner must not answer from an index on it.

    SQLite's unary `+`: a page of ids is then looked up by primary key, not by scanning an
    index on `deleted` (14 ms a page at 100,000 cases instead of well under one).
    """
    return f"+{column}"


def shape(raw: Connection) -> Shape:
    """Tables (with their columns), views and triggers, SQLite's own tables left out."""
    objects = raw.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in raw.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ):
        columns.setdefault(table, set()).add(column)
    return {name: (kind, frozenset(columns.get(name, ()))) for kind, name in objects}


def fingerprint(raw: Connection, salt: str) -> tuple[str, int]:
    """The schema's digest (`sqlite_master`'s text, `salt` mixed in); its tables, views, triggers.

    The tables and columns follow from that text alone, so a fingerprint whose layout passed
    once need not be compared column by column again (reading it is cheap; table_info is not).
    """
    rows = raw.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")
    listed = rows.fetchall()
    text = repr((salt, listed)).encode("utf-8", "backslashreplace")
    return hashlib.sha256(text).hexdigest(), sum(1 for row in listed if row[0] != "index")


def classify(exc: BaseException) -> Problem | None:
    """What a driver error means for the user, or None if it is a bug (bad SQL, a constraint)."""
    from desktop.store.errors import Problem

    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return Problem.FULL
    if (
        name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM"))
        or "readonly" in text
        or "unable to open" in text
    ):
        return Problem.READ_ONLY
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return Problem.LOCKED
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return Problem.NOT_A_DATABASE
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return Problem.CORRUPT
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return Problem.IO
    return None


# ---------------------------------------------------------------- the file's marks and checks


def application_id(raw: Connection) -> int:
    return int(raw.execute("PRAGMA application_id").fetchone()[0])


def user_version(raw: Connection) -> int:
    """The schema version number kept in the file (signed: a hostile file may say -5)."""
    return int(raw.execute("PRAGMA user_version").fetchone()[0])


def set_marks(raw: Connection, app_id: int, version: int) -> None:
    """Mark the file as ours and of `version` (inside the transaction that makes it so)."""
    raw.execute(f"PRAGMA application_id = {int(app_id)}")
    raw.execute(f"PRAGMA user_version = {int(version)}")


def page_count(raw: Connection) -> int:
    """Pages in the database as SQLite sees it (the file and its write-ahead log together)."""
    return int(raw.execute("PRAGMA page_count").fetchone()[0])


def quick_check(raw: Connection, limit: int = 5) -> list[str]:
    """SQLite's quick integrity check: ["ok"], or up to `limit` problems."""
    return [str(row[0]) for row in raw.execute(f"PRAGMA quick_check({int(limit)})")]


def foreign_keys(raw: Connection, *, on: bool) -> None:
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def foreign_key_problems(raw: Connection) -> list[tuple[object, ...]]:
    return [tuple(row) for row in raw.execute("PRAGMA foreign_key_check")]
