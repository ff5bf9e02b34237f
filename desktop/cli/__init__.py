"""`termijn` command line: one module per command group, none of them imports Qt."""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

# Each module has `register(subparsers)` and sets `func` on its parsers; func(args) -> exit code.
# The commands each module registers, in the order `termijn --help` lists them: a command run
# imports only its own module (`compute` need not load the store, ReportLab or cryptography);
# tests/cli/test_main_dispatch.py checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, ...]] = {
    "compute": ("compute",),
    "schema": ("schema",),
    "documents": ("notice", "checklist", "appeal", "penalty-request", "appointment-letter"),
    "cases": ("cases",),
    "calendar": ("calendar",),
    "store_admin": ("backup", "restore", "demo"),
    "selftest": ("self-test",),
    "rules": ("rules",),
    "bundle": ("bundle",),
    "privacy": ("person", "retention"),
    "encryption": ("init", "encrypt", "decrypt", "passphrase"),
}
COMMAND_MODULES = tuple(COMMANDS)
_MODULE_OF = {command: module for module, names in COMMANDS.items() for command in names}
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


class _VersionAction(argparse.Action):
    """`--version`, read from the package metadata only when asked (it costs ~25 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(default=argparse.SUPPRESS, nargs=0)
        super().__init__(option_strings, argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from desktop import __version__

        print(f"termijn {__version__}")  # on standard output, as argparse's own version action
        parser.exit()


def _command_word(argv: Sequence[str]) -> str | None:
    """The command `argv` names, looking past the top-level options (None: no command)."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return None  # rare enough to leave to the full parser
        if not word.startswith("-"):
            return word
        # `--data-dir DIR` (or an abbreviation of it, as argparse allows) takes the next word.
        if "=" not in word and len(word) > 3 and "--data-dir".startswith(word):
            next(words, None)
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: with only the named command's module when it names a known one.

    Without `argv`, an unknown command or none, every module registers (help, the list of
    commands in "unknown command", --self-test).
    """
    parser = _Parser(
        prog="termijn",
        description="Termijn: IND decision terms, Notices of Default and penalties, offline. "
        "The window is `termijn-gui`; these are the command-line commands.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    parser.add_argument(
        "--data-dir", help="folder for the case database and backups (default: per-user data dir)"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="the same as the self-test command"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    word = _command_word(argv) if argv is not None else None
    modules = (_MODULE_OF[word],) if word in _MODULE_OF else COMMAND_MODULES
    for name in modules:
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
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    args = parser.parse_args(words)
    if args.command is None:
        if not args.self_test:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        args.func = importlib.import_module("desktop.cli.selftest").run
        args.lang = None
    try:
        importlib.import_module("desktop.cli.options").data_folder_packs(args)  # pack in use
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
