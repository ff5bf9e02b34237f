"""The core's Python API: parse_case errors name case and field; compute returns dates, Decimals."""

from datetime import date
from decimal import Decimal

import pytest

from desktop.core import CaseInputError, compute, compute_contract, parse_case

E14 = {
    "procedure": "regular",
    "received": "2025-10-01",
    "ind_stated_end": None,
    "events": [{"type": "notice", "received": "2026-03-02"}],
}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**E14, "procedure": "tourist"}, "procedure"),
        ({**E14, "received": "2026-02-30"}, "received"),
        ({k: v for k, v in E14.items() if k != "received"}, "received"),
        ({**E14, "events": [{"type": "decision", "sent": "2026-02-30"}]}, "events[0].sent"),
        ({**E14, "events": [{"type": "notice", "received": "2025-09-30"}]}, "events[0].received"),
        ({**E14, "events": [E14["events"][0], {"type": "holiday"}]}, "events[1].type"),
        ({**E14, "events": [{"type": "pause", "from": "2026-01-01"}]}, "events[0].until"),
    ],
)
def test_parse_case_names_index_and_field(data, field):
    with pytest.raises(CaseInputError) as info:
        parse_case(data, index=4)
    assert info.value.case_index == 4
    assert info.value.field == field
    assert info.value.message
    assert str(info.value).startswith(f"case 4: {field}: ")


def test_parse_case_without_index():
    with pytest.raises(CaseInputError) as info:
        parse_case({**E14, "procedure": "tourist"})
    assert info.value.case_index is None
    assert info.value.field == "procedure"


def test_compute_contract_rejects_bad_input():
    with pytest.raises(CaseInputError):
        compute_contract({**E14, "received": "2026-02-30"}, today=date(2026, 4, 5))


def test_compute_returns_dates_and_decimals():
    # E14 (rules.md §5): first day 17-03-2026, 20 days, 14 x 23 + 6 x 35 = 532.
    result = compute(parse_case(E14), today=date(2026, 4, 5))
    assert result.rules == "nl-2026.12"
    assert result.term.statutory_end == date(2025, 12, 30)
    assert result.penalty.first_day == date(2026, 3, 17)
    assert result.penalty.days == 20
    assert result.penalty.amount == Decimal("532")
    assert isinstance(result.penalty.amount, Decimal)
    assert result.notice is not None and result.notice.valid


def test_compute_and_contract_agree():
    result = compute(parse_case(E14), today=date(2026, 4, 5))
    contract = compute_contract(E14, today=date(2026, 4, 5))
    assert contract["term"]["statutory_end"] == result.term.statutory_end.isoformat()
    assert contract["term"]["rolled_end"] == result.term.rolled_end.isoformat()
    assert contract["penalty"]["amount_eur"] == "532.00"


def test_compute_without_explanations_gives_the_same_dates():
    data = {
        "procedure": "regular",
        "received": "2025-10-01",
        "events": [
            {
                "type": "info_request",
                "sent": "2025-10-10",
                "deadline": "2025-10-24",
                "completed": None,
            },
            {"type": "notice", "received": "2026-03-02"},
        ],
    }
    case = parse_case(data)
    full = compute(case, today=date(2026, 4, 5))
    bare = compute(case, today=date(2026, 4, 5), explain=False)
    for name in (
        "statutory_end",
        "rolled_end",
        "ind_view_end",
        "safe_notice_receipt",
        "paused_days",
    ):
        assert getattr(bare.term, name) == getattr(full.term, name), name
    assert bare.key_dates == full.key_dates
    assert (bare.next_step.code, bare.next_step.date) == (full.next_step.code, full.next_step.date)
    assert bare.penalty.amount == full.penalty.amount
    assert not bare.steps and full.steps
    assert {w.code for w in bare.warnings} == {w.code for w in full.warnings}
