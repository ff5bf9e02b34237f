"""Erasure: nothing names the person afterwards: no table, no audit row, no byte of the file."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from desktop.privacy import erasure, retention
from desktop.privacy.person import Role, Subject, find
from desktop.store.backup import make_backup
from desktop.store.search import fold
from desktop.store.transfer import parse_record

from .conftest import add_case, case_data

PERSON = Subject("Şükrü Yılmazoğlu", "V 301 234 5678")
TRACES = ("şükrü yılmazoğlu", "sukru yilmazoglu", "3012345678", "301 234 5678", "1988-04-12")


def other_case():
    """Someone else's case in which the person is a family member and named in the notes."""
    return case_data(
        reference="TRM-2025-099",
        v_number="V 555 000 1111",
        applicant={"name": "Leyla Kaya", "date_of_birth": "1979-01-01"},
        co_applicants=[],
        sponsor=None,
        notes="Brother Şükrü Yılmazoğlu helps with the forms.",
        family_members=[
            {
                "name": "Sukru Yilmazoglu",
                "date_of_birth": "1988-04-12",
                "v_number": "V301.234.5678",
                "relation": "broer",
            },
            {"name": "Mert Kaya", "date_of_birth": "2012-01-01", "relation": "zoon"},
        ],
    )


def unrelated_case():
    return case_data(
        reference="TRM-2025-100",
        v_number="V 777 666 5555",
        applicant={"name": "Jan de Vries"},
        co_applicants=[],
        sponsor=None,
        family_members=[],
        notes="",
    )


def every_text(path: Path) -> list[tuple[str, str]]:
    """(table, folded text) of every text cell of every table of the file."""
    found = []
    with closing(sqlite3.connect(path)) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in raw.execute(f'SELECT * FROM "{table}"'):
                found += [(table, fold(str(cell))) for cell in row if isinstance(cell, str)]
    return found


def traces_in(path: Path) -> list[tuple[str, str]]:
    return [
        (table, trace)
        for table, text in every_text(path)
        for trace in TRACES
        if fold(trace) in text or fold(trace).replace(" ", "") in text.replace(" ", "")
    ]


@pytest.fixture
def filled(repo):
    own = add_case(repo)
    repo.add_event(
        own,
        parse_record(case_data(events=[{"type": "decision", "sent": "2026-05-04"}]), 0)[
            0
        ].case.events[0],
    )
    repo.record_document(own, "notice", "nl", b"%PDF", "Ingebrekestelling Yilmazoglu.pdf")
    other = add_case(repo, other_case())
    repo.record_document(other, "notice", "nl", b"%PDF2", "Ingebrekestelling Kaya.pdf")
    unrelated = add_case(repo, unrelated_case())
    return own, other, unrelated


def test_find_sees_every_role_accents_and_spacing_ignored(repo, filled):
    own, other, _ = filled
    found = {(a.case_id, a.role) for a in find(repo, PERSON)}
    assert found == {(own, Role.APPLICANT), (other, Role.FAMILY_MEMBER)}
    namesake = Subject("Şükrü Yılmazoğlu", "V 999 999 9999")
    assert find(repo, namesake) == []  # same name, another V-number: another person


def test_erasure_leaves_no_row_that_names_the_person(repo, filled):
    own, other, unrelated = filled
    before_unrelated = repo.get(unrelated)
    path = repo.db.path
    assert traces_in(path), "the test data must name the person before"
    erasing = erasure.plan(repo, PERSON)
    assert erasing.whole_cases == [own]
    assert [(a.case_id, a.role) for a in erasing.removed_from] == [(other, Role.FAMILY_MEMBER)]
    done = erasure.erase(repo, erasing)
    assert (done.cases_erased, done.removed_from) == (1, 1)
    repo.db.close()
    assert traces_in(path) == []
    with pytest.raises(KeyError):
        repo.get(own, include_deleted=True)
    kept = repo.get(other).case_file
    assert kept.applicant.name == "Leyla Kaya"
    assert [m.name for m in kept.particulars.family_members] == ["Mert Kaya"]
    assert kept.notes == "Brother [erased] helps with the forms."
    assert repo.audit(other)[-1].field == "erasure"
    assert repo.get(unrelated) == before_unrelated
    [entry] = erasure.erasure_log(repo)
    assert entry["cases_erased"] == 1 and entry["removed_from_cases"] == 1
    assert "ükr" not in json.dumps(entry, ensure_ascii=False)


def test_the_plain_file_keeps_no_copy_in_its_bytes(repo, filled):
    path = repo.db.path
    erasure.erase(repo, erasure.plan(repo, PERSON))
    repo.db.close()
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    data += wal.read_bytes() if wal.exists() else b""
    for trace in ("Şükrü Yılmazoğlu", "sukru yilmazoglu", "3012345678", "1988-04-12"):
        assert trace.encode("utf-8") not in data, trace


def test_backups_that_hold_the_person_are_listed_with_their_expiry_and_purged(
    repo, filled, tmp_path
):
    folder = tmp_path / "data" / "backups"
    manual = make_backup(repo.db.path, folder)
    daily = folder / "termijn-2026-11-20.sqlite"
    daily.write_bytes(manual.read_bytes())
    erasure.erase(repo, erasure.plan(repo, PERSON))
    held = {h.path.name: h for h in erasure.backups_holding(folder, PERSON)}
    assert set(held) == {manual.name, daily.name}
    assert held[daily.name].expires == date(2026, 12, 4)
    assert held[manual.name].expires is None
    assert held[daily.name].cases == 2
    removed = erasure.purge_backups(held.values())
    assert sorted(p.name for p in removed) == sorted(held)
    assert erasure.backups_holding(folder, PERSON) == []


def test_retention_lists_closed_cases_past_the_period_and_erases_them_only_when_asked(repo, filled):
    own, other, unrelated = filled
    repo.archive(own)
    repo.delete(other)
    with repo.db.writing() as conn:
        conn.execute(
            "UPDATE case_file SET updated = '2023-01-02 10:00:00.000000' WHERE id = ?", (own,)
        )
        conn.execute(
            "UPDATE case_file SET updated = '2025-06-02 10:00:00.000000' WHERE id = ?", (other,)
        )
    today = date(2026, 12, 1)
    assert retention.months(repo) == 24
    assert [c.case_id for c in retention.due(repo, today)] == [own]
    retention.set_months(repo, 12)
    assert [c.case_id for c in retention.due(repo, today)] == [own, other]
    retention.set_months(repo, 0)
    assert retention.due(repo, today) == []
    assert repo.count() == 2  # listing deleted nothing
    erasure.erase_cases(repo, [own], reason="retention")
    assert repo.count() == 1 and unrelated in [r for r in repo.ordered_ids(_query())]
    assert erasure.erasure_log(repo)[-1]["reason"] == "retention"


def _query():
    from desktop.store import CaseQuery

    return CaseQuery(archived=None)
