"""Options every command reads alike (--today, --assume, --rules), and the data folder's packs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import date

from desktop.cli import UsageError
from desktop.core import CaseInputError, RulePack, RulePackError
from desktop.core.errors import quote
from desktop.core.parse import parse_date


def today_option(raw: str | None) -> date:
    """`--today YYYY-MM-DD`, or the local date."""
    try:
        return parse_date(raw, "--today") if raw else date.today()
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None


def data_folder_packs(args: argparse.Namespace) -> None:
    """Every command sees the data folder's installed packs and uses the pack chosen there."""
    from desktop.packs import use_data_folder
    from desktop.paths import app_paths

    problem = use_data_folder(app_paths(args.data_dir))
    if problem:
        print(f"warning: {problem}", file=sys.stderr)


def add_assume_option(parser: argparse.ArgumentParser) -> None:
    """`--assume FLAG` (repeatable), read back with `assumed_flags`."""
    parser.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="FLAG",
        help="compute as if a pending change of the law were in force "
        "(its id: `termijn rules show` lists them under pending)",
    )


def add_rules_option(parser: argparse.ArgumentParser) -> None:
    """`--rules ID|FILE`, read back with `rules_option`: the rule pack to compute with."""
    parser.add_argument(
        "--rules",
        metavar="ID|FILE",
        help="the rule pack: an id (`termijn rules list`) or a pack file; default: the newest "
        "built-in pack",
    )


def rules_option(args: argparse.Namespace) -> RulePack:
    """The pack `--rules` names (installed packs in --data-dir count), or the default pack."""
    from desktop.packs import resolve_pack
    from desktop.paths import app_paths

    try:
        return resolve_pack(getattr(args, "rules", None), app_paths(args.data_dir))
    except RulePackError as exc:
        raise UsageError(f"--rules: {exc}") from None


def assumed_flags(names: Iterable[str], pack: RulePack) -> frozenset[str]:
    """`--assume FLAG`: pending legislation the user asks to treat as in force."""
    flags = frozenset(names)
    unknown = sorted(flags - set(pack.pending))
    if unknown:
        raise UsageError(
            f"--assume: {pack.id} has no pending change {quote(unknown[0], 40)} "
            f"(it has: {', '.join(pack.pending) or 'none'})"
        )
    return flags
