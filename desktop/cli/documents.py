"""`termijn notice|checklist|appeal|penalty-request|appointment-letter`: one case's PDFs.

The case comes from a JSON file (one case object, or an array of one, as `cases export`
writes) or from the case database with `--case ID`; a document made with `--case` is recorded in
the case's documents list with its SHA-256. Refusals (a decided case, a premature Notice) are one
line and exit status 2; the core's and the document's warnings go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.input import read_case_json, source_name
from desktop.cli.options import (
    add_assume_option,
    add_rules_option,
    assumed_flags,
    rules_option,
    today_option,
)
from desktop.core import CaseInputError, compute
from desktop.core.casefile import CaseFile, parse_case_file
from desktop.core.model import Result
from desktop.core.rulepack import RulePack
from desktop.documents.common import DocumentError, DocumentSettings
from desktop.documents.output import write_atomic

LANGS = ("nl", "en", "nl+en")


@dataclass(frozen=True, slots=True)
class _Loaded:
    case_file: CaseFile
    result: Result
    today: date
    settings: DocumentSettings
    pack: RulePack
    case_id: int | None


def _common(parser: argparse.ArgumentParser, *, draft: bool = True) -> None:
    parser.add_argument(
        "case_file",
        metavar="CASE.json",
        nargs="?",
        help="one case object (or an array of one); - for stdin; or use --case",
    )
    parser.add_argument(
        "--case",
        type=int,
        metavar="ID",
        help="the case with this id in the case database (`termijn cases list`); the document "
        "is recorded in its documents list",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write")
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default="nl",
        help="nl: the Dutch letter to send; en: a translation to understand; nl+en: both",
    )
    parser.add_argument("--today", help="the date of the letter (YYYY-MM-DD; default: today)")
    if draft:
        parser.add_argument(
            "--draft", action="store_true", help="a copy marked DRAFT on every page"
        )
    add_assume_option(parser)
    add_rules_option(parser)
    parser.add_argument("--place", default="", help="the town before the date (default: sender's)")
    parser.add_argument(
        "--ind-address",
        action="append",
        default=[],
        metavar="LINE",
        help="the IND's postal address, one option per line (default: the rule pack's)",
    )
    parser.add_argument("--ind-fax", default="", help="the IND's fax number (default: the pack's)")
    parser.add_argument(
        "--fax", action="store_true", help="the letter also goes by fax (as the case's send_by_fax)"
    )


def register(subparsers: Any) -> None:
    notice = subparsers.add_parser(
        "notice",
        help="write the Notice of Default (ingebrekestelling) as PDF",
        description="Write the Notice of Default for one case. It is refused while it would "
        "reach the IND too early, after a decision, or once a Notice that counts was received, "
        "unless --draft (every page then says DRAFT).",
    )
    _common(notice)
    notice.add_argument("--remarks", default="", help="a paragraph to add to the letter")
    notice.set_defaults(func=_runner("notice"))

    checklist = subparsers.add_parser(
        "checklist",
        help="write the one-page registered-mail checklist as PDF",
        description="Write the checklist for sending the Notice and the dates that follow. "
        "Refused once the IND has decided.",
    )
    _common(checklist, draft=False)
    checklist.set_defaults(func=_runner("checklist"))

    appeal = subparsers.add_parser(
        "appeal",
        help="write the appeal against the failure to decide (beroepschrift) as PDF",
        description="Write the notice of appeal to the court against the IND's failure to "
        "decide in time. Refused before the appeal is possible, unless --draft.",
    )
    _common(appeal)
    appeal.set_defaults(func=_runner("appeal"))

    penalty = subparsers.add_parser(
        "penalty-request",
        help="write the request that the IND fix the penalty (dwangsom) it owes, as PDF",
        description="Ask the IND to fix the penalty owed, with the days and amount, once the "
        "penalty period is over. Refused when no penalty applies.",
    )
    _common(penalty)
    penalty.set_defaults(func=_runner("penalty_request"))

    missed = subparsers.add_parser(
        "appointment-letter",
        help="write the letter after a missed IND appointment, as PDF",
        description="Explain a missed appointment (the reason is the appointment's excuse), ask "
        "for a new one and contest a suspension the IND may claim.",
    )
    _common(missed)
    missed.add_argument(
        "--appointment",
        type=int,
        required=True,
        metavar="N",
        help="which appointment: 1 for the case's first appointment event, 2 for the second...",
    )
    missed.set_defaults(func=_runner("appointment_letter"))


def _from_file(source: str) -> CaseFile:
    """One case object, or an array of one (what `cases export --case ID` writes)."""
    data = read_case_json(source)
    if isinstance(data, list):
        if len(data) != 1:
            raise UsageError(
                f"{source_name(source)}: a list of {len(data)} cases; a document is made for "
                "one case (give one case object, an array of one, or --case ID)"
            )
        data = data[0]
    try:
        return parse_case_file(data, 0)
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None


def _from_database(args: argparse.Namespace) -> tuple[CaseFile, frozenset[str]]:
    from desktop.cli.cases import repository

    with repository(args) as repo:
        try:
            stored = repo.get(args.case)
        except KeyError:
            raise UsageError(
                f"--case {args.case}: no such case (`termijn cases list` shows the ids)"
            ) from None
        return stored.case_file, repo.flags()


def _load(args: argparse.Namespace) -> _Loaded:
    """Validate everything before anything is built: bad input writes no file."""
    today = today_option(args.today)
    pack = rules_option(args)
    output = Path(args.output)
    if not output.parent.is_dir():
        raise UsageError(f"{args.output}: the folder {output.parent} does not exist")
    if output.is_dir():
        raise UsageError(f"{args.output}: is a folder; give a file name")
    if (args.case is None) == (args.case_file is None):
        raise UsageError("give a case file (CASE.json) or --case ID, not both and not neither")
    stored_flags: frozenset[str] = frozenset()
    if args.case is not None:
        case_file, stored_flags = _from_database(args)
        stored_flags = frozenset(f for f in stored_flags if f in pack.pending)
    else:
        case_file = _from_file(args.case_file)
    flags = assumed_flags(args.assume, pack) | stored_flags
    result = compute(case_file.case, today=today, rules=pack, flags=flags)
    settings = DocumentSettings(
        place=args.place,
        ind_address=tuple(args.ind_address),
        ind_fax=args.ind_fax,
        remarks=getattr(args, "remarks", ""),
        by_fax=args.fax,
    )
    return _Loaded(case_file, result, today, settings, pack, args.case)


def _runner(kind: str) -> Callable[[argparse.Namespace], int]:
    from desktop.cli.cases import storage_errors

    @storage_errors  # a damaged or locked case database: one line, no traceback
    def run(args: argparse.Namespace) -> int:
        return _run(kind, args)

    return run


def _run(kind: str, args: argparse.Namespace) -> int:
    # Imported here: ReportLab loads in ~0.1 s, which every other command would pay for.
    from desktop import documents

    loaded = _load(args)
    common: dict[str, Any] = {
        "today": loaded.today,
        "lang": args.lang,
        "pack": loaded.pack,
        "settings": loaded.settings,
    }
    if kind != "checklist":
        common["draft"] = args.draft
    if kind == "appointment_letter":
        common["appointment"] = args.appointment
    builders: dict[str, Callable[..., documents.Document]] = {
        "notice": documents.make_notice,
        "checklist": documents.make_checklist,
        "appeal": documents.make_appeal,
        "penalty_request": documents.make_penalty_request,
        "appointment_letter": documents.make_appointment_letter,
    }
    try:
        made = builders[kind](loaded.case_file, loaded.result, **common)
    except DocumentError as exc:
        message = str(exc)
        if "draft" in message and kind != "checklist":
            message += " (--draft)"
        raise UsageError(message) from None
    try:
        write_atomic(args.output, made.pdf)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if loaded.case_id is not None:
        _record(args, loaded.case_id, made)
    print(f"wrote {args.output} (rule pack {made.rules})")
    for warning in made.warnings:
        print(f"warning: {warning.en}", file=sys.stderr)
    if not args.ind_address and kind != "appeal":
        # The address comes from the rule pack (R4.3): say how old it is, every time.
        checked = loaded.pack.ind.get("checked", "unknown")
        print(
            f"note: IND address from rule pack {loaded.pack.id}, last checked {checked}; "
            "verify it on the IND's page before sending",
            file=sys.stderr,
        )
    return 0


def _record(args: argparse.Namespace, case_id: int, made: Any) -> None:
    from desktop.cli.cases import repository

    with repository(args) as repo:
        repo.record_document(case_id, made.kind, made.language, made.pdf, Path(args.output).name)
