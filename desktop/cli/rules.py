"""`termijn rules list|show|check|install|diff`: the rule packs this computer has, and new ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.cases import repository, storage_errors
from desktop.cli.options import data_folder_packs as data_folder_packs
from desktop.cli.options import today_option
from desktop.core.packfacts import changed_texts, diff_packs, pack_facts
from desktop.core.rulepack import (
    BUILT_IN,
    DEFAULT_PACK,
    RulePack,
    RulePackError,
    available_packs,
    check_rule_pack,
    load_rule_pack,
    read_rule_pack,
)
from desktop.packs import InstallError, install_pack, resolve_pack, use_data_folder
from desktop.paths import app_paths

EXIT_PROBLEMS = 1  # `check` found problems (2 stays "you typed something wrong")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="list, show, check, install and compare rule packs (the law as data)",
        description="Rule packs hold every term, period, amount, basis and date Termijn uses. "
        "A newer pack can be installed without a new version of Termijn.",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    listing = verbs.add_parser("list", help="the packs this computer has")
    listing.set_defaults(func=run_list)

    show = verbs.add_parser("show", help="every number, period and basis of one pack")
    show.add_argument("pack", metavar="ID|FILE")
    show.set_defaults(func=run_show)

    check = verbs.add_parser("check", help="validate a pack file completely; list every problem")
    check.add_argument("file", metavar="FILE", help="the pack file (its .texts.toml beside it)")
    check.set_defaults(func=run_check)

    install = verbs.add_parser("install", help="check a pack file and keep it in the data folder")
    install.add_argument("file", metavar="FILE")
    install.set_defaults(func=run_install)

    diff = verbs.add_parser(
        "diff",
        help="what differs between two packs (--cases: which cases it moves)",
        description="Compare two packs rule by rule; with --cases, compute every case in the "
        "case file with both (nothing is stored) and list each case whose next step or key "
        "dates move, the most urgent new date first.",
    )
    diff.add_argument("old", metavar="OLD", help="a pack id or file")
    diff.add_argument("new", metavar="NEW", help="a pack id or file")
    diff.add_argument("--cases", action="store_true", help="also the cases each pack would move")
    diff.add_argument("--today", help="work next steps out for this date (YYYY-MM-DD)")
    diff.add_argument("--lang", choices=("en", "nl"), default="en", help="language of the report")
    diff.add_argument("--csv", metavar="FILE", help="write the case report as CSV (with --cases)")
    diff.add_argument("--pdf", metavar="FILE", help="write the case report as PDF (with --cases)")
    diff.set_defaults(func=run_diff)


def _pack(spec: str, args: argparse.Namespace) -> RulePack:
    try:
        return resolve_pack(spec, app_paths(args.data_dir))
    except RulePackError as exc:
        raise UsageError(str(exc)) from None


def _label(pack: RulePack) -> str:
    return f"{pack.id} (published {pack.published}, hash {pack.short_hash})"


def _origin(pack: RulePack) -> str:
    return "built in" if pack.origin == BUILT_IN else pack.origin


def run_list(args: argparse.Namespace) -> int:
    use_data_folder(app_paths(args.data_dir))
    rows = []
    for pack_id in available_packs():
        try:
            pack = load_rule_pack(pack_id)
        except RulePackError as exc:
            # An installed pack this version cannot read (a newer format): listed, not fatal.
            rows.append((pack_id, "?", "?", f"unusable: {exc}", ""))
            continue
        mark = " (default)" if pack_id == DEFAULT_PACK else ""
        rows.append(
            (pack_id + mark, pack.published.isoformat(), pack.short_hash, pack.title, _origin(pack))
        )
    width = max(len(r[0]) for r in rows)
    print(f"{'ID':<{width}}  PUBLISHED   HASH          TITLE")
    for pack_id, published, short, title, origin in rows:
        print(f"{pack_id:<{width}}  {published:<10}  {short:<12}  {title} [{origin}]")
    return 0


def run_show(args: argparse.Namespace) -> int:
    pack = _pack(args.pack, args)
    facts = pack_facts(pack)
    facts["hash"] = pack.content_hash
    facts["origin"] = _origin(pack)
    width = max(len(k) for k in facts)
    for key, value in facts.items():
        print(f"{key:<{width}}  {value}")
    print(f"{'texts':<{width}}  {len(pack.texts)} bilingual texts")
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    use_data_folder(app_paths(args.data_dir))
    problems = check_rule_pack(path)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{path.name}: {len(problems)} problem(s); not usable", file=sys.stderr)
        return EXIT_PROBLEMS
    pack = read_rule_pack(path)
    print(f"{path.name}: OK: {pack.id}, published {pack.published}, hash {pack.short_hash}")
    return 0


def run_install(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    try:
        pack = install_pack(path, app_paths(args.data_dir))
    except InstallError as exc:
        for problem in exc.problems:
            print(problem)
        raise UsageError(str(exc)) from None
    print(
        f"installed {pack.id} (published {pack.published}, hash {pack.short_hash}) in {pack.origin}"
    )
    return 0


@storage_errors
def run_diff(args: argparse.Namespace) -> int:
    old, new = _pack(args.old, args), _pack(args.new, args)
    changes = diff_packs(old, new)
    texts = changed_texts(old, new)
    print(f"{_label(old)} -> {_label(new)}")
    if (args.csv or args.pdf) and not args.cases:
        raise UsageError("--csv and --pdf write the case report: add --cases")
    if not changes and not texts:
        print("no differences")
    for change in changes:
        print(f"{change.key}: {change.old or '(none)'} -> {change.new or '(none)'}")
    if texts:
        print(f"texts reworded, added or removed: {', '.join(texts)}")
    if args.cases:
        _case_report(args, old, new)
    return 0


def _case_report(args: argparse.Namespace, old: RulePack, new: RulePack) -> None:
    # Imported here: the report's PDF needs ReportLab, which no other `rules` verb does.
    from desktop.documents.change_report import (
        build_change_report,
        report_rows,
        summary,
        write_csv,
    )
    from desktop.lawchange import diff_cases

    today = today_option(args.today)
    with repository(args) as repo:
        report = diff_cases(repo, old, new, today, flags=repo.flags())
    print()
    print(summary(report, args.lang))
    rows = report_rows(report, args.lang)
    for row in rows:
        who = " · ".join(x for x in (row.reference, row.applicant, row.procedure) if x)
        print(f"{who}: {row.before} -> {row.after}")
        if row.also:
            print(f"    {row.also}")
    try:
        if args.csv:
            write_csv(report, Path(args.csv), args.lang)
            print(f"written: {args.csv}")
        if args.pdf:
            Path(args.pdf).write_bytes(build_change_report(report, args.lang))
            print(f"written: {args.pdf}")
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror or exc}") from None
