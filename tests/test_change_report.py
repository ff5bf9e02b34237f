"""The change report on a 2,000-case file: every moved case in it, nothing else, the right order."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.core.changes import case_state
from desktop.core.compute import compute
from desktop.core.rulepack import set_pack_in_use
from desktop.documents.change_report import PDF_ROWS, build_change_report, to_csv
from desktop.lawchange import diff_cases, recompute_with_report
from desktop.store import CaseRepository, open_database
from desktop.store.demo import demo_cases
from desktop.store.snapshot import all_cases, cached_cases

TODAY = date(2026, 12, 2)
COUNT = 2000


@pytest.fixture(scope="module")
def report_setup(tmp_path_factory, second_pack):
    folder = tmp_path_factory.mktemp("changes")
    db = open_database(folder / "termijn.sqlite", backups=folder / "backups")
    repo = CaseRepository(db)
    repo.save_many([cf for cf, _proof in demo_cases(COUNT, today=TODAY, seed=7)])
    before = cached_cases(db)
    _path, pack = second_pack
    report = recompute_with_report(repo, TODAY, switch=lambda: set_pack_in_use(pack.id))
    yield repo, before, report, pack
    set_pack_in_use(None)
    db.close()


def test_every_case_is_checked_and_recomputed_with_the_new_pack(report_setup):
    repo, before, report, pack = report_setup
    assert report.checked == COUNT and report.first_time == 0
    assert (report.before, report.after) == ("nl-2026.12", "xx-2027.1")
    after = cached_cases(repo.db)
    assert {c.rules for c in after.values()} == {"kd2:xx-2027.1"}
    # The report lists exactly the cases whose next step or key dates moved.
    moved = {
        case_id
        for case_id, now in after.items()
        if case_state(before[case_id].key, TODAY) != case_state(now.key, TODAY)
    }
    assert {c.case_id for c in report.changes} == moved
    assert 0 < len(moved) < COUNT  # the test pack moves some cases, not all


def test_the_new_dates_are_the_core_s_with_the_new_pack(report_setup):
    repo, _before, report, pack = report_setup
    changed = {c.case_id: c for c in report.changes}
    for case_id, case in all_cases(repo.db):
        if case_id in changed:
            expected = compute(case, today=TODAY, rules=pack, explain=False).key_dates
            assert changed[case_id].after.key == expected


def test_sorted_by_how_soon_the_new_date_is(report_setup):
    _repo, _before, report, _pack = report_setup
    dates = [c.new_date for c in report.changes]
    upcoming = [d for d in dates if d is not None and d >= TODAY]
    past = [d for d in dates if d is not None and d < TODAY]
    assert dates[: len(upcoming)] == sorted(upcoming)  # the nearest first
    assert dates[len(upcoming) : len(upcoming) + len(past)] == sorted(past, reverse=True)


def test_a_dry_run_between_packs_finds_the_same_cases(report_setup):
    repo, _before, report, pack = report_setup
    dry = diff_cases(repo, pack, pack, TODAY)
    assert dry.checked == COUNT and dry.changes == ()  # the same law moves nothing
    from desktop.core.rulepack import load_rule_pack

    dry = diff_cases(repo, load_rule_pack("nl-2026.12"), pack, TODAY)
    assert [c.case_id for c in dry.changes] == [c.case_id for c in report.changes]


def test_csv_and_pdf_hold_every_changed_case(report_setup):
    _repo, _before, report, _pack = report_setup
    rows = list(csv.reader(io.StringIO(to_csv(report, "nl"))))
    assert rows[0][:3] == ["Kenmerk", "Aanvrager", "Procedure"]
    assert len(rows) == len(report.changes) + 1
    assert [r[0] for r in rows[1:]] == [c.reference for c in report.changes]
    pdf = PdfReader(io.BytesIO(build_change_report(report, "en")))
    assert len(pdf.pages) > 1
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert f"Cases checked: {COUNT}." in text
    assert report.changes[0].reference in text
    shown = report.changes[: min(PDF_ROWS, len(report.changes))]
    assert shown[-1].reference in text
    if len(report.changes) > PDF_ROWS:  # the rest is in the CSV, and the PDF says so
        assert f"the {PDF_ROWS} most urgent of {len(report.changes)} changed cases" in text
