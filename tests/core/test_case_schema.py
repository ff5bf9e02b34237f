"""The case-file JSON Schema, docs/case-format.md, examples/ and the parser agree with each other.

Derived, not listed: the fields, required fields, dates, texts and choices come from the schema;
the examples from the document and the folder; the procedures and event types from the model.
"""

import copy
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from desktop.core import CaseInputError, compute, parse_case_file, result_to_contract
from desktop.core.model import Procedure
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
from desktop.store.transfer import parse_record

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "case-format.md"
SCHEMA_COPY = ROOT / "docs" / "case.schema.json"
EXAMPLES = ROOT / "examples"
DEFAULT_TODAY = date(2026, 11, 25)

SCHEMA = case_file_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
DOC_TEXT = DOC.read_text(encoding="utf-8")


def doc_examples() -> list[tuple[str, Any, str]]:
    """(heading, case object, the text up to the next heading) for every JSON block."""
    found = []
    for section in re.split(r"\n(?=#{2,3} )", DOC_TEXT):
        heading = section.splitlines()[0]
        for body in re.findall(r"```json\n(.*?)```", section, re.S):
            found.append((heading, json.loads(body), section))
    return found


EXAMPLE_CASES = [(h, case) for h, case, _ in doc_examples()]
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def refused_by_schema(data: Any) -> bool:
    return not VALIDATOR.is_valid(data)


def refused_by_parser(data: Any) -> bool:
    try:
        parse_record(data, 0)  # the parser of `cases import`: personal fields and proofs too
    except CaseInputError:
        return True
    return False


def test_termijn_schema_prints_the_schema_and_docs_hold_a_current_copy():
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "schema"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=True,
        timeout=60,
    ).stdout
    assert json.loads(out) == SCHEMA
    assert json.loads(SCHEMA_COPY.read_text(encoding="utf-8")) == SCHEMA, (
        "docs/case.schema.json is out of date: termijn schema > docs/case.schema.json"
    )
    Draft202012Validator.check_schema(SCHEMA)


def test_compute_help_points_to_the_schema_and_the_format():
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "compute", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(out.split())
    assert "termijn schema" in flat
    assert "docs/case-format.md" in flat
    assert "examples/" in flat


@pytest.mark.parametrize(("heading", "case"), EXAMPLE_CASES, ids=[h for h, _ in EXAMPLE_CASES])
def test_every_documented_example_is_valid_for_schema_and_parser(heading, case):
    errors = [e.message for e in VALIDATOR.iter_errors(case)]
    assert not errors, (heading, errors)
    parse_record(case, 0)


def test_the_contracts_input_example_is_valid_for_schema_and_parser():
    contract = (ROOT / "docs" / "deadline-contract.md").read_text(encoding="utf-8")
    case = json.loads(contract.split("## Input: a case")[1].split("```json\n")[1].split("```")[0])
    assert not [e.message for e in VALIDATOR.iter_errors(case)]
    parse_record(case, 0)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_file_is_valid_for_schema_and_parser(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert not list(VALIDATOR.iter_errors(data))
    for index, case in enumerate(data if isinstance(data, list) else [data]):
        parse_record(case, index)


def test_the_documented_files_are_the_files_in_examples():
    linked = re.findall(
        r"^\[examples/([\w-]+\.json)\]\(\.\./examples/[\w-]+\.json\)(?:(?!```).)*?```json\n(.*?)```",
        DOC_TEXT,
        re.S | re.M,
    )
    assert linked
    for name, body in linked:
        assert json.loads((EXAMPLES / name).read_text(encoding="utf-8")) == json.loads(body), name


def test_every_procedure_has_an_example_file_and_every_event_type_an_example():
    assert {p.value for p in Procedure} <= {p.stem for p in EXAMPLE_FILES}
    for path in EXAMPLE_FILES:
        if path.stem in {p.value for p in Procedure}:
            assert json.loads(path.read_text(encoding="utf-8"))["procedure"] == path.stem
    documented = {e["type"] for _, case in EXAMPLE_CASES for e in case.get("events") or []}
    assert documented == set(EVENTS)
    batch = json.loads((EXAMPLES / "events.json").read_text(encoding="utf-8"))
    assert {e["type"] for case in batch for e in case["events"]} == set(EVENTS)
    for name in EVENTS:
        assert f"### `{name}`" in DOC_TEXT, f"docs/case-format.md has no section for {name}"


def _flatten(value: Any, out: dict[str, list[Any]]) -> dict[str, list[Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            out.setdefault(key, []).append(item)
            _flatten(item, out)
    elif isinstance(value, list):
        for item in value:
            _flatten(item, out)
    return out


RESULT_CLAIM = re.compile(r'"(\w+)":\s+("[^"]*"|\d+|true|false|null|\[\])')


@pytest.mark.parametrize(
    ("heading", "case", "section"), doc_examples(), ids=[h for h, _, _ in doc_examples()]
)
def test_the_results_the_document_states_are_what_compute_says(heading, case, section):
    after = section.split("```", 2)[-1]  # the text after the block
    if "Result" not in after:
        pytest.skip("no result stated")
    stated = after.split("Result", 1)[1]
    today_text = re.search(r"--today (\d{4}-\d{2}-\d{2})", stated)
    today = date.fromisoformat(today_text.group(1)) if today_text else DEFAULT_TODAY
    result = result_to_contract(compute(parse_case_file(case).case, today=today))
    flat = _flatten(result, {})
    claims = RESULT_CLAIM.findall(stated)
    assert claims, heading
    for key, raw in claims:
        assert json.loads(raw) in flat.get(key, []), (heading, key, raw, flat.get(key))


# --- invalid variants: derived from the schema, refused by schema and parser alike -----------


def _bad_values(field: dict[str, Any]) -> list[tuple[str, Any]]:
    """Wrong values for a field, from its schema: an impossible date, a number for text, ..."""
    kinds = field.get("type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    out: list[tuple[str, Any]] = []
    if field.get("format") == "date":
        out += [("impossible date", "2026-02-30"), ("not ISO", "05-01-2026")]
        out.append(("out of range", "9999-12-31"))
    elif "string" in kinds:
        out.append(("a number for text", 42))
        if field.get("pattern") == r"\S":
            out.append(("blank text", "  "))
        if "maxLength" in field:
            out.append(("too long", "x" * (field["maxLength"] + 1)))
    if "enum" in field:
        out.append(("not one of the choices", "bogus"))
    if "boolean" in kinds:
        out.append(("text for true/false", "yes"))
    if "integer" in kinds:
        out += [("zero", 0), ("text for a number", "6")]
    return out


def _variants(case: dict[str, Any]):
    """(where, field, what, broken case) for each field present in the example."""
    required_top = set(SCHEMA["$defs"]["case"]["required"])
    required_top.add("objected_decision_sent" if case["procedure"] == "objection" else "received")
    for key, value in case.items():
        if key not in CASE_FIELDS:
            continue
        if key in required_top:
            yield "case", key, "missing", {k: v for k, v in case.items() if k != key}
        for what, bad in _bad_values(CASE_FIELDS[key]):
            yield "case", key, what, {**case, key: bad}
        nested = {
            "applicant": PERSON_FIELDS,
            "representative": REPRESENTATIVE_FIELDS,
            "sponsor": SPONSOR_FIELDS,
        }
        if key in nested and isinstance(value, dict):
            for sub in value:
                for what, bad in _bad_values(nested[key][sub]):
                    yield key, sub, what, {**case, key: {**value, sub: bad}}
        if key == "family_members" and value:
            for sub in value[0]:
                for what, bad in _bad_values(FAMILY_MEMBER_FIELDS[sub]):
                    broken = [{**value[0], sub: bad}, *value[1:]]
                    yield key, sub, what, {**case, key: broken}
    for i, event in enumerate(case.get("events") or []):
        _description, fields, required = EVENTS[event["type"]]
        where = f"events[].{event['type']}"

        def with_event(new_event, i=i):
            broken = copy.deepcopy(case)
            broken["events"][i] = new_event
            return broken

        for key in event:
            if key == "type":
                yield where, key, "unknown type", with_event({**event, "type": "appeal"})
                continue
            if key in required:
                without = {k: v for k, v in event.items() if k != key}
                yield where, key, "missing", with_event(without)
            if key == "proof" and isinstance(event[key], dict):
                for sub in event[key]:
                    for what, bad in _bad_values(PROOF_FIELDS[sub]):
                        yield (
                            where,
                            f"proof.{sub}",
                            what,
                            with_event({**event, "proof": {**event["proof"], sub: bad}}),
                        )
                continue
            for what, bad in _bad_values(fields[key]):
                yield where, key, what, with_event({**event, key: bad})


VARIANTS = [
    pytest.param(broken, where, field, id=f"{heading} | {where}.{field}: {what}")
    for heading, case in EXAMPLE_CASES
    for where, field, what, broken in _variants(case)
]


def test_the_variants_cover_every_event_type_and_case_field_kind():
    ids = " ".join(v.id for v in VARIANTS)
    for name in EVENTS:
        assert f"events[].{name}." in ids
    for what in ("missing", "impossible date", "a number for text", "not one of the choices"):
        assert what in ids


@pytest.mark.parametrize(("broken", "where", "field"), VARIANTS)
def test_an_invalid_variant_is_refused_by_schema_and_parser(broken, where, field):
    assert refused_by_schema(broken), "the schema accepts it"
    assert refused_by_parser(broken), "the parser accepts it"


def test_extension_needs_months_or_weeks_not_both():
    base = {"procedure": "regular", "received": "2026-01-05"}
    ext = {"type": "extension", "sent": "2026-03-01", "basis": "Vw 25(2)"}
    for broken in ({**ext}, {**ext, "months": 6, "weeks": 6}):
        case = {**base, "events": [broken]}
        assert refused_by_schema(case) and refused_by_parser(case)
