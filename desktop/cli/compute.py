"""`termijn compute`: the deadline core on JSON, exactly as deadline-contract.md fixes it."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.core import CaseInputError, compute, load_rule_pack, parse_case, result_to_contract
from desktop.core.parse import parse_date


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compute",
        help="compute the dates of one case or a batch (JSON in, JSON out)",
        description="Compute decision-term end, Notice date, penalty and appeal date.",
    )
    parser.add_argument(
        "case_file", metavar="CASE.json", help="a case object or array; - for stdin"
    )
    parser.add_argument("--today", help="the date to work the figures out for (YYYY-MM-DD)")
    parser.add_argument(
        "--lang", choices=("en", "nl"), default="en", help="language of 'explanation'"
    )
    parser.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="FLAG",
        help="compute as if pending legislation were in force (bill_35749, bill_36349)",
    )
    parser.set_defaults(func=run)


def read_json(source: str) -> Any:
    """Read JSON from a file or stdin; every failure becomes a one-line UsageError."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{source}: not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{source}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None


def run(args: argparse.Namespace) -> int:
    try:
        today = parse_date(args.today, "--today") if args.today else date.today()
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None
    pack = load_rule_pack()
    unknown = [f for f in args.assume if f not in pack.flags]
    if unknown:
        raise UsageError(f"--assume: unknown flag {unknown[0]!r} (one of {', '.join(pack.flags)})")
    data = read_json(args.case_file)
    batch = isinstance(data, list)
    items = data if batch else [data]
    try:
        # Validate the whole batch before computing: one bad case fails it, nothing half-written.
        cases = [parse_case(item, index) for index, item in enumerate(items)]
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None
    flags = frozenset(args.assume)
    results = [
        result_to_contract(compute(c, today=today, rules=pack, flags=flags), args.lang)
        for c in cases
    ]
    out = results if batch else results[0]
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2 if not batch else None))
    sys.stdout.write("\n")
    return 0
