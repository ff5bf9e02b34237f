"""Encrypted case files: make one, open one, change its passphrase, encrypt or decrypt a folder.

Which file is encrypted is read from the file itself: a plain SQLite file starts with its
plain header, an encrypted one with random bytes. The key file (`keyfile.py`) is written before
anything is encrypted with its key and removed only when nothing is left that needs it, so a
run killed at any step leaves every file either as it was or converted and checked, and the
same command run again finishes the work.

Converting a file goes through a verified copy: SQLCipher's export writes it under a temporary
name in the same folder, the copy is checked (integrity, every page's HMAC when encrypted, the
same rows in every table, the same marks), and only then renamed over the original. The
original is overwritten with zeros through a handle kept open across the rename, so the plain
bytes do not stay on the disk where the file system allows it (not on copy-on-write file
systems or flash wear levelling; full-disk encryption covers those).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from desktop.paths import AppPaths
from desktop.privacy.keyfile import (
    KeyFile,
    KeyFileError,
    WrongSecretError,
    key_path,
    new_data_key,
    new_recovery_key,
)
from desktop.privacy.throttle import Throttle
from desktop.store import engine
from desktop.store.backup import backups_newest_first
from desktop.store.database import Database, open_database
from desktop.store.errors import Problem, StorageError
from desktop.store.files import fsync_folder, sweep, temp_beside
from desktop.store.locks import folder_lock

log = logging.getLogger("termijn.privacy")

PLAIN_HEADER = b"SQLite format 3\x00"
BACKUP_KEY_NAME = "termijn.key"  # the key file's copy in the backup folder
ATTEMPTS = "unlock-attempts.json"


FAULT_ENV = "TERMIJN_TEST_KILL_AT"  # tests: the step at which the process kills itself


def _step(name: str) -> None:
    """A point where a run may be killed; the tests kill it at each one (fault injection)."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class VaultError(ValueError):
    """What stops an encryption task, in words for the user."""


class TooManyTriesError(VaultError):
    def __init__(self, wait: float) -> None:
        self.wait = wait
        super().__init__(f"too many wrong passphrases: wait {int(wait) + 1} seconds")


def is_encrypted_file(path: Path) -> bool:
    """A file with content that does not start with SQLite's plain header."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except OSError:
        return False
    return bool(head) and head != PLAIN_HEADER


def backup_key_path(paths: AppPaths) -> Path:
    return paths.backups / BACKUP_KEY_NAME


@dataclass(frozen=True)
class State:
    """What the data folder holds, as far as encryption goes."""

    database_encrypted: bool
    key_file: bool  # termijn.sqlite.key beside the case file
    encrypted_backups: tuple[Path, ...]
    plain_backups: tuple[Path, ...]

    @property
    def needs_key(self) -> bool:
        """A passphrase is needed to open the case file."""
        return self.database_encrypted

    @property
    def unfinished(self) -> bool:
        """An encrypt or decrypt that was interrupted (the same command finishes it)."""
        if self.database_encrypted:
            return bool(self.plain_backups)
        return self.key_file and bool(self.encrypted_backups)


def state(paths: AppPaths) -> State:
    """Which files are encrypted.

    Without a key file (beside the case file, or its copy in the backup folder) none is: a
    file that does not start like SQLite is then damaged or not Termijn's, as the store says.
    """
    keys = key_path(paths.database).exists()
    if not (keys or backup_key_path(paths).exists()):
        return State(False, False, (), tuple(backups_newest_first(paths.backups)))
    backups = backups_newest_first(paths.backups)
    encrypted = tuple(p for p in backups if is_encrypted_file(p))
    return State(
        is_encrypted_file(paths.database),
        keys,
        encrypted,
        tuple(p for p in backups if p not in encrypted),
    )


def throttle(paths: AppPaths) -> Throttle:
    return Throttle(paths.cache / ATTEMPTS)


def read_key_file(paths: AppPaths) -> KeyFile:
    """The case file's key file, or its copy in the backup folder if that is all there is."""
    main = key_path(paths.database)
    try:
        return KeyFile.read(main)
    except KeyFileError:
        copy = backup_key_path(paths)
        if main.exists() or not copy.exists():
            raise
        log.warning("the key file is missing beside the case file; its backup copy is used")
        return KeyFile.read(copy)


def unlock(paths: AppPaths, passphrase: str, *, tries: Throttle | None = None) -> bytes:
    """The data key; a wrong passphrase counts towards the slow-down (TooManyTriesError)."""
    tries = tries or throttle(paths)
    wait = tries.wait()
    if wait > 0:
        raise TooManyTriesError(wait)
    keys = read_key_file(paths)
    try:
        key = keys.unlock(passphrase)
    except WrongSecretError:
        tries.failed()
        raise
    tries.succeeded()
    return key


def _save_keys(paths: AppPaths, keys: KeyFile) -> None:
    """The key file beside the case file and its copy in the backup folder, each atomically."""
    from desktop.paths import make_private_dir

    keys.write(key_path(paths.database))
    _step("key-file")
    make_private_dir(paths.backups)
    keys.write(backup_key_path(paths))
    _step("key-files")


def sync_backup_key(paths: AppPaths) -> None:
    """Keep the backup folder's copy of the key file the same as the one in use."""
    main = key_path(paths.database)
    copy = backup_key_path(paths)
    with contextlib.suppress(OSError, KeyFileError):
        data = main.read_bytes()
        if not copy.exists() or copy.read_bytes() != data:
            from desktop.paths import make_private_dir

            make_private_dir(paths.backups)
            KeyFile.from_bytes(data).write(copy)


def recover(paths: AppPaths, recovery: str, new_passphrase: str) -> bytes:
    """Open with the recovery key and set a new passphrase (the recovery key stays valid)."""
    keys = read_key_file(paths)
    key = keys.recover(recovery)
    _save_keys(paths, keys.with_passphrase(key, new_passphrase))
    throttle(paths).succeeded()
    log.info("a new passphrase was set with the recovery key")
    return key


def change_passphrase(paths: AppPaths, key: bytes, new_passphrase: str) -> None:
    """Rewrap the data key under a new passphrase: the key file only, never the database."""
    keys = read_key_file(paths)
    _save_keys(paths, keys.with_passphrase(key, new_passphrase))
    log.info("the passphrase was changed")


def open_case_file(paths: AppPaths, key: bytes | None, *, daily_backup: bool = True) -> Database:
    """open_database with the key (None for a plain file); the backup copy of keys kept in step."""
    if key is not None:
        sync_backup_key(paths)
    return open_database(paths.database, backups=paths.backups, daily_backup=daily_backup, key=key)


# ---------------------------------------------------------------------- new, encrypt, decrypt


def create(paths: AppPaths, passphrase: str) -> tuple[bytes, str]:
    """A new, empty, encrypted case file; returns its key and the recovery key (show it once).

    Raises:
        VaultError: a case file is already there (encrypt that one instead).
    """
    if paths.database.exists() and paths.database.stat().st_size:
        raise VaultError(f"there is a case file already: {paths.database} (encrypt it instead)")
    key, recovery = new_data_key(), new_recovery_key()
    _save_keys(paths, KeyFile.create(key, passphrase, recovery))  # before the file it opens
    open_case_file(paths, key, daily_backup=False).close()
    log.info("created a new encrypted case file")
    return key, recovery


Progress = Callable[[str], None]


def encrypt(
    paths: AppPaths, passphrase: str, progress: Progress | None = None
) -> tuple[bytes, str]:
    """Encrypt the case file and every backup; returns the key and a new recovery key.

    A key file left by an interrupted run is used again if the passphrase opens it (its files
    may already be encrypted with that key).

    Raises:
        VaultError: already encrypted, or a leftover key file the passphrase does not open.
        StorageError: the case file is damaged, in use by another Termijn, or the disk's
            problem; nothing has been changed then.
    """
    tell = progress or (lambda _text: None)
    found = state(paths)
    if found.database_encrypted and not found.plain_backups:
        raise VaultError("the case file is encrypted already")
    key = None
    if found.key_file:
        try:
            key = read_key_file(paths).unlock(passphrase)
        except WrongSecretError:
            raise VaultError(
                "a key file from an earlier, unfinished encryption is here and this passphrase "
                "does not open it: give that passphrase, or move "
                f"{key_path(paths.database).name} away if nothing is encrypted with it"
            ) from None
    key = key or new_data_key()
    recovery = new_recovery_key()
    _save_keys(paths, KeyFile.create(key, passphrase, recovery))
    if paths.database.exists() and not found.database_encrypted:
        tell("case file")
        _convert(paths.database, paths.database, None, key, exclusive=True)
    for backup in state(paths).plain_backups:
        _step("backup")
        tell(backup.name)
        _convert(backup, backup, None, key, exclusive=False)
    log.info("the case file and its backups are encrypted")
    return key, recovery


def decrypt(paths: AppPaths, key: bytes, progress: Progress | None = None) -> None:
    """Decrypt the case file and every backup, then remove the key files (last)."""
    tell = progress or (lambda _text: None)
    found = state(paths)
    if found.database_encrypted:
        tell("case file")
        _convert(paths.database, paths.database, key, None, exclusive=True)
    for backup in found.encrypted_backups:
        _step("backup")
        tell(backup.name)
        _convert(backup, backup, key, None, exclusive=False)
    _step("converted")
    forget_keys(paths)
    log.info("the case file and its backups are decrypted")


def forget_keys(paths: AppPaths) -> None:
    """Remove the key files, once nothing encrypted with their key is left."""
    left = state(paths)
    if left.database_encrypted or left.encrypted_backups:
        raise VaultError("files encrypted with this key are still here: the key files stay")
    for path in (key_path(paths.database), backup_key_path(paths)):
        path.unlink(missing_ok=True)
    fsync_folder(paths.data)


def _tables(raw: engine.Connection, schema_name: str = "main") -> dict[str, int]:
    names = [
        str(r[0])
        for r in raw.execute(
            f"SELECT name FROM {schema_name}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    ]
    return {
        n: int(raw.execute(f'SELECT count(*) FROM {schema_name}."{n}"').fetchone()[0])
        for n in names
    }


def _convert(
    source: Path, target: Path, old: bytes | None, new: bytes | None, *, exclusive: bool
) -> None:
    """Write `source` re-keyed (`old` -> `new`) to a temporary copy, verify it, put it in place.

    `exclusive`: the live case file: no other connection may have it open meanwhile (another
    Termijn would go on writing to the file being replaced): refused if one has.
    """
    folder = target.parent
    with folder_lock(folder):
        sweep(folder)  # the copies of a run killed earlier go first
        temp = temp_beside(target, "convert")  # empty, owner-only: SQLite fills it
        try:
            with contextlib.suppress(OSError):  # the mode the user gave the original, if any
                os.chmod(temp, os.stat(target).st_mode & 0o777)
            # A backup is opened as it is (one file, no log); the case file with its pragmas.
            opener = engine.connect if exclusive else engine.connect_new
            with closing(opener(source, old)) as raw:
                marks = (engine.application_id(raw), engine.user_version(raw))
                if exclusive:
                    _hold_alone(raw, source)
                counts = _tables(raw)
                engine.export(raw, temp, new, marks)
                _step("exported")
                with closing(engine.connect_new(temp, new)) as out:
                    # The case file in its own journal mode before it is in place (opening it
                    # then writes nothing); a backup as a single file.
                    (engine.as_case_file if exclusive else engine.as_single_file)(out)
                _verify(temp, new, counts, marks)
                _step("verified")
                _swap(temp, target)
        except engine.Error as exc:
            problem = engine.classify(exc) or Problem.CORRUPT
            raise StorageError(problem, source, detail=str(exc), action="convert") from exc
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                temp.with_name(temp.name + suffix).unlink(missing_ok=True)


def _hold_alone(raw: engine.Connection, path: Path) -> None:
    """Keep every other connection out, and the log empty, until this one closes."""
    raw.execute("PRAGMA locking_mode = EXCLUSIVE")
    try:
        engine.begin(raw, writer=True)
        raw.execute("COMMIT")
        busy = not engine.empty_log(raw)
    except engine.Error as exc:
        busy = True
        log.info("the case file is in use: %s", exc)
    if busy:
        raise StorageError(
            Problem.LOCKED,
            path,
            detail="another Termijn window or command has the case file open: close it first",
            action="convert",
        )


def _verify(path: Path, key: bytes | None, counts: dict[str, int], marks: tuple[int, int]) -> None:
    """The copy opens with its key, is whole, and has the same rows and marks as the original."""
    with closing(engine.connect_readonly(path, key)) as raw:
        if key is not None:
            engine.check_cipher(raw)
        problems = engine.quick_check(raw)
        if problems != ["ok"]:
            raise StorageError(Problem.CORRUPT, path, detail=f"the copy: {problems[:3]}")
        if key is not None and engine.integrity_of_pages(raw):
            raise StorageError(Problem.CORRUPT, path, detail="the copy: a page's HMAC differs")
        found = (engine.application_id(raw), engine.user_version(raw))
        if found != marks or _tables(raw) != counts:
            raise StorageError(Problem.CORRUPT, path, detail="the copy differs from the original")


def _swap(temp: Path, target: Path) -> None:
    """Put the verified copy in place; then zero the original's bytes through a kept handle."""
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())
    old = None
    with contextlib.suppress(OSError):
        old = os.open(target, os.O_RDWR)
    try:
        for suffix in ("-wal", "-shm", "-journal"):  # never replayed onto the new file
            side = target.with_name(target.name + suffix)
            if side.exists() and not side.stat().st_size:
                side.unlink()
        os.replace(temp, target)
        fsync_folder(target.parent)
        _step("swapped")
        if old is not None:
            _zero(old)
    finally:
        if old is not None:
            os.close(old)


def _zero(fd: int) -> None:
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    block = b"\0" * (1 << 20)
    done = 0
    while done < size:
        done += os.write(fd, block[: min(len(block), size - done)])
    os.fsync(fd)


def remember_wait(paths: AppPaths) -> float:
    """Seconds until the next passphrase try is allowed (0: now)."""
    return throttle(paths).wait()


def wait_then(paths: AppPaths, say: Callable[[str], None]) -> None:
    """Sleep out a slow-down (the command line: a script gets the same wait, not an error)."""
    wait = remember_wait(paths)
    if wait > 0:
        say(f"too many wrong passphrases: waiting {int(wait) + 1} seconds")
        time.sleep(wait)
