"""`termijn cases export` writes nothing the case-file schema does not name, and valid for it."""

from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from desktop.core.schema import (
    CASE_FIELDS,
    EVENTS,
    FAMILY_MEMBER_FIELDS,
    PERSON_FIELDS,
    PROOF_FIELDS,
    REPRESENTATIVE_FIELDS,
    SPONSOR_FIELDS,
    case_file_schema,
)
from desktop.store.demo import demo_cases
from desktop.store.transfer import export_records


def _undeclared(data: dict[str, Any], fields: dict[str, Any], where: str) -> list[str]:
    return [f"{where}.{key}" for key in data if key not in fields]


def test_every_field_the_export_writes_is_in_the_schema(repo):
    cases = list(demo_cases(120, seed=4))
    repo.save_many([cf for cf, _ in cases], [p for _, p in cases])
    exported = export_records(repo)
    validator = Draft202012Validator(case_file_schema(), format_checker=FormatChecker())
    assert not [e.message for e in validator.iter_errors(exported)]
    problems: list[str] = []
    for record in exported:
        problems += _undeclared(record, CASE_FIELDS, "case")
        for person in [record.get("applicant") or {}, *(record.get("co_applicants") or [])]:
            problems += _undeclared(person, PERSON_FIELDS, "person")
        problems += _undeclared(record.get("representative") or {}, REPRESENTATIVE_FIELDS, "rep")
        problems += _undeclared(record.get("sponsor") or {}, SPONSOR_FIELDS, "sponsor")
        for member in record.get("family_members") or []:
            problems += _undeclared(member, FAMILY_MEMBER_FIELDS, "family_member")
        for event in record["events"]:
            fields = {"type": None, **EVENTS[event["type"]][1]}
            problems += _undeclared(event, fields, f"events.{event['type']}")
            problems += _undeclared(event.get("proof") or {}, PROOF_FIELDS, "proof")
    assert not sorted(set(problems)), "add these fields to desktop/core/schema.py"
