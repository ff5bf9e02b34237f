"""The default feed names no one: no name, V-number or date of birth in its bytes."""

from __future__ import annotations

from desktop.core.casefile import parse_case_file
from desktop.feed.privacy import CaseLabel, initials
from desktop.i18n import format_date, translator
from desktop.store.calendar_state import CalendarState
from tests.feed.conftest import FixedDayRepository, demo_repo, events_by_uid, export


def _unfolded(data: bytes) -> str:
    """The text as a calendar shows it: lines unfolded, escapes undone."""
    text = data.decode("utf-8").replace("\r\n ", "")
    return text.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def _birth_forms(day):
    forms = {day.isoformat(), day.strftime("%Y%m%d"), day.strftime("%d-%m-%Y")}
    forms |= {format_date(day, lang, style) for lang in ("en", "nl") for style in ("full", "long")}
    return forms


def test_the_default_feed_holds_no_name_v_number_or_birth_date(tmp_path):
    db, repo = demo_repo(tmp_path, 300)
    data, calendar = export(repo, lang="nl")
    text = _unfolded(data)
    event_days = {e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    people = 0
    for batch in CalendarState(repo.db).open_cases():
        for case in batch:
            cf = case.case_file
            for person in (cf.applicant, *cf.co_applicants):
                people += 1
                for part in person.name.split():
                    if len(part) > 3:  # "Lê", "Bùi": too short to tell from other words
                        assert part.encode() not in data, part
                        assert part not in text, part
                if person.date_of_birth and person.date_of_birth not in event_days:
                    for form in _birth_forms(person.date_of_birth):
                        assert form not in text, form
            assert cf.v_number and cf.v_number not in text
            assert cf.applicant.address not in text and cf.ind_reference not in text
    assert people > 250
    # Reference and initials do name the case.
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert all("(" in s and "T-" in s for s in summaries)
    db.close()


def test_full_names_only_when_switched_on_and_never_the_v_number(db):
    repo = FixedDayRepository(db)
    case_id = repo.save(
        parse_case_file(
            {
                "procedure": "regular",
                "received": "2025-09-01",
                "events": [],
                "applicant": {"name": "Şükrü Ağaoğlu", "date_of_birth": "1980-02-29"},
                "v_number": "V-9988776655",
                "reference": "T-7",
            }
        )
    )
    hidden, _ = export(repo)
    shown, calendar = export(repo, names=True)
    assert "Şükrü".encode() not in hidden and "Ş.A.".encode() in hidden
    assert "Şükrü Ağaoğlu (T-7)" in [
        str(e["SUMMARY"]).split(" · ")[-1] for e in calendar.walk("VEVENT")
    ]
    for data in (hidden, shown):
        assert b"9988776655" not in data and b"1980" not in data
    assert len(events_by_uid(calendar)) == 1 and case_id == 1


def test_initials_and_labels():
    assert initials("Şükrü Ağaoğlu") == "Ş.A."
    assert initials("ʿAlī al-Ḥasan") == "A.A.Ḥ."
    assert initials("Nguyễn Thị Minh Khai") == "N.T.M.K."
    assert initials("  ") == ""
    _ = translator("en")
    assert CaseLabel(3, "T-3", "Şükrü Ağaoğlu").text(_) == "T-3 (Ş.A.)"
    assert CaseLabel(3, "", "Şükrü Ağaoğlu").text(_) == "case 3 (Ş.A.)"
    assert CaseLabel(3, "T-3", "").text(_) == "T-3"
    assert CaseLabel(3, "T-3", "Şükrü Ağaoğlu").text(_, names=True) == "Şükrü Ağaoğlu (T-3)"
