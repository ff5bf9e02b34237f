"""The exported feed read back with icalendar: every date against compute, 2,000 demo cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core.compute import compute
from desktop.core.model import NoticeState
from desktop.feed.settings import uid_prefix
from desktop.store.calendar_state import CalendarState
from tests.feed.conftest import TODAY, demo_repo, events_by_uid, export, uid_parts

# The kinds whose words are the core's next step on the event's day.
STEP_KINDS = {"notice", "window", "appeal", "last-penalty-day", "claim", "remedy"}


def expected_dates(case, result) -> dict[str, date]:
    """Every calendar date of one open case, read off compute's result (the rules restated)."""
    key = result.key_dates
    found: dict[str, date] = {}

    def reached(day):
        return key.decided is None or day <= key.decided

    if key.notice_state is not NoticeState.SAFE and reached(result.term.safe_notice_receipt):
        found["notice"] = result.term.safe_notice_receipt
    if key.notice_state is NoticeState.SAFE:
        if reached(key.window_last):
            found["window"] = key.window_last
        if reached(result.appeal_from or key.certain_from):
            found["appeal"] = key.certain_from
            if result.appeal_from is not None:
                assert result.appeal_from == key.certain_from
        if key.penalty_applies and reached(key.day_42):
            found["last-penalty-day"] = key.day_42
    if key.claim_due is not None and key.penalty_fixed is None:
        found["claim"] = key.claim_due
    if result.decision is not None:
        found["remedy"] = key.remedy_until
    proofs = [a.proof_due for a in result.appointments if a.proof_due is not None]
    for number, day in enumerate(proofs, start=1):
        if reached(day):
            found["proof" if number == 1 else f"proof-{number}"] = day
    if result.mvv_collect_until is not None:
        found["mvv"] = result.mvv_collect_until
    return found


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    db, repo = demo_repo(tmp_path_factory.mktemp("feed"), 2000)
    data, calendar = export(repo, lang="en")
    yield repo, data, calendar
    db.close()


def test_every_date_of_every_open_case_matches_compute(big):
    repo, _data, calendar = big
    events = events_by_uid(calendar)
    got: dict[tuple[int, str], date] = {}
    for uid, event in events.items():
        case_id, kind = uid_parts(uid)
        assert str(event["STATUS"]) == "CONFIRMED"  # a first export cancels nothing
        got[(case_id, kind)] = event.decoded("DTSTART")
    expected: dict[tuple[int, str], date] = {}
    open_cases = 0
    pack = repo.key_dates.rules
    for batch in CalendarState(repo.db).open_cases():
        for case in batch:
            open_cases += 1
            result = compute(case.case_file.case, today=TODAY, rules=pack)
            for kind, day in expected_dates(case.case_file.case, result).items():
                expected[(case.id, kind)] = day
    assert open_cases > 1500  # the demo archives about one case in ten
    assert got == expected
    kinds = {kind.split("-")[0] for _case_id, kind in got}
    # The demo covers every kind of date (proof-2 and later need two missed interviews).
    assert kinds == {"notice", "window", "appeal", "last", "claim", "remedy", "proof", "mvv"}


def test_archived_and_deleted_cases_have_no_events(big):
    repo, _data, calendar = big
    case_ids = {uid_parts(uid)[0] for uid in events_by_uid(calendar)}
    with repo.db.reading() as conn:
        closed = {r[0] for r in conn.execute("SELECT id FROM case_file WHERE archived = 1")}
    assert closed and not closed & case_ids


def test_events_are_all_day_dates_with_the_alarms_asked_for(big):
    _repo, data, calendar = big
    assert b"DTSTART;VALUE=DATE:" in data and b"DTSTART:" not in data
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)
        assert event["DTSTART"].params["VALUE"] == "DATE"
        triggers = [alarm.decoded("TRIGGER") for alarm in event.walk("VALARM")]
        # 7 and 1 days before, each at 09:00 on that day (the event starts at midnight).
        assert triggers == [-timedelta(days=6, hours=15), -timedelta(hours=15)]
        assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in event.walk("VALARM"))
        assert str(event["CLASS"]) == "PRIVATE" and str(event["TRANSP"]) == "TRANSPARENT"


def test_each_event_says_what_the_core_says_on_that_day(big):
    repo, _data, calendar = big
    cases = {c.id: c for batch in CalendarState(repo.db).open_cases() for c in batch}
    checked = 0
    for uid, event in events_by_uid(calendar).items():
        case_id, kind = uid_parts(uid)
        if kind not in STEP_KINDS or checked >= 400:
            continue
        day = event.decoded("DTSTART")
        on_the_day = compute(cases[case_id].case_file.case, today=day)
        description = str(event["DESCRIPTION"])
        assert on_the_day.next_step.text.en in description, uid
        for also in on_the_day.next_step.also:
            assert also.text.en in description
        assert on_the_day.next_step.rule in description
        checked += 1
    assert checked == 400


def test_every_line_is_folded_within_75_octets(big):
    _repo, data, _calendar = big
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) <= 75
    data.decode("utf-8")  # folding never splits a character


def test_uids_are_stable_and_unique(big, tmp_path):
    repo, data, calendar = big
    again, calendar_again = export(repo, lang="en")
    assert again == data  # nothing changed: the same bytes, SEQUENCE and DTSTAMP included
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert all(uid.startswith(uid_prefix(repo) + "-") for uid in uids)
    dutch, _ = export(repo, lang="nl")
    assert [str(e["UID"]) for e in _.walk("VEVENT")] == uids
    # Another case file never shares UIDs with this one, even for the same case ids.
    db, other = demo_repo(tmp_path, 5)
    _other_data, other_calendar = export(other, lang="en")
    assert not {str(e["UID"]) for e in other_calendar.walk("VEVENT")} & set(uids)
    db.close()
