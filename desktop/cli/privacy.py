"""`termijn person find|access|erase` and `termijn retention`: the rights of the people in the file.

Nothing is erased without a confirmation that names what goes: typed on the terminal, or
`--yes` in a script (which then prints the same list).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.cases import repository, storage_errors
from desktop.cli.input import ask_line, interactive
from desktop.cli.options import today_option
from desktop.core.errors import CaseInputError
from desktop.core.parse import parse_date
from desktop.paths import app_paths
from desktop.privacy import access, erasure, retention
from desktop.privacy.person import Role, Subject
from desktop.privacy.safe_write import write_private
from desktop.store.repository import CaseRepository

CONFIRM_WORD = "erase"
ROLE_WORDS = {
    Role.APPLICANT: "applicant",
    Role.CO_APPLICANT: "co-applicant",
    Role.FAMILY_MEMBER: "family member",
    Role.SPONSOR: "sponsor",
    Role.REPRESENTATIVE: "representative",
}


def _subject_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", default="", help="the person's name (accents, case ignored)")
    parser.add_argument("--v-number", default="", help="the person's V-number")
    parser.add_argument("--born", metavar="YYYY-MM-DD", help="their date of birth, to tell apart")


def register(subparsers: Any) -> None:
    person = subparsers.add_parser(
        "person",
        help="a person's rights (AVG/GDPR): find, access (JSON + PDF), erase",
        description="Find everything Termijn holds about one person (as applicant, "
        "co-applicant, family member, sponsor or representative; archived cases and the bin "
        "included), hand it to them (access), or erase it (erasure).",
    )
    commands = person.add_subparsers(dest="person_command", required=True, metavar="ACTION")
    finding = commands.add_parser("find", help="list the cases that name the person")
    _subject_options(finding)
    finding.set_defaults(func=run_find)

    giving = commands.add_parser(
        "access", help="everything held about the person: FILE.json and FILE.pdf"
    )
    _subject_options(giving)
    giving.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="writes FILE.json and FILE.pdf"
    )
    giving.add_argument("--lang", choices=("nl", "en"), default="nl", help="the PDF's language")
    giving.set_defaults(func=run_access)

    erasing = commands.add_parser(
        "erase",
        help="erase the person: their cases, events, documents and audit rows",
        description="Lists what goes and asks you to type 'erase' (or --yes). The person's own "
        "cases go whole; from other cases they are removed, and their name and V-number are "
        "scrubbed from those cases' notes and audit log. The erasure is logged without the "
        "name. Backups that still hold the person are listed with the day they age out; "
        "--purge-backups deletes them too.",
    )
    _subject_options(erasing)
    erasing.add_argument("--yes", action="store_true", help="do not ask (scripts)")
    erasing.add_argument(
        "--purge-backups", action="store_true", help="also delete the backups that hold them"
    )
    erasing.set_defaults(func=run_erase)

    keeping = subparsers.add_parser(
        "retention",
        help="closed cases kept longer than the retention period: show, set, apply",
        description="A case is closed when it is archived or in the bin; it is due when its "
        f"last change is longer ago than the period (default {retention.DEFAULT_MONTHS} "
        "months; 0 switches it off). Nothing is deleted without a confirmation.",
    )
    actions = keeping.add_subparsers(dest="retention_command", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="the period and the cases due for deletion")
    show.add_argument("--today", help="YYYY-MM-DD (default: today)")
    show.set_defaults(func=run_retention_show)
    setting = actions.add_parser("set", help="the period in months (0: off)")
    setting.add_argument("months", type=int)
    setting.set_defaults(func=run_retention_set)
    apply = actions.add_parser("apply", help="erase the cases due, after a confirmation")
    apply.add_argument("--today", help="YYYY-MM-DD (default: today)")
    apply.add_argument("--yes", action="store_true", help="do not ask (scripts)")
    apply.set_defaults(func=run_retention_apply)


def _subject(args: argparse.Namespace) -> Subject:
    try:
        born = parse_date(args.born, "--born") if args.born else None
    except CaseInputError as exc:
        raise UsageError(str(exc)) from None
    try:
        return Subject(args.name, args.v_number, born)
    except ValueError as exc:
        raise UsageError(f"{exc} (--name, --v-number)") from None


def _label(repo: CaseRepository, case_id: int) -> str:
    stored = repo.get(case_id, include_deleted=True)
    reference = stored.case_file.reference
    state = (
        " (in the bin)" if stored.deleted else " (archived)" if stored.case_file.archived else ""
    )
    return f"case {case_id}" + (f" {reference}" if reference else "") + state


@storage_errors
def run_find(args: argparse.Namespace) -> int:
    subject = _subject(args)
    with repository(args) as repo:
        found = erasure.plan(repo, subject)
        if found.empty:
            print("no case names this person", file=sys.stderr)
            return 0
        for appearance in found.appearances:
            print(f"{_label(repo, appearance.case_id)}: {ROLE_WORDS[appearance.role]}")
    return 0


@storage_errors
def run_access(args: argparse.Namespace) -> int:
    from desktop.documents.access_report import access_pdf

    subject = _subject(args)
    out = Path(args.output)
    out = out.with_suffix("") if out.suffix in (".json", ".pdf") else out
    paths = app_paths(args.data_dir)
    with repository(args) as repo:
        report = access.build(repo, subject, backups=paths.backups)
    text = json.dumps(report.data, ensure_ascii=False, indent=2) + "\n"
    json_path, pdf_path = out.with_name(out.name + ".json"), out.with_name(out.name + ".pdf")
    try:
        write_private(json_path, text.encode("utf-8"))
        write_private(pdf_path, access_pdf(report, args.lang))
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"{len(report.cases)} case(s): wrote {json_path} and {pdf_path}")
    print(
        "note: both files hold the person's data unencrypted; hand them over safely",
        file=sys.stderr,
    )
    return 0


def _confirm(yes: bool) -> None:
    if yes:
        return
    if not interactive():
        raise UsageError("nothing was erased: confirm on a terminal, or add --yes")
    answer = ask_line(f"Type '{CONFIRM_WORD}' to go ahead: ")
    if answer.strip().casefold() != CONFIRM_WORD:
        raise UsageError("nothing was erased")


def _expires(held: erasure.HeldBackup) -> str:
    return f"ages out on {held.expires.isoformat()}" if held.expires else "kept until deleted"


@storage_errors
def run_erase(args: argparse.Namespace) -> int:
    subject = _subject(args)
    paths = app_paths(args.data_dir)
    with repository(args) as repo:
        found = erasure.plan(repo, subject)
        held = erasure.backups_holding(paths.backups, subject, repo.db.key)
        if found.empty and not (held and args.purge_backups):
            print("no case names this person; nothing was erased", file=sys.stderr)
            _list_backups(held)
            return 0
        print("This erases:")
        for case_id in found.whole_cases:
            events = len(repo.get(case_id, include_deleted=True).event_ids)
            audit, documents = len(repo.audit(case_id)), len(repo.documents(case_id))
            print(
                f"  {_label(repo, case_id)}: the whole case ({events} event(s), "
                f"{audit} audit row(s), {documents} document record(s))"
            )
        for appearance in found.removed_from:
            print(
                f"  {_label(repo, appearance.case_id)}: the person as "
                f"{ROLE_WORDS[appearance.role]} (the rest of the case stays)"
            )
        if args.purge_backups:
            for backup in held:
                print(f"  the backup {backup.path.name}")
        _confirm(args.yes)
        done = None if found.empty else erasure.erase(repo, found)
    if done is not None:
        print(
            f"erased {done.cases_erased} case(s); removed the person from {done.removed_from} "
            "other case(s)"
        )
    if args.purge_backups:
        removed = erasure.purge_backups(held)
        print(f"deleted {len(removed)} backup(s) that held the person")
    else:
        _list_backups(held)
    return 0


def _list_backups(held: list[erasure.HeldBackup]) -> None:
    if not held:
        return
    print(f"{len(held)} backup(s) still hold the person (--purge-backups deletes them):")
    for backup in held:
        print(f"  {backup.path}: made {backup.made.isoformat()}, {_expires(backup)}")


@storage_errors
def run_retention_show(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    with repository(args) as repo:
        period = retention.months(repo)
        due = retention.due(repo, today, period)
    if period == 0:
        print("retention: off (closed cases are kept until you delete them)")
        return 0
    print(
        f"retention: {period} months; closed cases last changed before "
        f"{retention.cutoff(today, period).isoformat()} are due: {len(due)}"
    )
    for case in due:
        where = "in the bin" if case.deleted else "archived"
        print(
            f"  case {case.case_id} {case.reference}: {where}, last changed "
            f"{case.last_change.isoformat()}"
        )
    return 0


@storage_errors
def run_retention_set(args: argparse.Namespace) -> int:
    with repository(args) as repo:
        try:
            retention.set_months(repo, args.months)
        except ValueError as exc:
            raise UsageError(f"months: {exc}") from None
    print("retention: off" if args.months == 0 else f"retention: {args.months} months")
    return 0


@storage_errors
def run_retention_apply(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    with repository(args) as repo:
        due = retention.due(repo, today)
        if not due:
            print("no case is due for deletion")
            return 0
        print(f"This erases {len(due)} closed case(s) for good:")
        for case in due:
            print(
                f"  case {case.case_id} {case.reference}, last changed "
                f"{case.last_change.isoformat()}"
            )
        _confirm(args.yes)
        count = erasure.erase_cases(repo, [c.case_id for c in due], reason="retention")
    print(f"erased {count} case(s)")
    return 0
