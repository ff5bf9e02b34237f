"""Turn a contract case object (parsed JSON) into a `Case`, naming the field of every problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desktop.core.errors import CaseInputError, quote
from desktop.core.limits import EARLIEST, MAX_EVENTS, check_date_range, check_text
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Case,
    Decision,
    Event,
    Extension,
    InfoRequest,
    MvvGranted,
    NoticeEvent,
    Pause,
    PenaltyFixed,
    Procedure,
)

Day = date  # `_Reader.date` shadows the type inside the class
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PROCEDURES = ", ".join(p.value for p in Procedure)
_KINDS = ", ".join(k.value for k in AppointmentKind)
_BASIS = "the legal basis as the IND's letter cites it"


def parse_date(value: object, field: str, earliest: date = EARLIEST) -> date:
    """A strict `YYYY-MM-DD` date within the years the core computes (`limits.py` says why).

    Python alone would also take `20260105`, week dates and Arabic-Indic digits.
    """
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise CaseInputError(None, field, f"not a date: {quote(value)} (use YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CaseInputError(None, field, f"not a date: {quote(value)}") from None
    return check_date_range(day, field, earliest)


class _Reader:
    """Field access on one JSON object that reports the dotted path of what is wrong."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise CaseInputError(None, path or "case", f"expected an object, got {_kind(data)}")
        self.data: Mapping[str, Any] = data
        self.path = path

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def date(self, key: str) -> date:
        if key not in self.data or self.data[key] is None:
            raise CaseInputError(None, self.name(key), "missing (a date YYYY-MM-DD is required)")
        return parse_date(self.data[key], self.name(key))

    def optional_date(self, key: str) -> Day | None:
        value = self.data.get(key)
        return None if value is None else parse_date(value, self.name(key))

    def text(self, key: str, limit: str, missing: str) -> str:
        """Required text; `missing` says what belongs there when it is absent or blank."""
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise CaseInputError(None, self.name(key), f"missing ({missing})")
        if not isinstance(value, str):
            raise CaseInputError(None, self.name(key), f"expected text, got {_kind(value)}")
        return check_text(value, self.name(key), limit)

    def optional_text(self, key: str, limit: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CaseInputError(None, self.name(key), f"expected text or null, got {_kind(value)}")
        return check_text(value, self.name(key), limit)

    def choice(self, key: str, choices: str) -> str:
        """A word from a fixed set (procedure, event type, appointment kind), still unchecked."""
        value = self.data.get(key)
        if value is None:
            raise CaseInputError(None, self.name(key), f"missing (one of {choices})")
        if not isinstance(value, str):
            raise CaseInputError(None, self.name(key), f"expected text, got {_kind(value)}")
        return value

    def count(self, key: str) -> int:
        value = self.data.get(key)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 600:
            raise CaseInputError(
                None, self.name(key), f"expected a whole number 1-600, got {_kind(value)}"
            )
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            raise CaseInputError(None, self.name(key), "missing (true or false)")
        if not isinstance(value, bool):
            raise CaseInputError(
                None, self.name(key), f"expected true or false, got {_kind(value)}"
            )
        return value


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {quote(value)}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    return quote(value)


def _extension(r: _Reader) -> Extension:
    months, weeks = r.count("months"), r.count("weeks")
    if not months and not weeks:
        raise CaseInputError(None, r.name("months"), "missing (give months or weeks)")
    if months and weeks:
        raise CaseInputError(None, r.name("weeks"), "give months or weeks, not both")
    sent = r.date("sent")
    return Extension(sent=sent, basis=r.text("basis", "basis", _BASIS), months=months, weeks=weeks)


def _info_request(r: _Reader) -> InfoRequest:
    sent = r.date("sent")
    deadline, completed = r.optional_date("deadline"), r.optional_date("completed")
    if deadline is not None and deadline < sent:
        raise CaseInputError(None, r.name("deadline"), "before the request was sent")
    if completed is not None and completed < sent:
        raise CaseInputError(None, r.name("completed"), "before the request was sent")
    return InfoRequest(sent=sent, deadline=deadline, completed=completed)


def _pause(r: _Reader) -> Pause:
    start, until = r.date("from"), r.date("until")
    if until < start:
        raise CaseInputError(None, r.name("until"), "before 'from'")
    return Pause(start=start, until=until, basis=r.text("basis", "basis", _BASIS))


def _appointment(r: _Reader) -> Appointment:
    raw_kind = r.choice("kind", _KINDS)
    try:
        kind = AppointmentKind(raw_kind)
    except ValueError:
        raise CaseInputError(
            None,
            r.name("kind"),
            f"unknown appointment kind {quote(raw_kind, 30)} (one of {_KINDS})",
        ) from None
    day = r.date("date")
    rescheduled = r.optional_date("rescheduled_to")
    if rescheduled is not None and rescheduled < day:
        raise CaseInputError(None, r.name("rescheduled_to"), "before the missed appointment")
    return Appointment(
        kind=kind,
        date=day,
        attended=r.flag("attended"),
        rescheduled_to=rescheduled,
        excuse=r.optional_text("excuse", "excuse"),
    )


_EVENT_READERS: dict[str, Callable[[_Reader], Event]] = {
    "extension": _extension,
    "info_request": _info_request,
    "pause": _pause,
    "appointment": _appointment,
    "notice": lambda r: NoticeEvent(received=r.date("received")),
    "decision": lambda r: Decision(sent=r.date("sent")),
    "mvv_granted": lambda r: MvvGranted(notified=r.date("notified")),
    "penalty_fixed": lambda r: PenaltyFixed(sent=r.date("sent")),
}

# The field that dates each event type (for the "before the receipt date" check).
EVENT_DATE_FIELD = {
    "extension": "sent",
    "info_request": "sent",
    "pause": "from",
    "appointment": "date",
    "notice": "received",
    "decision": "sent",
    "mvv_granted": "notified",
    "penalty_fixed": "sent",
}


def event_date(event: Event) -> date:
    match event:
        case Extension(sent=d) | InfoRequest(sent=d) | Decision(sent=d) | PenaltyFixed(sent=d):
            return d
        case Pause(start=d) | Appointment(date=d) | NoticeEvent(received=d):
            return d
        case MvvGranted(notified=d):
            return d
    raise TypeError(event)  # pragma: no cover - the union is exhaustive


def parse_case(data: object, index: int | None = None) -> Case:
    """Validate one case object; raise `CaseInputError` naming the case index and the field."""
    try:
        return _parse(data)
    except CaseInputError as exc:
        raise exc.with_index(index) if index is not None else exc from None


def _parse(data: object) -> Case:
    r = _Reader(data, "")
    raw_procedure = r.choice("procedure", _PROCEDURES)
    try:
        procedure = Procedure(raw_procedure)
    except ValueError:
        raise CaseInputError(
            None,
            "procedure",
            f"unknown procedure {quote(raw_procedure, 30)} (one of {_PROCEDURES})",
        ) from None
    if procedure is Procedure.OBJECTION:
        received = r.optional_date("received")
        anchor_field = "objected_decision_sent"
        objected = r.date(anchor_field)
        anchor = objected
    else:
        received = r.date("received")
        anchor_field, objected, anchor = "received", None, received
    raw_events = r.data.get("events", [])
    if raw_events is None:
        raw_events = []
    if not isinstance(raw_events, list):
        raise CaseInputError(None, "events", f"expected a list, got {_kind(raw_events)}")
    if len(raw_events) > MAX_EVENTS:
        raise CaseInputError(
            None, "events", f"{len(raw_events):,} events, at most {MAX_EVENTS} fit in one case"
        )
    events: list[Event] = []
    for i, raw in enumerate(raw_events):
        path = f"events[{i}]"
        er = _Reader(raw, path)
        known = ", ".join(_EVENT_READERS)
        kind = er.choice("type", known)
        reader = _EVENT_READERS.get(kind)
        if reader is None:
            raise CaseInputError(
                None, f"{path}.type", f"unknown event type {quote(kind, 30)} (one of {known})"
            )
        event = reader(er)
        if event_date(event) < anchor:
            field = f"{path}.{EVENT_DATE_FIELD[str(kind)]}"
            raise CaseInputError(
                None, field, f"before the {anchor_field} date {anchor.isoformat()}"
            )
        events.append(event)
    stated_end = r.optional_date("ind_stated_end")
    if stated_end is not None and stated_end < anchor:
        raise CaseInputError(None, "ind_stated_end", f"before the {anchor_field} date {anchor}")
    return Case(
        procedure=procedure,
        received=received,
        events=tuple(events),
        ind_stated_end=stated_end,
        objected_decision_sent=objected,
    )


def case_to_contract(case: Case) -> dict[str, Any]:
    """The inverse of `parse_case`: a JSON-ready contract object (lossless)."""
    out: dict[str, Any] = {"procedure": case.procedure.value}
    if case.received is not None:
        out["received"] = case.received.isoformat()
    if case.objected_decision_sent is not None:
        out["objected_decision_sent"] = case.objected_decision_sent.isoformat()
    out["ind_stated_end"] = _iso(case.ind_stated_end)
    out["events"] = [event_to_contract(e) for e in case.events]
    return out


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def event_to_contract(event: Event) -> dict[str, Any]:
    match event:
        case Extension():
            unit = {"months": event.months} if event.months else {"weeks": event.weeks}
            return {
                "type": "extension",
                "sent": event.sent.isoformat(),
                **unit,
                "basis": event.basis,
            }
        case InfoRequest():
            return {
                "type": "info_request",
                "sent": event.sent.isoformat(),
                "deadline": _iso(event.deadline),
                "completed": _iso(event.completed),
            }
        case Pause():
            return {
                "type": "pause",
                "from": event.start.isoformat(),
                "until": event.until.isoformat(),
                "basis": event.basis,
            }
        case Appointment():
            return {
                "type": "appointment",
                "kind": event.kind.value,
                "date": event.date.isoformat(),
                "attended": event.attended,
                "rescheduled_to": _iso(event.rescheduled_to),
                "excuse": event.excuse,
            }
        case NoticeEvent():
            return {"type": "notice", "received": event.received.isoformat()}
        case Decision():
            return {"type": "decision", "sent": event.sent.isoformat()}
        case MvvGranted():
            return {"type": "mvv_granted", "notified": event.notified.isoformat()}
        case PenaltyFixed():
            return {"type": "penalty_fixed", "sent": event.sent.isoformat()}
    raise TypeError(event)  # pragma: no cover
