"""Atw calendar (rules.md R3.2, R3.5, R3.9): holidays 2023-2028, roll-forward, month clamping."""

from datetime import date, timedelta

import pytest

from desktop.core import load_rule_pack
from desktop.core.calendar import add_months, holidays, roll


@pytest.fixture(scope="module")
def atw():
    return load_rule_pack().atw


def _d(text: str, year: int) -> date:
    day, month = text.split("-")
    return date(year, int(month), int(day))


# rules.md R3.9, table "Resulting Atw holidays (test data ...)", copied as DD-MM.
HOLIDAY_TABLE = {
    2023: "01-01 07-04 10-04 27-04 28-04 05-05 18-05 19-05 29-05 25-12 26-12",
    2024: "01-01 29-03 01-04 27-04 05-05 09-05 10-05 20-05 25-12 26-12 27-12",
    2025: "01-01 18-04 21-04 26-04 05-05 29-05 30-05 09-06 25-12 26-12",
    2026: "01-01 02-01 03-04 06-04 27-04 05-05 14-05 15-05 25-05 25-12 26-12",
    2027: "01-01 26-03 29-03 27-04 05-05 06-05 07-05 17-05 25-12 26-12",
    2028: "01-01 14-04 17-04 27-04 28-04 05-05 25-05 26-05 05-06 25-12 26-12",
}


@pytest.mark.parametrize("year", sorted(HOLIDAY_TABLE))
def test_holidays_match_rules_table_exactly(atw, year):
    expected = {_d(text, year) for text in HOLIDAY_TABLE[year].split()}
    got = holidays(atw, year)
    assert set(got) == expected, (
        f"missing {sorted(expected - set(got))}, unexpected {sorted(set(got) - expected)}"
    )


@pytest.mark.parametrize("year", sorted(HOLIDAY_TABLE))
def test_holidays_checked_day_by_day(atw, year):
    """Every day of the year: a holiday exactly when the R3.9 table lists it."""
    listed = {_d(text, year) for text in HOLIDAY_TABLE[year].split()}
    got = holidays(atw, year)
    day = date(year, 1, 1)
    while day.year == year:
        assert (day in got) == (day in listed), day
        day += timedelta(days=1)


def test_koningsdag_2025_moved_to_saturday_26_april(atw):
    # 27-04-2025 is a Sunday, so Koningsdag is Saturday 26-04-2025 (R3.9).
    assert date(2025, 4, 27).weekday() == 6
    assert date(2025, 4, 26) in holidays(atw, 2025)
    assert date(2025, 4, 27) not in holidays(atw, 2025)


def test_koningsdag_2026_is_monday_27_april(atw):
    assert date(2026, 4, 27).weekday() == 0
    assert date(2026, 4, 27) in holidays(atw, 2026)


def test_4_may_2026_is_not_equated(atw):
    # R3.9: "Monday before a Tuesday holiday" is not applied; 04-05-2026 is not in the decree.
    assert date(2026, 5, 4) not in holidays(atw, 2026)
    assert roll(atw, date(2026, 5, 4)) == date(2026, 5, 4)


def test_5_may_is_a_holiday_every_year(atw):
    for year in range(2023, 2031):
        assert date(year, 5, 5) in holidays(atw, year), year


def test_good_friday_is_a_holiday(atw):
    # Easter 2026 = Sun 05-04 -> Good Friday 03-04 (Easter - 2).
    assert date(2026, 4, 3) in holidays(atw, 2026)


def test_statutory_holidays_without_decree_list(atw):
    # 2029: no decree list yet (R3.9, §4): statutory holidays only. Easter 2029 = Sun 01-04.
    got = holidays(atw, 2029)
    for day in (
        date(2029, 1, 1),
        date(2029, 3, 30),  # Good Friday = 01-04 - 2
        date(2029, 4, 2),  # Easter Monday
        date(2029, 4, 27),  # Koningsdag (Fri)
        date(2029, 5, 5),
        date(2029, 5, 10),  # Ascension = 01-04 + 39
        date(2029, 5, 21),  # Whit Monday = 01-04 + 50
        date(2029, 12, 25),
        date(2029, 12, 26),
    ):
        assert day in got, day


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (date(2026, 4, 8), date(2026, 4, 8), "Wednesday, working day: unchanged"),
        (date(2026, 4, 5), date(2026, 4, 7), "Easter Sunday -> Easter Monday -> Tue (E8)"),
        (date(2026, 4, 27), date(2026, 4, 28), "Koningsdag Mon -> Tue (E5)"),
        (date(2023, 12, 25), date(2023, 12, 27), "Christmas Mon, Boxing Day -> Wed (E3)"),
        (date(2026, 5, 2), date(2026, 5, 4), "Sat -> Sun -> Mon 04-05, not equated"),
        (date(2026, 5, 5), date(2026, 5, 6), "5 May (Tue) -> Wed"),
        (date(2026, 5, 14), date(2026, 5, 18), "Ascension Thu, KB Fri, Sat, Sun -> Mon"),
        (date(2024, 12, 25), date(2024, 12, 30), "25, 26, 27 (KB) Dec, Sat, Sun -> Mon 30-12"),
        (date(2025, 4, 26), date(2025, 4, 28), "Koningsdag Sat 2025, Sun -> Mon"),
        (date(2025, 12, 31), date(2025, 12, 31), "Wed 31-12-2025: working day"),
        (date(2025, 12, 27), date(2025, 12, 29), "Sat -> Sun -> Mon"),
        (date(2026, 1, 1), date(2026, 1, 5), "New Year Thu, KB Fri 02-01, Sat, Sun -> Mon"),
        (date(2027, 12, 25), date(2027, 12, 27), "Christmas Sat, Boxing Day Sun -> Mon"),
        (date(2028, 4, 27), date(2028, 5, 1), "Koningsdag Thu, KB Fri, Sat, Sun -> Mon"),
    ],
)
def test_roll(atw, day, expected, why):
    assert roll(atw, day) == expected, why


def test_roll_never_lands_on_weekend_or_holiday_2023_2028(atw):
    day = date(2023, 1, 1)
    while day.year <= 2028:
        rolled = roll(atw, day)
        assert rolled >= day
        assert rolled.weekday() < 5
        assert rolled not in holidays(atw, rolled.year)
        # Nothing in between is a working day: roll picks the *next* working day.
        probe = day
        while probe < rolled:
            assert probe.weekday() >= 5 or probe in holidays(atw, probe.year), probe
            probe += timedelta(days=1)
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        # rules.md R3.2 court examples
        (date(2024, 4, 10), 6, date(2024, 10, 10)),
        (date(2022, 9, 25), 6, date(2023, 3, 25)),
        (date(2023, 3, 25), 9, date(2023, 12, 25)),
        (date(2022, 9, 25), 15, date(2023, 12, 25)),
        (date(2022, 7, 12), 6, date(2023, 1, 12)),
        (date(2022, 10, 7), 15, date(2024, 1, 7)),
        # R3.2 end-of-month: one step vs two steps
        (date(2025, 5, 31), 15, date(2026, 8, 31)),
        (date(2025, 5, 31), 6, date(2025, 11, 30)),
        (date(2025, 11, 30), 9, date(2026, 8, 30)),
        # clamping to the month's last day
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected
