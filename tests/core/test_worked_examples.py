"""Worked examples of rules.md §5 and examples in the rule text, checked via compute_contract."""

from datetime import date

import pytest

from desktop.core import compute_contract
from desktop.core.calendar import add
from desktop.core.rulepack import Quantity

LATER = date(2030, 1, 1)  # a --today after every date below, unless a test needs otherwise


def run(case, today=LATER, flags=frozenset()):
    return compute_contract(case, today=today, flags=flags)


def case(procedure, received, *events, **extra):
    out = {"procedure": procedure, "received": received, "ind_stated_end": None}
    out.update(extra)
    out["events"] = list(events)
    return out


def ext(sent, basis, months=None, weeks=None):
    out = {"type": "extension", "sent": sent, "basis": basis}
    if months is not None:
        out["months"] = months
    if weeks is not None:
        out["weeks"] = weeks
    return out


def notice(received):
    return {"type": "notice", "received": received}


def decision(sent):
    return {"type": "decision", "sent": sent}


def info(sent, deadline, completed):
    return {"type": "info_request", "sent": sent, "deadline": deadline, "completed": completed}


def pause(start, until, basis="Awb 4:15(2)(a)"):
    return {"type": "pause", "from": start, "until": until, "basis": basis}


def appointment(kind, day, attended, rescheduled_to=None, excuse=None):
    return {
        "type": "appointment",
        "kind": kind,
        "date": day,
        "attended": attended,
        "rescheduled_to": rescheduled_to,
        "excuse": excuse,
    }


def codes(result):
    return {w["code"] for w in result["warnings"]}


def assert_term(result, **expected):
    term = result["term"]
    got = {key: term[key] for key in expected}
    assert got == expected


# ------------------------------------------------------------------ E1


def test_e1_asylum_plain_six_months():
    # 10-04-2024 + 6 months = Thu 10-10-2024 (working day); months: no Atw (R3.7).
    result = run(case("asylum", "2024-04-10"))
    assert result["rules"] == "nl-2026.12"
    assert result["procedure"] == "asylum"
    assert_term(
        result,
        statutory_end="2024-10-10",
        rolled_end="2024-10-10",
        ind_view_end="2024-10-10",
        safe_notice_receipt="2024-10-11",
        atw_applies=False,
        paused_days=0,
        contested_days=0,
        extensions=[],
    )


def test_e1_asylum_has_no_administrative_penalty():
    result = run(case("asylum", "2024-04-10"))
    penalty = result["penalty"]
    assert penalty["applies"] is False
    assert penalty["days"] == 0
    assert penalty.get("amount_eur") in (None, "0.00")
    assert penalty.get("last_day") is None
    assert penalty.get("fix_decision_due") is None


def test_e1_steps_explain_every_date_bilingually_with_basis():
    result = run(case("asylum", "2024-04-10"))
    steps = result["steps"]
    assert steps, "no steps at all"
    for step in steps:
        assert isinstance(step["en"], str) and step["en"].strip(), step
        assert isinstance(step["nl"], str) and step["nl"].strip(), step
        assert isinstance(step["basis"], str) and step["basis"].strip(), step
    step_dates = {step["date"] for step in steps}
    term = result["term"]
    for key in ("statutory_end", "rolled_end", "ind_view_end", "safe_notice_receipt"):
        assert term[key] in step_dates, f"no step explains {key} = {term[key]}"
    # The term is a Vw 42 term: some step cites it.
    assert any("42" in step["basis"] for step in steps)


# ------------------------------------------------------------------ E3


def test_e3_asylum_wbv_extension_ending_on_christmas():
    # 25-09-2022 + 15 m (one step) = Mon 25-12-2023; chronological 25-03-2023 + 9 m agrees.
    # No Atw (months); rolled past 25-12 and 26-12 -> Wed 27-12-2023; safe = +1 = Thu 28-12.
    result = run(case("asylum", "2022-09-25", ext("2022-10-01", "Vw 42(4)", months=9)))
    assert result["term"]["extensions"][0]["valid"] is True
    assert result["term"]["extensions"][0]["sent"] == "2022-10-01"
    assert_term(
        result,
        statutory_end="2023-12-25",
        rolled_end="2023-12-27",
        ind_view_end="2023-12-27",
        safe_notice_receipt="2023-12-28",
        atw_applies=False,
    )


# ------------------------------------------------------------------ E5


def test_e5_regular_90_days_ending_on_koningsdag():
    # 27-01-2026 + 90 days = Mon 27-04-2026, Koningsdag; Atw applies -> Tue 28-04-2026.
    result = run(case("regular", "2026-01-27"))
    assert_term(
        result,
        statutory_end="2026-04-28",
        rolled_end="2026-04-28",
        ind_view_end="2026-04-28",
        safe_notice_receipt="2026-04-29",
        atw_applies=True,
        paused_days=0,
    )


# ------------------------------------------------------------------ E8


def test_e8_extension_sent_after_expiry_is_invalid():
    # 05-01-2026 + 90 d = Sun 05-04 (Easter); Mon 06-04 Easter Monday -> term ends Tue 07-04.
    # Letter sent Wed 08-04: one day late -> invalid, term unchanged.
    result = run(case("regular", "2026-01-05", ext("2026-04-08", "Vw 25(2)", months=6)))
    extension = result["term"]["extensions"][0]
    assert extension["valid"] is False
    assert extension["reason_en"].strip() and extension["reason_nl"].strip()
    assert_term(
        result,
        statutory_end="2026-04-07",
        rolled_end="2026-04-07",
        atw_applies=True,
        safe_notice_receipt="2026-04-08",
    )


def test_e8_variant_extension_sent_on_last_atw_day_is_valid():
    # Sent Tue 07-04 = roll(05-04): valid (R1.0c). 6 months from the unrolled base end (R2.10):
    # 05-04-2026 + 6 m = Mon 05-10-2026. 90 d + 6 m: no Atw (R3.7).
    result = run(case("regular", "2026-01-05", ext("2026-04-07", "Vw 25(2)", months=6)))
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(
        result,
        statutory_end="2026-10-05",
        rolled_end="2026-10-05",
        atw_applies=False,
        safe_notice_receipt="2026-10-06",
    )


# ------------------------------------------------------------------ E10


def test_e10_info_request_answered_before_deadline():
    # paused = 20-03 - 10-03 = 10 days; base end 02-03 + 90 = Sun 31-05 (not rolled, R2.10);
    # 31-05 + 10 = Wed 10-06-2026.
    result = run(case("regular", "2026-03-02", info("2026-03-10", "2026-03-24", "2026-03-20")))
    assert_term(
        result,
        paused_days=10,
        statutory_end="2026-06-10",
        rolled_end="2026-06-10",
        atw_applies=True,
        safe_notice_receipt="2026-06-11",
    )


def test_r2_1_info_request_completed_after_deadline_counts_to_deadline():
    # U = deadline when completed > deadline: 24-03 - 10-03 = 14 days; 31-05 + 14 = Sun 14-06
    # -> Atw -> Mon 15-06-2026.
    result = run(case("regular", "2026-03-02", info("2026-03-10", "2026-03-24", "2026-03-30")))
    assert_term(result, paused_days=14, statutory_end="2026-06-15", rolled_end="2026-06-15")


def test_r2_1_info_request_not_yet_answered_counts_to_deadline():
    # Nothing arrived, deadline ahead of --today: U = deadline (provisional): 14 days as above.
    result = run(
        case("regular", "2026-03-02", info("2026-03-10", "2026-03-24", None)),
        today=date(2026, 3, 15),
    )
    assert_term(result, paused_days=14, statutory_end="2026-06-15")


def test_r2_2_info_request_without_deadline_suspends_nothing():
    # deadline null: no suspension; 31-05-2026 (Sun) -> Mon 01-06-2026.
    result = run(case("regular", "2026-03-02", info("2026-03-10", None, "2026-03-20")))
    assert_term(result, paused_days=0, statutory_end="2026-06-01", rolled_end="2026-06-01")


def test_r2_overlapping_suspensions_count_each_day_once():
    # info_request suspends 11..20 March, pause 16..25 March: union 11..25 = 15 days.
    # 31-05 + 15 = Mon 15-06-2026.
    result = run(
        case(
            "regular",
            "2026-03-02",
            info("2026-03-10", "2026-03-24", "2026-03-20"),
            pause("2026-03-15", "2026-03-25"),
        )
    )
    assert_term(result, paused_days=15, statutory_end="2026-06-15")


def test_r2_11_pause_after_expiry_has_no_effect():
    # Term ends Tue 07-04-2026 (E8); a pause announced 08-04 comes too late.
    result = run(case("regular", "2026-01-05", pause("2026-04-08", "2026-04-20")))
    assert_term(result, paused_days=0, statutory_end="2026-04-07", rolled_end="2026-04-07")


def test_r2_11_pause_on_last_rolled_day_counts():
    # T = 07-04 <= roll(05-04) = 07-04: counts. 20 - 7 = 13 days; 05-04 + 13 = Sat 18-04
    # -> Mon 20-04-2026.
    result = run(case("regular", "2026-01-05", pause("2026-04-07", "2026-04-20")))
    assert_term(result, paused_days=13, statutory_end="2026-04-20", rolled_end="2026-04-20")


def test_r2_11_extension_after_nominal_end_valid_when_suspension_pushed_it():
    # 10 days suspended (02-02 .. 12-02) -> running end 05-04 + 10 = Wed 15-04.
    # Extension sent 10-04 (after the nominal 05-04/07-04 but before 15-04): valid.
    # Canonical: (05-01 + 90 d = 05-04) + 6 m = 05-10, + 10 d = Thu 15-10-2026.
    result = run(
        case(
            "regular",
            "2026-01-05",
            info("2026-02-02", "2026-02-16", "2026-02-12"),
            ext("2026-04-10", "Vw 25(2)", months=6),
        )
    )
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(
        result,
        paused_days=10,
        statutory_end="2026-10-15",
        rolled_end="2026-10-15",
        atw_applies=False,
    )


# ------------------------------------------------------------------ R2.9 / R3.2


def test_r3_2_one_step_months_is_later_31_may():
    # 31-05-2025 + 15 m = Mon 31-08-2026 (one step); two steps give 30-08-2026: take the later.
    result = run(case("asylum", "2025-05-31", ext("2025-06-15", "Vw 42(4)", months=9)))
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(result, statutory_end="2026-08-31", rolled_end="2026-08-31")


def test_r2_9_chronological_order_later_is_kept():
    # 28-05-2025 + 6 m = Fri 28-11-2025; 3 days suspended (01-07 .. 04-07) -> 01-12-2025;
    # + 9 m = Tue 01-09-2026 (chronological). Canonical: 28-05-2025 + 15 m = 28-08-2026, + 3 d
    # = Mon 31-08-2026. The later is 01-09-2026.
    result = run(
        case(
            "asylum",
            "2025-05-28",
            info("2025-07-01", "2025-07-04", "2025-07-04"),
            ext("2025-11-01", "Vw 42(4)", months=9),
        )
    )
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(result, paused_days=3, statutory_end="2026-09-01", rolled_end="2026-09-01")


def test_r3_2_court_example_12_07_2022_plus_6_months():
    # 12-07-2022 + 6 m = Thu 12-01-2023.
    result = run(case("asylum", "2022-07-12"))
    assert_term(result, statutory_end="2023-01-12", rolled_end="2023-01-12")


def test_r3_2_court_example_07_10_2022_plus_15_months():
    # 07-10-2022 + 15 m = Sun 07-01-2024: statutory (no Atw) stays; rolled Mon 08-01; safe 09-01.
    result = run(case("asylum", "2022-10-07", ext("2022-11-01", "Vw 42(4)", months=9)))
    assert_term(
        result,
        statutory_end="2024-01-07",
        rolled_end="2024-01-08",
        safe_notice_receipt="2024-01-09",
        atw_applies=False,
    )


def test_r3_3_court_example_90_days():
    # 12-07-2022 + 90 days = Mon 10-10-2022, a working day.
    result = run(case("regular", "2022-07-12"))
    assert_term(result, statutory_end="2022-10-10", rolled_end="2022-10-10", atw_applies=True)


# ------------------------------------------------------------------ extensions (R1.0e)


def test_mvv_extension_three_months_keeps_atw():
    # (05-01 + 90 d = 05-04) + 3 m = Sun 05-07-2026; 90 d + 3 m: Atw applies (R3.7)
    # -> Mon 06-07-2026.
    result = run(case("mvv", "2026-01-05", ext("2026-03-01", "Vw 2u", months=3)))
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(
        result,
        statutory_end="2026-07-06",
        rolled_end="2026-07-06",
        atw_applies=True,
        safe_notice_receipt="2026-07-07",
    )


def test_mvv_extension_over_maximum_is_invalid():
    # Vw 2u allows up to 3 months; 4 is over the maximum: term stays Tue 07-04-2026.
    result = run(case("mvv", "2026-01-05", ext("2026-03-01", "Vw 2u", months=4)))
    extension = result["term"]["extensions"][0]
    assert extension["valid"] is False
    assert extension["reason_en"].strip() and extension["reason_nl"].strip()
    assert_term(result, statutory_end="2026-04-07", rolled_end="2026-04-07")


def test_mvv_second_extension_is_invalid_once_only():
    # First Vw 2u 3 m valid -> 05-07 (Sun) -> Mon 06-07; the second use is not allowed.
    result = run(
        case(
            "nareis",
            "2026-01-05",
            ext("2026-03-01", "Vw 2u", months=3),
            ext("2026-05-01", "Vw 2u", months=3),
        )
    )
    extensions = sorted(result["term"]["extensions"], key=lambda e: e["sent"])
    assert [e["valid"] for e in extensions] == [True, False]
    assert_term(result, statutory_end="2026-07-06")


def test_extension_on_basis_the_procedure_lacks_is_invalid():
    # Vw 2u is an mvv power, not a regular-permit power: term stays 07-04-2026.
    result = run(case("regular", "2026-01-05", ext("2026-03-01", "Vw 2u", months=3)))
    assert result["term"]["extensions"][0]["valid"] is False
    assert_term(result, statutory_end="2026-04-07")


def test_regular_extension_beyond_six_months_is_invalid():
    result = run(case("regular", "2026-01-05", ext("2026-03-01", "Vw 25(2)", months=7)))
    assert result["term"]["extensions"][0]["valid"] is False
    assert_term(result, statutory_end="2026-04-07")


def test_asylum_42_4_and_42_5_make_18_months():
    # 10-04-2024 + (6 + 9 + 3) m = Fri 10-10-2025.
    result = run(
        case(
            "asylum",
            "2024-04-10",
            ext("2024-09-01", "Vw 42(4)", months=9),
            ext("2025-06-01", "Vw 42(5)", months=3),
        )
    )
    assert [e["valid"] for e in result["term"]["extensions"]] == [True, True]
    assert_term(result, statutory_end="2025-10-10", rolled_end="2025-10-10", atw_applies=False)


def test_asylum_42_4_over_nine_months_is_invalid():
    result = run(case("asylum", "2024-04-10", ext("2024-09-01", "Vw 42(4)", months=10)))
    assert result["term"]["extensions"][0]["valid"] is False
    assert_term(result, statutory_end="2024-10-10")


def test_naturalisation_one_year_and_two_postponements():
    # 06-01-2025 + 1 year = Tue 06-01-2026; + 6 m + 6 m -> Wed 06-01-2027. A third is invalid.
    result = run(
        case(
            "naturalisation",
            "2025-01-06",
            ext("2025-12-01", "RWN 9(4)", months=6),
            ext("2026-06-01", "RWN 9(4)", months=6),
            ext("2026-12-01", "RWN 9(4)", months=6),
        )
    )
    extensions = sorted(result["term"]["extensions"], key=lambda e: e["sent"])
    assert [e["valid"] for e in extensions] == [True, True, False]
    assert_term(result, statutory_end="2027-01-06", rolled_end="2027-01-06", atw_applies=False)


def test_naturalisation_plain_year_no_atw():
    # 27-04-2025 + 1 year = Mon 27-04-2026 (Koningsdag): years -> no Atw (R3.7), so the statutory
    # end stays 27-04; rolled Tue 28-04; safe Wed 29-04.
    result = run(case("naturalisation", "2025-04-27"))
    assert_term(
        result,
        statutory_end="2026-04-27",
        rolled_end="2026-04-28",
        ind_view_end="2026-04-28",
        safe_notice_receipt="2026-04-29",
        atw_applies=False,
    )


# ------------------------------------------------------------------ objection (R1.6a, R3.4)


def objection(sent, *events):
    return {"procedure": "objection", "objected_decision_sent": sent, "events": list(events)}


def test_objection_19_weeks_after_4_week_period():
    # 06-01-2026 (Tue) + 4 weeks = Tue 03-02 (working day); + 19 weeks = Tue 16-06-2026
    # (day 1 is a Wednesday, so it ends on a Tuesday, R3.4). 19 weeks > 12: no Atw.
    result = run(objection("2026-01-06"))
    assert_term(
        result,
        statutory_end="2026-06-16",
        rolled_end="2026-06-16",
        atw_applies=False,
        safe_notice_receipt="2026-06-17",
    )


def test_objection_period_end_is_rolled():
    # 07-04-2026 + 4 weeks = Tue 05-05-2026, an Atw holiday -> Wed 06-05 (R1.6a: rolled);
    # + 19 weeks = Wed 16-09-2026 (unrolled start would give Tue 15-09).
    result = run(objection("2026-04-07"))
    assert_term(result, statutory_end="2026-09-16", rolled_end="2026-09-16")


def test_objection_awb_7_10_3_six_weeks():
    # 16-06-2026 + 6 weeks = Tue 28-07-2026.
    result = run(objection("2026-01-06", ext("2026-06-01", "Awb 7:10(3)", weeks=6)))
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(result, statutory_end="2026-07-28", atw_applies=False)


def test_objection_vw_76_2_thirteen_weeks():
    # 16-06-2026 + 13 weeks (91 days) = Tue 15-09-2026.
    result = run(objection("2026-01-06", ext("2026-06-01", "Vw 76(2)", weeks=13)))
    assert result["term"]["extensions"][0]["valid"] is True
    assert_term(result, statutory_end="2026-09-15")


def test_objection_awb_7_10_3_over_six_weeks_is_invalid():
    result = run(objection("2026-01-06", ext("2026-06-01", "Awb 7:10(3)", weeks=7)))
    assert result["term"]["extensions"][0]["valid"] is False
    assert_term(result, statutory_end="2026-06-16")


# ------------------------------------------------------------------ E14 / E17 penalty


def e14_case(*events):
    # received 01-10-2025 + 90 days = Tue 30-12-2025 (working day): the term long expired.
    return case("regular", "2025-10-01", notice("2026-03-02"), *events)


def test_e14_term_end():
    assert_term(run(e14_case()), statutory_end="2025-12-30", rolled_end="2025-12-30")


def test_e14_penalty_accrued_so_far():
    # first day = Mon 02-03 + 15 = Tue 17-03; window 03-03..16-03 ends on a working day.
    # Days 17-03..05-04 inclusive = 20 -> 14 x 23 + 6 x 35 = 322 + 210 = 532.
    result = run(e14_case(), today=date(2026, 4, 5))
    assert result["notice"]["valid"] is True
    assert result["notice"]["received"] == "2026-03-02"
    assert result["penalty"] == {
        **result["penalty"],
        "applies": True,
        "first_day": "2026-03-17",
        "certain_from": "2026-03-17",
        "days": 20,
        "amount_eur": "532.00",
        "max_eur": "1442.00",
        "last_day": None,
        "fix_decision_due": None,
    }
    assert result["appeal_from"] == "2026-03-17"


def test_r4_4_receipt_monday_first_penalty_tuesday_two_weeks_later():
    result = run(e14_case(), today=date(2026, 4, 5))
    received = date.fromisoformat(result["notice"]["received"])
    first = date.fromisoformat(result["penalty"]["first_day"])
    assert received.weekday() == 0  # Monday
    assert first.weekday() == 1  # Tuesday
    assert (first - received).days == 15


def test_e17_decision_stops_the_penalty():
    # Days 17-03..24-03 inclusive = 8 -> 8 x 23 = 184; fix decision 24-03 + 14 = Tue 07-04.
    result = run(e14_case(decision("2026-03-24")), today=date(2026, 4, 5))
    penalty = result["penalty"]
    assert penalty["days"] == 8
    assert penalty["amount_eur"] == "184.00"
    assert penalty["last_day"] == "2026-03-24"
    assert penalty["fix_decision_due"] == "2026-04-07"


def test_e17_variant_decision_in_the_window_no_penalty():
    result = run(e14_case(decision("2026-03-16")), today=date(2026, 4, 5))
    penalty = result["penalty"]
    assert penalty["days"] == 0
    assert penalty["amount_eur"] == "0.00"
    assert penalty["last_day"] is None
    assert penalty["fix_decision_due"] is None


@pytest.mark.parametrize(
    ("today", "days", "amount"),
    [
        (date(2026, 3, 16), 0, "0.00"),  # before the first day
        (date(2026, 3, 17), 1, "23.00"),  # day 1
        (date(2026, 3, 30), 14, "322.00"),  # 14 x 23
        (date(2026, 3, 31), 15, "357.00"),  # 322 + 35
        (date(2026, 4, 13), 28, "812.00"),  # 322 + 14 x 35 = 322 + 490
        (date(2026, 4, 14), 29, "857.00"),  # 812 + 45
        (date(2026, 4, 27), 42, "1442.00"),  # 322 + 490 + 630, day 42 = 17-03 + 41
        (date(2026, 12, 31), 42, "1442.00"),  # capped
    ],
)
def test_r4_5_penalty_tiers(today, days, amount):
    penalty = run(e14_case(), today=today)["penalty"]
    assert penalty["days"] == days
    assert penalty["amount_eur"] == amount


def test_r4_6_day_42_ends_the_penalty():
    # day 42 = 17-03 + 41 = Mon 27-04-2026 (Koningsdag: the Atw does not extend the 42 days);
    # fix decision due 27-04 + 14 = Mon 11-05-2026.
    penalty = run(e14_case(), today=date(2026, 12, 31))["penalty"]
    assert penalty["last_day"] == "2026-04-27"
    assert penalty["fix_decision_due"] == "2026-05-11"


def test_r4_6_decision_after_day_42_keeps_day_42():
    penalty = run(e14_case(decision("2026-05-20")), today=date(2026, 6, 1))["penalty"]
    assert penalty["days"] == 42
    assert penalty["amount_eur"] == "1442.00"
    assert penalty["last_day"] == "2026-04-27"


def test_r4_4_certain_from_rolls_the_window():
    # Notice received Tue 21-04-2026: first day = 21-04 + 15 = Wed 06-05; window end 21-04 + 14
    # = Tue 05-05, an Atw holiday -> roll -> Wed 06-05; certain_from = 06-05 + 1 = Thu 07-05.
    result = run(case("regular", "2025-10-01", notice("2026-04-21")), today=date(2026, 5, 1))
    assert result["penalty"]["first_day"] == "2026-05-06"
    assert result["penalty"]["certain_from"] == "2026-05-07"
    assert result["appeal_from"] == "2026-05-07"
    assert result["penalty"]["days"] == 0


# ------------------------------------------------------------------ notice validity (R4.1)


def test_r4_1_notice_on_last_day_is_premature():
    # E5: the term ends Tue 28-04-2026; a Notice received that day is premature.
    result = run(case("regular", "2026-01-27", notice("2026-04-28")))
    assert result["notice"]["valid"] is False
    assert result["notice"]["reason_en"].strip() and result["notice"]["reason_nl"].strip()
    assert "premature_notice" in codes(result)
    assert result["penalty"]["applies"] is False
    assert result["penalty"]["days"] == 0


def test_r4_1_notice_day_after_last_day_is_valid():
    # 29-04 + 15 = Thu 14-05-2026 (Ascension: the 42 days are not Atw-extended, R4.5);
    # certain_from = roll(29-04 + 14 = Wed 13-05) + 1 = 14-05.
    result = run(case("regular", "2026-01-27", notice("2026-04-29")), today=date(2026, 5, 1))
    assert result["notice"]["valid"] is True
    assert "premature_notice" not in codes(result)
    assert result["penalty"]["applies"] is True
    assert result["penalty"]["first_day"] == "2026-05-14"
    assert result["penalty"]["certain_from"] == "2026-05-14"


def test_r4_1_notice_between_statutory_and_safe_date_valid_with_warning():
    # Naturalisation: statutory end Mon 27-04-2026 (no Atw), rolled Tue 28-04, safe Wed 29-04.
    # Received 28-04: after statutory_end -> valid, but before the safe date -> extra warning.
    early = run(case("naturalisation", "2025-04-27", notice("2026-04-28")), today=date(2026, 5, 1))
    safe = run(case("naturalisation", "2025-04-27", notice("2026-04-29")), today=date(2026, 5, 1))
    assert early["notice"]["valid"] is True
    assert safe["notice"]["valid"] is True
    assert codes(early) - codes(safe), "no warning that the Notice may be held premature"
    assert early["penalty"]["applies"] is True
    # 28-04 + 15 = Wed 13-05-2026
    assert early["penalty"]["first_day"] == "2026-05-13"


def test_r4_1_notice_on_statutory_end_naturalisation_is_premature():
    result = run(case("naturalisation", "2025-04-27", notice("2026-04-27")))
    assert result["notice"]["valid"] is False
    assert "premature_notice" in codes(result)


def test_r4_9_asylum_appeal_date_present_without_penalty():
    # E1 + Notice Fri 11-10-2024: certain_from = roll(11-10 + 14 = Fri 25-10) + 1 = Sat 26-10.
    result = run(case("asylum", "2024-04-10", notice("2024-10-11")), today=date(2024, 12, 1))
    assert result["notice"]["valid"] is True
    assert result["penalty"]["applies"] is False
    assert result["penalty"]["days"] == 0
    assert result["appeal_from"] == "2024-10-26"


# ------------------------------------------------------------------ ind_stated_end (R1.0b)


def test_r1_0b_ind_stated_end_enters_safe_date_only():
    # E5 with the IND stating 11-05-2026: safe = 11-05 + 1 = 12-05; statutory stays 28-04.
    plain = run(case("regular", "2026-01-27"))
    stated = run(case("regular", "2026-01-27", ind_stated_end="2026-05-11"))
    assert_term(
        stated,
        statutory_end="2026-04-28",
        rolled_end="2026-04-28",
        safe_notice_receipt="2026-05-12",
    )
    assert codes(stated) - codes(plain), "no warning that the IND's end differs"


def test_r1_0b_ind_stated_end_earlier_does_not_lower_safe_date():
    result = run(case("regular", "2026-01-27", ind_stated_end="2026-04-20"))
    assert_term(result, safe_notice_receipt="2026-04-29")


# ------------------------------------------------------------------ appointments (R5)


def test_r5_1_missed_biometrics_is_a_contested_pause():
    # T = 10-02, U = 10-03: 28 contested days; statutory end stays Tue 07-04 (E8).
    # IND view: 05-04 + 28 = Sun 03-05 -> Mon 04-05-2026 (not equated); safe Tue 05-05.
    result = run(
        case(
            "regular",
            "2026-01-05",
            appointment("biometrics", "2026-02-10", False, "2026-03-10", "hospital admission"),
        )
    )
    assert_term(
        result,
        paused_days=0,
        contested_days=28,
        statutory_end="2026-04-07",
        rolled_end="2026-04-07",
        ind_view_end="2026-05-04",
        safe_notice_receipt="2026-05-05",
    )
    # One count everywhere: the warning says 28 days (the pause), not the 27 between the ends.
    (warning,) = [w for w in result["warnings"] if w["code"] == "contested_pause"]
    assert "28 contested days" in warning["en"] and "28 betwiste dagen" in warning["nl"]
    appt = result["appointments"][0]
    assert appt["date"] == "2026-02-10"
    assert appt["kind"] == "biometrics"
    assert appt["basis"] == "Awb 4:5(1); Awb 4:15(2)(b)"
    assert appt["proof_due"] is None
    assert appt["en"].strip() and appt["nl"].strip()


def test_r5_1_attended_biometrics_changes_nothing():
    result = run(case("regular", "2026-01-05", appointment("biometrics", "2026-02-10", True)))
    assert_term(result, contested_days=0, ind_view_end="2026-04-07")


def test_r5_2_missed_asylum_interview_proof_window():
    # proof_due = roll(21-04 + 14 = Tue 05-05, holiday) = Wed 06-05-2026. No pause (R5.2).
    # Term: 05-01-2026 + 6 m = Sun 05-07 (no Atw); rolled Mon 06-07; safe Tue 07-07.
    result = run(
        case(
            "asylum",
            "2026-01-05",
            appointment("asylum_interview", "2026-04-21", False, "2026-05-01"),
        )
    )
    assert result["appointments"][0]["proof_due"] == "2026-05-06"
    assert_term(
        result,
        contested_days=0,
        statutory_end="2026-07-05",
        rolled_end="2026-07-06",
        ind_view_end="2026-07-06",
        safe_notice_receipt="2026-07-07",
    )


def test_r5_3_missed_verification_interview_computes_no_pause():
    result = run(
        case(
            "regular",
            "2026-01-05",
            appointment("verification_interview", "2026-02-10", False, "2026-03-10"),
        )
    )
    assert_term(result, contested_days=0, statutory_end="2026-04-07", ind_view_end="2026-04-07")


def test_r5_4_mvv_collection_window_not_rolled():
    # 02-02-2026 + 3 months = Sat 02-05-2026, not rolled (the earlier date is safe).
    result = run(case("mvv", "2026-01-05", {"type": "mvv_granted", "notified": "2026-02-02"}))
    assert result["mvv_collect_until"] == "2026-05-02"


def test_r5_4_mvv_collection_window_clamps():
    # 30-11-2026 + 3 months = 28-02-2027 (no 30 February).
    result = run(case("mvv", "2026-09-01", {"type": "mvv_granted", "notified": "2026-11-30"}))
    assert result["mvv_collect_until"] == "2027-02-28"


# ------------------------------------------------------------------ flags (§4)


def test_bill_35749_switches_off_penalty_for_vw_decisions():
    on = run(e14_case(), today=date(2026, 4, 5), flags=frozenset({"bill_35749"}))
    assert on["penalty"]["applies"] is False
    assert on["penalty"]["days"] == 0
    assert codes(on) - codes(run(e14_case(), today=date(2026, 4, 5)))


def test_bill_35749_leaves_naturalisation_alone():
    # Naturalisation 06-01-2025 + 1 year = Tue 06-01-2026; Notice received Wed 07-01-2026.
    result = run(
        case("naturalisation", "2025-01-06", notice("2026-01-07")),
        today=date(2026, 3, 1),
        flags=frozenset({"bill_35749"}),
    )
    assert result["penalty"]["applies"] is True


def test_bill_36349_nareis_nine_months():
    # 05-01-2026 + 9 months = Mon 05-10-2026; months > 3: no Atw. Off: 90 days -> 07-04.
    off = run(case("nareis", "2026-01-05"))
    on = run(case("nareis", "2026-01-05"), flags=frozenset({"bill_36349"}))
    assert_term(off, statutory_end="2026-04-07", atw_applies=True)
    assert_term(on, statutory_end="2026-10-05", atw_applies=False)
    assert codes(on) - codes(off)


def test_nareis_penalty_computed_with_warning():
    # R1.4 penalty availability: nareis probably yes [L] -> compute it, with a warning.
    # 90 d -> 07-04-2026; Notice 08-04 -> first day 23-04.
    result = run(case("nareis", "2026-01-05", notice("2026-04-08")), today=date(2026, 4, 30))
    mvv = run(case("mvv", "2026-01-05", notice("2026-04-08")), today=date(2026, 4, 30))
    assert result["penalty"]["applies"] is True
    assert result["penalty"]["first_day"] == "2026-04-23"
    assert codes(result) - codes(mvv), "no nareis penalty warning"


def test_asylum_from_12_june_2026_is_provisional():
    # §4: asylum with received >= 2026-06-12 -> Vw 42 figures provisional, with a warning.
    before = run(case("asylum", "2026-06-11"))
    after = run(case("asylum", "2026-06-12"))
    assert codes(after) - codes(before)


# ------------------------------------------------------------------ E24


def test_e24_generic_six_week_term_counting():
    # E24 has no contract procedure (a generic Awb 6-week term), so it is checked with the
    # calendar helper `add` only (counting without the Atw, as E24 says):
    # 1 Oct + 6 weeks = 12 Nov; paused 17 - 4 = 13 days -> 25 Nov; adjourned + 2 weeks = 9 Dec;
    # canonical 1 Oct + 8 weeks + 13 days = 9 Dec too.
    received = date(2026, 10, 1)
    paused = (date(2026, 10, 17) - date(2026, 10, 4)).days
    assert paused == 13
    end = add(received, Quantity(6, "weeks"))
    assert end == date(2026, 11, 12)
    assert add(end, Quantity(paused, "days")) == date(2026, 11, 25)
    assert add(add(end, Quantity(paused, "days")), Quantity(2, "weeks")) == date(2026, 12, 9)
    assert add(add(received, Quantity(8, "weeks")), Quantity(paused, "days")) == date(2026, 12, 9)
