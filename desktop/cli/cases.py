"""`termijn cases list|import|export`: the case store from the command line."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.input import one_line, read_case_json
from desktop.cli.options import today_option
from desktop.core.errors import CaseInputError
from desktop.core.model import NextCode, Procedure
from desktop.store import CaseQuery, CaseRepository, StorageError
from desktop.store.damage import UnreadableCaseError
from desktop.store.duplicates import split_duplicates
from desktop.store.records import SORT_KEYS
from desktop.store.transfer import export_records, parse_record, write_json

# The table of `cases list`: (header, width); the last column is not padded.
COLUMNS = (
    ("ID", 6),
    ("Reference", 14),
    ("Applicant", 28),
    ("V-number", 12),
    ("Procedure", 14),
    ("Next step", 15),
    ("Next date", 10),
    ("Days left", 0),
)


def storage_errors(
    func: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """A StorageError becomes its one-line message and exit status 1 (no traceback)."""

    @functools.wraps(func)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except StorageError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    return wrapper


@contextmanager
def repository(args: argparse.Namespace) -> Iterator[CaseRepository]:
    """The case file's repository; an encrypted file asks for its passphrase first.

    What the store noticed on opening (a file others can read, a backup not made) is printed
    on stderr here, one line each, before the command's own output.
    """
    from desktop.cli.unlock import opened

    with ExitStack() as stack:
        with _store_notes() as notes:
            db = stack.enter_context(opened(args))
        for line in _unique([*db.warnings, *notes]):
            print(line if line.startswith("warning: ") else f"warning: {line}", file=sys.stderr)
        yield CaseRepository(db)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _store_notes() -> Iterator[list[str]]:
    """The store's log warnings while opening, collected to be printed by the command.

    Without a handler Python's last-resort handler would write them to stderr itself: in no
    order with the command's output, and the Database.warnings a second time.
    """
    handler = _Collect()
    store_log = logging.getLogger("termijn.store")
    store_log.addHandler(handler)
    try:
        yield handler.lines
    finally:
        store_log.removeHandler(handler)


def _unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cases", help="list, import or export cases")
    commands = parser.add_subparsers(dest="cases_command", required=True, metavar="ACTION")

    listing = commands.add_parser("list", help="list cases (search, filter, sort)")
    listing.add_argument("--search", default="", help="text in name, V-number or reference")
    listing.add_argument("--procedure", choices=[p.value for p in Procedure])
    listing.add_argument(
        "--next-step", choices=[c.value for c in NextCode], help="only cases at this next step"
    )
    shown = listing.add_mutually_exclusive_group()
    shown.add_argument("--archived", action="store_true", help="only archived cases")
    shown.add_argument("--all", action="store_true", help="archived and active cases")
    listing.add_argument("--sort", choices=SORT_KEYS, default="applicant")
    listing.add_argument("--desc", action="store_true", help="sort descending")
    listing.add_argument(
        "--today", help="work next steps and days left out for this date (YYYY-MM-DD)"
    )
    listing.add_argument(
        "--json", action="store_true", help="JSON lines (no header) instead of a table"
    )
    listing.set_defaults(func=run_list)

    importing = commands.add_parser(
        "import",
        help="import cases from JSON (all or nothing; cases already here are skipped)",
        description="Import the cases of a JSON file (one case object or an array, as `termijn "
        "cases export` writes). Every case is checked first: one bad case and nothing is "
        "imported. A case Termijn already has (same procedure, receipt date and V-number, or "
        "the same name where a V-number is missing) is skipped and counted.",
    )
    importing.add_argument("file", metavar="FILE.json", help="a case object or a list; - for stdin")
    importing.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="import cases that look like ones already here, too",
    )
    importing.set_defaults(func=run_import)

    exporting = commands.add_parser("export", help="export cases to JSON")
    exporting.add_argument("--case", type=int, action="append", metavar="ID", help="only this case")
    exporting.add_argument(
        "--skip-unreadable",
        action="store_true",
        help="export the other cases when some cannot be read (otherwise nothing is written)",
    )
    exporting.add_argument("file", metavar="FILE.json")
    exporting.set_defaults(func=run_export)


@storage_errors
def run_list(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    query = CaseQuery(
        text=args.search,
        procedure=Procedure(args.procedure) if args.procedure else None,
        next_code=NextCode(args.next_step) if args.next_step else None,
        archived=None if args.all else bool(args.archived),
        sort_key=args.sort,
        descending=args.desc,
        today=today,
    )
    listed, damaged = _print_list(args, query, today)
    if not listed:
        print("no cases to list", file=sys.stderr)
    return _report_unreadable(damaged)


def _report_unreadable(damaged: list[UnreadableCaseError]) -> int:
    """A line per case that cannot be read, then what to do; exit status 1 if there was any."""
    for exc in damaged:
        print(f"error: cannot read {exc.summary}", file=sys.stderr)
    if damaged:
        print(f"error: {damaged[0].advice}", file=sys.stderr)
    return 1 if damaged else 0


def _table_line(values: tuple[object, ...]) -> str:
    cells = []
    for (_header, width), value in zip(COLUMNS, values, strict=True):
        text = "" if value is None else str(value)
        cells.append(text[:width].ljust(width) if width else text)
    cells[0] = cells[0].strip().rjust(COLUMNS[0][1])  # ids line up on the right
    return "  ".join(cells).rstrip() + "\n"


def _print_list(
    args: argparse.Namespace, query: CaseQuery, today: date
) -> tuple[int, list[UnreadableCaseError]]:
    """Print the rows (a header first in a table); returns how many, and the unreadable ones."""
    damaged: list[UnreadableCaseError] = []
    with repository(args) as repo:
        if repo.stale_count():
            repo.refresh_key_dates()
        ids = repo.ordered_ids(query)
        out = sys.stdout
        if ids and not args.json:
            out.write(_table_line(tuple(header for header, _width in COLUMNS)))
        for start in range(0, len(ids), 200):
            page = ids[start : start + 200]
            rows = repo.rows(page, today)
            for case_id in page:
                row = rows[case_id]
                if row.damage is not None:
                    damaged.append(row.damage)
                # Days left to the next date: 0 on the day itself, negative once it has passed.
                days_left = (row.next_date - today).days if row.next_date else None
                fields = {
                    "id": row.id,
                    "reference": row.reference,
                    "applicant": row.applicant_name,
                    "v_number": row.v_number,
                    "procedure": row.procedure.value if row.procedure else None,
                    "next_step": row.next_code.value if row.next_code else None,
                    "next_date": row.next_date.isoformat() if row.next_date else None,
                    "days_left": days_left,
                    "archived": row.archived,
                    "unreadable": row.damage.bad.describe() if row.damage else None,
                }
                if args.json:
                    out.write(json.dumps(fields, ensure_ascii=False) + "\n")
                else:
                    out.write(
                        _table_line(
                            (
                                row.id,
                                row.reference,
                                row.applicant_name,
                                row.v_number,
                                row.procedure.value if row.procedure else "unreadable",
                                fields["next_step"] or "?",
                                fields["next_date"],
                                days_left,
                            )
                        )
                    )
        return len(ids), damaged


@storage_errors
def run_import(args: argparse.Namespace) -> int:
    # Everything is read and validated before the case file is opened: a refused import
    # leaves the data folder exactly as it was.
    data = read_case_json(args.file)
    records, problems = [], []
    for index, record in enumerate(data if isinstance(data, list) else [data]):
        try:
            records.append(parse_record(record, index))
        except CaseInputError as exc:
            problems.append(str(exc))
    if problems:
        raise UsageError(one_line("nothing imported", problems))
    with repository(args) as repo:
        skipped = 0
        if not args.allow_duplicates:
            new, known = split_duplicates(repo, (cf for cf, _ in records))
            records, skipped = [records[i] for i in new], len(known)
        cases, proofs = [cf for cf, _ in records], [p for _, p in records]
        ids = repo.save_many(cases, proofs) if records else []
    message = f"imported {len(ids)} case(s)" + (f": ids {ids[0]}-{ids[-1]}" if ids else "")
    if skipped:
        message += (
            f"; skipped {skipped} already in Termijn (same procedure, receipt date and "
            "V-number or name; --allow-duplicates imports them too)"
        )
    print(message)
    return 0


@storage_errors
def run_export(args: argparse.Namespace) -> int:
    path = Path(args.file)
    with repository(args) as repo:
        encrypted = repo.db.encrypted
        damaged: list[UnreadableCaseError] = []
        try:
            records = export_records(repo, args.case, unreadable=damaged)
        except KeyError as exc:
            raise UsageError(f"--case {exc.args[0]}: no such case") from None
    if damaged and not args.skip_unreadable:
        # Nothing written: an export file left short of a case (perhaps over an older export
        # that still holds it) would lose it quietly.
        _report_unreadable(damaged)
        print(
            f"error: nothing exported; --skip-unreadable exports the other {len(records)} case(s)",
            file=sys.stderr,
        )
        return 1
    try:
        write_json(path, records)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"exported {len(records)} case(s) to {path}")
    for problem in damaged:
        print(f"warning: left out {problem.summary}", file=sys.stderr)
    if encrypted:  # the one place the cases leave the encryption: say so, and where
        print(
            f"note: {path.absolute()} holds the cases unencrypted; `termijn bundle export "
            "--encrypt` hands a case over sealed",
            file=sys.stderr,
        )
    return 0
