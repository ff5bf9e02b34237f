"""Rolling daily backups, manual backups and restore, all through SQLite's online backup API."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.store.errors import RESTORE, Problem, StorageError, problem_of

log = logging.getLogger("termijn.store")

KEEP_DAILY = 14
PREFIX = "termijn-"
_DAILY = re.compile(r"termijn-(\d{4}-\d{2}-\d{2})\.sqlite")


def _copy(raw: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of `raw`'s database to `target` atomically (temp file, replace)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(target.parent, 0o700)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    # Created owner-only before SQLite writes a byte of personal data into it.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    try:
        with closing(sqlite3.connect(partial)) as out:
            raw.backup(out)  # consistent even while another connection writes (WAL)
            # A backup is a single file: no WAL beside it when it is copied or mailed.
            out.execute("PRAGMA journal_mode = DELETE")
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def backup_file(raw: sqlite3.Connection, folder: Path, reason: str = "manual") -> Path:
    """A named backup (manual, before a migration or a restore); never pruned automatically."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return _copy(raw, folder / f"{PREFIX}{stamp}-{reason}.sqlite")


def daily_backup(raw: sqlite3.Connection, folder: Path, today: date | None = None) -> Path | None:
    """Make today's backup unless it exists, then keep only the newest KEEP_DAILY daily ones."""
    day = today or date.today()
    target = folder / f"{PREFIX}{day.isoformat()}.sqlite"
    made = None
    if not target.exists():
        made = _copy(raw, target)
        log.info("daily backup written: %s", target.name)
    dailies = sorted(p for p in folder.glob(f"{PREFIX}*.sqlite") if _DAILY.fullmatch(p.name))
    for old in dailies[:-KEEP_DAILY]:
        old.unlink(missing_ok=True)
    return made


def backups_newest_first(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{PREFIX}*.sqlite") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def is_good(candidate: Path) -> bool:
    """A readable Termijn file this version can open whose quick_check passes."""
    from desktop.store.database import check_file

    try:
        state = check_file(candidate, backups=Path(os.devnull))
    except StorageError:
        return False
    return not state.empty


def newest_good_backup(folder: Path) -> Path | None:
    for candidate in backups_newest_first(folder):
        if is_good(candidate):
            return candidate
    return None


def make_backup(database: Path, folder: Path, reason: str = "manual") -> Path:
    """`termijn backup`: a consistent copy of the live file into the backup folder."""
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=30)) as raw:
            return backup_file(raw, folder, reason)
    except sqlite3.Error as exc:
        problem = problem_of(exc) or Problem.IO
        raise StorageError(problem, database, detail=str(exc), action="make a backup") from exc
    except OSError as exc:
        problem = problem_of(exc) or Problem.IO
        raise StorageError(problem, folder, detail=str(exc), action="make a backup") from exc


def set_aside(database: Path) -> Path:
    """Rename a damaged case file (and its WAL files) beside itself; every byte is kept.

    Returns:
        The new name, `<name>.damaged-<when>`.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.damaged-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = database.with_name(f"{database.name}.damaged-{stamp}-{n}")
    # The WAL first: if the main file's rename failed, the file would still open as it was.
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    os.replace(database, kept)
    log.warning("damaged case file kept aside as %s", kept.name)
    return kept


def _is_damaged(database: Path) -> bool:
    from desktop.store.database import check_file

    try:
        check_file(database, backups=Path(os.devnull))
    except StorageError as exc:
        return exc.problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE)
    return False


def _write_into(database: Path, source: Path) -> None:
    """Copy `source` into a new case file at `database` (which must not exist), owner-only."""
    os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    with (
        closing(sqlite3.connect(database, timeout=30)) as live,
        closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as src,
    ):
        src.backup(live)


def restore(database: Path, source: Path, folder: Path) -> Path:
    """Replace the case file's contents with `source` after checking it; the current is kept aside.

    A healthy case file is copied into the backup folder first; a damaged one (which SQLite
    cannot copy) is renamed beside itself (`<name>.damaged-<when>`), never deleted.

    Returns:
        The backup of the contents that were replaced, or the renamed damaged file.

    Raises:
        StorageError: `source` is missing, damaged, not ours or too new (nothing is changed);
            or the case file's folder cannot be written.
    """
    from desktop.store.database import check_file, open_database

    if not source.is_file():
        raise StorageError(Problem.MISSING, source, action=RESTORE)
    try:
        state = check_file(source, backups=Path(os.devnull))
    except StorageError as exc:
        raise StorageError(exc.problem, source, detail=exc.detail, action=RESTORE) from exc
    if state.empty:
        raise StorageError(Problem.NOT_A_DATABASE, source, detail="empty file", action=RESTORE)
    try:
        if database.exists() and _is_damaged(database):
            aside = set_aside(database)
            _write_into(database, source)
        else:
            if not database.exists():
                open_database(database, backups=folder, daily_backup=False).close()
            with closing(sqlite3.connect(database, timeout=30)) as live:
                live.execute("PRAGMA busy_timeout = 30000")
                aside = backup_file(live, folder, reason="before-restore")
                with closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as src:
                    # The backup API writes into the live file under SQLite's own locks and
                    # WAL: other connections see the old or the new contents, never a mix.
                    src.backup(live)
    except sqlite3.Error as exc:
        problem = problem_of(exc) or Problem.IO
        raise StorageError(problem, database, detail=str(exc), action=RESTORE) from exc
    except OSError as exc:
        problem = problem_of(exc) or Problem.IO
        raise StorageError(problem, database, detail=str(exc), action=RESTORE) from exc
    # Opening migrates an older backup to the current schema (backing it up first).
    open_database(database, backups=folder, daily_backup=False).close()
    log.info("restored the case file from %s; previous contents in %s", source.name, aside.name)
    return aside
