"""Load and validate a versioned rule pack: the law as data (terms, powers, holidays, texts)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from desktop.core.model import Procedure, Text

DEFAULT_PACK = "nl-2026.11"
UNITS = ("days", "weeks", "months", "years")


class RulePackError(ValueError):
    """A rule pack file is malformed: a maintainer's error, reported with the pack and key."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A term length in one unit ("90 days", "6 months")."""

    amount: int
    unit: str

    @property
    def months(self) -> int:
        return self.amount * 12 if self.unit == "years" else self.amount


@dataclass(frozen=True, slots=True)
class Power:
    """A statutory power to extend a term (basis string as the IND cites it)."""

    basis: str
    unit: str  # "months" or "weeks"
    maximum: int  # 0 when only a total cap applies
    uses: int
    rule: str
    requires: str | None = None
    total_months: int | None = None


@dataclass(frozen=True, slots=True)
class ProcedureRules:
    procedure: Procedure
    base: Quantity
    basis: str
    rule: str
    powers: tuple[Power, ...]
    objection_period: Quantity | None = None
    apr_from: date | None = None
    bill_36349_base: Quantity | None = None

    def power(self, basis: str) -> Power | None:
        wanted = _normalise_basis(basis)
        return next((p for p in self.powers if _normalise_basis(p.basis) == wanted), None)


@dataclass(frozen=True, slots=True)
class Remedy:
    """What one can do against a decision in a procedure, and within what period (R1.6, R5.5).

    `period` runs from the day after the decision was sent and the Atw covers it. Where the law
    has two readings, `period` is the shorter (the safe one for a deadline the user must meet) and
    `alternative` the other.
    """

    kind: str  # "objection" (bezwaar to the IND) or "appeal" (beroep to the district court)
    period: Quantity
    basis: str
    rule: str
    alternative: Quantity | None = None


REMEDY_KINDS = ("objection", "appeal")


@dataclass(frozen=True, slots=True)
class Decree:
    title: str
    first_year: int
    last_year: int
    days: frozenset[date]


# eq=False: hashed by identity. The calendar caches holidays per (rules, year) and a field-wise
# hash of the decree lists was the core's hottest call.
@dataclass(frozen=True, slots=True, eq=False)
class AtwRules:
    max_days: int
    max_weeks: int
    max_months: int
    fixed: tuple[tuple[int, int], ...]
    easter_offsets: tuple[int, ...]
    kings_day: tuple[int, int]
    decrees: tuple[Decree, ...]

    def covers(self, quantity: Quantity) -> bool:
        """Atw art. 4: not for terms of more than 90 days, 12 weeks, 3 months, or in years."""
        limits = {"days": self.max_days, "weeks": self.max_weeks, "months": self.max_months}
        return quantity.unit in limits and quantity.amount <= limits[quantity.unit]

    def decree_years(self) -> set[int]:
        return {y for d in self.decrees for y in range(d.first_year, d.last_year + 1)}


@dataclass(frozen=True, slots=True)
class PenaltyTiers:
    valid_from: date
    days_per_tier: int
    daily: tuple[Decimal, ...]
    max_days: int

    @property
    def cap(self) -> Decimal:
        return sum((rate * self.days_per_tier for rate in self.daily), Decimal("0"))

    def amount(self, days: int) -> Decimal:
        """R4.5: tiered daily amounts, clamped to the maximum number of days."""
        days = max(0, min(days, self.max_days))
        total = Decimal("0")
        for i, rate in enumerate(self.daily):
            in_tier = max(0, min(days - i * self.days_per_tier, self.days_per_tier))
            total += rate * in_tier
        return total


@dataclass(frozen=True, slots=True)
class Availability:
    procedures: frozenset[Procedure]
    applies: bool
    valid_from: date | None
    valid_until: date | None
    bill_35749: bool | None  # the answer when bill 35749 is switched on (None: unaffected)


@dataclass(frozen=True, slots=True)
class Flag:
    name: str
    default: bool
    label: Text


@dataclass(frozen=True, slots=True)
class RulePack:
    id: str
    published: date
    title: str
    procedures: Mapping[Procedure, ProcedureRules]
    atw: AtwRules
    tiers: tuple[PenaltyTiers, ...]
    availability: tuple[Availability, ...]
    window_days: int
    fix_decision_days: int
    appeal_warn_months: int
    flags: Mapping[str, Flag]
    ind: Mapping[str, Any]
    texts: Mapping[str, Text] = field(default_factory=dict)
    remedies: Mapping[Procedure, Remedy] = field(default_factory=dict)

    def remedy(self, procedure: Procedure) -> Remedy:
        """The objection or appeal open against a decision in `procedure`, and its period."""
        return self.remedies[procedure]

    def tiers_for(self, day: date) -> PenaltyTiers:
        eligible = [t for t in self.tiers if t.valid_from <= day]
        return max(eligible, key=lambda t: t.valid_from) if eligible else self.tiers[0]

    def penalty_applies(self, procedure: Procedure, day: date, flags: frozenset[str]) -> bool:
        """Whether an administrative penalty exists for this procedure on this day (R4, §4)."""
        for rule in self.availability:
            if procedure not in rule.procedures:
                continue
            if rule.valid_from and day < rule.valid_from:
                continue
            if rule.valid_until and day > rule.valid_until:
                continue
            if "bill_35749" in flags and rule.bill_35749 is not None:
                return rule.bill_35749
            return rule.applies
        return False

    def text(self, key: str) -> Text:
        try:
            return self.texts[key]
        except KeyError:
            raise RulePackError(f"{self.id}: no text {key!r}") from None


def _normalise_basis(basis: str) -> str:
    return " ".join(basis.replace("art.", "").split()).lower()


def _date(value: object, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RulePackError(f"{where}: not a date: {value!r}")


def _quantity(table: Mapping[str, Any], where: str) -> Quantity:
    units = [u for u in UNITS if u in table]
    if len(units) != 1 or not isinstance(table[units[0]], int) or table[units[0]] <= 0:
        raise RulePackError(f"{where}: expected exactly one positive {'/'.join(UNITS)}")
    return Quantity(table[units[0]], units[0])


def _power(raw: Mapping[str, Any], where: str) -> Power:
    unit = "weeks" if "weeks" in raw else "months"
    total = raw.get("total_months")
    maximum = raw.get(unit, 0)
    if not maximum and not total:
        raise RulePackError(f"{where}: a power needs months, weeks or total_months")
    return Power(
        basis=str(raw["basis"]),
        unit=unit,
        maximum=int(maximum),
        uses=int(raw.get("uses", 1)),
        rule=str(raw.get("rule", "")),
        requires=raw.get("requires"),
        total_months=int(total) if total else None,
    )


def _procedure(name: str, raw: Mapping[str, Any], pack: str) -> ProcedureRules:
    where = f"{pack}: procedures.{name}"
    try:
        procedure = Procedure(name)
    except ValueError:
        raise RulePackError(f"{where}: unknown procedure") from None
    period = raw.get("objection_period")
    bill = raw.get("bill_36349_base")
    return ProcedureRules(
        procedure=procedure,
        base=_quantity(raw["base"], f"{where}.base"),
        basis=str(raw["basis"]),
        rule=str(raw["rule"]),
        powers=tuple(
            _power(p, f"{where}.extensions[{i}]") for i, p in enumerate(raw.get("extensions", []))
        ),
        objection_period=_quantity(period, f"{where}.objection_period") if period else None,
        apr_from=_date(raw["apr_from"], f"{where}.apr_from") if "apr_from" in raw else None,
        bill_36349_base=_quantity(bill, f"{where}.bill_36349_base") if bill else None,
    )


def _remedy(name: str, raw: Mapping[str, Any], pack: str) -> tuple[Procedure, Remedy]:
    where = f"{pack}: remedies.{name}"
    try:
        procedure = Procedure(name)
    except ValueError:
        raise RulePackError(f"{where}: unknown procedure") from None
    kind = raw.get("kind")
    if kind not in REMEDY_KINDS:
        raise RulePackError(f"{where}.kind: expected one of {', '.join(REMEDY_KINDS)}")
    alternative = raw.get("alternative")
    return procedure, Remedy(
        kind=str(kind),
        period=_quantity(raw["period"], f"{where}.period"),
        basis=str(raw["basis"]),
        rule=str(raw["rule"]),
        alternative=_quantity(alternative, f"{where}.alternative") if alternative else None,
    )


def _month_day(value: str, where: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in value.split("-"))
        date(2000, month, day)  # a leap year: validates 02-29 too
    except ValueError:
        raise RulePackError(f"{where}: not MM-DD: {value!r}") from None
    return month, day


def _atw(raw: Mapping[str, Any], pack: str) -> AtwRules:
    decrees = []
    for i, d in enumerate(raw.get("decrees", [])):
        where = f"{pack}: atw.decrees[{i}]"
        first, last = d["years"]
        days = frozenset(_date(x, where) for x in d["days"])
        if any(not first <= x.year <= last for x in days):
            raise RulePackError(f"{where}: a day outside the decree's years")
        decrees.append(Decree(str(d["title"]), int(first), int(last), days))
    return AtwRules(
        max_days=int(raw["max_days"]),
        max_weeks=int(raw["max_weeks"]),
        max_months=int(raw["max_months"]),
        fixed=tuple(_month_day(x, f"{pack}: atw.fixed") for x in raw["fixed"]),
        easter_offsets=tuple(int(x) for x in raw["easter_offsets"]),
        kings_day=_month_day(raw["kings_day"], f"{pack}: atw.kings_day"),
        decrees=tuple(decrees),
    )


def _availability(raw: Mapping[str, Any], where: str) -> Availability:
    names = raw.get("procedures") or [raw["procedure"]]
    try:
        procedures = frozenset(Procedure(n) for n in names)
    except ValueError:
        raise RulePackError(f"{where}: unknown procedure in {names!r}") from None
    return Availability(
        procedures=procedures,
        applies=bool(raw["applies"]),
        valid_from=_date(raw["valid_from"], where) if "valid_from" in raw else None,
        valid_until=_date(raw["valid_until"], where) if "valid_until" in raw else None,
        bill_35749=raw.get("bill_35749"),
    )


def _texts(raw: Mapping[str, Any], pack: str) -> dict[str, Text]:
    texts = {}
    for key, value in raw.items():
        if not isinstance(value, Mapping) or not value.get("en") or not value.get("nl"):
            raise RulePackError(f"{pack}: texts.{key} needs both 'en' and 'nl'")
        texts[key] = Text(en=str(value["en"]).strip(), nl=str(value["nl"]).strip())
    return texts


def parse_rule_pack(raw: Mapping[str, Any], raw_texts: Mapping[str, Any]) -> RulePack:
    """Validate a pack's data; every malformed key raises `RulePackError` naming it."""
    pack = str(raw.get("id", "?"))
    try:
        procedures = {
            rules.procedure: rules
            for name, table in raw["procedures"].items()
            if (rules := _procedure(name, table, pack))
        }
        missing = set(Procedure) - set(procedures)
        if missing:
            raise RulePackError(f"{pack}: no rules for {sorted(missing)}")
        remedies = dict(_remedy(name, table, pack) for name, table in raw["remedies"].items())
        if missing := set(Procedure) - set(remedies):
            raise RulePackError(f"{pack}: remedies: none for {sorted(missing)}")
        penalty = raw["penalty"]
        tiers = tuple(
            PenaltyTiers(
                valid_from=_date(t["valid_from"], f"{pack}: penalty.tiers"),
                days_per_tier=int(t["days_per_tier"]),
                daily=tuple(Decimal(x) for x in t["daily_eur"]),
                max_days=int(t["max_days"]),
            )
            for t in penalty["tiers"]
        )
        flags = {
            name: Flag(name, bool(f["default"]), Text(f["en"], f["nl"]))
            for name, f in raw.get("flags", {}).items()
        }
        return RulePack(
            id=pack,
            published=_date(raw["published"], f"{pack}: published"),
            title=str(raw.get("title", "")),
            procedures=procedures,
            atw=_atw(raw["atw"], pack),
            tiers=tiers,
            availability=tuple(
                _availability(a, f"{pack}: penalty.availability[{i}]")
                for i, a in enumerate(penalty["availability"])
            ),
            window_days=int(penalty["window_days"]),
            fix_decision_days=int(penalty["fix_decision_days"]),
            appeal_warn_months=int(penalty["appeal_warn_months"]),
            flags=flags,
            ind=dict(raw.get("ind", {})),
            texts=_texts(raw_texts, pack),
            remedies=remedies,
        )
    except KeyError as exc:
        raise RulePackError(f"{pack}: missing key {exc}") from None


def available_packs() -> list[str]:
    folder = resources.files("desktop.core") / "rulepacks"
    return sorted(
        p.name.removesuffix(".toml")
        for p in folder.iterdir()
        if p.name.endswith(".toml") and not p.name.endswith(".texts.toml")
    )


@cache
def load_rule_pack(pack_id: str = DEFAULT_PACK) -> RulePack:
    """A shipped pack by id (cached: packs are immutable)."""
    folder = resources.files("desktop.core") / "rulepacks"
    if pack_id not in available_packs():
        raise RulePackError(f"unknown rule pack {pack_id!r} (have {', '.join(available_packs())})")
    raw = tomllib.loads((folder / f"{pack_id}.toml").read_text(encoding="utf-8"))
    texts = tomllib.loads((folder / f"{pack_id}.texts.toml").read_text(encoding="utf-8"))
    if raw.get("id") != pack_id:
        raise RulePackError(f"{pack_id}.toml says id = {raw.get('id')!r}")
    return parse_rule_pack(raw, texts)
