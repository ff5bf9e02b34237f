"""The JSON Schema of a case file, in one place: `termijn schema` prints it, docs and tests use it.

To add a field: add it to CASE_FIELDS (top level), PERSON_FIELDS, REPRESENTATIVE_FIELDS or an
event type's entry in EVENTS (with `required` if the parser insists on it). The tests check that
every worked example in docs/case-format.md validates here and in the parser, that each required
field, date, text and choice is refused by both when it is wrong, and that the export writes no
field this schema does not name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.core.casefile import Relation
from desktop.core.limits import (
    BIRTH_EARLIEST,
    EARLIEST,
    LATEST,
    MAX_CO_APPLICANTS,
    MAX_EVENTS,
    MAX_TAGS,
    TEXT_LIMITS,
)
from desktop.core.model import AppointmentKind, Procedure
from desktop.core.particulars import MAX_FAMILY_MEMBERS, ApplicationKind

SCHEMA_ID = "urn:x-termijn:case-file"  # an identifier only: the schema ships with Termijn
Schema = dict[str, Any]


def _years(first: int, last: int) -> str:
    """A regex alternation of the years first..last (whole centuries and decades as ranges)."""
    parts, year = [], first
    while year <= last:
        if year % 100 == 0 and year + 99 <= last:
            parts.append(f"{year // 100}[0-9][0-9]")
            year += 100
        elif year % 10 == 0 and year + 9 <= last:
            parts.append(f"{year // 10}[0-9]")
            year += 10
        else:
            parts.append(str(year))
            year += 1
    return "|".join(parts)


def _date(description: str, earliest: date = EARLIEST) -> Schema:
    """A date in the range the parser takes (desktop/core/limits.py says why)."""
    years = _years(earliest.year, LATEST.year)
    return {
        "type": "string",
        "format": "date",
        "pattern": f"^({years})-[0-9]{{2}}-[0-9]{{2}}$",
        "description": f"{description} ({earliest.isoformat()} to {LATEST.isoformat()})",
    }


def _nullable(schema: Schema) -> Schema:
    """The same, or null (the parser reads null as "not given")."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    kinds = schema["type"]
    return {**schema, "type": [*(kinds if isinstance(kinds, list) else [kinds]), "null"]}


def _text(description: str, limit: str, *, required: bool = False) -> Schema:
    schema: Schema = {
        "type": "string",
        "maxLength": TEXT_LIMITS[limit],
        "description": description,
    }
    if required:
        schema["pattern"] = r"\S"  # not blank
    return schema


def _short(description: str, limit: str) -> Schema:
    """Text a letter prints on one line: as long as the particulars allow."""
    return {"type": "string", "maxLength": TEXT_LIMITS[limit], "description": description}


def _count(description: str) -> Schema:
    return {"type": "integer", "minimum": 1, "maximum": 600, "description": description}


PERSON_FIELDS: dict[str, Schema] = {
    "name": _nullable(_text("full name as in the passport", "name")),
    "date_of_birth": _nullable(_date("YYYY-MM-DD", BIRTH_EARLIEST)),
    "nationality": _nullable(_text("nationality, as the letters should say it", "nationality")),
    "address": _nullable(_text("postal address; line breaks as \\n", "address")),
}

REPRESENTATIVE_FIELDS: dict[str, Schema] = {
    key: _nullable(_text(description, key))
    for key, description in {
        "name": "who signs the Notice for the applicant",
        "organisation": "law firm or organisation",
        "address": "postal address; line breaks as \\n",
        "phone": "telephone number",
        "email": "e-mail address",
    }.items()
} | {
    "relation": {
        "enum": [r.value for r in Relation] + [None],
        "description": "who the applicant is to a representative who is not a professional: "
        "'wife' when the applicant is the representative's wife (the letter writes 'on behalf "
        "of my wife, ...'); null for a professional",
    }
}

SPONSOR_FIELDS: dict[str, Schema] = {
    "name": _nullable(_short("the referent's full name", "name")),
    "v_number": _nullable(_short("the referent's V-number", "v_number")),
}

FAMILY_MEMBER_FIELDS: dict[str, Schema] = {
    "name": _nullable(_short("full name as in the passport", "name")),
    "date_of_birth": _nullable(_date("YYYY-MM-DD", BIRTH_EARLIEST)),
    "v_number": _nullable(_short("this person's own V-number", "v_number")),
    "relation": _nullable(_short("to the applicant or sponsor: echtgenote, zoon, ...", "relation")),
}

# The proof of receipt a notice event may carry in an export (`termijn cases export`).
PROOF_FIELDS: dict[str, Schema] = {
    "posted": _nullable(_date("the day the Notice was posted or faxed")),
    "delivered": _nullable(_date("the delivery date the tracking or fax report shows")),
    "tracking_number": _nullable(
        _text("registered mail (aangetekend) track-and-trace code", "tracking_number")
    ),
    "fax_report": _nullable(_text("the fax transmission report's reference or text", "fax_report")),
}

# Event type -> (description, fields, required fields).
EVENTS: dict[str, tuple[str, dict[str, Schema], tuple[str, ...]]] = {
    "extension": (
        "A statutory extension letter (verlengingsbesluit): months or weeks, not both.",
        {
            "sent": _date("the day the IND sent the extension letter"),
            "months": _count("the extension in months"),
            "weeks": _count("the extension in weeks (objections)"),
            "basis": _text(
                "the article the letter cites, spelt as the rule pack does (termijn rules show)",
                "basis",
                required=True,
            ),
        },
        ("sent", "basis"),
    ),
    "info_request": (
        "A request to complete the application (aanvulverzoek): suspends the term.",
        {
            "sent": _date("the day the IND sent the request"),
            "deadline": _nullable(_date("the deadline the IND set")),
            "completed": _nullable(_date("the day the applicant supplied what was asked")),
        },
        ("sent",),
    ),
    "pause": (
        "Another suspension the user enters, with its legal basis.",
        {
            "from": _date("the first day of the suspension"),
            "until": _date("the last day of the suspension (on or after from)"),
            "basis": _text(
                "the legal basis, as the rule pack lists the pause bases", "basis", required=True
            ),
        },
        ("from", "until", "basis"),
    ),
    "appointment": (
        "An IND appointment; a missed one may be claimed by the IND as a pause.",
        {
            "kind": {"enum": [k.value for k in AppointmentKind], "description": "what it was"},
            "date": _date("the day of the appointment"),
            "attended": {"type": "boolean", "description": "true if the applicant was there"},
            "rescheduled_to": _nullable(_date("the new appointment, if one was made")),
            "excuse": _nullable(_text("why it was missed, in the applicant's words", "excuse")),
        },
        ("kind", "date", "attended"),
    ),
    "notice": (
        "The Notice of Default (ingebrekestelling): the day the IND received it.",
        {
            "received": _date("the day the IND received the Notice (not the day it was posted)"),
            "proof": _nullable(
                {
                    "type": "object",
                    "properties": PROOF_FIELDS,
                    "description": "how it was sent and delivered",
                }
            ),
        },
        ("received",),
    ),
    "decision": (
        "The IND's decision: the day it was sent.",
        {"sent": _date("the day the IND sent its decision")},
        ("sent",),
    ),
    "penalty_fixed": (
        "The IND's decision fixing the penalty owed (vaststelling): the day it was sent.",
        {"sent": _date("the day the IND sent its decision on the penalty")},
        ("sent",),
    ),
    "mvv_granted": (
        "The mvv grant notification (the collection window opens).",
        {"notified": _date("the day of the grant notification")},
        ("notified",),
    ),
}

CASE_FIELDS: dict[str, Schema] = {
    "procedure": {
        "enum": [p.value for p in Procedure],
        "description": "which decision term runs (see docs/case-format.md)",
    },
    "received": _nullable(
        _date(
            "the day the IND received the application (asylum: lodged; naturalisation: fee "
            "paid); optional for an objection"
        )
    ),
    "objected_decision_sent": _date(
        "objection only: the day the contested decision was sent (the term runs from it)"
    ),
    "ind_stated_end": _nullable(_date("the end of the term as the IND itself states it")),
    "events": _nullable(
        {
            "type": "array",
            "items": {"$ref": "#/$defs/event"},
            "maxItems": MAX_EVENTS,
            "description": "in any order",
        }
    ),
    "reference": _nullable(_text("your own file reference", "reference")),
    "v_number": _nullable(_text("the IND's V-number (vreemdelingennummer)", "v_number")),
    "ind_reference": _nullable(_text("the IND's reference for this application", "ind_reference")),
    "applicant": _nullable({"$ref": "#/$defs/person"}),
    "co_applicants": _nullable(
        {"type": "array", "items": {"$ref": "#/$defs/person"}, "maxItems": MAX_CO_APPLICANTS}
    ),
    "representative": _nullable({"type": "object", "properties": REPRESENTATIVE_FIELDS}),
    "language": _nullable({"enum": ["nl", "en"], "description": "language of the letters"}),
    "notes": _nullable(_text("free notes", "notes")),
    "tags": _nullable(
        {
            "type": "array",
            "items": {"type": "string", "maxLength": TEXT_LIMITS["tag"]},
            "maxItems": MAX_TAGS,
        }
    ),
    "archived": {"type": "boolean", "description": "hidden from the active list"},
    # The particulars letters print (desktop/core/particulars.py).
    "sponsor": _nullable(
        {
            "type": "object",
            "properties": SPONSOR_FIELDS,
            "description": "the referent of a nareis or family case",
        }
    ),
    "family_members": _nullable(
        {
            "type": "array",
            "items": {"type": "object", "properties": FAMILY_MEMBER_FIELDS},
            "maxItems": MAX_FAMILY_MEMBERS,
            "description": "each person a nareis or family application is for",
        }
    ),
    "purpose": _nullable(_short("the purpose of stay applied for", "purpose")),
    "application_kind": {
        "enum": [k.value for k in ApplicationKind] + [None],
        "description": "a regular application: first, extension or change of purpose",
    },
    "objected_decision_reference": _nullable(
        _short("objection only: the IND's reference of the contested decision", "reference")
    ),
    "objection_lodged": _nullable(_date("objection only: the day the objection was sent")),
    "send_by_fax": _nullable(
        {"type": "boolean", "description": "the Notice also goes by fax to the IND"}
    ),
}


def _event_schema() -> Schema:
    branches = [
        {
            "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
            "then": {"$ref": f"#/$defs/events/{name}"},
        }
        for name in EVENTS
    ]
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(EVENTS)}},
        "allOf": branches,
    }


def _event_definition(name: str) -> Schema:
    description, fields, required = EVENTS[name]
    schema: Schema = {
        "type": "object",
        "description": description,
        "properties": {"type": {"const": name}, **fields},
        "required": ["type", *required],
    }
    if name == "extension":
        schema["oneOf"] = [{"required": ["months"]}, {"required": ["weeks"]}]
    return schema


def case_file_schema() -> Schema:
    """The JSON Schema (draft 2020-12) of a case file: one case object or an array of them."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Termijn case file",
        "description": "One case, or an array of cases (a batch, an export). See "
        "docs/case-format.md. Keys the schema does not name are ignored.",
        "anyOf": [
            {"$ref": "#/$defs/case"},
            {"type": "array", "items": {"$ref": "#/$defs/case"}},
        ],
        "$defs": {
            "case": {
                "type": "object",
                "properties": CASE_FIELDS,
                "required": ["procedure"],
                # An objection runs from the contested decision; every other term from receipt.
                "if": {"properties": {"procedure": {"const": "objection"}}},
                "then": {"required": ["objected_decision_sent"]},
                "else": {"required": ["received"], "properties": {"received": {"type": "string"}}},
            },
            "person": {"type": "object", "properties": PERSON_FIELDS},
            "event": _event_schema(),
            "events": {name: _event_definition(name) for name in EVENTS},
        },
    }
