"""Is the case file what it says? The read-only checks every open and restore run first."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import _
from desktop.store import engine, schema
from desktop.store.errors import Problem, StorageError, problem_of
from desktop.store.fileformat import (
    HEADER_SIZE,
    SQLITE_HEADER,
    Header,
    layout_problem,
    read_header,
    size_problem,
    wal_pages,
)
from desktop.store.schema import Version

log = logging.getLogger("termijn.store")


@dataclass(frozen=True)
class FileState:
    version: Version
    application_id: int
    empty: bool
    layout: str = ""  # the schema's fingerprint, once its tables and columns have passed


def _version_problem(packed: int, has_tables: bool) -> StorageError | None:
    """Whether `user_version` is one Termijn wrote (a newer minor counts: it only adds)."""
    if packed < 0:
        return _unknown(_("schema version {number}").format(number=packed))
    version = Version.unpack(packed)
    if version == Version(0, 0):
        return _unknown(_("schema 0.0 with tables in it")) if has_tables else None
    newest = schema.SCHEMA
    if version.major > newest.major:
        return StorageError(
            Problem.TOO_NEW,
            Path(),
            detail=_("schema {version}, this Termijn knows {newest}").format(
                version=version, newest=newest
            ),
        )
    if version.major == newest.major and version.minor > newest.minor:
        return None
    if version not in schema.known_versions():
        return _unknown(_("schema {version}, which no Termijn wrote").format(version=version))
    return None


def _unknown(detail: str) -> StorageError:
    return StorageError(Problem.NOT_A_DATABASE, Path(), detail=detail)


def _file_error(
    problem: Problem,
    path: Path,
    detail: str,
    backups: Path | None,
    key: engine.Key | None = None,
) -> StorageError:
    offer = problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE)
    return StorageError(
        problem, path, detail=detail, backup=good_backup(backups, path, key) if offer else None
    )


def check_file(
    path: Path,
    backups: Path | None = None,
    *,
    integrity: bool = True,
    recover: bool = False,
    known_layout: str = "",
    key: engine.Key | None = None,
) -> FileState:
    """Read-only checks: is it SQLite, whole, ours, of a version and layout Termijn wrote, intact.

    In order: the header; the size against the header's page count (and the write-ahead log);
    the application id; the version; the tables and columns of that version; quick_check.
    Nothing is written, not even the journal mode, so a refused file stays byte for byte as
    it was. `integrity=False` skips only quick_check (see `verified.read_note`). `recover=True` (the
    case file itself) lets SQLite roll back a write a crash interrupted in rollback-journal mode
    first, as any SQLite reader would; without it such a file is refused, untouched.
    `known_layout`: a schema fingerprint that passed before; the same schema text has the same
    tables and columns, so they are not compared again (table_info is the costly part).
    `key`: the file is encrypted with it. Its header is then encrypted too; the pages are
    checked through the key (SQLCipher's HMAC on each page read, and on every page when the
    integrity check runs), so a file cut short or changed by one byte is refused all the same.

    Raises:
        StorageError: CORRUPT, NOT_A_DATABASE or TOO_NEW (with the newest good backup offered
            for the first two, from `backups`), MISSING, or the disk's problem.
    """
    path = path.absolute()
    wal_path = path.with_name(path.name + "-wal")
    try:
        with path.open("rb") as handle:
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
            detail = _("the file is empty but its write-ahead log is not")
            raise _file_error(Problem.CORRUPT, path, detail, backups)
        return FileState(Version(0, 0), 0, empty=True)
    header = read_header(data) if key is None else Header(engine.PAGE_SIZE, None, 0)
    if header is None:
        raise _file_error(Problem.NOT_A_DATABASE, path, "", backups, key)
    if key is not None and data.startswith(SQLITE_HEADER):
        raise _file_error(Problem.NOT_A_DATABASE, path, "a plain file, not encrypted", backups, key)
    if has["-journal"] and _hot_journal(path):
        # A read-only connection cannot roll it back and would say "readonly database".
        if key is None and header.application_id != schema.APPLICATION_ID:
            detail = f"application_id {header.application_id:#x}, with an unfinished write"
            raise _file_error(Problem.NOT_A_DATABASE, path, detail, backups, key)
        if not recover:
            detail = _("a write was interrupted: its journal is beside the file")
            raise _file_error(Problem.CORRUPT, path, detail, backups, key)
        _roll_back(path, key)
        return check_file(path, backups, integrity=integrity, known_layout=known_layout, key=key)
    try:
        return _check_contents(
            path, backups, header, integrity=integrity, known_layout=known_layout, key=key
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


def _roll_back(path: Path, key: engine.Key | None = None) -> None:
    """Let SQLite undo an interrupted rollback-mode write (its own crash recovery)."""
    try:
        engine.connect_recovering(path, key)
    except engine.Error as exc:
        problem = problem_of(exc, path) or Problem.CORRUPT
        raise StorageError(problem, path, detail=str(exc)) from exc
    log.info("rolled back a write a crash had interrupted")


NOT_OURS = "application_id {app_id:#x}"
_SETTLE_S = (0.02, 0.05, 0.1)  # looks again after these pauses before calling a file cut short


def _size_now(raw: engine.Connection, path: Path, header: Header) -> str:
    """The size check in the caller's read snapshot (see `size_problem`), or "" if it fits.

    Read in this order: SQLite's page count (this snapshot), the log's frames, the file's size.
    A checkpoint running meanwhile only makes the file longer, and the frames this snapshot
    reads stay (a reader keeps the log from restarting). But a checkpoint writes page 1 before
    the pages after it, so while another process writes, the size can lag for a moment: a
    mismatch is looked at again in a new snapshot before the file is called cut short.
    """
    wal_path = path.with_name(path.name + "-wal")
    for pause in (*_SETTLE_S, None):
        pages = engine.page_count(raw)
        wal = wal_pages(wal_path, header.page_size)
        cut = size_problem(path.stat().st_size, header, wal, pages)
        if not cut or pause is None:
            return cut
        raw.execute("COMMIT")
        time.sleep(pause)
        engine.begin(raw, writer=False)
    return cut


def _cut_by_header(path: Path, header: Header) -> str:
    """The size problem by the header alone (no log beside the file), to word SQLite's refusal."""
    wal = path.with_name(path.name + "-wal")
    if header.pages is None or (wal.exists() and wal.stat().st_size):
        return ""
    try:
        return size_problem(path.stat().st_size, header, None, header.pages)
    except OSError:
        return ""


def _check_contents(
    path: Path,
    backups: Path | None,
    header: Header,
    *,
    integrity: bool,
    known_layout: str,
    key: engine.Key | None,
) -> FileState:
    """`check_file` from the first read on: marks, size with the log, version, layout, pages."""
    try:
        with closing(engine.connect_readonly(path, key)) as raw:
            engine.begin(raw, writer=False)  # one snapshot, and one lock, for every read below
            app_id = engine.application_id(raw)  # page 1 only
            foreign = NOT_OURS.format(app_id=app_id)
            if app_id not in (0, schema.APPLICATION_ID):
                raise _file_error(Problem.NOT_A_DATABASE, path, foreign, backups)
            # Before SQLite reads a page past the first: one past the end reads as zeros.
            cut = _size_now(raw, path, header)
            if cut:
                raise _file_error(Problem.CORRUPT, path, cut, backups, key)
            packed = engine.user_version(raw)
            layout_key, tables = engine.fingerprint(raw, f"{schema.SCHEMA}|{packed}")
            if app_id == 0 and tables:
                raise _file_error(Problem.NOT_A_DATABASE, path, foreign, backups)
            refused = _version_problem(packed, bool(tables))
            if refused is not None:
                raise _file_error(refused.problem, path, refused.detail, backups, key)
            version = Version.unpack(packed)
            if (tables or version != Version(0, 0)) and layout_key != known_layout:
                newer = version > schema.SCHEMA
                expected = schema.layout(schema.SCHEMA if newer else version)
                wrong = layout_problem(engine.shape(raw), expected, exact=not newer)
                if wrong:
                    detail = _("marked as a Termijn case file of schema {version}, but {wrong}")
                    detail = detail.format(version=version, wrong=wrong)
                    raise _file_error(Problem.NOT_A_DATABASE, path, detail, backups, key)
            verdict = engine.quick_check(raw) if integrity else ["ok"]
            if integrity and key is not None:
                verdict += engine.integrity_of_pages(raw)  # [] when every page's HMAC holds
            raw.execute("COMMIT")
    except engine.Error as exc:
        problem = problem_of(exc, path) or Problem.CORRUPT
        # SQLite refuses a file shorter than its header says as "malformed"; say how.
        detail = (_cut_by_header(path, header) if problem is Problem.CORRUPT else "") or str(exc)
        raise _file_error(problem, path, detail, backups, key) from exc
    if verdict != ["ok"]:
        log.error("quick_check failed for the case file: %s", verdict[:5])
        raise _file_error(Problem.CORRUPT, path, _("integrity check failed"), backups, key)
    return FileState(version, app_id, empty=not tables, layout=layout_key if tables else "")


def good_backup(backups: Path | None, path: Path, key: engine.Key | None = None) -> Path | None:
    from desktop.store.backup import newest_good_backup

    folder = backups if backups is not None else path.parent / "backups"
    return newest_good_backup(folder, key)
