"""SQLite (plain or SQLCipher), in one place: connections, pragmas, transactions, errors.

The rest of the store writes SQL that SQLite and PostgreSQL share, with `?` parameters, and
asks this module for everything that differs: how a connection is made and set up, how a read
or write transaction begins, how ids are handed out before a bulk insert, the id of a row just
inserted, a column the planner must not use an index for, what tables and columns a database
has, and what a driver error means for the user. SQLCipher (a key pragma on each connection)
or PostgreSQL (another driver, `%s` parameters) is another module with these names.

The driver is `sqlcipher3`, a build of SQLite with SQLCipher 4 (and OpenSSL) inside: a file
opened without a key is a plain SQLite file, one opened with `key` is encrypted page by page
(AES-256-CBC, HMAC-SHA512 per 4096-byte page; its write-ahead log and journal too). One driver
for both means a backup, restore or conversion never crosses two SQLite builds, and measuring
encrypted against plain measures the encryption alone. `temp_store = MEMORY` on every
connection: SQLite's temporary files (large sorts) never reach the disk, encrypted or not.
Keys are raw 32-byte keys (`desktop.privacy.keyfile` derives and keeps them), so opening a
connection costs no key derivation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3 as driver  # the same API; sqlcipher3 ships no type information

    from desktop.store.errors import Problem
else:
    from sqlcipher3 import dbapi2 as driver

Connection = driver.Connection
Cursor = driver.Cursor
Error = driver.Error  # every driver error; `classify` says which are the environment's
Key = bytes  # a raw 256-bit key; None everywhere means a plain file

# What SQLCipher must be and do for a file Termijn encrypts (checked on every keyed open).
CIPHER_MAJOR = "4."
CIPHER_SETTINGS = {
    "cipher_page_size": "4096",
    "cipher_use_hmac": "1",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
    "kdf_iter": "256000",
    "cipher_plaintext_header_size": "0",
}
PAGE_SIZE = 4096  # of an encrypted file (its header is encrypted: it cannot say so itself)

BUSY_TIMEOUT_MS = 30_000  # a second writer waits this long for the lock before giving up

# A table's or view's name -> its kind and its column names (none for views and triggers).
Shape = dict[str, tuple[str, frozenset[str]]]


class CipherError(RuntimeError):
    """The SQLCipher build is not the one Termijn encrypts with (version or settings differ)."""


def _key(raw: Connection, key: Key | None) -> None:
    """The key, before anything reads the file; temporary files kept in memory either way."""
    if key is not None:
        if len(key) != 32:
            raise ValueError("a key is 32 bytes")
        raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute("PRAGMA temp_store = MEMORY")


def cipher_settings(raw: Connection) -> dict[str, str]:
    """SQLCipher's version and the settings in force on a keyed connection."""
    found = {"cipher_version": str(raw.execute("PRAGMA cipher_version").fetchone()[0])}
    for (line,) in raw.execute("PRAGMA cipher_settings"):
        # "PRAGMA kdf_iter = 256000;" -> kdf_iter: 256000
        name, _, value = str(line).removeprefix("PRAGMA ").rstrip(";").partition(" = ")
        found[name.strip()] = value.strip()
    return found


def check_cipher(raw: Connection) -> None:
    """Refuse to encrypt with anything but SQLCipher 4 and its defaults (CIPHER_SETTINGS)."""
    found = cipher_settings(raw)
    if not found["cipher_version"].startswith(CIPHER_MAJOR):
        raise CipherError(f"SQLCipher {found['cipher_version']}, not 4")
    wrong = {k: found.get(k) for k, v in CIPHER_SETTINGS.items() if found.get(k) != v}
    if wrong:
        raise CipherError(f"SQLCipher settings differ from SQLCipher 4's defaults: {wrong}")


def _pragmas(raw: Connection) -> None:
    # Without this, the driver would open transactions on its own; we say BEGIN ourselves.
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


def connect(path: Path, key: Key | None = None) -> Connection:
    """A read-write connection with our pragmas to an existing case file (never creates one).

    `mode=rw`: if the file vanished (renamed aside by a restore), this fails instead of
    quietly making an empty one with the default permissions.
    """
    raw = driver.connect(
        _uri(path, "rw"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    try:
        _key(raw, key)
        _pragmas(raw)
    except BaseException:
        raw.close()
        raise
    return raw


def connect_readonly(path: Path, key: Key | None = None) -> Connection:
    """A connection that cannot write the file (checks, the source of a copy), autocommit."""
    raw = driver.connect(
        _uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    try:
        _key(raw, key)
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        raw.close()
        raise
    return raw


def connect_new(path: Path, key: Key | None = None) -> Connection:
    """A connection to a file of our own being built (a new case file, a copy), autocommit."""
    raw = driver.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        _key(raw, key)
        if key is not None:
            check_cipher(raw)  # a file is only ever encrypted as the documentation says
    except BaseException:
        raw.close()
        raise
    return raw


def connect_recovering(path: Path, key: Key | None = None) -> None:
    """Open `path` read-write once, so SQLite rolls back a write a crash left unfinished."""
    raw = driver.connect(_uri(path, "rw"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _key(raw, key)
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        raw.close()


def memory() -> Connection:
    """An empty in-memory database (the layout of a schema version is worked out in one)."""
    return driver.connect(":memory:")


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
    cur.row_factory = driver.Row
    return cur


def copy(source: Connection, target: Connection) -> None:
    """Every page of `source` into `target`, consistent even while others write (online backup)."""
    source.backup(target)


def export(raw: Connection, target: Path, key: Key | None, marks: tuple[int, int]) -> None:
    """Every table, index and row of `raw` into the new file `target`, keyed with `key`.

    SQLCipher's `sqlcipher_export` re-encrypts (or decrypts) page by page on the way; the
    file's marks (application id, schema version) are set as well, which it does not copy.
    """
    secret = f"x'{key.hex()}'" if key is not None else ""
    raw.execute("ATTACH DATABASE ? AS export KEY ?", (str(target), secret))
    try:
        raw.execute("SELECT sqlcipher_export('export')").fetchall()
        raw.execute(f"PRAGMA export.application_id = {int(marks[0])}")
        raw.execute(f"PRAGMA export.user_version = {int(marks[1])}")
    finally:
        raw.execute("DETACH DATABASE export")


def secure_delete(raw: Connection, *, on: bool) -> None:
    """Deleted rows overwritten with zeros (erasure), not left in free pages."""
    raw.execute(f"PRAGMA secure_delete = {'ON' if on else 'OFF'}")


def empty_log(raw: Connection) -> bool:
    """Copy the write-ahead log into the file and empty it; False if a reader kept it."""
    busy, _log, _done = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def integrity_of_pages(raw: Connection) -> list[str]:
    """SQLCipher's check of every page's HMAC: [] when each page is as it was written."""
    return [str(row[0]) for row in raw.execute("PRAGMA cipher_integrity_check")]


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

    if not isinstance(exc, driver.Error):
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
