"""Calendar arithmetic of Dutch terms: months that clamp, Atw holidays and the roll-forward (R3)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from desktop.core.rulepack import AtwRules, Quantity

ONE_DAY = timedelta(days=1)


def add(day: date, quantity: Quantity) -> date:
    """R3.2-R3.4: days and weeks add exactly; months and years clamp to the month's last day."""
    if quantity.unit == "days":
        return day + timedelta(days=quantity.amount)
    if quantity.unit == "weeks":
        return day + timedelta(weeks=quantity.amount)
    return add_months(day, quantity.months)


@lru_cache(maxsize=65536)
def add_months(day: date, months: int) -> date:
    """R3.2: the same day number n months later, or that month's last day (relativedelta clamps).

    Cached: relativedelta is the core's hottest call and terms start on a few thousand dates.
    """
    return day + relativedelta(months=months)


@lru_cache(maxsize=256)
def _holidays(atw: AtwRules, year: int) -> frozenset[date]:
    easter_sunday = easter(year)
    days = {date(year, month, dom) for month, dom in atw.fixed}
    days.update(easter_sunday + timedelta(days=offset) for offset in atw.easter_offsets)
    kings = date(year, *atw.kings_day)
    # Koningsdag moves to the 26th when the 27th is a Sunday (Atw art. 3(1)).
    days.add(kings - ONE_DAY if kings.weekday() == 6 else kings)
    for decree in atw.decrees:
        if decree.first_year <= year <= decree.last_year:
            days.update(d for d in decree.days if d.year == year)
    return frozenset(days)


@lru_cache(maxsize=16)
def _decree_years(atw: AtwRules) -> frozenset[int]:
    return frozenset(atw.decree_years())


def holidays(atw: AtwRules, year: int) -> frozenset[date]:
    """R3.9: the Atw holidays of a year: statutory ones plus the royal-decree days on record."""
    return _holidays(atw, year)


def is_working_day(atw: AtwRules, day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(atw, day.year)


def roll(atw: AtwRules, day: date, unknown_years: set[int] | None = None) -> date:
    """R3.5 Atw art. 1: past Saturdays, Sundays and holidays to the next working day.

    Atw art. 2 (R3.6: at least two working days in a term of three days or more) is not applied:
    every period the core counts is a week or longer, and any seven days hold at least two
    working days (holidays never fall four to a week).

    Years without a decree list are collected in `unknown_years`: their equated days are not
    known yet, so a result there may be a working day early.
    """
    known = _decree_years(atw) if unknown_years is not None else None
    while True:
        if known is not None and unknown_years is not None and day.year not in known:
            unknown_years.add(day.year)
        if is_working_day(atw, day):
            return day
        day += ONE_DAY
