"""`termijn calendar`: the open cases' dates as an iCalendar file for any calendar app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.cases import repository, storage_errors
from desktop.cli.options import today_option
from desktop.documents.output import write_atomic
from desktop.feed.live import export_bytes
from desktop.feed.options import FeedOptions
from desktop.feed.settings import SettingError, load_options, parse_alarm_days
from desktop.store.calendar_state import CalendarState

DESCRIPTION = (
    "Write every date of every open case (or of --case ID) as an all-day event with reminders: "
    "when a Notice of Default may reach the IND, the IND's last day to decide after it, the "
    "penalty and appeal dates, the decision on the penalty, the deadline to object or appeal, "
    "proof for a missed asylum interview and collecting an mvv. Import the file again after "
    "changes: each event keeps its UID, so the calendar updates it (a date that is gone "
    "arrives as cancelled). By default an event names the case reference and the applicant's "
    "initials only; calendars are often synced to servers."
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "calendar",
        help="write the cases' dates as an iCalendar (.ics) file",
        description=DESCRIPTION,
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.ics", help="where to write; - for stdout"
    )
    parser.add_argument(
        "--case", action="append", default=[], metavar="ID", help="only this case (repeatable)"
    )
    parser.add_argument(
        "--lang", metavar="nl|en", help="language of the events (default: the calendar setting)"
    )
    parser.add_argument(
        "--alarm-days",
        metavar="DAYS",
        help="reminders this many days before each date, e.g. 7,1 (0: on the day; '' none)",
    )
    parser.add_argument(
        "--names",
        action="store_true",
        help="show applicants' full names (calendars are often synced to servers)",
    )
    parser.add_argument("--today", help="work the dates out for this day (YYYY-MM-DD)")
    parser.set_defaults(func=run)


def _case_ids(raw: list[str]) -> list[int] | None:
    if not raw:
        return None
    ids = []
    for value in raw:
        if not value.strip().isdigit():
            raise UsageError(f"--case {value!r}: expected a case id (a whole number)")
        ids.append(int(value))
    return ids


def _output(raw: str) -> Path | None:
    if raw == "-":
        return None
    path = Path(raw)
    if path.is_dir():
        raise UsageError(f"{raw}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"{raw}: the folder {path.parent} does not exist")
    return path


@storage_errors
def run(args: argparse.Namespace) -> int:
    # Everything the user typed is checked before the case file is opened.
    today = today_option(args.today)
    ids = _case_ids(args.case)
    output = _output(args.output)
    if args.lang is not None and args.lang not in ("nl", "en"):
        raise UsageError(f"--lang {args.lang!r}: expected nl or en")
    try:
        alarms = parse_alarm_days(args.alarm_days) if args.alarm_days is not None else None
    except SettingError as exc:
        raise UsageError(f"--alarm-days: {exc}") from None
    with repository(args) as repo:
        if ids is not None:
            known = set(CalendarState(repo.db).case_ids())
            missing = [case_id for case_id in ids if case_id not in known]
            if missing:
                raise UsageError(f"--case {missing[0]}: no such case")
        saved = load_options(repo)
        options = FeedOptions(
            lang=args.lang or saved.lang,
            alarm_days=saved.alarm_days if alarms is None else alarms,
            names=args.names,
        )
        data, synced = export_bytes(repo, options, ids, today=today)
    if output is None:
        sys.stdout.buffer.write(data)
        return 0
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    events = sum(len(plan.events) for plan in synced.plans.values())
    print(f"wrote {events} dates of {len(synced.plans)} open case(s) to {output}")
    return 0
