"""The calendar tables: published events per (case, kind), snoozes, and the open cases read."""

from datetime import date, datetime

from desktop.store.calendar_state import CalendarState, PublishedEvent
from tests.store.helpers import make_case


def _event(case_id, kind="notice", day=date(2026, 5, 1), sequence=0, cancelled=False):
    return PublishedEvent(
        case_id, kind, day, sequence, f"d{sequence}", cancelled, datetime(2026, 4, 1, 12, 0)
    )


def test_published_events_round_trip_and_update_in_place(repo, db):
    first, second = repo.save(make_case()), repo.save(make_case(reference="T-2"))
    state = CalendarState(db)
    state.save_published([_event(first), _event(first, "window"), _event(second)])
    state.save_published([_event(first, day=date(2026, 5, 8), sequence=1)])

    published = state.published()
    assert set(published) == {first, second}
    assert published[first]["notice"] == _event(first, day=date(2026, 5, 8), sequence=1)
    assert published[first]["window"].sequence == 0
    assert set(state.published([second])) == {second}
    assert state.published([]) == {}


def test_purging_a_case_removes_its_calendar_rows_and_late_writes_are_skipped(repo, db):
    case_id = repo.save(make_case())
    state = CalendarState(db)
    state.save_published([_event(case_id)])
    state.snooze([case_id], date(2026, 5, 1))
    repo.delete(case_id)
    repo.purge(case_id)
    assert state.published() == {}
    assert state.snoozes() == {}
    # A feed build that read the case before the purge must not fail (or resurrect it).
    assert state.save_published([_event(case_id)]) == 0
    state.snooze([case_id], date(2026, 6, 1))
    assert state.snoozes() == {}


def test_snoozes_set_replace_and_expire(repo, db):
    a, b = repo.save(make_case()), repo.save(make_case(reference="T-2"))
    state = CalendarState(db)
    state.snooze([a, b], date(2026, 5, 1))
    state.snooze([b], date(2026, 5, 9))
    assert state.snoozes() == {a: date(2026, 5, 1), b: date(2026, 5, 9)}
    state.drop_snoozes(before=date(2026, 5, 2))
    assert state.snoozes() == {b: date(2026, 5, 9)}


def test_open_cases_skip_archived_and_deleted_in_batches(repo, db):
    ids = [repo.save(make_case(reference=f"T-{i}")) for i in range(7)]
    repo.archive(ids[1])
    repo.delete(ids[2])
    state = CalendarState(db)

    batches = list(state.open_cases(batch=2))
    assert [len(b) for b in batches] == [2, 2, 1]
    seen = [c.id for batch in batches for c in batch]
    assert seen == [ids[0], *ids[3:]]
    assert batches[0][0].case_file == repo.get(ids[0]).case_file

    asked = [ids[6], ids[1], ids[0], 999]
    chosen = [c.id for batch in state.open_cases(asked, batch=2) for c in batch]
    assert chosen == [ids[0], ids[6]]
    assert list(state.open_cases([])) == []
    assert state.case_ids() == ids
