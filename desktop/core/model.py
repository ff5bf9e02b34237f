"""Immutable cases, events and results of the deadline core (the shapes of deadline-contract.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E")
Day = date  # for annotations inside classes that have a field called `date`


class Procedure(StrEnum):
    REGULAR = "regular"
    MVV = "mvv"
    NAREIS = "nareis"
    ASYLUM = "asylum"
    NATURALISATION = "naturalisation"
    OBJECTION = "objection"


class AppointmentKind(StrEnum):
    BIOMETRICS = "biometrics"
    ASYLUM_INTERVIEW = "asylum_interview"
    VERIFICATION_INTERVIEW = "verification_interview"
    DOCUMENT_COLLECTION = "document_collection"


@dataclass(frozen=True, slots=True)
class Extension:
    """A statutory extension letter (verlengingsbesluit) and the day it was sent."""

    sent: date
    basis: str
    months: int = 0
    weeks: int = 0


@dataclass(frozen=True, slots=True)
class InfoRequest:
    """An Awb 4:5 request to complete the application (suspends under Awb 4:15(1)(a))."""

    sent: date
    deadline: date | None
    completed: date | None


@dataclass(frozen=True, slots=True)
class Pause:
    """Another suspension entered by the user; `start` is the day it was announced or agreed."""

    start: date
    until: date
    basis: str


@dataclass(frozen=True, slots=True)
class Appointment:
    kind: AppointmentKind
    date: date
    attended: bool
    rescheduled_to: Day | None = None
    excuse: str | None = None


@dataclass(frozen=True, slots=True)
class NoticeEvent:
    """The day the IND *received* the Notice of Default (ingebrekestelling)."""

    received: date


@dataclass(frozen=True, slots=True)
class Decision:
    sent: date


@dataclass(frozen=True, slots=True)
class MvvGranted:
    notified: date


Event = Extension | InfoRequest | Pause | Appointment | NoticeEvent | Decision | MvvGranted


@dataclass(frozen=True, slots=True)
class Case:
    """One application as the core sees it: no personal data, only what moves the dates."""

    procedure: Procedure
    received: date | None
    events: tuple[Event, ...] = ()
    ind_stated_end: date | None = None
    objected_decision_sent: date | None = None

    def of_type(self, kind: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, kind)]


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Text:
    """One message in both languages."""

    en: str
    nl: str

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True, slots=True)
class Step:
    """A dated line of "why this date?", with its legal basis."""

    date: date | None
    text: Text
    basis: str
    rule: str
    kind: str = ""  # a stable tag the GUI timeline keys on (e.g. "base_end", "rolled_end")


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    text: Text
    rule: str = ""


@dataclass(frozen=True, slots=True)
class ExtensionResult:
    sent: date
    basis: str
    months: int
    weeks: int
    valid: bool
    reason: Text | None
    contested: bool = False  # a general (WBV) extension: counts in the IND's reading only (R1.4f)


@dataclass(frozen=True, slots=True)
class Suspension:
    """A paused period as counted: days after `trigger` up to and including `last`."""

    trigger: date
    last: date
    source: str  # "info_request", "pause" or "appointment"
    contested: bool
    provisional: bool
    counted: bool  # False when it came after the term had expired
    basis: str


@dataclass(frozen=True, slots=True)
class TermResult:
    base_end: date
    statutory_end: date
    rolled_end: date
    ind_view_end: date
    safe_notice_receipt: date
    atw_applies: bool
    paused_days: int
    contested_days: int
    extensions: tuple[ExtensionResult, ...]
    suspensions: tuple[Suspension, ...]
    start: date  # T0: the day before day 1 of the term
    canonical_end: date
    chronological_end: date
    provisional: bool


@dataclass(frozen=True, slots=True)
class NoticeResult:
    received: date
    valid: bool
    reason: Text


@dataclass(frozen=True, slots=True)
class PenaltyResult:
    applies: bool
    first_day: date | None
    certain_from: date | None
    last_day: date | None
    days: int
    amount: Decimal
    max_amount: Decimal
    fix_decision_due: date | None
    days_exclusive: int = 0
    amount_exclusive: Decimal = Decimal("0")
    day_42: date | None = None


@dataclass(frozen=True, slots=True)
class AppointmentResult:
    date: date
    kind: AppointmentKind
    attended: bool
    proof_due: Day | None
    basis: str
    text: Text
    evidence: Text


@dataclass(frozen=True, slots=True)
class Result:
    rules: str
    procedure: Procedure
    today: date
    term: TermResult
    notice: NoticeResult | None
    penalty: PenaltyResult
    appeal_from: date | None
    appointments: tuple[AppointmentResult, ...]
    mvv_collect_until: date | None
    decision: date | None
    steps: tuple[Step, ...]
    warnings: tuple[Warning, ...] = field(default=())
    flags: tuple[str, ...] = ()
