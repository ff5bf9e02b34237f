"""`termijn backup`, `termijn restore FILE`, `termijn demo`: looking after the case file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.cases import repository, storage_errors
from desktop.cli.options import today_option
from desktop.cli.unlock import case_file_key
from desktop.paths import app_paths
from desktop.privacy import vault
from desktop.store import Problem, StorageError
from desktop.store.backup import make_backup, restore
from desktop.store.demo import demo_cases


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="copy the case file into the backup folder")
    backup.set_defaults(func=run_backup)

    restoring = subparsers.add_parser(
        "restore", help="replace the case file with a backup (the current one is kept aside)"
    )
    restoring.add_argument("file", metavar="FILE", help="a backup made by Termijn")
    restoring.set_defaults(func=run_restore)

    demo = subparsers.add_parser("demo", help="add realistic demo cases")
    demo.add_argument("--cases", type=int, default=200, metavar="N", help="how many (default 200)")
    demo.add_argument("--seed", type=int, default=0, help="the same seed gives the same cases")
    demo.add_argument("--today", help="the day the demo is built around (default: today)")
    demo.set_defaults(func=run_demo)


@storage_errors
def run_backup(args: argparse.Namespace) -> int:
    paths = app_paths(args.data_dir)
    key = case_file_key(paths)  # an encrypted file's backup is encrypted with its key too
    # Opening first checks the file: a damaged one is reported, not copied as if it were good.
    vault.open_case_file(paths, key, daily_backup=False).close()
    made = make_backup(paths.database, paths.backups, key=key)
    print(f"backup written: {made}")
    return 0


@storage_errors
def run_restore(args: argparse.Namespace) -> int:
    paths = app_paths(args.data_dir)
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    key = case_file_key(paths) if vault.is_encrypted_file(source) else None
    try:
        aside = restore(paths.database, source, paths.backups, key=key)
    except StorageError as exc:
        if exc.path == source and exc.problem is not Problem.READ_ONLY:
            raise UsageError(f"{source} cannot be restored: {exc}") from None
        raise
    print(f"restored {paths.database} from {source}; the previous contents are in {aside}")
    return 0


@storage_errors
def run_demo(args: argparse.Namespace) -> int:
    if not 0 < args.cases <= 1_000_000:
        raise UsageError("--cases: expected a number from 1 to 1000000")
    today: date = today_option(args.today)
    records = list(demo_cases(args.cases, seed=args.seed, today=today))
    with repository(args) as repo:
        ids = repo.save_many([cf for cf, _ in records], [p for _, p in records])
    print(f"added {len(ids)} demo case(s): ids {ids[0]}-{ids[-1]}")
    return 0
