"""The rule pack as typed data: terms, powers, remedies, penalty, holidays, citations and texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from desktop.core.model import AppointmentKind, Procedure, Text

UNITS = ("days", "weeks", "months", "years")
REMEDY_KINDS = ("objection", "appeal")

# The citations the core puts beside its steps (`RulePack.cite`); a pack must give every one.
CITATIONS = (
    "received",  # the term starts the day after receipt
    "objection_period",  # the objection period before an objection's decision term
    "end",  # the end of the term with extensions and suspensions
    "orders",  # months and days added in different orders
    "roll_atw",  # the Atw rolls the end to a working day
    "roll_ind",  # the IND rolls a term the Atw does not cover
    "ind_view",  # the end if the IND's contested pauses count
    "ind_stated",  # the end the IND itself stated
    "safe_notice",  # when a Notice of Default is valid on every reading
    "info_request",  # a request to complete the application suspends the term
    "notice",  # whether a Notice of Default is valid
    "decision",  # a decision is made known by sending it
    "window",  # the IND's two weeks after a Notice
    "penalty",  # the penalty (dwangsom) and its amounts
    "certain_from",  # the two weeks rolled by the Atw
    "no_admin_penalty",  # no administrative penalty in this procedure
    "appeal",  # the non-decision appeal
    "last_penalty_day",  # the last penalty day
    "fix_decision",  # the IND fixes the penalty by decision and pays
    "fix_decision_rolled",  # that decision's due date rolled by the Atw
    "penalty_fixed",  # the IND's decision fixing the penalty owed
    "mvv_collect",  # the mvv collection window
    "complaint",  # a complaint about conduct, not a decision
    "general_extension",  # the rulings that make a general (WBV) extension contested
)


class RulePackError(ValueError):
    """A rule pack is unusable: every problem found, each naming its file and key."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a pack: which file, which key, and why."""

    file: str
    key: str
    why: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.why}" if self.key else f"{self.file}: {self.why}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A term length in one unit ("90 days", "6 months")."""

    amount: int
    unit: str

    @property
    def months(self) -> int:
        return self.amount * 12 if self.unit == "years" else self.amount

    @property
    def approx_days(self) -> int:
        """For comparing lengths only (never for dates): a month counts as 30 days."""
        per = {"days": 1, "weeks": 7, "months": 30, "years": 365}[self.unit]
        return self.amount * per


@dataclass(frozen=True, slots=True)
class Power:
    """A statutory power to extend a term (basis string as the IND cites it).

    `uses` letters, each within `maximum`; with `in_total`, any number of letters whose amounts
    together stay within `maximum` (rules.md R1.0e). A general extension instrument (a WBV) is a
    power exercised `under` another one and `contested`: it counts in the IND's reading only.
    """

    basis: str
    unit: str  # "months" or "weeks"
    maximum: int  # 0 when only a total cap applies
    uses: int | None
    rule: str
    requires: str | None = None
    total_months: int | None = None
    in_total: bool = False
    under: str | None = None
    contested: bool = False
    received_from: date | None = None  # applications a general instrument covered (a hint)
    received_until: date | None = None
    title: str = ""

    @property
    def statutory(self) -> str:
        """The power this letter is exercised under: itself, or the one a WBV uses."""
        return self.under or self.basis


@dataclass(frozen=True, slots=True)
class ProcedureRules:
    procedure: Procedure
    base: Quantity
    basis: str
    rule: str
    powers: tuple[Power, ...]
    objection_period: Quantity | None = None
    apr_from: date | None = None
    max_total_months: int | None = None  # base and every extension together (asylum: 21)

    def power(self, basis: str) -> Power | None:
        """The power a letter cites, spelt exactly as the pack spells it (the contract's rule).

        Another case or a stray space is no statutory basis: the result says so, it does not
        guess (the pack's own spelling is what the IND's letters print).
        """
        return next((p for p in self.powers if p.basis == basis), None)

    @property
    def extension_bases(self) -> tuple[str, ...]:
        """The bases an extension letter in this procedure may cite, as the IND cites them."""
        return tuple(p.basis for p in self.powers)


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


@dataclass(frozen=True, slots=True)
class AppointmentRules:
    """What a missed appointment sets in motion (R5): the proof window and the mvv window."""

    proof_window: Quantity  # Vw 30c: to show a missed asylum interview was not one's fault
    mvv_collect: Quantity  # to collect an mvv after the grant notification
    basis: Mapping[str, str]  # per AppointmentKind value, plus "document_collection_mvv"

    def basis_for(self, kind: AppointmentKind, mvv: bool = False) -> str:
        if kind is AppointmentKind.DOCUMENT_COLLECTION and mvv:
            return self.basis["document_collection_mvv"]
        return self.basis[kind.value]


@dataclass(frozen=True, slots=True)
class PauseBasis:
    """A basis the user may give for a pause, with a short bilingual label."""

    basis: str
    label: Text


@dataclass(frozen=True, slots=True)
class PauseRules:
    """R2.5, R2.6: which pause bases are contested, which is force majeure, and the choices."""

    contested: str
    force_majeure: str
    bases: tuple[PauseBasis, ...]


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
        """Atw art. 4: not for terms of more than the pack's days, weeks, months, or in years."""
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
        return self.amount(self.max_days)

    def amount(self, days: int) -> Decimal:
        """R4.5: tiered daily amounts, clamped to the maximum number of days."""
        days = max(0, min(days, self.max_days))
        total = Decimal("0")
        for i, rate in enumerate(self.daily):
            in_tier = max(0, min(days - i * self.days_per_tier, self.days_per_tier))
            total += rate * in_tier
        return total

    def tier_starts(self, first_day: date) -> tuple[tuple[date, date, Decimal], ...]:
        """Each tier's first and last penalty day and daily rate, from the first penalty day."""
        spans = []
        for i, rate in enumerate(self.daily):
            start = i * self.days_per_tier
            if start >= self.max_days:
                break
            last = min(start + self.days_per_tier, self.max_days) - 1
            spans.append(
                (first_day + timedelta(days=start), first_day + timedelta(days=last), rate)
            )
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class Availability:
    """Whether an administrative penalty exists for these procedures, anchored on a day."""

    procedures: frozenset[Procedure]
    applies: bool
    valid_from: date | None
    valid_until: date | None


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a pending change alters for some procedures (a term, or the penalty)."""

    procedures: frozenset[Procedure]
    base: Quantity | None = None
    penalty: bool | None = None


@dataclass(frozen=True, slots=True)
class PendingChange:
    """Legislation not (yet) in force: never assumed; switched on by the user (rules.md §4).

    `effective` is the announced day it takes effect, if known: switched on, it then changes
    only cases whose anchor day (received; a Notice's receipt for the penalty) is on or after it.
    """

    id: str
    title: Text
    status: Text
    changes: tuple[Change, ...]
    effective: date | None = None
    source: str = ""

    @property
    def label(self) -> Text:
        return self.title

    def in_effect(self, day: date | None) -> bool:
        return self.effective is None or (day is not None and day >= self.effective)


@dataclass(frozen=True, slots=True)
class CourtFee:
    """The court fee (griffierecht) a natural person paid for an appeal, as last checked."""

    amount: Decimal
    year: int  # the year the amount is for
    checked: date
    source: str


@dataclass(frozen=True, slots=True)
class LetterRules:
    """What the letters cite beyond the core's steps (pack table `letters`).

    `laws` names each abbreviation a citation uses ("Awb" -> "Algemene wet bestuursrecht"), so
    that running text can say "artikel 4:17, derde lid, van de Algemene wet bestuursrecht".
    """

    laws: Mapping[str, Text]
    appeal: str  # the non-decision appeal: a failure to decide counts as a decision
    appeal_contents: str  # what a notice of appeal must contain
    court_penalty: str  # the penalty the court attaches to its order to decide
    court_fixes_penalty: str  # on request the court fixes the administrative penalty owed
    court: Text  # the competent court for a non-decision appeal in an immigration case
    court_address: tuple[str, ...]
    court_checked: date | None
    court_naturalisation: Text  # naturalisation (RWN): the court of the applicant's district
    court_fee: CourtFee | None = None


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
    pending: Mapping[str, PendingChange]
    ind: Mapping[str, Any]
    remedies: Mapping[Procedure, Remedy]
    appointments: AppointmentRules
    pauses: PauseRules
    citations: Mapping[str, str]
    texts: Mapping[str, Text] = field(default_factory=dict)
    letters: LetterRules | None = None  # optional: packs before letters carried none
    content_hash: str = ""  # SHA-256 of the pack file and its texts file
    origin: str = ""  # "built-in", or the folder or file it was read from

    @property
    def flags(self) -> Mapping[str, PendingChange]:
        """The pending changes by id: the names `--assume` and the settings switch on."""
        return self.pending

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    def tiers_for(self, day: date) -> PenaltyTiers:
        eligible = [t for t in self.tiers if t.valid_from <= day]
        return max(eligible, key=lambda t: t.valid_from) if eligible else self.tiers[0]

    def penalty_applies(self, procedure: Procedure, day: date, flags: frozenset[str]) -> bool:
        """Whether an administrative penalty exists for this procedure on this day (R4, §4)."""
        applies = False
        for rule in self.availability:
            if procedure not in rule.procedures:
                continue
            if rule.valid_from and day < rule.valid_from:
                continue
            if rule.valid_until and day > rule.valid_until:
                continue
            applies = rule.applies
            break
        for change in self._changes(procedure, day, flags):
            if change.penalty is not None:
                applies = change.penalty
        return applies

    def base_term(
        self, procedure: Procedure, received: date | None, flags: frozenset[str]
    ) -> Quantity:
        """The decision term, as a switched-on pending change may set it (anchored on receipt)."""
        base = self.procedures[procedure].base
        for change in self._changes(procedure, received, flags):
            if change.base is not None:
                base = change.base
        return base

    def _changes(
        self, procedure: Procedure, day: date | None, flags: frozenset[str]
    ) -> list[Change]:
        return [
            change
            for name in sorted(flags)
            if (pending := self.pending.get(name)) is not None and pending.in_effect(day)
            for change in pending.changes
            if procedure in change.procedures
        ]

    def remedy(self, procedure: Procedure) -> Remedy:
        """The objection or appeal open against a decision in `procedure`, and its period."""
        return self.remedies[procedure]

    def cite(self, key: str) -> str:
        """The legal basis the pack gives for one kind of step (see CITATIONS)."""
        try:
            return self.citations[key]
        except KeyError:
            raise RulePackError(f"{self.id}: no citation {key!r}") from None

    def text(self, key: str) -> Text:
        try:
            return self.texts[key]
        except KeyError:
            raise RulePackError(f"{self.id}: no text {key!r}") from None


def normalise_basis(basis: str) -> str:
    return " ".join(basis.replace("art.", "").split()).lower()
