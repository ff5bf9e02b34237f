"""`termijn` command line: one module per command group, none of them imports Qt."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__

# Each module has `register(subparsers)` and sets `func` on its parsers; func(args) -> exit code.
COMMAND_MODULES = ("compute", "documents", "cases", "store_admin")
SUBCOMMANDS = frozenset(
    {"compute", "cases", "demo", "backup", "restore", "notice", "checklist", "self-test"}
)


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2, never a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="termijn",
        description="Termijn: IND decision terms, Notices of Default and penalties, offline.",
    )
    parser.add_argument("--version", action="version", version=f"termijn {__version__}")
    parser.add_argument(
        "--data-dir", help="folder for the case database and backups (default: per-user data dir)"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"desktop.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        code: int = args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code
