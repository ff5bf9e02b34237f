"""`termijn` command line: one module per command group, none of them imports Qt."""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from desktop import __version__

# Each module has `register(subparsers)` and sets `func` on its parsers; func(args) -> exit code.
COMMAND_MODULES = (
    "compute",
    "schema",
    "documents",
    "cases",
    "calendar",
    "store_admin",
    "selftest",
    "rules",
    "bundle",
    "privacy",
    "encryption",
)
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a writer killed by SIGPIPE (128 + 13)


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2, never a traceback."""


class _Parser(argparse.ArgumentParser):
    """argparse, but an unknown command is one line that lists the commands there are."""

    commands: Sequence[str] = ()

    def error(self, message: str) -> NoReturn:
        if self.commands and message.startswith("argument COMMAND: invalid choice"):
            word = message.split("'")[1] if "'" in message else ""
            close = difflib.get_close_matches(word, self.commands, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            self.exit(
                EXIT_USAGE,
                f"error: unknown command {word!r}{hint}; the commands are: "
                f"{', '.join(self.commands)}. `termijn-gui` opens the window.\n",
            )
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="termijn",
        description="Termijn: IND decision terms, Notices of Default and penalties, offline. "
        "The window is `termijn-gui`; these are the command-line commands.",
    )
    parser.add_argument("--version", action="version", version=f"termijn {__version__}")
    parser.add_argument(
        "--data-dir", help="folder for the case database and backups (default: per-user data dir)"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="the same as the self-test command"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"desktop.cli.{name}").register(subparsers)
    parser.commands = tuple(subparsers.choices)
    return parser


def _stdout_gone() -> int:
    """The reader (e.g. `head`) closed the pipe: not an error to report, and no traceback."""
    # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        if not args.self_test:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        args.func = importlib.import_module("desktop.cli.selftest").run
        args.lang = None
    try:
        importlib.import_module("desktop.cli.rules").data_folder_packs(args)  # packs, pack in use
        code: int = args.func(args)
        sys.stdout.flush()
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return _stdout_gone()
    except KeyboardInterrupt:
        return 130
    return code
