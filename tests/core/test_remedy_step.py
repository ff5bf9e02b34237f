"""Why the last day to object or appeal falls where it does: period, basis, the Atw (R1.6, R5.5)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.compute import compute
from desktop.core.model import Case, Decision, Procedure
from desktop.core.rulepack import load_rule_pack

TODAY = date(2026, 12, 2)


def remedy_steps(procedure: Procedure, decided: date):
    result = compute(Case(procedure, date(2025, 6, 2), (Decision(sent=decided),)), today=TODAY)
    return result, [s for s in result.steps if s.kind == "remedy_until"]


def test_an_objection_period_is_explained_with_its_basis():
    # Sent Monday 2 March 2026; 4 weeks from the day after: the last day is Monday 30 March.
    result, steps = remedy_steps(Procedure.REGULAR, date(2026, 3, 2))
    assert [s.date for s in steps] == [date(2026, 3, 30)] == [result.key_dates.remedy_until]
    (step,) = steps
    assert step.basis == load_rule_pack().remedy(Procedure.REGULAR).basis
    assert "4 weeks" in step.text.en and "bezwaar" in step.text.en
    assert "4 weken" in step.text.nl and "30 maart 2026" in step.text.nl


def test_a_last_day_on_a_holiday_moves_to_the_next_working_day():
    # Sent Monday 30 March 2026; 4 weeks end Monday 27 April, King's Day: Tuesday 28 April.
    _result, steps = remedy_steps(Procedure.REGULAR, date(2026, 3, 30))
    assert [s.date for s in steps] == [date(2026, 4, 28)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_asylum_shows_the_short_period_and_the_other_reading(lang):
    # Sent Monday 2 March 2026: 1 week ends Monday 9 March; the 4-week reading Monday 30 March.
    result, steps = remedy_steps(Procedure.ASYLUM, date(2026, 3, 2))
    assert [s.date for s in steps] == [date(2026, 3, 9), date(2026, 3, 30)]
    assert result.key_dates.remedy_until == date(2026, 3, 9)  # the safe, earlier day
    short, other = (s.text.get(lang) for s in steps)
    assert ("1 week" in short) and ("1 weeks" not in short)
    assert "4 we" in other  # weeks / weken


def test_an_undecided_case_has_no_remedy_step():
    result = compute(Case(Procedure.REGULAR, date(2026, 6, 2)), today=TODAY)
    assert not [s for s in result.steps if s.kind == "remedy_until"]
