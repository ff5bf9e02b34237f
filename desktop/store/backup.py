"""Rolling daily backups, manual backups and restore, all through SQLite's online backup API."""

from __future__ import annotations

import logging
import os
import re
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.i18n import _
from desktop.paths import make_private_dir
from desktop.store import engine
from desktop.store.checks import check_file
from desktop.store.engine import Connection
from desktop.store.errors import BACKUP, RESTORE, Problem, StorageError, problem_of
from desktop.store.files import keep_copy, prepare_folder, publish, read_only_reason, temp_beside
from desktop.store.locks import LockTimeoutError, folder_lock

log = logging.getLogger("termijn.store")

KEEP_DAILY = 14
PREFIX = "termijn-"
_DAILY = re.compile(r"termijn-(\d{4}-\d{2}-\d{2})\.sqlite")


def _copy(raw: Connection, target: Path, key: engine.Key | None = None) -> Path:
    """Write a consistent copy of `raw`'s database to `target` atomically, under the folder lock.

    `key`: the database's key; the copy is encrypted with it too (a copy of an encrypted file is
    never written in the clear).

    Raises:
        StorageError: READ_ONLY when the user made the backup folder read-only.
        LockTimeoutError: another process held the backup folder's lock too long.
    """
    folder = target.parent
    make_private_dir(folder)
    reason = read_only_reason(folder)
    if reason:
        raise StorageError(Problem.READ_ONLY, folder, detail=reason, action=BACKUP)
    with folder_lock(folder):
        return _copy_locked(raw, target, key)


def _copy_locked(raw: Connection, target: Path, key: engine.Key | None = None) -> Path:
    partial = temp_beside(target, "copy")  # its own name: two writers never share one
    try:
        with closing(engine.connect_new(partial, key)) as out:
            engine.copy(raw, out)  # consistent even while another connection writes (WAL)
            engine.as_single_file(out)
        publish(partial, target)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    return target


def backup_file(
    raw: Connection, folder: Path, reason: str = "manual", key: engine.Key | None = None
) -> Path:
    """A named backup (manual, before a migration or a restore); never pruned automatically."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return _copy(raw, folder / f"{PREFIX}{stamp}-{reason}.sqlite", key)


def daily_backup(
    raw: Connection, folder: Path, today: date | None = None, key: engine.Key | None = None
) -> Path | None:
    """Make today's backup unless it exists, then keep only the newest KEEP_DAILY daily ones.

    One process at a time: if another holds the backup folder's lock, it is making (or pruning)
    the backups right now and this one skips them.
    """
    day = today or date.today()
    target = folder / f"{PREFIX}{day.isoformat()}.sqlite"
    if target.exists():
        return None
    make_private_dir(folder)
    reason = read_only_reason(folder)
    if reason:
        raise StorageError(Problem.READ_ONLY, folder, detail=reason, action=BACKUP)
    with folder_lock(folder, wait=False) as mine:
        if not mine:
            log.info("another Termijn process is making the daily backup")
            return None
        made = None
        if not target.exists():  # made by another process while this one looked
            made = _copy_locked(raw, target, key)
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


def is_good(candidate: Path, key: engine.Key | None = None) -> bool:
    """A readable Termijn file this version can open whose quick_check passes."""
    try:
        state = check_file(candidate, backups=Path(os.devnull), key=key)
    except StorageError:
        return False
    return not state.empty


def newest_good_backup(folder: Path, key: engine.Key | None = None) -> Path | None:
    for candidate in backups_newest_first(folder):
        if is_good(candidate, key):
            return candidate
    return None


def make_backup(
    database: Path, folder: Path, reason: str = "manual", key: engine.Key | None = None
) -> Path:
    """`termijn backup`: a consistent copy of the live file into the backup folder."""
    try:
        with closing(engine.connect_readonly(database, key)) as raw:
            return backup_file(raw, folder.absolute(), reason, key)
    except StorageError:
        raise
    except LockTimeoutError as exc:
        raise StorageError(Problem.LOCKED, folder, action=BACKUP) from exc
    except (engine.Error, OSError) as exc:
        problem = problem_of(exc, folder) or Problem.IO
        place = folder if problem is Problem.FULL or isinstance(exc, OSError) else database
        raise StorageError(problem, place, detail=str(exc), action=BACKUP) from exc


def _aside_name(database: Path) -> Path:
    """`<name>.damaged-<when>`, beside the case file, not yet taken."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.damaged-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = database.with_name(f"{database.name}.damaged-{stamp}-{n}")
    return kept


def _damage(database: Path, key: engine.Key | None = None) -> bool:
    """Whether the case file is damaged or not ours (then it is set aside, never copied).

    Raises:
        StorageError: the file cannot be read for another reason (the disk, permissions).
    """
    if not database.exists():
        return False
    try:
        check_file(database, backups=Path(os.devnull), key=key)
    except StorageError as exc:
        if exc.problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE):
            return True
        if exc.problem is Problem.TOO_NEW:
            return False  # a good file: it is backed up like any other before it is replaced
        raise StorageError(exc.problem, database, detail=exc.detail, action=RESTORE) from exc
    return False


def _replace_damaged(database: Path, source: Path, key: engine.Key | None = None) -> Path:
    """Put a copy of `source` where the damaged case file is; every byte of that is kept aside.

    The order makes every moment safe to be killed in: the new file is written and synced under
    a temporary name; the damaged file gets a second name (a hard link, or a copy); its WAL
    files move to the same aside name; one rename puts the new file in place. So the case
    file's name holds the old file or the new one, never half of one.

    Returns:
        The aside name of the damaged file.
    """
    temp = temp_beside(database, "restore")
    try:
        with (
            closing(engine.connect_new(temp, key)) as out,
            closing(engine.connect_readonly(source, key)) as src,
        ):
            engine.copy(src, out)
            engine.as_case_file(out)  # before it is in place: opening it then writes nothing
        kept = _aside_name(database)
        keep_copy(database, kept)
        # The old WAL must not be replayed onto the new file; it belongs with the damaged one.
        for suffix in ("-wal", "-shm"):
            side = database.with_name(database.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
        publish(temp, database)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            temp.with_name(temp.name + suffix).unlink(missing_ok=True)
    log.warning("damaged case file kept aside as %s", kept.name)
    return kept


def restore(database: Path, source: Path, folder: Path, key: engine.Key | None = None) -> Path:
    """Replace the case file's contents with `source` after checking it; the current is kept aside.

    A healthy case file is copied into the backup folder first; a damaged one (which SQLite
    cannot copy) keeps every byte under `<name>.damaged-<when>` beside itself, never deleted.
    `source` goes through the same checks as a case file being opened. Relative paths work.
    `key`: the case file and its backups are encrypted with it.

    Returns:
        The backup of the contents that were replaced, or the damaged file's aside name.

    Raises:
        StorageError: `source` is missing, damaged, not ours or too new (nothing is changed);
            or the case file's folder cannot be written.
    """
    from desktop.store.database import open_database

    database, source, folder = database.absolute(), source.absolute(), folder.absolute()
    if not source.is_file():
        raise StorageError(Problem.MISSING, source, action=RESTORE)
    try:
        state = check_file(source, backups=Path(os.devnull), key=key)
    except StorageError as exc:
        raise StorageError(exc.problem, source, detail=exc.detail, action=RESTORE) from exc
    if state.empty:
        raise StorageError(Problem.NOT_A_DATABASE, source, detail=_("empty file"), action=RESTORE)
    prepare_folder(database.parent, database, action=RESTORE)
    try:
        with folder_lock(database.parent):
            if _damage(database, key):
                aside = _replace_damaged(database, source, key)
            else:
                if not database.exists():
                    open_database(database, backups=folder, daily_backup=False, key=key).close()
                with closing(engine.connect(database, key)) as live:
                    aside = backup_file(live, folder, reason="before-restore", key=key)
                    with closing(engine.connect_readonly(source, key)) as src:
                        # The copy writes into the live file under SQLite's own locks and WAL:
                        # other connections see the old or the new contents, never a mix.
                        engine.copy(src, live)
    except LockTimeoutError as exc:
        raise StorageError(Problem.LOCKED, database, action=RESTORE) from exc
    except (engine.Error, OSError) as exc:
        problem = problem_of(exc, database) or Problem.IO
        raise StorageError(problem, database, detail=str(exc), action=RESTORE) from exc
    # Opening migrates an older backup to the current schema (backing it up first).
    open_database(database, backups=folder, daily_backup=False, key=key).close()
    log.info("restored the case file from %s; previous contents in %s", source.name, aside.name)
    return aside
