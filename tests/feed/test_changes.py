"""Re-importing updates, not duplicates: SEQUENCE when a date moves, CANCELLED when it goes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.core.casefile import parse_case_file
from desktop.core.model import Decision, NoticeEvent, Text
from desktop.feed.plan import PlannedEvent
from desktop.feed.sync import reconcile
from desktop.store.calendar_state import PublishedEvent
from tests.feed.conftest import NOW, TODAY, FixedDayRepository, events_by_uid, export, uid_parts


def _case(**extra):
    data = {
        "procedure": "regular",
        "received": "2025-09-01",
        "events": [],
        "applicant": {"name": "Şükrü Ağaoğlu", "date_of_birth": "1980-02-29"},
        "v_number": "1234567890",
        "reference": "T-1",
    }
    data.update(extra)
    return parse_case_file(data)


def _by_kind(calendar, case_id):
    found = {}
    for uid, event in events_by_uid(calendar).items():
        owner, kind = uid_parts(uid)
        if owner == case_id:
            found[kind] = event
    return found


def test_a_moved_date_keeps_its_uid_with_a_higher_sequence(db):
    repo = FixedDayRepository(db)
    case_id = repo.save(_case())
    _, first = export(repo)
    before = _by_kind(first, case_id)
    assert set(before) == {"notice"} and int(before["notice"]["SEQUENCE"]) == 0

    # The IND received a Notice: the Notice date is done, the window and penalty dates appear.
    notice_id = repo.add_event(case_id, NoticeEvent(date(2026, 1, 5)))
    later = NOW + timedelta(hours=1)
    _, second = export(repo, now=later)
    after = _by_kind(second, case_id)
    assert set(after) == {"notice", "window", "appeal", "last-penalty-day", "claim"}
    assert str(after["notice"]["STATUS"]) == "CANCELLED"
    assert int(after["notice"]["SEQUENCE"]) == 1
    assert not after["notice"].walk("VALARM")  # a cancelled date does not ring
    assert after["notice"].decoded("DTSTART") == before["notice"].decoded("DTSTART")
    window = after["window"]
    assert int(window["SEQUENCE"]) == 0 and str(window["STATUS"]) == "CONFIRMED"
    assert window.decoded("DTSTAMP").replace(tzinfo=None) == later

    # The Notice arrived a week later than entered: every date after it moves by a week.
    stored = repo.get(case_id)
    repo.update_event(stored.event_ids[-1], NoticeEvent(date(2026, 1, 12)))
    _, third = export(repo, now=later + timedelta(hours=1))
    moved = _by_kind(third, case_id)
    for kind in ("window", "appeal", "last-penalty-day", "claim"):
        assert str(moved[kind]["UID"]) == str(after[kind]["UID"])
        assert int(moved[kind]["SEQUENCE"]) == int(after[kind]["SEQUENCE"]) + 1
        assert moved[kind].decoded("DTSTART") == after[kind].decoded("DTSTART") + timedelta(7)
    assert int(moved["notice"]["SEQUENCE"]) == 1  # still cancelled, not cancelled again

    # The Notice is deleted: its dates are cancelled and the Notice date is back.
    repo.delete_event(notice_id)
    _, fourth = export(repo, now=later + timedelta(hours=2))
    back = _by_kind(fourth, case_id)
    assert str(back["notice"]["STATUS"]) == "CONFIRMED" and int(back["notice"]["SEQUENCE"]) == 2
    for kind in ("window", "appeal", "last-penalty-day", "claim"):
        assert str(back[kind]["STATUS"]) == "CANCELLED"
        assert int(back[kind]["SEQUENCE"]) == int(moved[kind]["SEQUENCE"]) + 1


def test_a_decision_ends_the_waiting_dates_and_brings_the_remedy(db):
    repo = FixedDayRepository(db)
    case_id = repo.save(_case())
    repo.add_event(case_id, NoticeEvent(date(2026, 1, 5)))
    _, first = export(repo)
    repo.add_event(case_id, Decision(date(2026, 1, 9)))  # within the IND's two weeks
    _, second = export(repo, now=NOW + timedelta(hours=1))
    after = _by_kind(second, case_id)
    assert str(after["remedy"]["STATUS"]) == "CONFIRMED"
    for kind in ("window", "appeal", "last-penalty-day", "claim"):
        assert str(after[kind]["STATUS"]) == "CANCELLED", kind
    assert set(_by_kind(first, case_id)) < set(after)


def test_archiving_and_deleting_cancel_every_date_and_restoring_brings_them_back(db):
    repo = FixedDayRepository(db)
    kept, archived = repo.save(_case()), repo.save(_case(reference="T-2"))
    _, first = export(repo)
    repo.archive(archived)
    _, second = export(repo, now=NOW + timedelta(hours=1))
    gone = _by_kind(second, archived)
    assert [str(e["STATUS"]) for e in gone.values()] == ["CANCELLED"]
    assert "T-2" in str(gone["notice"]["SUMMARY"])  # which case, by reference
    assert str(_by_kind(second, kept)["notice"]["STATUS"]) == "CONFIRMED"
    repo.archive(archived, False)
    _, third = export(repo, now=NOW + timedelta(hours=2))
    again = _by_kind(third, archived)["notice"]
    assert str(again["STATUS"]) == "CONFIRMED" and int(again["SEQUENCE"]) == 2
    assert len(_by_kind(first, archived)) == 1


def test_a_cancelled_date_leaves_the_file_after_ninety_days(db):
    repo = FixedDayRepository(db)
    case_id = repo.save(_case())
    export(repo)
    repo.delete(case_id)
    export(repo, now=NOW + timedelta(hours=1))  # published as cancelled from now on
    _, soon = export(repo, now=NOW + timedelta(days=89))
    assert str(_by_kind(soon, case_id)["notice"]["STATUS"]) == "CANCELLED"
    _, late = export(repo, now=NOW + timedelta(days=91))
    assert _by_kind(late, case_id) == {}


def _planned(kind="notice", day=date(2026, 5, 1), words="Send it."):
    return PlannedEvent(kind, day, "title", (Text(words, words),), "Awb", "R4.1")


def _published(kind="notice", day=date(2026, 5, 1), sequence=0, cancelled=False, words="Send it."):
    digest = _planned(kind, day, words).digest
    return PublishedEvent(1, kind, day, sequence, digest, cancelled, datetime(2026, 1, 1))


def test_reconcile_bumps_sequence_only_for_real_changes():
    now = datetime(2026, 6, 1)
    same, changed = reconcile(1, [_planned()], {"notice": _published()}, now)
    assert changed == [] and same["notice"] == _published()
    _, moved = reconcile(1, [_planned(day=date(2026, 5, 2))], {"notice": _published()}, now)
    assert [(e.sequence, e.day, e.changed) for e in moved] == [(1, date(2026, 5, 2), now)]
    _, reworded = reconcile(1, [_planned(words="Other.")], {"notice": _published()}, now)
    assert [e.sequence for e in reworded] == [1]
    _, gone = reconcile(1, [], {"notice": _published(sequence=3)}, now)
    assert [(e.sequence, e.cancelled, e.day) for e in gone] == [(4, True, date(2026, 5, 1))]
    _, still = reconcile(1, [], {"notice": _published(sequence=4, cancelled=True)}, now)
    assert still == []
    _, back = reconcile(1, [_planned()], {"notice": _published(sequence=4, cancelled=True)}, now)
    assert [(e.sequence, e.cancelled) for e in back] == [(5, False)]
    assert TODAY  # the fixtures' day is the feed's day
