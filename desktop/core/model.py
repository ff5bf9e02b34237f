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


@dataclass(frozen=True, slots=True)
class PenaltyFixed:
    """The day the IND sent its decision fixing the penalty owed (Awb 4:18)."""

    sent: date


Event = (
    Extension
    | InfoRequest
    | Pause
    | Appointment
    | NoticeEvent
    | Decision
    | MvvGranted
    | PenaltyFixed
)


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


class NextCode(StrEnum):
    """The rows of the next-step table (desktop.core.nextstep); the last row that applies wins."""

    WAIT = "wait"
    SEND_NOTICE = "send_notice"
    RESEND_NOTICE = "resend_notice"
    AWAIT_DECISION = "await_decision"
    PENALTY_RUNNING = "penalty_running"
    APPEAL_POSSIBLE = "appeal_possible"
    CLAIM_PENALTY = "claim_penalty"
    DECIDED = "decided"


class NoticeState(StrEnum):
    NONE = "none"  # no Notice recorded
    UNSAFE = "unsafe"  # Notices recorded, none safe on every reading: void or risky
    SAFE = "safe"  # one reached the IND on or after the safe date


@dataclass(frozen=True, slots=True)
class KeyDates:
    """Everything the next step depends on, independent of `today` (the store caches it).

    The Notice rows rest on the first Notice that is safe on every reading, which may be a later
    one than the Notice the contract's penalty figures rest on (the first valid one).
    """

    safe_notice_receipt: date
    notice_state: NoticeState
    notice_received: date | None  # the safe Notice, or else the latest one
    window_last: date | None  # the last day of the IND's two weeks (Atw-rolled)
    certain_from: date | None  # penalty certain and non-decision appeal open from
    penalty_applies: bool  # an administrative penalty exists for the safe Notice
    day_42: date | None  # the last possible penalty day
    claim_due: date | None  # the IND's decision on the amount is due (Awb 4:18)
    penalty_fixed: date | None  # the IND fixed the amount, if recorded
    decided: date | None  # the first decision sent
    remedy_until: date | None  # the last day to object or appeal against it
    provisional: bool  # the term rests on a provisional date (APR, an open request)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Another row of the next-step table that applies on the same day (`NextStep.also`)."""

    code: NextCode
    date: date | None
    text: Text
    rule: str
    provisional: bool


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next, by when, and why: the one answer every screen and letter gives."""

    code: NextCode
    date: date | None
    text: Text
    rule: str
    provisional: bool
    also: tuple[Suggestion, ...] = ()


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
    key_dates: KeyDates
    next_step: NextStep
    warnings: tuple[Warning, ...] = field(default=())
    flags: tuple[str, ...] = ()
