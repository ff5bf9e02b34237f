"""Read a rule pack's TOML data into a RulePack, naming every problem (file, key, why) at once."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.model import AppointmentKind, Procedure, Text
from desktop.core.packmodel import (
    CITATIONS,
    REMEDY_KINDS,
    UNITS,
    AppointmentRules,
    AtwRules,
    Availability,
    Change,
    CourtFee,
    Decree,
    LetterRules,
    PauseBasis,
    PauseRules,
    PenaltyTiers,
    PendingChange,
    Power,
    Problem,
    ProcedureRules,
    Quantity,
    Remedy,
    RulePack,
    RulePackError,
    normalise_basis,
)

PACK_FORMAT = 1  # the newest pack format this version reads
_ID = re.compile(r"^[a-z]{2}-[0-9]{4}\.[0-9]{1,3}[a-z0-9-]*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = object()


class _Sink:
    """Collects the problems of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, key: str, why: str) -> None:
        self.problems.append(Problem(self.file, key, why))


class _Table:
    """One TOML table being read: typed getters that note problems and keys nobody read.

    A getter that finds a problem records it and returns a placeholder of the right type, so
    reading goes on and every problem is found; the caller raises at the end.
    """

    def __init__(self, raw: object, key: str, sink: _Sink) -> None:
        self.key, self.sink = key, sink
        self.seen: set[str] = set()
        if isinstance(raw, Mapping):
            self.raw: Mapping[str, Any] = raw
        else:
            self.raw = {}
            sink.add(key, f"expected a table, found {_kind(raw)}")

    def path(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def problem(self, name: str, why: str) -> None:
        self.sink.add(self.path(name), why)

    def get(self, name: str, required: bool) -> Any:
        self.seen.add(name)
        if name in self.raw:
            return self.raw[name]
        if required:
            self.problem(name, "missing")
        return _PLACEHOLDER

    def has(self, name: str) -> bool:
        return name in self.raw

    def get_str(self, name: str, required: bool = True, allow_empty: bool = False) -> str:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return ""
        if not isinstance(value, str):
            self.problem(name, f"expected text, found {_kind(value)}")
            return ""
        if not value.strip() and not allow_empty:
            self.problem(name, "empty")
        return value

    def get_int(self, name: str, required: bool = True, minimum: int = 1) -> int:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return minimum
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"expected a whole number, found {_kind(value)}")
            return minimum
        if value < minimum:
            self.problem(name, f"{value} is less than {minimum}")
            return minimum
        return value

    def get_bool(self, name: str, required: bool = False, default: bool = False) -> bool:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return default
        if not isinstance(value, bool):
            self.problem(name, f"expected true or false, found {_kind(value)}")
            return default
        return value

    def get_date(self, name: str, required: bool = True) -> date | None:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return None
        return _as_date(value, self.path(name), self.sink)

    def get_quantity(
        self, name: str, required: bool = True, units: tuple[str, ...] = UNITS
    ) -> Quantity:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return Quantity(1, units[0])
        return _as_quantity(value, self.path(name), self.sink, units)

    def get_table(self, name: str, required: bool = True) -> _Table:
        value = self.get(name, required)
        return _Table({} if value is _PLACEHOLDER else value, self.path(name), self.sink)

    def get_tables(self, name: str, required: bool = True) -> list[_Table]:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return []
        if not isinstance(value, list):
            self.problem(name, f"expected a list of tables, found {_kind(value)}")
            return []
        return [_Table(item, f"{self.path(name)}[{i}]", self.sink) for i, item in enumerate(value)]

    def get_strings(self, name: str, required: bool = True) -> list[str]:
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return []
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            self.problem(name, "expected a list of texts")
            return []
        return list(value)

    def get_text(self, name: str, required: bool = True) -> Text:
        """A bilingual label: a table with non-empty `en` and `nl`."""
        value = self.get(name, required)
        if value is _PLACEHOLDER:
            return Text("", "")
        inner = _Table(value, self.path(name), self.sink)
        text = Text(inner.get_str("en"), inner.get_str("nl"))
        inner.done()
        return text

    def get_procedures(self, name: str) -> frozenset[Procedure]:
        """`procedures = [...]` or `procedure = "..."`: at least one known procedure."""
        names = self.get_strings(name, required=False) if self.has(name) else []
        if self.has("procedure"):
            names.append(self.get_str("procedure"))
        elif not names:
            self.problem(name, "missing (give `procedure` or `procedures`)")
        found = set()
        for n in names:
            try:
                found.add(Procedure(n))
            except ValueError:
                self.problem(name, f"unknown procedure {n!r} (one of {', '.join(Procedure)})")
        return frozenset(found)

    def done(self) -> None:
        """Report keys nobody read: usually a typo that would otherwise be silently ignored."""
        for name in self.raw:
            if name not in self.seen:
                self.problem(name, "unknown key (a typo?)")


def _kind(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _as_date(value: object, where: str, sink: _Sink) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    sink.add(where, f"not a date (YYYY-MM-DD): {value!r}")
    return None


def _as_quantity(value: object, where: str, sink: _Sink, units: tuple[str, ...]) -> Quantity:
    if not isinstance(value, Mapping):
        sink.add(where, f"expected a length such as {{ {units[0]} = 3 }}, found {_kind(value)}")
        return Quantity(1, units[0])
    given = [u for u in value if u in UNITS]
    if len(given) != 1 or len(value) != 1:
        sink.add(where, f"expected exactly one of {', '.join(units)}")
        return Quantity(1, units[0])
    unit = given[0]
    amount = value[unit]
    if unit not in units:
        sink.add(where, f"in {unit}: expected {' or '.join(units)}")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        sink.add(f"{where}.{unit}", f"expected a positive whole number, found {amount!r}")
        return Quantity(1, unit)
    return Quantity(amount, unit)


def _procedure_of(name: str, where: str, sink: _Sink) -> Procedure | None:
    try:
        return Procedure(name)
    except ValueError:
        sink.add(where, f"unknown procedure (one of {', '.join(Procedure)})")
        return None


# ------------------------------------------------------------------------------ sections


def _power(t: _Table) -> Power:
    units = [u for u in ("months", "weeks") if t.has(u)]
    if len(units) > 1:
        t.problem("months", "give months or weeks, not both")
    unit = units[0] if units else "months"
    maximum = t.get_int(unit, required=False, minimum=1) if units else 0
    total = t.get_int("total_months", required=False) if t.has("total_months") else None
    if not maximum and total is None:
        t.problem("months", "missing (a power needs months, weeks or total_months)")
    if t.has("uses") and t.has("in_total"):
        t.problem("in_total", "give `uses` (letters, each within the maximum) or `in_total`")
    uses = t.get_int("uses", required=False) if t.has("uses") else None
    in_total = t.get_bool("in_total")
    return Power(
        basis=t.get_str("basis"),
        unit=unit,
        maximum=maximum,
        uses=None if in_total else (uses or 1),
        rule=t.get_str("rule"),
        requires=t.get_str("requires", required=False) or None,
        total_months=total,
        in_total=in_total,
        under=t.get_str("under", required=False) or None,
        contested=t.get_bool("contested"),
        received_from=t.get_date("received_from", required=False),
        received_until=t.get_date("received_until", required=False),
        title=t.get_str("title", required=False),
    )


def _procedure(procedure: Procedure, t: _Table) -> ProcedureRules:
    tables = t.get_tables("extensions")
    powers = []
    for table in tables:
        powers.append(_power(table))
        table.done()
    names = [normalise_basis(p.basis) for p in powers]
    for table, power in zip(tables, powers, strict=True):
        if names.count(normalise_basis(power.basis)) > 1:
            table.problem("basis", f"{power.basis!r} is listed twice")
        for field_name in ("requires", "under"):
            other = getattr(power, field_name)
            if other is not None and normalise_basis(other) not in names:
                table.problem(field_name, f"{other!r} is not a power of this procedure")
        if power.contested and power.under is None:
            table.problem("contested", "only a general instrument (`under` a power) is contested")
    period = None
    if procedure is Procedure.OBJECTION or t.has("objection_period"):
        period = t.get_quantity("objection_period")
    max_total = None
    if t.has("max_total"):
        max_total = t.get_quantity("max_total", units=("months", "years")).months
    rules = ProcedureRules(
        procedure=procedure,
        base=t.get_quantity("base"),
        basis=t.get_str("basis"),
        rule=t.get_str("rule"),
        powers=tuple(powers),
        objection_period=period,
        apr_from=t.get_date("apr_from", required=False),
        max_total_months=max_total,
    )
    t.done()
    return rules


def _per_procedure(t: _Table, name: str, read: Any) -> dict[Procedure, Any]:
    section = t.get_table(name)
    found = {}
    for key in section.raw:
        section.seen.add(key)
        procedure = _procedure_of(key, section.path(key), section.sink)
        if procedure is not None:
            found[procedure] = read(procedure, section.get_table(key))
    missing = [p.value for p in Procedure if p not in found]
    if missing and t.has(name):
        section.sink.add(section.key, f"none for {', '.join(missing)}")
    return found


def _remedy(procedure: Procedure, t: _Table) -> Remedy:
    kind = t.get_str("kind")
    if kind and kind not in REMEDY_KINDS:
        t.problem("kind", f"{kind!r}: expected one of {', '.join(REMEDY_KINDS)}")
    period = t.get_quantity("period")
    alternative = t.get_quantity("alternative", required=False) if t.has("alternative") else None
    if alternative is not None and alternative.approx_days <= period.approx_days:
        t.problem("alternative", "must be longer than `period` (the shorter reading is `period`)")
    remedy = Remedy(kind, period, t.get_str("basis"), t.get_str("rule"), alternative)
    t.done()
    return remedy


def _appointments(t: _Table) -> AppointmentRules:
    basis_table = t.get_table("basis")
    basis = {}
    for key in (*(k.value for k in AppointmentKind), "document_collection_mvv"):
        basis[key] = basis_table.get_str(key)
    basis_table.done()
    rules = AppointmentRules(
        proof_window=t.get_quantity("proof_window"),
        mvv_collect=t.get_quantity("mvv_collect"),
        basis=basis,
    )
    t.done()
    return rules


def _pauses(t: _Table) -> PauseRules:
    bases = []
    for item in t.get_tables("bases"):
        bases.append(
            PauseBasis(item.get_str("basis"), Text(item.get_str("en"), item.get_str("nl")))
        )
        item.done()
    rules = PauseRules(t.get_str("contested"), t.get_str("force_majeure"), tuple(bases))
    t.done()
    return rules


def _citations(t: _Table) -> dict[str, str]:
    found = {key: t.get_str(key) for key in CITATIONS}
    t.done()
    return found


def _month_day(value: str, where: str, sink: _Sink) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in value.split("-"))
        date(2000, month, day)  # a leap year: validates 02-29 too
    except ValueError:
        sink.add(where, f"not MM-DD: {value!r}")
        return 1, 1
    return month, day


def _atw(t: _Table) -> AtwRules:
    decrees = []
    for d in t.get_tables("decrees"):
        years = d.get("years", True)
        first = last = 0
        if years is not _PLACEHOLDER:
            if (
                isinstance(years, list)
                and len(years) == 2
                and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
                and years[0] <= years[1]
            ):
                first, last = years
            else:
                d.problem("years", "expected [first year, last year]")
        days = set()
        listed = d.get("days", True)
        if listed is _PLACEHOLDER:
            listed = []
        elif not isinstance(listed, list):
            d.problem("days", f"expected a list of dates, found {_kind(listed)}")
            listed = []
        for i, raw in enumerate(listed):
            day = _as_date(raw, f"{d.path('days')}[{i}]", d.sink)
            if day is None:
                continue
            if first and not first <= day.year <= last:
                d.problem("days", f"{day} is outside the decree's years {first}-{last}")
            days.add(day)
        decrees.append(Decree(d.get_str("title"), first, last, frozenset(days)))
        d.done()
    fixed = tuple(_month_day(x, t.path("fixed"), t.sink) for x in t.get_strings("fixed"))
    offsets = t.get("easter_offsets", True)
    if offsets is _PLACEHOLDER:
        offsets = []
    elif not isinstance(offsets, list) or not all(
        isinstance(x, int) and not isinstance(x, bool) for x in offsets
    ):
        t.problem("easter_offsets", "expected a list of whole numbers (days from Easter Sunday)")
        offsets = []
    kings = t.get_str("kings_day")
    rules = AtwRules(
        max_days=t.get_int("max_days"),
        max_weeks=t.get_int("max_weeks"),
        max_months=t.get_int("max_months"),
        fixed=fixed,
        easter_offsets=tuple(offsets),
        kings_day=_month_day(kings, t.path("kings_day"), t.sink) if kings else (4, 27),
        decrees=tuple(decrees),
    )
    t.done()
    return rules


def _tiers(t: _Table) -> PenaltyTiers:
    daily = []
    raw = t.get("daily_eur", True)
    if raw is not _PLACEHOLDER:
        if not isinstance(raw, list) or not raw:
            t.problem("daily_eur", 'expected a list of amounts such as ["23", "35"]')
        else:
            for i, value in enumerate(raw):
                try:
                    amount = Decimal(str(value)) if isinstance(value, str | int) else None
                except InvalidOperation:
                    amount = None
                if amount is None or not amount.is_finite() or amount <= 0:
                    t.sink.add(f"{t.path('daily_eur')}[{i}]", f"not a positive amount: {value!r}")
                else:
                    daily.append(amount)
    tiers = PenaltyTiers(
        valid_from=t.get_date("valid_from") or date.min,
        days_per_tier=t.get_int("days_per_tier"),
        daily=tuple(daily),
        max_days=t.get_int("max_days"),
    )
    if daily and tiers.max_days > tiers.days_per_tier * len(daily):
        t.problem("max_days", "more days than the tiers cover (days_per_tier x amounts)")
    t.done()
    return tiers


def _availability(t: _Table) -> Availability:
    found = Availability(
        procedures=t.get_procedures("procedures"),
        applies=t.get_bool("applies", required=True),
        valid_from=t.get_date("valid_from", required=False),
        valid_until=t.get_date("valid_until", required=False),
    )
    if found.valid_from and found.valid_until and found.valid_from > found.valid_until:
        t.problem("valid_until", "before valid_from")
    t.done()
    return found


def _pending(name: str, t: _Table) -> PendingChange:
    if not _NAME.match(name):
        t.sink.add(t.key, "an id of lower-case letters, digits and _ (it is typed on the CLI)")
    changes = []
    tables = t.get_tables("changes")
    if not tables and t.has("changes"):
        t.problem("changes", "empty: say what the change does")
    for c in tables:
        base = c.get_quantity("base", required=False) if c.has("base") else None
        penalty = c.get_bool("penalty") if c.has("penalty") else None
        if base is None and penalty is None:
            c.sink.add(c.key, "changes nothing: give `base` or `penalty`")
        changes.append(Change(c.get_procedures("procedures"), base, penalty))
        c.done()
    found = PendingChange(
        id=name,
        title=t.get_text("title"),
        status=t.get_text("status"),
        changes=tuple(changes),
        effective=t.get_date("effective", required=False),
        source=t.get_str("source", required=False),
    )
    t.done()
    return found


def _ind(t: _Table) -> dict[str, Any]:
    address = t.get_strings("address")
    if t.has("address") and not any(line.strip() for line in address):
        t.problem("address", "empty: the Notice needs a postal address")
    found: dict[str, Any] = {
        "name": t.get_str("name"),
        "address": address,
        "fax": t.get_str("fax", allow_empty=True),
        "checked": t.get_date("checked"),
        "source": t.get_str("source"),
    }
    if t.has("source_updated"):
        found["source_updated"] = t.get_date("source_updated")
    t.done()
    return found


def _letters(t: _Table) -> LetterRules:
    laws = {}
    table = t.get_table("laws")
    for name in table.raw:
        laws[name] = table.get_text(name)
    table.done()
    if not laws and t.has("laws"):
        t.problem("laws", "empty: name at least the laws the citations use")
    fee = None
    if t.has("court_fee"):
        f = t.get_table("court_fee")
        raw_amount = f.get_str("eur")
        try:
            amount = Decimal(raw_amount)
        except InvalidOperation:
            f.problem("eur", f'{raw_amount!r}: expected an amount such as "187"')
            amount = Decimal("0")
        year = f.get_int("year", minimum=2000)
        checked = f.get_date("checked")
        source = f.get_str("source")
        f.done()
        if checked is not None:
            fee = CourtFee(amount, year, checked, source)
    found = LetterRules(
        laws=laws,
        appeal=t.get_str("appeal"),
        appeal_contents=t.get_str("appeal_contents"),
        court_penalty=t.get_str("court_penalty"),
        court_fixes_penalty=t.get_str("court_fixes_penalty"),
        court=t.get_text("court"),
        court_address=tuple(t.get_strings("court_address", required=False)),
        court_checked=t.get_date("court_checked", required=False),
        court_naturalisation=t.get_text("court_naturalisation"),
        court_fee=fee,
    )
    t.done()
    return found


# ------------------------------------------------------------------------------ texts


def _fields(template: str, where: str, sink: _Sink) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        sink.add(where, f"malformed placeholder: {exc}")
        return None


def _texts(
    raw: Mapping[str, Any], sink: _Sink, reference: Mapping[str, Text] | None
) -> dict[str, Text]:
    texts = {}
    for key, value in raw.items():
        t = _Table(value, key, sink)
        text = Text(t.get_str("en").strip(), t.get_str("nl").strip())
        t.done()
        if not text.en or not text.nl:
            continue
        en, nl = _fields(text.en, f"{key}.en", sink), _fields(text.nl, f"{key}.nl", sink)
        if en is not None and nl is not None and en != nl:
            sink.add(key, f"en and nl use different placeholders ({sorted(en ^ nl)})")
        if reference is not None and en is not None:
            if key not in reference:
                sink.add(key, "unknown text (this version of Termijn never shows it: a typo?)")
            else:
                known = _fields(reference[key].en, key, _Sink("")) or set()
                if extra := (en | (nl or set())) - known:
                    sink.add(key, f"placeholders this version does not fill: {sorted(extra)}")
        texts[key] = text
    if reference is not None:
        for key in sorted(set(reference) - set(raw)):
            sink.add(key, "missing (Termijn shows this text)")
    return texts


# ------------------------------------------------------------------------------ the pack


def parse_rule_pack(
    raw: Mapping[str, Any],
    raw_texts: Mapping[str, Any],
    *,
    file: str = "",
    texts_file: str = "",
    reference: Mapping[str, Text] | None = None,
    content_hash: str = "",
    origin: str = "",
) -> RulePack:
    """Validate a pack's data completely; raise `RulePackError` listing every problem found.

    `reference`: the texts this version of Termijn shows (a built-in pack's); an outside pack must
    give each of them, with no placeholder the code does not fill.
    """
    pack = str(raw.get("id", "?"))
    sink = _Sink(file or f"{pack}.toml")
    text_sink = _Sink(texts_file or f"{pack}.texts.toml")
    top = _Table(raw, "", sink)
    version = top.get("format", True)
    if version is not _PLACEHOLDER and (
        isinstance(version, bool) or not isinstance(version, int) or version < 1
    ):
        top.problem("format", f"expected a whole number, found {_kind(version)}")
    elif isinstance(version, int) and version > PACK_FORMAT:
        top.problem("format", f"{version}: made for a newer Termijn (this one reads {PACK_FORMAT})")
        raise RulePackError(str(sink.problems[0]), tuple(sink.problems))
    pack_id = top.get_str("id")
    if pack_id and not _ID.match(pack_id):
        top.problem("id", f"{pack_id!r}: expected a country and version such as nl-2026.12")
    published = top.get_date("published")
    title = top.get_str("title")
    top.get_str("source", required=False)

    procedures = _per_procedure(top, "procedures", _procedure)
    remedies = _per_procedure(top, "remedies", _remedy)
    appointments = _appointments(top.get_table("appointments"))
    pauses = _pauses(top.get_table("pauses"))
    citations = _citations(top.get_table("citations"))
    atw = _atw(top.get_table("atw"))

    penalty = top.get_table("penalty")
    tiers = []
    for t in penalty.get_tables("tiers"):
        tiers.append(_tiers(t))
    if not tiers and penalty.has("tiers"):
        penalty.problem("tiers", "empty: at least one set of amounts")
    availability = tuple(_availability(a) for a in penalty.get_tables("availability"))
    window_days = penalty.get_int("window_days")
    fix_days = penalty.get_int("fix_decision_days")
    appeal_warn = penalty.get_int("appeal_warn_months")
    penalty.done()

    pending_table = top.get_table("pending", required=False)
    pending = {}
    for name in pending_table.raw:
        pending_table.seen.add(name)
        pending[name] = _pending(name, pending_table.get_table(name))
    pending_table.done()
    ind = _ind(top.get_table("ind"))
    letters = _letters(top.get_table("letters")) if top.has("letters") else None
    top.seen.add("letters")
    top.done()
    texts = _texts(raw_texts, text_sink, reference)

    problems = (*sink.problems, *text_sink.problems)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RulePackError(f"{problems[0]}{more}", problems)
    assert published is not None
    return RulePack(
        id=pack_id,
        published=published,
        title=title,
        procedures=procedures,
        atw=atw,
        tiers=tuple(tiers),
        availability=availability,
        window_days=window_days,
        fix_decision_days=fix_days,
        appeal_warn_months=appeal_warn,
        pending=pending,
        ind=ind,
        letters=letters,
        remedies=remedies,
        appointments=appointments,
        pauses=pauses,
        citations=citations,
        texts=texts,
        content_hash=content_hash,
        origin=origin,
    )
