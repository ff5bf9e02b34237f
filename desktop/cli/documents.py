"""`termijn notice` and `termijn checklist`: the printable documents of one case, as PDF files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.input import read_one_case_file
from desktop.cli.options import add_assume_option, assumed_flags, today_option
from desktop.core import compute, load_rule_pack
from desktop.core.casefile import CaseFile
from desktop.core.model import Result
from desktop.documents.common import DocumentError, DocumentSettings
from desktop.documents.output import write_atomic


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("case_file", metavar="CASE.json", help="one case object; - for stdin")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write")
    parser.add_argument("--today", help="the date of the letter (YYYY-MM-DD; default: today)")
    add_assume_option(parser)
    parser.add_argument(
        "--ind-address",
        action="append",
        default=[],
        metavar="LINE",
        help="the IND's postal address, one option per line (default: the rule pack's)",
    )
    parser.add_argument("--ind-fax", default="", help="the IND's fax number (default: the pack's)")


def register(subparsers: Any) -> None:
    notice = subparsers.add_parser(
        "notice",
        help="write the Notice of Default (ingebrekestelling) as PDF",
        description="Write the Notice of Default for one case. It is refused while it would "
        "reach the IND too early, unless --draft (every page then says DRAFT).",
    )
    _common(notice)
    notice.add_argument(
        "--lang",
        choices=("nl", "en", "nl+en"),
        default="nl",
        help="nl: the letter to send; en: a translation; nl+en: Dutch letter + English sheet",
    )
    notice.add_argument("--draft", action="store_true", help="export a copy marked DRAFT")
    notice.add_argument("--place", default="", help="the town before the date (default: sender's)")
    notice.add_argument("--remarks", default="", help="a paragraph to add to the letter")
    notice.set_defaults(func=run_notice)

    checklist = subparsers.add_parser(
        "checklist",
        help="write the one-page registered-mail checklist as PDF",
        description="Write the checklist for sending the Notice and the dates that follow.",
    )
    _common(checklist)
    checklist.add_argument("--lang", choices=("nl", "en"), default="nl")
    checklist.set_defaults(func=run_checklist)


def _load(args: argparse.Namespace) -> tuple[CaseFile, Result, date, DocumentSettings]:
    """Validate everything before anything is built: bad input writes no file."""
    today = today_option(args.today)
    pack = load_rule_pack()
    flags = assumed_flags(args.assume, pack)
    output = Path(args.output)
    if not output.parent.is_dir():
        raise UsageError(f"{args.output}: the folder {output.parent} does not exist")
    if output.is_dir():
        raise UsageError(f"{args.output}: is a folder; give a file name")
    case_file = read_one_case_file(args.case_file)
    result = compute(case_file.case, today=today, rules=pack, flags=flags)
    settings = DocumentSettings(
        place=getattr(args, "place", ""),
        ind_address=tuple(args.ind_address),
        ind_fax=args.ind_fax,
        remarks=getattr(args, "remarks", ""),
    )
    return case_file, result, today, settings


def _write(path: str, data: bytes, result: Result, settings: DocumentSettings) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"wrote {path}")
    if not settings.ind_address:
        # The address comes from the rule pack (R4.3): say how old it is, every time.
        checked = load_rule_pack(result.rules).ind.get("checked", "unknown")
        print(
            f"note: IND address from rule pack {result.rules}, last checked {checked}; "
            "verify it on the IND's current form before sending"
        )


def run_notice(args: argparse.Namespace) -> int:
    # Imported here: ReportLab loads in ~0.1 s, which every other command would pay for.
    from desktop.documents.notice import build_notice
    from desktop.documents.pack import build_pack

    case_file, result, today, settings = _load(args)
    try:
        if args.lang == "nl+en":
            data = build_pack(case_file, result, settings, today=today, draft=args.draft)
        else:
            data = build_notice(
                case_file, result, args.lang, settings, today=today, draft=args.draft
            )
    except DocumentError as exc:
        raise UsageError(str(exc)) from None
    _write(args.output, data, result, settings)
    return 0


def run_checklist(args: argparse.Namespace) -> int:
    from desktop.documents.checklist import build_checklist

    case_file, result, today, settings = _load(args)
    try:
        data = build_checklist(case_file, result, args.lang, settings, today=today)
    except DocumentError as exc:
        raise UsageError(str(exc)) from None
    _write(args.output, data, result, settings)
    return 0
