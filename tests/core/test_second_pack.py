"""Results follow the rule pack, not code: the second test pack has other tiers, period, holiday."""

from datetime import date
from decimal import Decimal

from desktop.core import Procedure, compute, load_rule_pack, parse_case, result_to_contract
from desktop.core.rulepack import Quantity


def both(data, second_pack, today):
    case = parse_case(data)
    _, second = second_pack
    return compute(case, today=today, rules=load_rule_pack()), compute(
        case, today=today, rules=second
    )


E14 = {
    "procedure": "regular",
    "received": "2025-10-01",
    "events": [{"type": "notice", "received": "2026-03-02"}],
}


def test_penalty_tiers_follow_the_pack(second_pack):
    # Notice received Mon 02-03-2026: first penalty day Tue 17-03; on Sun 05-04 that is 20 days.
    # Built-in: 14 x 23 + 6 x 35 = 532.00 (cap 1442). Second pack: 10 x 30 + 10 x 40 = 700.00;
    # at most 30 days (cap 10 x 30 + 10 x 40 + 10 x 50 = 1200), so day 30 = 17-03 + 29 = 15-04.
    built_in, second = both(E14, second_pack, date(2026, 4, 5))
    assert (built_in.penalty.days, built_in.penalty.amount) == (20, Decimal("532"))
    assert (second.penalty.days, second.penalty.amount) == (20, Decimal("700"))
    contract = result_to_contract(second)
    assert contract["penalty"]["max_eur"] == "1200.00"
    assert contract["rules"] == "xx-2027.1"
    assert second.penalty.day_42 == date(2026, 4, 15)
    later = compute(parse_case(E14), today=date(2026, 5, 1), rules=second_pack[1])
    assert later.penalty.days == 30 and later.penalty.last_day == date(2026, 4, 15)
    (step,) = [s for s in second.steps if s.kind == "penalty_days"]
    assert "At most 30 days, €1,200.00 in total" in step.text.en


def test_the_objection_period_follows_the_pack(second_pack):
    # Contested decision sent Mon 02-03-2026. Built-in: + 4 weeks = Mon 30-03-2026, + 19 weeks =
    # Mon 10-08-2026. Second pack: + 6 weeks = Mon 13-04-2026 (Easter Monday was 06-04), + 19
    # weeks = Mon 24-08-2026. Neither end is rolled: both are working days.
    data = {"procedure": "objection", "objected_decision_sent": "2026-03-02"}
    built_in, second = both(data, second_pack, date(2026, 3, 3))
    assert built_in.term.statutory_end == date(2026, 8, 10)
    assert second.term.statutory_end == date(2026, 8, 24)
    (step,) = [s for s in second.steps if s.kind == "start"]
    assert "objection period of 6 weeks" in step.text.en
    assert "bezwaartermijn van 6 weken" in step.text.nl
    assert second_pack[1].remedy(Procedure.REGULAR).period == Quantity(6, "weeks")


def test_a_holiday_of_the_pack_rolls_the_end(second_pack):
    # E10: received Mon 02-03-2026 + 90 days = Sun 31-05-2026, + 10 paused days = Wed 10-06-2026.
    # The second pack makes 10 June a holiday: rolled to Thu 11-06-2026, safe date Fri 12-06.
    data = {
        "procedure": "regular",
        "received": "2026-03-02",
        "events": [
            {
                "type": "info_request",
                "sent": "2026-03-10",
                "deadline": "2026-03-24",
                "completed": "2026-03-20",
            }
        ],
    }
    built_in, second = both(data, second_pack, date(2026, 3, 21))
    assert built_in.term.statutory_end == date(2026, 6, 10)
    assert second.term.statutory_end == date(2026, 6, 11)
    assert second.term.safe_notice_receipt == date(2026, 6, 12)
