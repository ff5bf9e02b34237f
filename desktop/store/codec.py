"""Between domain objects and table rows: columns out of a CaseFile, a CaseFile out of rows."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from desktop.core.casefile import (
    CaseFile,
    Person,
    case_file_to_json,
    representative_of,
    representative_to_json,
)
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Case,
    Decision,
    Event,
    Extension,
    InfoRequest,
    KeyDates,
    MvvGranted,
    NoticeEvent,
    NoticeState,
    Pause,
    PenaltyFixed,
    Procedure,
)
from desktop.core.parse import event_date, event_to_contract
from desktop.core.particulars import Particulars, parse_particulars, particulars_to_json
from desktop.store.records import NoticeProof
from desktop.store.search import fold, search_text

# Column order of case_file for bulk inserts and full reads (all but the generated id).
CASE_COLUMNS = (
    "reference",
    "v_number",
    "ind_reference",
    "procedure",
    "received",
    "objected_decision_sent",
    "ind_stated_end",
    "applicant_name",
    "applicant_birth",
    "applicant_nationality",
    "applicant_address",
    "co_applicants",
    "representative",
    "language",
    "notes",
    "tags",
    "archived",
    "search_text",
    "name_key",
    "particulars",
)
KEY_DATE_COLUMNS = (
    "kd_rules",
    "kd_safe_notice_receipt",
    "kd_notice_received",
    "kd_certain_from",
    "kd_penalty_applies",
    "kd_day_42",
    "kd_decided",
    "kd_notice_state",
    "kd_window_last",
    "kd_claim_due",
    "kd_penalty_fixed",
    "kd_remedy_until",
    "kd_provisional",
)
EVENT_COLUMNS = (
    "type",
    "day",
    "months",
    "weeks",
    "basis",
    "deadline",
    "completed",
    "until",
    "kind",
    "attended",
    "rescheduled_to",
    "excuse",
)
PROOF_COLUMNS = ("posted", "tracking_number", "fax_report", "delivered")


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def day_of(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def stamp(moment: datetime) -> str:
    """The stored form of a UTC moment (the same text SQLAlchemy's DateTime writes)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def moment_of(value: object) -> datetime:
    return datetime.fromisoformat(str(value))


def _person_json(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "date_of_birth": iso(person.date_of_birth),
        "nationality": person.nationality,
        "address": person.address,
    }


def _person(data: Mapping[str, Any]) -> Person:
    return Person(
        name=data.get("name") or "",
        date_of_birth=day_of(data.get("date_of_birth")),
        nationality=data.get("nationality") or "",
        address=data.get("address") or "",
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def case_values(cf: CaseFile) -> dict[str, Any]:
    """The case_file columns of a case file (without id, timestamps and key dates)."""
    case = cf.case
    rep = cf.representative
    extra = cf.particulars
    names = [cf.applicant.name, *(p.name for p in cf.co_applicants)]
    numbers = [cf.v_number, cf.reference, cf.ind_reference]
    # The sponsor and the family members are found by name and V-number too.
    if extra.sponsor is not None:
        names.append(extra.sponsor.name)
        numbers.append(extra.sponsor.v_number)
    names += [m.name for m in extra.family_members]
    numbers += [m.v_number for m in extra.family_members]
    return {
        "reference": cf.reference,
        "v_number": cf.v_number,
        "ind_reference": cf.ind_reference,
        "procedure": case.procedure.value,
        "received": iso(case.received),
        "objected_decision_sent": iso(case.objected_decision_sent),
        "ind_stated_end": iso(case.ind_stated_end),
        "applicant_name": cf.applicant.name,
        "applicant_birth": iso(cf.applicant.date_of_birth),
        "applicant_nationality": cf.applicant.nationality,
        "applicant_address": cf.applicant.address,
        "co_applicants": _dumps([_person_json(p) for p in cf.co_applicants]),
        "representative": None if rep is None else _dumps(representative_to_json(rep)),
        "language": cf.language,
        "notes": cf.notes,
        "tags": _dumps(list(cf.tags)),
        "archived": int(cf.archived),
        "search_text": search_text(names, [n for n in numbers if n]),
        "name_key": fold(cf.applicant.name),
        "particulars": None if extra == Particulars() else _dumps(particulars_to_json(extra)),
    }


def key_date_values(rules: str, key: KeyDates | None) -> dict[str, Any]:
    if key is None:
        return dict.fromkeys(KEY_DATE_COLUMNS) | {"kd_rules": rules, "kd_penalty_applies": 0}
    return {
        "kd_rules": rules,
        "kd_safe_notice_receipt": iso(key.safe_notice_receipt),
        "kd_notice_received": iso(key.notice_received),
        "kd_certain_from": iso(key.certain_from),
        "kd_penalty_applies": int(key.penalty_applies),
        "kd_day_42": iso(key.day_42),
        "kd_decided": iso(key.decided),
        "kd_notice_state": key.notice_state.value,
        "kd_window_last": iso(key.window_last),
        "kd_claim_due": iso(key.claim_due),
        "kd_penalty_fixed": iso(key.penalty_fixed),
        "kd_remedy_until": iso(key.remedy_until),
        "kd_provisional": int(key.provisional),
    }


def key_dates_of(row: Mapping[str, Any]) -> KeyDates | None:
    safe = day_of(row["kd_safe_notice_receipt"])
    if safe is None or row["kd_notice_state"] is None:
        return None
    return KeyDates(
        safe_notice_receipt=safe,
        notice_state=NoticeState(row["kd_notice_state"]),
        notice_received=day_of(row["kd_notice_received"]),
        window_last=day_of(row["kd_window_last"]),
        certain_from=day_of(row["kd_certain_from"]),
        penalty_applies=bool(row["kd_penalty_applies"]),
        day_42=day_of(row["kd_day_42"]),
        claim_due=day_of(row["kd_claim_due"]),
        penalty_fixed=day_of(row["kd_penalty_fixed"]),
        decided=day_of(row["kd_decided"]),
        remedy_until=day_of(row["kd_remedy_until"]),
        provisional=bool(row["kd_provisional"]),
    )


def event_values(event: Event) -> dict[str, Any]:
    """The case_event columns of one event (type, its placing date, its own fields)."""
    values: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
    values["day"] = iso(event_date(event))
    match event:
        case Extension():
            values |= {
                "type": "extension",
                "months": event.months or None,
                "weeks": event.weeks or None,
                "basis": event.basis,
            }
        case InfoRequest():
            values |= {
                "type": "info_request",
                "deadline": iso(event.deadline),
                "completed": iso(event.completed),
            }
        case Pause():
            values |= {"type": "pause", "until": iso(event.until), "basis": event.basis}
        case Appointment():
            values |= {
                "type": "appointment",
                "kind": event.kind.value,
                "attended": int(event.attended),
                "rescheduled_to": iso(event.rescheduled_to),
                "excuse": event.excuse,
            }
        case NoticeEvent():
            values["type"] = "notice"
        case Decision():
            values["type"] = "decision"
        case MvvGranted():
            values["type"] = "mvv_granted"
        case PenaltyFixed():
            values["type"] = "penalty_fixed"
    return values


def event_of(row: Mapping[str, Any]) -> Event:
    kind = row["type"]
    day = date.fromisoformat(row["day"])
    if kind == "extension":
        return Extension(
            sent=day, basis=row["basis"] or "", months=row["months"] or 0, weeks=row["weeks"] or 0
        )
    if kind == "info_request":
        return InfoRequest(
            sent=day, deadline=day_of(row["deadline"]), completed=day_of(row["completed"])
        )
    if kind == "pause":
        until = day_of(row["until"])
        assert until is not None
        return Pause(start=day, until=until, basis=row["basis"] or "")
    if kind == "appointment":
        return Appointment(
            kind=AppointmentKind(row["kind"]),
            date=day,
            attended=bool(row["attended"]),
            rescheduled_to=day_of(row["rescheduled_to"]),
            excuse=row["excuse"],
        )
    if kind == "notice":
        return NoticeEvent(received=day)
    if kind == "decision":
        return Decision(sent=day)
    if kind == "mvv_granted":
        return MvvGranted(notified=day)
    if kind == "penalty_fixed":
        return PenaltyFixed(sent=day)
    raise ValueError(f"unknown stored event type {kind!r}")


def proof_values(proof: NoticeProof | None) -> dict[str, Any]:
    if proof is None:
        return dict.fromkeys(PROOF_COLUMNS)
    return {
        "posted": iso(proof.posted),
        "tracking_number": proof.tracking_number or None,
        "fax_report": proof.fax_report or None,
        "delivered": iso(proof.delivered),
    }


def proof_of(row: Mapping[str, Any]) -> NoticeProof:
    return NoticeProof(
        posted=day_of(row["posted"]),
        tracking_number=row["tracking_number"] or "",
        fax_report=row["fax_report"] or "",
        delivered=day_of(row["delivered"]),
    )


def case_of(row: Mapping[str, Any], events: Sequence[Event]) -> Case:
    """The core's case alone, without the people (what key dates need: no JSON to parse)."""
    return Case(
        procedure=Procedure(row["procedure"]),
        received=day_of(row["received"]),
        events=tuple(events),
        ind_stated_end=day_of(row["ind_stated_end"]),
        objected_decision_sent=day_of(row["objected_decision_sent"]),
    )


def case_file_of(row: Mapping[str, Any], events: Sequence[Event]) -> CaseFile:
    rep = row["representative"]
    return CaseFile(
        case=case_of(row, events),
        applicant=Person(
            name=row["applicant_name"],
            date_of_birth=day_of(row["applicant_birth"]),
            nationality=row["applicant_nationality"],
            address=row["applicant_address"],
        ),
        reference=row["reference"],
        v_number=row["v_number"],
        ind_reference=row["ind_reference"],
        co_applicants=tuple(_person(p) for p in json.loads(row["co_applicants"])),
        representative=None if rep is None else representative_of(json.loads(rep)),
        language=row["language"],
        notes=row["notes"],
        tags=tuple(json.loads(row["tags"])),
        archived=bool(row["archived"]),
        particulars=_particulars(row),
    )


def _particulars(row: Mapping[str, Any]) -> Particulars:
    raw = row["particulars"] if "particulars" in row.keys() else None  # noqa: SIM118 - sqlite3.Row
    return Particulars() if raw is None else parse_particulars(json.loads(raw))


def audit_fields(cf: CaseFile) -> dict[str, str | None]:
    """Every audited field of a case file as text (events are audited one by one)."""
    values = case_values(cf)
    fields: dict[str, str | None] = {
        "reference": cf.reference,
        "v_number": cf.v_number,
        "ind_reference": cf.ind_reference,
        "procedure": cf.case.procedure.value,
        "received": iso(cf.case.received),
        "objected_decision_sent": iso(cf.case.objected_decision_sent),
        "ind_stated_end": iso(cf.case.ind_stated_end),
        "applicant.name": cf.applicant.name,
        "applicant.date_of_birth": iso(cf.applicant.date_of_birth),
        "applicant.nationality": cf.applicant.nationality,
        "applicant.address": cf.applicant.address,
        "co_applicants": values["co_applicants"],
        "representative": values["representative"],
        "language": cf.language,
        "notes": cf.notes,
        "tags": values["tags"],
        "archived": "true" if cf.archived else "false",
        "particulars": values["particulars"],
    }
    return fields


def event_text(event: Event, proof: NoticeProof | None = None) -> str:
    """An event as one line of contract JSON (with its proof), for the audit log and export."""
    data = event_to_contract(event)
    if proof is not None and not proof.empty:
        data["proof"] = proof_json(proof)
    return _dumps(data)


def proof_json(proof: NoticeProof) -> dict[str, Any]:
    return {
        "posted": iso(proof.posted),
        "tracking_number": proof.tracking_number,
        "fax_report": proof.fax_report,
        "delivered": iso(proof.delivered),
    }


def case_json(cf: CaseFile, proofs: Mapping[int, NoticeProof] | None = None) -> dict[str, Any]:
    """The export form: the contract case with personal fields, notices with their proof."""
    data = case_file_to_json(cf)
    for index, proof in (proofs or {}).items():
        if not proof.empty:
            data["events"][index]["proof"] = proof_json(proof)
    return data


def case_text(cf: CaseFile, proofs: Mapping[int, NoticeProof] | None = None) -> str:
    return _dumps(case_json(cf, proofs))
