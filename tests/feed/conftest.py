"""Fixtures of the calendar tests: a case file of demo cases on a fixed day, and export helpers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from desktop.feed.live import export_bytes
from desktop.feed.options import FeedOptions
from desktop.store import CaseRepository, Database, open_database
from desktop.store.demo import demo_cases

TODAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 9, 30)


class FixedDayRepository(CaseRepository):
    """The repository on TODAY, so the demo cases' dates and the feed agree with the test."""

    def today(self) -> date:
        return TODAY


def demo_repo(folder: Path, count: int) -> tuple[Database, FixedDayRepository]:
    db = open_database(folder / "termijn.sqlite")
    repo = FixedDayRepository(db)
    cases = list(demo_cases(count, seed=7, today=TODAY))
    repo.save_many([case for case, _ in cases], [proofs for _, proofs in cases])
    return db, repo


@pytest.fixture
def small_repo(tmp_path: Path) -> Iterator[FixedDayRepository]:
    db, repo = demo_repo(tmp_path, 40)
    yield repo
    db.close()


def export(repo, now=NOW, **options):
    """The feed's bytes and the calendar parsed back by icalendar."""
    data, _synced = export_bytes(repo, FeedOptions(**options), today=TODAY, now=now)
    return data, icalendar.Calendar.from_ical(data)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid_parts(uid: str) -> tuple[int, str]:
    """ "<prefix>-<case id>-<kind>@termijn" -> (case id, kind)."""
    _prefix, case_id, kind = uid.split("@")[0].split("-", 2)
    return int(case_id), kind


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "termijn.sqlite")
    yield database
    database.close()
