"""Every row of the next-step table, with the dates worked out by hand in the comments."""

from datetime import date

import pytest

from desktop.core import compute, parse_case
from desktop.core.contract import result_to_contract
from desktop.core.model import NextCode

# A regular permit received Wed 01-10-2025: + 90 days = Tue 30-12-2025, a working day, so the
# term ends then on every reading and a Notice is safe from Wed 31-12-2025.
REGULAR = {"procedure": "regular", "received": "2025-10-01"}
SAFE = date(2025, 12, 31)
# A Notice received Mon 02-03-2026: the IND's two weeks run to Mon 16-03-2026 (a working day),
# the penalty and the appeal from Tue 17-03-2026; day 42 = 17-03 + 41 days = Mon 27-04-2026;
# the IND must fix the penalty 14 days after the last penalty day (Awb 4:18).
NOTICE = {"type": "notice", "received": "2026-03-02"}


def step(data, today, **extra):
    return compute(parse_case({**data, **extra}), today=date.fromisoformat(today)).next_step


def codes(next_step):
    return [next_step.code, *(row.code for row in next_step.also)]


def test_wait_until_the_safe_date():
    s = step(REGULAR, "2025-12-01")
    assert (s.code, s.date, s.also) == (NextCode.WAIT, SAFE, ())
    assert "31 December 2025" in s.text.en and "31 december 2025" in s.text.nl
    assert s.rule and not s.provisional


def test_send_the_notice_from_the_safe_date_on():
    # The day before the safe date is still "wait"; from the safe date on, "send".
    assert step(REGULAR, "2025-12-30").code is NextCode.WAIT
    for today in ("2025-12-31", "2026-01-05"):
        s = step(REGULAR, today)
        assert (s.code, s.date) == (NextCode.SEND_NOTICE, SAFE)


def test_a_void_notice_must_be_sent_again():
    # Received Tue 30-12-2025, the last day of the term: premature, void (R4.1).
    s = step(REGULAR, "2026-01-05", events=[{"type": "notice", "received": "2025-12-30"}])
    assert (s.code, s.date) == (NextCode.RESEND_NOTICE, date(2026, 1, 5))  # max(today, safe)
    assert "does not count" in s.text.en and "telt daarom niet" in s.text.nl


def test_a_risky_notice_is_never_called_valid():
    # The IND stated Fri 09-01-2026 as the end, so the safe date is Sat 10-01-2026. A Notice
    # received Mon 05-01-2026 is after the statutory end (30-12-2025) but before the safe date:
    # valid on the statutory reading only.
    data = {**REGULAR, "ind_stated_end": "2026-01-09"}
    events = [{"type": "notice", "received": "2026-01-05"}]
    s = step(data, "2026-01-07", events=events)
    assert (s.code, s.date) == (NextCode.RESEND_NOTICE, date(2026, 1, 10))
    assert "may hold it premature" in s.text.en and "te vroeg" in s.text.nl
    assert "valid" not in s.text.en.lower().replace("invalid", "")
    later = step(data, "2026-01-20", events=events)
    assert later.date == date(2026, 1, 20)  # from the safe date on: today


def test_a_safe_second_notice_after_a_risky_one_counts():
    # Second Notice Mon 12-01-2026 (>= safe Sat 10-01): two weeks to Mon 26-01-2026.
    data = {**REGULAR, "ind_stated_end": "2026-01-09"}
    events = [
        {"type": "notice", "received": "2026-01-05"},
        {"type": "notice", "received": "2026-01-12"},
    ]
    s = step(data, "2026-01-20", events=events)
    assert (s.code, s.date) == (NextCode.AWAIT_DECISION, date(2026, 1, 26))


def test_await_the_decision_within_the_two_weeks():
    s = step(REGULAR, "2026-03-10", events=[NOTICE])
    assert (s.code, s.date, s.also) == (NextCode.AWAIT_DECISION, date(2026, 3, 16), ())
    assert "17 March 2026" in s.text.en  # the penalty runs from the next day


def test_the_two_weeks_rolled_past_a_holiday():
    # Received Mon 20-04-2026: + 14 days = Mon 04-05-2026, a working day (04-05 is no Atw
    # holiday); received Tue 21-04-2026: + 14 = Tue 05-05-2026, Liberation Day, an Atw holiday
    # every year, so the two weeks run to Wed 06-05-2026 on the safe reading.
    s = step(REGULAR, "2026-04-25", events=[{"type": "notice", "received": "2026-04-21"}])
    assert (s.code, s.date) == (NextCode.AWAIT_DECISION, date(2026, 5, 6))


def test_penalty_running_with_the_appeal_beside_it():
    # E14: today Sun 05-04-2026 is within the 42 days (17-03 to 27-04).
    s = step(REGULAR, "2026-04-05", events=[NOTICE])
    assert (s.code, s.date) == (NextCode.PENALTY_RUNNING, date(2026, 4, 27))
    assert [(a.code, a.date) for a in s.also] == [(NextCode.APPEAL_POSSIBLE, date(2026, 3, 17))]
    assert step(REGULAR, "2026-04-27", events=[NOTICE]).code is NextCode.PENALTY_RUNNING


def test_claim_the_penalty_after_day_42():
    # Day 42 was Mon 27-04-2026; the IND must fix the amount by 27-04 + 14 = Mon 11-05-2026.
    s = step(REGULAR, "2026-04-28", events=[NOTICE])
    assert (s.code, s.date) == (NextCode.CLAIM_PENALTY, date(2026, 5, 11))
    assert codes(s) == [NextCode.CLAIM_PENALTY, NextCode.APPEAL_POSSIBLE]


def test_after_the_penalty_is_fixed_the_appeal_remains():
    fixed = {"type": "penalty_fixed", "sent": "2026-05-08"}
    assert step(REGULAR, "2026-05-07", events=[NOTICE, fixed]).code is NextCode.CLAIM_PENALTY
    s = step(REGULAR, "2026-05-12", events=[NOTICE, fixed])
    assert (s.code, s.date, s.also) == (NextCode.APPEAL_POSSIBLE, date(2026, 3, 17), ())
    assert "fixed the penalty" in s.text.en


def test_a_decision_wins_over_a_penalty_still_to_be_fixed():
    # E17: decision sent Tue 24-03-2026, the last penalty day. Objection within 4 weeks
    # (Vw 69(1)) from the next day: 24-03 + 28 days = Tue 21-04-2026. The IND must fix the
    # penalty by 24-03 + 14 = Tue 07-04-2026.
    decision = {"type": "decision", "sent": "2026-03-24"}
    s = step(REGULAR, "2026-04-05", events=[NOTICE, decision])
    assert (s.code, s.date) == (NextCode.DECIDED, date(2026, 4, 21))
    assert [(a.code, a.date) for a in s.also] == [(NextCode.CLAIM_PENALTY, date(2026, 4, 7))]
    assert "object (bezwaar) until Tuesday, 21 April 2026" in s.text.en
    assert "bezwaar maken" in s.text.nl and "Notice" not in s.text.en


def test_a_decision_before_any_penalty_day_leaves_nothing_to_claim():
    # Decided Mon 16-03-2026, the last day of the two weeks: no penalty day arose.
    decision = {"type": "decision", "sent": "2026-03-16"}
    s = step(REGULAR, "2026-03-20", events=[NOTICE, decision])
    assert (s.code, s.also) == (NextCode.DECIDED, ())


def test_a_decided_case_without_notice_gives_no_notice_prompt():
    s = step(REGULAR, "2026-02-01", events=[{"type": "decision", "sent": "2026-01-20"}])
    # Tue 20-01-2026 + 28 days = Tue 17-02-2026.
    assert (s.code, s.date, s.also) == (NextCode.DECIDED, date(2026, 2, 17), ())


def test_a_decision_after_today_is_not_taken_yet():
    s = step(REGULAR, "2026-03-10", events=[NOTICE, {"type": "decision", "sent": "2026-03-24"}])
    assert s.code is NextCode.AWAIT_DECISION


ASYLUM = {"procedure": "asylum", "received": "2024-04-10"}  # E1: term ends Thu 10-10-2024
ASYLUM_NOTICE = {"type": "notice", "received": "2024-10-14"}  # Mon; two weeks to Mon 28-10


def test_asylum_has_no_penalty_but_the_appeal():
    s = step(ASYLUM, "2024-10-20", events=[ASYLUM_NOTICE])
    assert (s.code, s.date) == (NextCode.AWAIT_DECISION, date(2024, 10, 28))
    assert "no penalty" in s.text.en and "geen dwangsom" in s.text.nl
    s = step(ASYLUM, "2024-11-05", events=[ASYLUM_NOTICE])
    assert (s.code, s.date, s.also) == (NextCode.APPEAL_POSSIBLE, date(2024, 10, 29), ())
    assert "asylum" in s.text.en


def test_asylum_decision_gives_the_shorter_court_period():
    # Decision Mon 02-12-2024: appeal within 1 week (accelerated) = Mon 09-12-2024; otherwise
    # 4 weeks = Mon 30-12-2024 (25, 26 and the decree day 27-12 lie before it).
    decision = {"type": "decision", "sent": "2024-12-02"}
    s = step(ASYLUM, "2024-12-03", events=[ASYLUM_NOTICE, decision])
    assert (s.code, s.date) == (NextCode.DECIDED, date(2024, 12, 9))
    assert "30 December 2024" in s.text.en and "30 december 2024" in s.text.nl


def test_asylum_under_the_apr_is_provisional():
    # Lodged 01-07-2026 (from 12-06-2026 the EU Asylum Procedure Regulation applies): + 6 months
    # = Fri 01-01-2027, New Year's Day; rolled to Mon 04-01-2027, so safe from Tue 05-01-2027.
    s = step({"procedure": "asylum", "received": "2026-07-01"}, "2026-12-01")
    assert (s.code, s.date, s.provisional) == (NextCode.WAIT, date(2027, 1, 5), True)
    assert "may still change" in s.text.en and "kan nog veranderen" in s.text.nl


def test_an_open_request_to_complete_is_provisional():
    events = [{"type": "info_request", "sent": "2025-11-03", "deadline": "2025-12-15"}]
    assert step(REGULAR, "2025-11-20", events=events).provisional
    assert not step(REGULAR, "2025-11-20").provisional


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_contract_carries_the_next_step(lang):
    decision = {"type": "decision", "sent": "2026-03-24"}
    result = compute(parse_case({**REGULAR, "events": [NOTICE, decision]}), today=date(2026, 4, 5))
    out = result_to_contract(result, lang)["next_step"]
    assert out["code"] == "decided" and out["date"] == "2026-04-21"
    assert out["provisional"] is False and out["rule"] == "R5.5"
    assert out["nl"] and out["en"] and out["nl"] != out["en"]
    assert out["also"] == [
        {
            "code": "claim_penalty",
            "date": "2026-04-07",
            "provisional": False,
            "nl": result.next_step.also[0].text.nl,
            "en": result.next_step.also[0].text.en,
            "rule": "R4.8",
        }
    ]


def test_the_contract_document_describes_every_code():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "deadline-contract.md").read_text()
    section = doc[doc.index("## `next_step`") :]
    for code in NextCode:
        assert f"| `{code}` |" in section, code
