"""`termijn init [--encrypt]`, `encrypt`, `decrypt`, `passphrase`: the case file's encryption.

Passphrases come from the terminal (typed twice when new) or from the first line of the file
named by TERMIJN_PASSPHRASE_FILE (the current one) and TERMIJN_NEW_PASSPHRASE_FILE (a new
one), never from an argument. The recovery key is printed once; `--recovery-pdf FILE` also
saves it as a sheet to print.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.cases import storage_errors
from desktop.cli.input import ask_line, interactive
from desktop.cli.passphrase import CASE_FILE_ENV, NEW_ENV, ask, ask_new
from desktop.cli.unlock import case_file_key
from desktop.paths import AppPaths, app_paths
from desktop.privacy import vault
from desktop.privacy.keyfile import KeyFileError, WrongSecretError
from desktop.privacy.safe_write import write_private

RECOVERY_ENV = "TERMIJN_RECOVERY_FILE"


def register(subparsers: Any) -> None:
    init = subparsers.add_parser(
        "init",
        help="make a new case file (--encrypt: encrypted with a passphrase, recommended)",
        description="Make a new, empty case file in the data folder. With --encrypt it is "
        "encrypted (SQLCipher 4) with a passphrase; the recovery key printed once opens it "
        "if the passphrase is forgotten. "
        f"The passphrase is typed twice on the terminal, or read from the file {NEW_ENV} names.",
    )
    init.add_argument("--encrypt", action="store_true", help="encrypted (recommended)")
    _recovery_pdf_option(init)
    init.set_defaults(func=run_init)

    encrypt = subparsers.add_parser(
        "encrypt",
        help="encrypt the case file and every backup (each through a checked copy)",
        description="Encrypts the case file and every backup with a new passphrase. Each file "
        "is written encrypted under a temporary name, checked (every page, the same rows), and "
        "only then put in place of the original; the original's bytes are then overwritten. "
        "Interrupted, the same command finishes the work.",
    )
    _recovery_pdf_option(encrypt)
    encrypt.set_defaults(func=run_encrypt)

    decrypt = subparsers.add_parser(
        "decrypt",
        help="decrypt the case file and every backup (after the passphrase and a confirmation)",
    )
    decrypt.add_argument("--yes", action="store_true", help="do not ask (scripts)")
    decrypt.set_defaults(func=run_decrypt)

    passphrase = subparsers.add_parser(
        "passphrase",
        help="change the passphrase (--recover: with the recovery key, when it is forgotten)",
        description="Changes the passphrase of an encrypted case file; only the small key file "
        "is rewritten, the recovery key stays valid. --recover asks for the recovery key "
        f"instead of the passphrase (or reads it from the file {RECOVERY_ENV} names).",
    )
    passphrase.add_argument("--recover", action="store_true", help="use the recovery key")
    passphrase.set_defaults(func=run_passphrase)


def _recovery_pdf_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-pdf", metavar="FILE.pdf", help="also save the recovery key as a sheet to print"
    )


def _show_recovery(paths: AppPaths, recovery: str, pdf: str | None) -> None:
    print(f"Recovery key: {recovery}")
    print(
        "Write it down or print it and keep it away from this computer: it opens the case file "
        "if the passphrase is forgotten. It is shown only now.",
        file=sys.stderr,
    )
    if pdf:
        from desktop.documents.recovery_sheet import recovery_pdf

        target = Path(pdf)
        try:
            write_private(target, recovery_pdf(recovery, str(paths.data), date.today(), "en"))
        except OSError as exc:
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
        print(f"recovery sheet saved: {target} (print it, then delete the file)", file=sys.stderr)


@storage_errors
def run_init(args: argparse.Namespace) -> int:
    paths = app_paths(args.data_dir).ensure()
    if paths.database.exists() and paths.database.stat().st_size:
        raise UsageError(
            f"there is a case file already: {paths.database}"
            + ("; `termijn encrypt` encrypts it" if args.encrypt else "")
        )
    if not args.encrypt:
        vault.open_case_file(paths, None, daily_backup=False).close()
        print(f"made a new case file (not encrypted): {paths.database}")
        return 0
    passphrase = ask_new("the case file")
    try:
        _key, recovery = vault.create(paths, passphrase)
    except vault.VaultError as exc:
        raise UsageError(str(exc)) from None
    print(f"made a new encrypted case file: {paths.database}")
    _show_recovery(paths, recovery, args.recovery_pdf)
    return 0


def _progress(name: str) -> None:
    print(f"  {name}: converted and checked", file=sys.stderr)


@storage_errors
def run_encrypt(args: argparse.Namespace) -> int:
    paths = app_paths(args.data_dir)
    found = vault.state(paths)
    if not paths.database.exists():
        raise UsageError("there is no case file yet: `termijn init --encrypt` makes one")
    if found.database_encrypted and not found.plain_backups:
        raise UsageError("the case file is encrypted already (`termijn passphrase` changes it)")
    passphrase = (
        ask("Passphrase of the case file: ", CASE_FILE_ENV)
        if found.database_encrypted or found.key_file
        else ask_new("the case file")
    )
    try:
        _key, recovery = vault.encrypt(paths, passphrase, _progress)
    except vault.VaultError as exc:
        raise UsageError(str(exc)) from None
    print("the case file and its backups are encrypted")
    _show_recovery(paths, recovery, args.recovery_pdf)
    return 0


@storage_errors
def run_decrypt(args: argparse.Namespace) -> int:
    paths = app_paths(args.data_dir)
    found = vault.state(paths)
    if not found.database_encrypted and not found.encrypted_backups:
        if not found.key_file:
            raise UsageError("the case file is not encrypted")
        vault.forget_keys(paths)  # an interrupted decrypt: only the key files were left
        print("the case file and its backups are decrypted (not encrypted any more)")
        return 0
    if not args.yes:
        if not interactive():
            raise UsageError("nothing was decrypted: confirm on a terminal, or add --yes")
        answer = ask_line(
            "Decrypting writes every case in the clear on this disk. Type 'decrypt' to go on: "
        )
        if answer.strip().casefold() != "decrypt":
            raise UsageError("nothing was decrypted")
    if found.database_encrypted:
        key = case_file_key(paths)
    else:  # an interrupted decrypt: the key file still opens the backups left
        try:
            key = vault.unlock(paths, ask("Passphrase of the case file: ", CASE_FILE_ENV))
        except (WrongSecretError, KeyFileError) as exc:
            raise UsageError(f"wrong passphrase or no key file ({exc}); nothing changed") from None
    assert key is not None
    vault.decrypt(paths, key, _progress)
    print("the case file and its backups are decrypted (not encrypted any more)")
    return 0


@storage_errors
def run_passphrase(args: argparse.Namespace) -> int:
    paths = app_paths(args.data_dir)
    if not vault.state(paths).needs_key:
        raise UsageError("the case file is not encrypted: `termijn encrypt` encrypts it")
    if args.recover:
        recovery = ask("Recovery key: ", RECOVERY_ENV)
        new = ask_new("the case file")
        try:
            vault.recover(paths, recovery, new)
        except (WrongSecretError, KeyFileError) as exc:
            raise UsageError(f"that recovery key does not open this case file ({exc})") from None
        print("a new passphrase is set; the recovery key stays the same")
        return 0
    key = case_file_key(paths)
    assert key is not None
    vault.change_passphrase(paths, key, ask_new("the case file"))
    print("the passphrase is changed; the recovery key stays the same")
    return 0
