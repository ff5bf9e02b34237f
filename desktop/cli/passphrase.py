"""Passphrases on the command line: from the terminal (not echoed) or a file, never an argument.

An argument would sit in the shell's history and in every process listing. A script names a
file instead (`TERMIJN_PASSPHRASE_FILE=~/.termijn-pass termijn cases list`): its first line is
the passphrase. Without a terminal and without the file, a command says so instead of hanging.
"""

from __future__ import annotations

import getpass
import os

from desktop.cli import UsageError
from desktop.cli.input import interactive, read_first_line

CASE_FILE_ENV = "TERMIJN_PASSPHRASE_FILE"
NEW_ENV = "TERMIJN_NEW_PASSPHRASE_FILE"  # `termijn passphrase`, `init --encrypt` in scripts
BUNDLE_ENV = "TERMIJN_BUNDLE_PASSPHRASE_FILE"
MIN_LENGTH = 8  # shorter is guessed in minutes whatever the KDF
MAX_LENGTH = 1024


def from_file(env: str) -> str | None:
    name = os.environ.get(env)
    return read_first_line(name, env, MAX_LENGTH) if name else None


def ask(prompt: str, env: str = CASE_FILE_ENV) -> str:
    """An existing passphrase: the file `env` names, else the terminal."""
    found = from_file(env)
    if found is not None:
        return found
    if not interactive():
        raise UsageError(f"a passphrase is needed: run this in a terminal, or set {env} to a file")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise UsageError("no passphrase given") from None


def ask_new(what: str, env: str = NEW_ENV) -> str:
    """A new passphrase, typed twice on a terminal; checked for length."""
    found = from_file(env)
    if found is None:
        if not interactive():
            raise UsageError(
                f"a new passphrase is needed: run this in a terminal, or set {env} to a file"
            )
        try:
            found = getpass.getpass(f"New passphrase for {what}: ")
            again = getpass.getpass("The same passphrase again: ")
        except EOFError:
            raise UsageError("no passphrase given") from None
        if found != again:
            raise UsageError("the two passphrases differ; nothing was changed")
    problem = weakness(found)
    if problem:
        raise UsageError(problem)
    return found


def weakness(passphrase: str) -> str:
    """Why a new passphrase will not do, or ""."""
    if len(passphrase) < MIN_LENGTH:
        return f"the passphrase is too short: use at least {MIN_LENGTH} characters (a few words)"
    if len(passphrase) > MAX_LENGTH:
        return f"the passphrase is longer than {MAX_LENGTH} characters"
    return ""
