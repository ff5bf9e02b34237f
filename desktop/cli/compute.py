"""`termijn compute`: the deadline core on JSON, exactly as deadline-contract.md fixes it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.cli.input import read_case_files
from desktop.cli.options import (
    add_assume_option,
    add_rules_option,
    assumed_flags,
    rules_option,
    today_option,
)
from desktop.core import compute, result_to_contract


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compute",
        help="compute the dates of one case or a batch (JSON in, JSON out)",
        description="Compute decision-term end, Notice date, penalty and appeal date. The case "
        "file format is described, with an example per procedure and event type, in "
        "docs/case-format.md; `termijn schema` prints its JSON Schema; examples/ holds ready "
        "case files. The output is fixed in docs/deadline-contract.md.",
    )
    parser.add_argument(
        "case_file",
        metavar="CASE.json",
        help="one case object, or an array of them (a batch); - reads standard input",
    )
    parser.add_argument("--today", help="the date to work the figures out for (YYYY-MM-DD)")
    parser.add_argument(
        "--lang", choices=("en", "nl"), default="en", help="language of 'explanation'"
    )
    add_assume_option(parser)
    add_rules_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    pack = rules_option(args)
    flags = assumed_flags(args.assume, pack)
    # The whole batch is validated before anything is computed: one bad case fails it, and
    # nothing half-written reaches standard output. Personal fields are checked too, so a file
    # `compute` accepts is one `notice` and `cases import` accept.
    case_files, batch = read_case_files(args.case_file)
    results = [
        result_to_contract(compute(cf.case, today=today, rules=pack, flags=flags), args.lang)
        for cf in case_files
    ]
    out = results if batch else results[0]
    _write_utf8(json.dumps(out, ensure_ascii=False, indent=2 if not batch else None) + "\n")
    return 0


def _write_utf8(text: str) -> None:
    """All of `text` on standard output as UTF-8, whatever the locale (the contract's promise).

    The input boundary refused lone surrogates, so the encoding cannot fail. A buffered write
    to a pipe whose reader left may stop part-way without an error: keep writing until all is
    out, so the next write raises BrokenPipeError (exit 141, like any writer stopped by `head`).
    """
    sys.stdout.flush()
    data = memoryview(text.encode("utf-8"))
    while data:
        written = sys.stdout.buffer.write(data)
        if not written:
            raise BrokenPipeError("standard output takes no more")
        data = data[written:]
    sys.stdout.buffer.flush()
