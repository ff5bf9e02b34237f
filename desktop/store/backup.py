"""Rolling daily backups, manual backups and restore, all through SQLite's online backup API."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.store.errors import Problem, StorageError, problem_of

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


def restore(database: Path, source: Path, folder: Path) -> Path:
    """Replace the case file's contents with `source` after checking it; the current is kept aside.

    Returns:
        The backup of the contents that were replaced.

    Raises:
        StorageError: `source` is missing, damaged, not ours or too new (nothing is changed).
    """
    from desktop.store.database import check_file, open_database

    if not source.is_file():
        raise StorageError(Problem.MISSING, source, action="restore")
    state = check_file(source, backups=Path(os.devnull))
    if state.empty:
        raise StorageError(Problem.NOT_A_DATABASE, source, detail="empty file", action="restore")
    if not database.exists():
        open_database(database, backups=folder, daily_backup=False).close()
    try:
        with closing(sqlite3.connect(database, timeout=30)) as live:
            live.execute("PRAGMA busy_timeout = 30000")
            aside = backup_file(live, folder, reason="before-restore")
            with closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as src:
                # The backup API writes into the live file under SQLite's own locks and WAL:
                # other connections see the old or the new contents, never a mix.
                src.backup(live)
    except sqlite3.Error as exc:
        problem = problem_of(exc) or Problem.IO
        raise StorageError(problem, database, detail=str(exc), action="restore") from exc
    # Opening migrates an older backup to the current schema (backing it up first).
    open_database(database, backups=folder, daily_backup=False).close()
    log.info("restored the case file from %s; previous contents in %s", source.name, aside.name)
    return aside
