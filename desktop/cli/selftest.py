"""`termijn self-test`: open the window offscreen on demo cases and print one line."""

from __future__ import annotations

import argparse
import importlib
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="check that this install works: the window offscreen on demo cases, one line out",
        description="Open the window offscreen on demo cases in a temporary folder, compute "
        "them, render a draft Notice, print one line and exit (status 0 when all worked).",
    )
    parser.add_argument("--lang", choices=("en", "nl"), help="language of the window")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: every other command runs without Qt (and without a display).
    app: Any = importlib.import_module("desktop.app")
    code: int = app.self_test(args)
    return code
