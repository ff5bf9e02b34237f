"""Between domain objects and table rows: columns out of a CaseFile, a CaseFile out of rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from desktop.core.casefile import (
    CaseFile,
    Person,
    Representative,
    case_file_to_json,
    representative_of,
    representative_to_json,
)
from desktop.core.errors import CaseInputError
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
from desktop.store import damage
from desktop.store.damage import BadValueError
from desktop.store.records import NoticeProof, StoredCase
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


# Reading a row back: every value is checked to be what Termijn writes, and one that is not
# raises BadValueError naming its column (see damage.py). sqlite3.Row and dicts both work.


def date_in(row: Mapping[str, Any], column: str, *, required: bool = False) -> date | None:
    value = row[column]
    if value is None and not required:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise BadValueError(column, value, damage.A_DATE)


def moment_in(row: Mapping[str, Any], column: str) -> datetime:
    value = row[column]
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise BadValueError(column, value, damage.A_MOMENT)


def text_in(row: Mapping[str, Any], column: str) -> str:
    """A text column (NULL reads as empty: an older row may lack the value)."""
    value = row[column]
    if value is None or isinstance(value, str):
        return value or ""
    raise BadValueError(column, value, damage.TEXT)


def _optional_text(row: Mapping[str, Any], column: str) -> str | None:
    value = row[column]
    if value is None or isinstance(value, str):
        return value
    raise BadValueError(column, value, damage.TEXT)


def _count_in(row: Mapping[str, Any], column: str) -> int:
    value = row[column]
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10_000:
        return value
    raise BadValueError(column, value, damage.A_NUMBER)


def procedure_in(row: Mapping[str, Any]) -> Procedure:
    value = row["procedure"]
    try:
        return Procedure(value)
    except ValueError:
        raise BadValueError("procedure", value, damage.A_PROCEDURE) from None


def _json_in(row: Mapping[str, Any], column: str, kind: type) -> Any:
    """A JSON column holding a list or an object (`kind`)."""
    value = row[column]
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, kind):
        raise BadValueError(column, value, damage.A_LIST if kind is list else damage.AN_OBJECT)
    return data


def _person_json(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "date_of_birth": iso(person.date_of_birth),
        "nationality": person.nationality,
        "address": person.address,
    }


def _person(data: object, where: str) -> Person:
    if not isinstance(data, Mapping):
        raise BadValueError(where, data, damage.AN_OBJECT)
    return Person(
        name=text_in(data, "name"),
        date_of_birth=date_in(data, "date_of_birth"),
        nationality=text_in(data, "nationality"),
        address=text_in(data, "address"),
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
    """The cached key dates; None when none are cached or they are unreadable (a mere cache)."""
    try:
        return _key_dates(row)
    except (TypeError, ValueError):
        return None


def _cached_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)  # TypeError for a non-text


def _key_dates(row: Mapping[str, Any]) -> KeyDates | None:
    # Read for every row of every page of the list: kept to plain calls (a wrong value raises
    # TypeError or ValueError, and the cache is then taken as empty).
    day = _cached_day
    safe = day(row["kd_safe_notice_receipt"])
    if safe is None or row["kd_notice_state"] is None:
        return None
    return KeyDates(
        safe_notice_receipt=safe,
        notice_state=NoticeState(row["kd_notice_state"]),
        notice_received=day(row["kd_notice_received"]),
        window_last=day(row["kd_window_last"]),
        certain_from=day(row["kd_certain_from"]),
        penalty_applies=bool(row["kd_penalty_applies"]),
        day_42=day(row["kd_day_42"]),
        claim_due=day(row["kd_claim_due"]),
        penalty_fixed=day(row["kd_penalty_fixed"]),
        decided=day(row["kd_decided"]),
        remedy_until=day(row["kd_remedy_until"]),
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
    """The event of a case_event row; BadValueError ("event ID: column") for a foreign value."""
    try:
        return _event(row)
    except BadValueError as exc:
        raise exc.within(f"event {row['id']}") from None


def _event(row: Mapping[str, Any]) -> Event:
    kind = row["type"]
    day = date_in(row, "day", required=True)
    assert day is not None
    if kind == "extension":
        return Extension(
            sent=day,
            basis=text_in(row, "basis"),
            months=_count_in(row, "months"),
            weeks=_count_in(row, "weeks"),
        )
    if kind == "info_request":
        return InfoRequest(
            sent=day, deadline=date_in(row, "deadline"), completed=date_in(row, "completed")
        )
    if kind == "pause":
        until = date_in(row, "until", required=True)
        assert until is not None
        return Pause(start=day, until=until, basis=text_in(row, "basis"))
    if kind == "appointment":
        try:
            appointment = AppointmentKind(row["kind"])
        except ValueError:
            raise BadValueError("kind", row["kind"], damage.AN_APPOINTMENT_KIND) from None
        return Appointment(
            kind=appointment,
            date=day,
            attended=bool(row["attended"]),
            rescheduled_to=date_in(row, "rescheduled_to"),
            excuse=_optional_text(row, "excuse"),
        )
    if kind == "notice":
        return NoticeEvent(received=day)
    if kind == "decision":
        return Decision(sent=day)
    if kind == "mvv_granted":
        return MvvGranted(notified=day)
    if kind == "penalty_fixed":
        return PenaltyFixed(sent=day)
    raise BadValueError("type", kind, damage.AN_EVENT_TYPE)


def events_by_case(
    ids: Iterable[int], event_rows: Iterable[Mapping[str, Any]]
) -> tuple[dict[int, list[Event]], dict[int, BadValueError]]:
    """The events of many cases (rows in order), and the first unreadable value of each case."""
    events: dict[int, list[Event]] = {case_id: [] for case_id in ids}
    bad: dict[int, BadValueError] = {}
    for row in event_rows:
        case_id = row["case_id"]
        try:
            events[case_id].append(event_of(row))
        except BadValueError as exc:
            bad.setdefault(case_id, exc)
    return events, bad


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
    try:
        return NoticeProof(
            posted=date_in(row, "posted"),
            tracking_number=text_in(row, "tracking_number"),
            fax_report=text_in(row, "fax_report"),
            delivered=date_in(row, "delivered"),
        )
    except BadValueError as exc:
        raise exc.within(f"event {row['id']}") from None


def case_of(row: Mapping[str, Any], events: Sequence[Event]) -> Case:
    """The core's case alone, without the people (what key dates need: no JSON to parse)."""
    return Case(
        procedure=procedure_in(row),
        received=date_in(row, "received"),
        events=tuple(events),
        ind_stated_end=date_in(row, "ind_stated_end"),
        objected_decision_sent=date_in(row, "objected_decision_sent"),
    )


def case_file_of(row: Mapping[str, Any], events: Sequence[Event]) -> CaseFile:
    """The case file of a case_file row and its events; BadValueError names an unreadable column."""
    rep = row["representative"]
    tags = _json_in(row, "tags", list)
    if not all(isinstance(tag, str) for tag in tags):
        raise BadValueError("tags", row["tags"], damage.A_LIST)
    return CaseFile(
        case=case_of(row, events),
        applicant=Person(
            name=text_in(row, "applicant_name"),
            date_of_birth=date_in(row, "applicant_birth"),
            nationality=text_in(row, "applicant_nationality"),
            address=text_in(row, "applicant_address"),
        ),
        reference=text_in(row, "reference"),
        v_number=text_in(row, "v_number"),
        ind_reference=text_in(row, "ind_reference"),
        co_applicants=tuple(
            _person(p, f"co_applicants[{i}]")
            for i, p in enumerate(_json_in(row, "co_applicants", list))
        ),
        representative=None if rep is None else _representative(row),
        language=text_in(row, "language"),
        notes=text_in(row, "notes"),
        tags=tuple(tags),
        archived=bool(row["archived"]),
        particulars=_particulars(row),
    )


def stored_case(
    case_id: int, row: Mapping[str, Any], event_rows: Sequence[Mapping[str, Any]]
) -> StoredCase:
    """A case as stored, every value checked; BadValueError names one Termijn cannot read."""
    events = [event_of(r) for r in event_rows]
    proofs = {r["id"]: proof_of(r) for r in event_rows if r["type"] == "notice"}
    return StoredCase(
        id=case_id,
        case_file=case_file_of(row, events),
        event_ids=tuple(r["id"] for r in event_rows),
        notice_proofs={i: proof for i, proof in proofs.items() if not proof.empty},
        key_dates=key_dates_of(row),
        rules=text_in(row, "kd_rules"),
        created=moment_in(row, "created"),
        updated=moment_in(row, "updated"),
        deleted=bool(row["deleted"]),
    )


def _representative(row: Mapping[str, Any]) -> Representative:
    data = _json_in(row, "representative", dict)
    try:
        return representative_of(data)
    except (TypeError, ValueError):  # a relation Termijn does not know, a wrong type
        raise BadValueError("representative", row["representative"], damage.AN_OBJECT) from None


def _particulars(row: Mapping[str, Any]) -> Particulars:
    if "particulars" not in row.keys() or row["particulars"] is None:  # noqa: SIM118 - sqlite3.Row
        return Particulars()
    try:
        return parse_particulars(_json_in(row, "particulars", dict))
    except CaseInputError:
        raise BadValueError("particulars", row["particulars"], damage.AN_OBJECT) from None


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
