"""`termijn compute`: the deadline core on JSON, exactly as deadline-contract.md fixes it."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
    with _no_cycle_collection():
        results = (
            result_to_contract(compute(cf.case, today=today, rules=pack, flags=flags), args.lang)
            for cf in case_files
        )
        if batch:
            # Each result becomes text as soon as it is computed, so the batch never holds every
            # result object at once; the bytes are json.dumps(list)'s: "[" + ", ".join + "]".
            text = "[" + ", ".join(json.dumps(r, ensure_ascii=False) for r in results) + "]"
        else:
            text = json.dumps(next(results), ensure_ascii=False, indent=2)
    _write_utf8(text + "\n")
    return 0


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while a batch is computed.

    The core makes no reference cycles, so refcounting frees everything; the collector would
    only walk the batch's many live objects (the parsed cases, each result under way) over and
    over, about a sixth of a 10,000-case batch's time, and free nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
