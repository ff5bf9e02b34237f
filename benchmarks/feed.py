"""Benchmark the calendar feed: a whole export vs bare icalendar events, one live rewrite.

    python benchmarks/feed.py [--cases 10000]

1. `termijn calendar`'s work (read the cases, compute, reconcile SEQUENCEs, write the events)
   for every open case, as a ratio to `icalendar` building and serialising as many bare events
   (UID, DTSTAMP, DTSTART, SUMMARY) in the same run. Target: at most 2.
2. The live feed after one change: recompute that case and rewrite the whole file atomically.

Prints figures; asserts nothing (machines are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.model import NoticeEvent  # noqa: E402
from desktop.feed.live import LiveFeed, export_bytes  # noqa: E402
from desktop.feed.options import FeedOptions  # noqa: E402
from desktop.store import CaseRepository, open_database  # noqa: E402
from desktop.store.demo import demo_cases  # noqa: E402

TODAY = date(2026, 6, 1)


def bare_events(count: int) -> float:
    """Seconds for icalendar to build and serialise `count` minimal all-day events."""
    stamp = datetime(2026, 6, 1, 12, 0)
    start = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//bench//EN")
    cal.add("version", "2.0")
    for i in range(count):
        event = icalendar.Event()
        event.add("uid", f"{i}@bench")
        event.add("dtstamp", stamp)
        event.add("dtstart", TODAY + timedelta(days=i % 400))
        event.add("summary", f"Deadline {i}")
        cal.add_component(event)
    data = cal.to_ical()
    assert data.count(b"BEGIN:VEVENT") == count
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "termijn.sqlite")
        repo = CaseRepository(db)
        cases = list(demo_cases(args.cases, today=TODAY))
        repo.save_many([c for c, _ in cases], [p for _, p in cases])
        options = FeedOptions(lang="nl", alarm_days=(7, 1))

        start = time.perf_counter()
        data, synced = export_bytes(repo, options, today=TODAY)
        first = time.perf_counter() - start
        events = data.count(b"BEGIN:VEVENT")
        start = time.perf_counter()
        data, synced = export_bytes(repo, options, today=TODAY)  # the memory exists now
        again = time.perf_counter() - start
        bare = bare_events(events)
        print(
            f"cases: {args.cases} ({len(synced.plans)} open), events: {events}, "
            f"file: {len(data) / 1e6:.1f} MB"
        )
        print(f"export, first (SEQUENCE memory written): {first:.2f} s")
        print(f"export, again (memory read, unchanged):  {again:.2f} s")
        print(f"icalendar, {events} bare events:          {bare:.2f} s")
        print(
            f"ratio export/bare: first {first / bare:.2f}, again {again / bare:.2f} (target <= 2)"
        )

        live = LiveFeed(repo, Path(folder) / "feed.ics")
        start = time.perf_counter()
        live.rebuild(options, TODAY)
        full = time.perf_counter() - start
        case_id = next(iter(synced.plans))
        stored = repo.get(case_id)
        repo.add_event(case_id, NoticeEvent(TODAY - timedelta(days=3)))
        start = time.perf_counter()
        report = live.update([case_id], options, TODAY)
        one = time.perf_counter() - start
        assert report is not None and stored is not None
        print(
            f"live feed: full build {full:.2f} s; after one change {one * 1000:.0f} ms "
            f"({report.size / 1e6:.1f} MB written)"
        )
        db.close()


if __name__ == "__main__":
    main()
