"""The limits of what a case may hold, and why they are enough: the core computes inside them."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import CaseInputError, compute_contract, load_rule_pack, parse_case_file
from desktop.core.errors import quote
from desktop.core.jsontext import MAX_DEPTH, MAX_INT_DIGITS, JsonTextError, load_json
from desktop.core.limits import EARLIEST, LATEST, MAX_EVENTS, TEXT_LIMITS
from desktop.core.model import Procedure

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PACK = load_rule_pack()
DAYS = st.dates(EARLIEST, LATEST)
# The longest extensions each procedure's powers allow, as the pack spells the basis.
POWERS = {p: PACK.procedures[p].powers for p in Procedure}


@st.composite
def extreme_cases(draw):
    """Cases anywhere in the range, with the longest extensions and pauses the parser takes."""
    procedure = draw(st.sampled_from(list(Procedure)))
    anchor = draw(DAYS)
    case = {"procedure": procedure.value}
    case["objected_decision_sent" if procedure is Procedure.OBJECTION else "received"] = (
        anchor.isoformat()
    )
    later = st.dates(anchor, LATEST).map(date.isoformat)
    events = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["extension", "pause", "info_request", "notice", "decision"]))
        sent = draw(later)
        if kind == "extension":
            power = draw(st.sampled_from(POWERS[procedure]))
            amount = draw(st.sampled_from([1, power.maximum or 600, 600]))
            events.append({"type": kind, "sent": sent, power.unit: amount, "basis": power.basis})
        elif kind == "pause":
            until = draw(st.dates(date.fromisoformat(sent), LATEST)).isoformat()
            events.append({"type": kind, "from": sent, "until": until, "basis": "Awb 4:15(2)(a)"})
        elif kind == "info_request":
            events.append({"type": kind, "sent": sent, "deadline": None, "completed": None})
        elif kind == "notice":
            events.append({"type": kind, "received": sent})
        else:
            events.append({"type": kind, "sent": sent})
    case["events"] = events
    case["ind_stated_end"] = draw(st.none() | later)
    return case


@SETTINGS
@given(case=extreme_cases(), today=DAYS)
def test_every_case_inside_the_date_range_computes(case, today):
    """Why 1990-2100 is safe: no date the core derives leaves what `date` can hold."""
    result = compute_contract(case, today=today, rules=PACK)
    json.dumps(result)


def test_the_worst_corners_of_the_range_compute():
    first, last = EARLIEST.isoformat(), LATEST.isoformat()
    pause = {"type": "pause", "from": first, "until": last, "basis": "Awb 4:15(2)(a)"}
    for procedure in Procedure:
        power = POWERS[procedure][-1]
        anchor = "objected_decision_sent" if procedure is Procedure.OBJECTION else "received"
        ext = {"type": "extension", "sent": last, power.unit: 600, "basis": power.basis}
        for start, events in ((first, [pause, ext]), (last, [ext, {**ext, "sent": last}])):
            case = {
                "procedure": procedure.value,
                anchor: start,
                "events": [*events, {"type": "notice", "received": last}],
                "ind_stated_end": last,
            }
            result = compute_contract(case, today=LATEST, rules=PACK)
            assert date.fromisoformat(result["term"]["safe_notice_receipt"]) > LATEST


DATE_FIELDS = ["received", "ind_stated_end"]


@pytest.mark.parametrize("day", [EARLIEST - timedelta(days=1), LATEST + timedelta(days=1)])
@pytest.mark.parametrize("field", DATE_FIELDS)
def test_a_date_one_day_outside_the_range_is_refused(field, day):
    case = {"procedure": "regular", "received": "2026-01-05", field: day.isoformat()}
    with pytest.raises(CaseInputError, match="outside the dates Termijn can compute with"):
        parse_case_file(case)


@pytest.mark.parametrize(
    ("where", "key"),
    [
        (("notes",), "notes"),
        (("reference",), "reference"),
        (("applicant", "name"), "name"),
        (("applicant", "address"), "address"),
        (("representative", "email"), "email"),
        (("events", 0, "basis"), "basis"),
        (("events", 1, "excuse"), "excuse"),
    ],
)
def test_each_text_is_limited_at_its_own_length(where, key):
    limit = TEXT_LIMITS[key]

    def case(text):
        data = {
            "procedure": "regular",
            "received": "2026-01-05",
            "applicant": {"name": "A"},
            "representative": {"name": "R"},
            "events": [
                {"type": "extension", "sent": "2026-02-01", "months": 6, "basis": "Vw 25(2)"},
                {
                    "type": "appointment",
                    "kind": "biometrics",
                    "date": "2026-02-01",
                    "attended": False,
                    "excuse": None,
                },
            ],
        }
        target = data
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = text
        return data

    parse_case_file(case("é" * limit))
    with pytest.raises(CaseInputError) as caught:
        parse_case_file(case("é" * (limit + 1)))
    assert caught.value.message == f"{limit + 1:,} characters, at most {limit:,} fit: shorten it"


def test_too_many_events_are_refused():
    event = {"type": "decision", "sent": "2026-05-01"}
    case = {"procedure": "regular", "received": "2026-01-05", "events": [event] * MAX_EVENTS}
    parse_case_file(case)
    with pytest.raises(CaseInputError, match=f"at most {MAX_EVENTS} fit"):
        parse_case_file({**case, "events": [event] * (MAX_EVENTS + 1)})


@SETTINGS
@given(
    text=st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
    | st.sampled_from(["A\ud800B", "\udc80", "\x00", "a\x1bb"])
)
def test_any_text_is_either_taken_or_refused_with_a_short_message(text):
    """Never another exception; a refusal quotes at most 80 characters of the value."""
    try:
        parse_case_file({"procedure": "regular", "received": "2026-01-05", "notes": text})
    except CaseInputError as exc:
        assert exc.field == "notes" and len(str(exc)) <= 160
        text.encode("utf-8", "strict") if "surrogate" not in exc.message else None
    else:
        text.encode("utf-8", "strict")  # what is taken can be stored and printed


def test_numbers_too_big_to_print_are_quoted_by_size():
    assert quote(10**5000) == "a number of about 5,001 digits"
    assert quote("x" * 1_000_000) == repr("x" * 80) + "…"
    assert len(quote("\ud800" * 500)) <= 83  # escapes count against the width


def test_wrong_types_are_named_without_repeating_them():
    huge = list(range(100_000))
    with pytest.raises(CaseInputError) as caught:
        parse_case_file({"procedure": "regular", "received": "2026-01-05", "notes": huge})
    assert str(caught.value) == "notes: expected text, got a list of 100,000 items"
    with pytest.raises(CaseInputError, match="procedure: expected text, got the number 7"):
        parse_case_file({"procedure": 7})


# ------------------------------------------------------------------ load_json


def test_depth_up_to_the_limit_is_read_and_one_more_is_not():
    assert load_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) is not None
    with pytest.raises(JsonTextError, match="nested more than 32 levels"):
        load_json(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
    mixed = b'{"a": [' * 16 + b'{"b": 1}' + b"]}" * 16  # 33 levels, alternating
    with pytest.raises(JsonTextError, match="nested more than"):
        load_json(mixed)


@pytest.mark.parametrize(
    "text",
    [b'"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["', b'["\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]'],
)
def test_brackets_inside_strings_do_not_count(text):
    load_json(text)


def test_numbers_up_to_the_limit_are_read_and_longer_ones_are_not():
    assert load_json(b"9" * MAX_INT_DIGITS) == int("9" * MAX_INT_DIGITS)
    assert load_json(b"-" + b"9" * MAX_INT_DIGITS) == -int("9" * MAX_INT_DIGITS)
    with pytest.raises(JsonTextError, match=r"line 1 column 2: a number of 21 digits"):
        load_json(b"[" + b"9" * (MAX_INT_DIGITS + 1) + b"]")


def test_surrogate_pairs_are_text_and_lone_halves_are_not():
    assert load_json(b'{"name": "\\ud83d\\ude00"}') == {"name": "\U0001f600"}
    with pytest.raises(CaseInputError) as caught:
        load_json(b'[{"a": 1}, {"applicant": {"name": "\\ud83d"}}]')
    assert str(caught.value).startswith("case 1: applicant.name: not valid text")


def test_a_repeated_key_is_refused_not_silently_overwritten():
    with pytest.raises(JsonTextError, match=r"the key 'received' appears twice in one object"):
        load_json(b'{"received": "2026-01-05", "procedure": "regular", "received": "2026-05-01"}')
    with pytest.raises(JsonTextError, match="'type' appears twice"):
        load_json(b'[{"events": [{"type": "decision", "type": "notice"}]}]')
    # The same key in different objects is no repetition.
    assert load_json(b'[{"a": 1}, {"a": 2, "b": {"a": 3}}]') == [{"a": 1}, {"a": 2, "b": {"a": 3}}]


def test_truncated_json_says_where():
    with pytest.raises(JsonTextError, match=r"malformed JSON at line 1 column \d+"):
        load_json(b'{"procedure": "regular", "events": [{"type": "decision"')


def test_a_file_is_read_no_further_than_the_limit(tmp_path):
    from desktop.core.jsontext import MAX_INPUT_BYTES, load_json_file

    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: refused by its size, never read
    with pytest.raises(JsonTextError, match=r"too large \(134,217,729 bytes\)"):
        load_json_file(path)
    path.write_text('{"procedure": "regular"}', encoding="utf-8")
    assert load_json_file(path) == {"procedure": "regular"}
