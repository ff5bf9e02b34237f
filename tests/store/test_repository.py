import dataclasses
import sys
from contextlib import closing
from datetime import date

import pytest

from desktop.core import compute, load_rule_pack
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Decision,
    InfoRequest,
    NextCode,
    NoticeEvent,
)
from desktop.core.nextstep import plan
from desktop.store import CaseQuery, NoticeProof
from tests.store.helpers import make_case

TODAY = date(2026, 11, 25)


def test_save_and_get_round_trip(repo):
    cf = make_case(
        events=[
            {"type": "info_request", "sent": "2026-02-01", "deadline": None, "completed": None},
            {"type": "notice", "received": "2026-09-01"},
        ],
        co_applicants=[{"name": "Zeynep", "date_of_birth": "2015-03-04"}],
        representative={"name": "mr. A. de Vries", "email": "a@example.nl"},
        tags=["urgent"],
        notes="line one\nline two",
        language="en",
    )
    case_id = repo.save(cf, notice_proofs={1: NoticeProof(tracking_number="3SABC")})
    stored = repo.get(case_id)
    assert stored.case_file == cf
    assert len(stored.event_ids) == 2
    assert stored.notice_proofs == {stored.event_ids[1]: NoticeProof(tracking_number="3SABC")}
    expected = compute(cf.case, today=TODAY, rules=load_rule_pack()).key_dates
    assert stored.key_dates == expected
    assert stored.rules == f"kd2:{load_rule_pack().id}"


def test_update_audits_changed_fields_and_keeps_unchanged_event_ids(repo):
    cf = make_case(events=[{"type": "notice", "received": "2026-09-01"}])
    case_id = repo.save(cf, notice_proofs={0: NoticeProof(fax_report="OK")})
    before = repo.get(case_id)
    decision = Decision(sent=date(2026, 10, 1))
    changed = dataclasses.replace(
        cf,
        notes="called the IND",
        case=dataclasses.replace(cf.case, events=(*cf.case.events, decision)),
    )
    repo.save(changed, case_id)
    after = repo.get(case_id)
    assert after.event_ids[0] == before.event_ids[0]
    assert after.notice_proofs == before.notice_proofs  # proofs survive a save without them
    fields = [(a.field, a.old, a.new) for a in repo.audit(case_id)]
    assert fields[0][0] == "created"
    assert ("notes", "", "called the IND") in fields
    assert any(f.startswith("event ") and new and '"decision"' in new for f, _, new in fields)
    assert after.key_dates is not None and after.key_dates.decided == date(2026, 10, 1)


def test_removed_event_is_deleted_and_audited(repo):
    cf = make_case(events=[{"type": "decision", "sent": "2026-05-01"}])
    case_id = repo.save(cf)
    repo.save(dataclasses.replace(cf, case=dataclasses.replace(cf.case, events=())), case_id)
    assert repo.get(case_id).event_ids == ()
    last = repo.audit(case_id)[-1]
    assert last.new is None and '"decision"' in (last.old or "")


def test_event_api_recomputes_key_dates(repo):
    case_id = repo.save(make_case())
    assert repo.get(case_id).key_dates.decided is None
    event_id = repo.add_event(case_id, Decision(sent=date(2026, 6, 1)))
    assert repo.get(case_id).key_dates.decided == date(2026, 6, 1)
    repo.update_event(event_id, Decision(sent=date(2026, 7, 1)))
    assert repo.get(case_id).key_dates.decided == date(2026, 7, 1)
    repo.delete_event(event_id)
    assert repo.get(case_id).key_dates.decided is None
    notice = repo.add_event(case_id, NoticeEvent(received=date(2026, 9, 1)))
    proof = NoticeProof(posted=date(2026, 8, 29), tracking_number="3S1", delivered=date(2026, 9, 1))
    repo.set_notice_proof(notice, proof)
    assert repo.get(case_id).notice_proofs == {notice: proof}
    with pytest.raises(KeyError):
        repo.update_event(999_999, Decision(sent=date(2026, 7, 1)))


def test_archive_delete_undelete_purge(repo):
    a, b = repo.save(make_case()), repo.save(make_case(reference="T-2"))
    repo.archive(a)
    assert repo.ordered_ids(CaseQuery(today=TODAY)) == [b]
    assert repo.ordered_ids(CaseQuery(archived=True, today=TODAY)) == [a]
    assert sorted(repo.ordered_ids(CaseQuery(archived=None, today=TODAY))) == [a, b]
    repo.delete(b)
    assert repo.count() == 1 and repo.deleted_ids() == [b]
    with pytest.raises(KeyError):
        repo.get(b)
    repo.undelete(b)
    assert repo.get(b).case_file.reference == "T-2"
    with pytest.raises(KeyError):
        repo.purge(b)  # only from the bin
    repo.delete(b)
    repo.purge(b)
    with pytest.raises(KeyError):
        repo.get(b, include_deleted=True)
    assert repo.audit(b) == []


def test_search_folds_diacritics_and_escapes_like(repo):
    sukru = repo.save(make_case())
    nguyen = repo.save(make_case(applicant={"name": "Nguyễn Thị Minh Khai"}, v_number="0123456789"))
    odd = repo.save(
        make_case(applicant={"name": "100% _real_ name"}, reference="R\\1", v_number="")
    )
    ids = lambda text: repo.ordered_ids(CaseQuery(text=text, today=TODAY))  # noqa: E731
    assert ids("sukru") == [sukru]
    assert ids("AĞAOĞLU") == [sukru]
    assert ids("nguyen khai") == [nguyen]
    assert ids("v1234567") == [sukru]
    assert ids("%") == [odd]
    assert ids("_real_") == [odd]
    assert ids("r\\1") == [odd]
    assert ids("") == [odd, nguyen, sukru]  # by folded name


def test_sort_and_filter_in_sql(repo):
    names = ["Çelik Ayşe", "Zofia Żak", "Ahmad", "bilal"]
    ids = [
        repo.save(make_case(applicant={"name": n}, reference=f"R{i}")) for i, n in enumerate(names)
    ]
    q = CaseQuery(today=TODAY)
    assert repo.ordered_ids(q) == [ids[2], ids[3], ids[0], ids[1]]
    assert repo.ordered_ids(q.sorted_by("applicant", descending=True)) == [
        ids[1],
        ids[0],
        ids[3],
        ids[2],
    ]
    assert repo.ordered_ids(q.sorted_by("reference")) == ids
    asylum = repo.save(make_case(procedure="asylum"))
    from desktop.core.model import Procedure

    assert repo.ordered_ids(dataclasses.replace(q, procedure=Procedure.ASYLUM)) == [asylum]
    rows = repo.rows(repo.ordered_ids(q))
    for row in rows.values():
        step = plan(repo.get(row.id).key_dates, date.today())[0]
        assert row.next_code == step.code and row.next_date == step.date
    for code in NextCode:
        for case_id in repo.ordered_ids(dataclasses.replace(q, next_code=code)):
            assert plan(repo.get(case_id).key_dates, TODAY)[0].code == code


def test_rows_pages_and_unknown_ids(repo):
    ids = repo.save_many([make_case(reference=f"R{i}") for i in range(450)])
    page = repo.rows(ids[:200])
    assert list(page) == ids[:200]
    assert repo.rows([ids[0], 10**9]).keys() == {ids[0]}
    assert len(repo.rows(ids)) == 450


def test_settings_and_documents(repo):
    assert repo.get_setting("language") is None
    assert repo.get_setting("language", "nl") == "nl"
    repo.set_setting("language", "en")
    repo.set_setting("language", "nl")
    assert repo.get_setting("language") == "nl"
    case_id = repo.save(make_case())
    doc = repo.record_document(case_id, "notice", "nl", b"%PDF-1.7 ...", "notice.pdf")
    assert len(doc.sha256) == 64
    assert repo.documents(case_id) == [doc]


def test_a_calculator_failure_never_loses_a_save(repo, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug in the core")

    # The package attribute `compute` hides the module of the same name.
    monkeypatch.setattr(sys.modules["desktop.core.compute"], "compute", broken)
    case_id = repo.save(make_case())
    stored = repo.get(case_id)
    assert stored.key_dates is None
    assert repo.rows([case_id])[case_id].next_code is None


def test_key_dates_refreshed_when_the_rule_pack_changes(repo):
    ids = repo.save_many([make_case(reference=f"R{i}") for i in range(30)])
    with repo.db.writing() as conn:
        conn.execute("UPDATE case_file SET kd_rules = 'nl-2025.01', kd_decided = '2000-01-01'")
    assert repo.stale_count() == 30
    assert repo.refresh_key_dates(batch=7) == 30
    assert repo.stale_count() == 0
    assert all(repo.get(i).key_dates.decided is None for i in ids)


def test_save_many_without_compute_leaves_them_stale(repo):
    ids = repo.save_many([make_case()], compute=False)
    assert repo.get(ids[0]).key_dates is None and repo.stale_count() == 1
    repo.refresh_key_dates()
    assert repo.get(ids[0]).key_dates is not None


def test_unknown_case(repo):
    with pytest.raises(KeyError):
        repo.get(42)
    with pytest.raises(KeyError):
        repo.save(make_case(), 42)
    with pytest.raises(KeyError):
        repo.add_event(42, Appointment(AppointmentKind.BIOMETRICS, date(2026, 2, 1), True))
    with pytest.raises(KeyError):
        repo.archive(42)
    assert InfoRequest  # imported for readers of the event API


def test_rows_look_up_ids_by_primary_key(repo):
    # `deleted = 0` alone made SQLite search an index on `deleted` for a page of ids and scan
    # every live case (14 ms a page at 100k cases) instead of looking each id up.
    from desktop.store.caselist import PAGE_SIZE, page_sql

    repo.save_many([make_case(reference=f"R{i}") for i in range(30)])
    repo.delete(3)
    with closing(repo.db.raw()) as raw:
        for count in (1, 20, PAGE_SIZE):
            ids = list(range(1, count + 1))
            plan = [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {page_sql(count)}", ids)]
            assert plan == ["SEARCH case_file USING INTEGER PRIMARY KEY (rowid=?)"], (count, plan)
    assert sorted(repo.rows([1, 2, 3, 99])) == [1, 2]


def test_cached_key_dates_follow_the_pending_legislation_flags(repo):
    # The GUI keeps the switched-on flags in the settings table; the list must agree with the
    # open case, which computes with them.
    from desktop.store.repository import FLAGS_SETTING as FLAGS

    pack = load_rule_pack()
    nareis = make_case(procedure="nareis")
    today = date(2026, 3, 1)

    def expected(flags):
        return compute(nareis.case, today=today, rules=pack, flags=flags).key_dates

    plain, flagged = expected(frozenset()), expected(frozenset({"bill_36349"}))
    assert plain != flagged  # nareis: 9 months under bill 36349
    first = repo.save(nareis)
    assert repo.get(first).key_dates == plain

    repo.set_setting(FLAGS, "bill_36349")
    assert repo.stale_count() == 1  # the cache came from other flags
    assert repo.refresh_key_dates() == 1
    assert repo.get(first).key_dates == flagged and repo.stale_count() == 0
    second = repo.save(nareis)  # a new save uses the flags at once
    assert repo.get(second).key_dates == flagged
    row = repo.rows([second], today)[second]
    step = plan(flagged, today)[0]
    assert (row.next_code, row.next_date) == (step.code, step.date)

    repo.set_setting(FLAGS, "")
    assert repo.stale_count() == 2
    repo.refresh_key_dates()
    assert repo.get(first).key_dates == plain == repo.get(second).key_dates


def test_refresh_key_dates_reports_progress(repo):
    repo.save_many([make_case(reference=f"R{i}") for i in range(30)], compute=False)
    seen = []
    assert repo.refresh_key_dates(batch=7, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 30) and seen[-1] == (30, 30)
    assert [done for done, _ in seen] == [0, 7, 14, 21, 28, 30]
    seen.clear()
    repo.refresh_key_dates(progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 0)]  # nothing stale: one report, nothing done


def test_particulars_are_stored_audited_and_found_by_search(repo):
    case_id = repo.save(
        make_case(
            sponsor={"name": "Yusuf Haddad", "v_number": "9988776655"},
            family_members=[{"name": "Şirin Haddad", "date_of_birth": "2014-02-03"}],
            purpose="nareis",
            send_by_fax=True,
        )
    )
    stored = repo.get(case_id).case_file
    assert stored.particulars.sponsor is not None
    assert stored.particulars.sponsor.v_number == "9988776655"
    assert stored.particulars.family_members[0].name == "Şirin Haddad"
    assert stored.particulars.send_by_fax
    ids = lambda text: repo.ordered_ids(CaseQuery(text=text, today=TODAY))  # noqa: E731
    assert ids("yusuf") == [case_id]
    assert ids("sirin") == [case_id]
    assert ids("9988776655") == [case_id]
    changed = dataclasses.replace(
        stored, particulars=dataclasses.replace(stored.particulars, purpose="gezinshereniging")
    )
    repo.save(changed, case_id)
    assert repo.get(case_id).case_file.particulars.purpose == "gezinshereniging"
    assert any(entry.field == "particulars" for entry in repo.audit(case_id))


def test_a_representatives_relation_round_trips(repo):
    from desktop.core.casefile import Relation, case_file_to_json, parse_case_file

    cf = make_case(representative={"name": "Elif", "relation": "wife"})
    stored = repo.get(repo.save(cf)).case_file
    assert stored == cf and stored.representative.relation is Relation.WIFE
    assert parse_case_file(case_file_to_json(stored)) == cf
