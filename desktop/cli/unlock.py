"""Opening the case file from the command line: plain as it is, encrypted after the passphrase."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.cli import UsageError
from desktop.cli.passphrase import CASE_FILE_ENV, ask, from_file
from desktop.paths import AppPaths, app_paths
from desktop.privacy import vault
from desktop.privacy.keyfile import KeyFileError, WrongSecretError
from desktop.store.database import Database

TRIES = 3  # on a terminal: typed again after a typing mistake


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def case_file_key(paths: AppPaths) -> bytes | None:
    """The key of the case file (asking for the passphrase), or None if it is a plain file.

    A wrong passphrase changes nothing; after five the next tries wait, doubling each time.
    """
    if not vault.state(paths).needs_key:
        return None
    scripted = from_file(CASE_FILE_ENV) is not None
    for attempt in range(1 if scripted else TRIES):
        vault.wait_then(paths, _say)
        passphrase = ask("Passphrase of the case file: ")
        try:
            return vault.unlock(paths, passphrase)
        except WrongSecretError:
            if attempt + 1 < (1 if scripted else TRIES):
                _say("That is not the passphrase; try again.")
        except vault.TooManyTriesError as exc:
            time.sleep(exc.wait)
        except KeyFileError as exc:
            raise UsageError(
                f"{exc}: the encrypted case file cannot be opened without its key file "
                f"({paths.database.name}.key); a copy is in the backup folder"
            ) from None
    raise UsageError(
        "wrong passphrase: the case file was not opened and nothing was changed "
        "(forgotten? `termijn passphrase --recover` uses the recovery key)"
    )


@contextmanager
def opened(args: argparse.Namespace, *, daily_backup: bool = True) -> Iterator[Database]:
    """The case file of `--data-dir`, opened (after the passphrase if it is encrypted)."""
    paths = app_paths(args.data_dir)
    key = case_file_key(paths)
    with vault.open_case_file(paths, key, daily_backup=daily_backup) as db:
        yield db
