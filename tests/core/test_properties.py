"""Property tests (hypothesis) of the deadline core over random cases, dates and flags."""

import calendar as pycalendar
import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import compute_contract, load_rule_pack
from desktop.core.calendar import add_months, holidays

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PROCEDURES = ("regular", "mvv", "nareis", "asylum", "naturalisation", "objection")
# deadline-contract.md, "Extension basis strings the core must recognise", with the unit.
BASES = {
    "regular": [("Vw 25(2)", "months")],
    "mvv": [("Vw 2u", "months")],
    "nareis": [("Vw 2u", "months")],
    "asylum": [("Vw 42(4)", "months"), ("Vw 42(5)", "months"), ("Vw 43", "months")],
    "naturalisation": [("RWN 9(4)", "months")],
    "objection": [("Awb 7:10(3)", "weeks"), ("Vw 76(2)", "weeks")],
}
ALL_BASES = sorted({b for pairs in BASES.values() for b in pairs})
KINDS = ("biometrics", "asylum_interview", "verification_interview", "document_collection")
FLAGS = st.frozensets(st.sampled_from(["bill_35749", "bill_36349"]))

ATW = load_rule_pack().atw


def iso(day):
    return day.isoformat()


def d(text):
    return date.fromisoformat(text)


@st.composite
def events_after(draw, anchor, procedure, kinds=None):
    """One event of a random type dated on or after `anchor`."""
    kind = draw(
        st.sampled_from(
            kinds
            or (
                "extension",
                "info_request",
                "pause",
                "appointment",
                "notice",
                "decision",
                "mvv_granted",
            )
        )
    )
    # Mostly early (inside the term, where events act), sometimes long after it.
    day = anchor + timedelta(days=draw(st.integers(0, 120) | st.integers(0, 500)))
    later = st.integers(0, 60).map(lambda n: iso(day + timedelta(days=n)))
    if kind == "extension":
        own = draw(st.booleans())
        basis, unit = draw(st.sampled_from(BASES[procedure] if own else ALL_BASES))
        if unit == "weeks" and procedure != "objection":
            unit = "months"
        if unit == "months" and procedure == "objection":
            unit = "weeks"
        amount = draw(st.integers(1, 3) | st.integers(1, 15))
        return {"type": "extension", "sent": iso(day), unit: amount, "basis": basis}
    if kind == "info_request":
        return {
            "type": "info_request",
            "sent": iso(day),
            "deadline": draw(st.none() | later),
            "completed": draw(st.none() | later),
        }
    if kind == "pause":
        return {
            "type": "pause",
            "from": iso(day),
            "until": draw(later),
            "basis": draw(st.sampled_from(["Awb 4:15(2)(a)", "Awb 4:15(1)(b)", "Awb 4:15(2)(c)"])),
        }
    if kind == "appointment":
        return {
            "type": "appointment",
            "kind": draw(st.sampled_from(KINDS)),
            "date": iso(day),
            "attended": draw(st.booleans()),
            "rescheduled_to": draw(st.none() | later),
            "excuse": draw(st.none() | st.just("hospital admission")),
        }
    if kind == "notice":
        return {"type": "notice", "received": iso(day)}
    if kind == "decision":
        return {"type": "decision", "sent": iso(day)}
    return {"type": "mvv_granted", "notified": iso(day)}


@st.composite
def cases(draw, procedures=PROCEDURES, kinds=None, max_events=5):
    procedure = draw(st.sampled_from(procedures))
    anchor = draw(st.dates(date(2023, 1, 1), date(2027, 6, 30)))
    case = {"procedure": procedure}
    if procedure == "objection":
        case["objected_decision_sent"] = iso(anchor)
    else:
        case["received"] = iso(anchor)
    stated = draw(st.none() | st.integers(30, 800))
    case["ind_stated_end"] = None if stated is None else iso(anchor + timedelta(days=stated))
    case["events"] = draw(
        st.lists(events_after(anchor, procedure, kinds), min_size=0, max_size=max_events)
    )
    return case


def anchor_of(case):
    return d(case.get("received") or case["objected_decision_sent"])


todays = st.dates(date(2023, 1, 1), date(2031, 12, 31))


def tier_amount(days):
    # rules.md R4.5: 23 x min(k, 14) + 35 x clamp(k - 14, 0, 14) + 45 x clamp(k - 28, 0, 14).
    k = max(0, min(days, 42))
    return Decimal(23 * min(k, 14) + 35 * max(0, min(k - 14, 14)) + 45 * max(0, min(k - 28, 14)))


def is_holiday(day):
    return day in holidays(ATW, day.year)


# ------------------------------------------------------------------ term


@SETTINGS
@given(case=cases(), today=todays, flags=FLAGS)
def test_rolled_end_is_a_working_day_not_before_statutory_end(case, today, flags):
    term = compute_contract(case, today=today, flags=flags)["term"]
    rolled, statutory = d(term["rolled_end"]), d(term["statutory_end"])
    assert rolled.weekday() < 5
    assert not is_holiday(rolled)
    assert rolled >= statutory
    assert d(term["ind_view_end"]).weekday() < 5
    assert not is_holiday(d(term["ind_view_end"]))
    assert d(term["ind_view_end"]) >= rolled
    assert statutory > anchor_of(case)
    assert term["paused_days"] >= 0
    assert term["contested_days"] >= 0
    if term["atw_applies"]:
        assert statutory == rolled


@SETTINGS
@given(case=cases(), today=todays, flags=FLAGS)
def test_safe_notice_receipt_after_every_end(case, today, flags):
    term = compute_contract(case, today=today, flags=flags)["term"]
    safe = d(term["safe_notice_receipt"])
    ends = [term["rolled_end"], term["ind_view_end"], term["statutory_end"]]
    if case["ind_stated_end"] is not None:
        ends.append(case["ind_stated_end"])
    for end in ends:
        assert safe > d(end), end
    # ... and exactly the day after the latest of them (R3.8).
    assert safe == max(d(e) for e in ends) + timedelta(days=1)


@SETTINGS
@given(data=st.data(), flags=FLAGS)
def test_adding_a_pause_never_moves_the_end_earlier(data, flags):
    case = data.draw(cases())
    pause = data.draw(events_after(anchor_of(case), case["procedure"], ("pause",)))
    today = date(2031, 12, 31)
    before = compute_contract(case, today=today, flags=flags)["term"]
    after = compute_contract(
        {**case, "events": [*case["events"], pause]}, today=today, flags=flags
    )["term"]
    for key in ("statutory_end", "rolled_end", "ind_view_end", "safe_notice_receipt"):
        assert after[key] >= before[key], (key, pause)
    assert after["paused_days"] >= before["paused_days"]


@SETTINGS
@given(data=st.data(), flags=FLAGS)
def test_adding_an_info_request_never_moves_the_end_earlier(data, flags):
    case = data.draw(cases())
    request = data.draw(events_after(anchor_of(case), case["procedure"], ("info_request",)))
    today = date(2031, 12, 31)
    before = compute_contract(case, today=today, flags=flags)["term"]
    after = compute_contract(
        {**case, "events": [*case["events"], request]}, today=today, flags=flags
    )["term"]
    for key in ("statutory_end", "rolled_end", "safe_notice_receipt"):
        assert after[key] >= before[key], (key, request)


NO_EXTENSIONS = ("info_request", "pause", "appointment", "notice", "decision", "mvv_granted")


@SETTINGS
@given(data=st.data(), flags=FLAGS)
def test_adding_a_valid_extension_never_moves_the_end_earlier(data, flags):
    # Base cases hold no extension, so the new one cannot change another extension's validity.
    case = data.draw(cases(kinds=NO_EXTENSIONS))
    extension = data.draw(events_after(anchor_of(case), case["procedure"], ("extension",)))
    today = date(2031, 12, 31)
    before = compute_contract(case, today=today, flags=flags)["term"]
    after_result = compute_contract(
        {**case, "events": [*case["events"], extension]}, today=today, flags=flags
    )
    after = after_result["term"]
    assert len(after["extensions"]) == 1
    entry = after["extensions"][0]
    assert entry["sent"] == extension["sent"]
    if entry["valid"]:
        for key in ("statutory_end", "rolled_end", "ind_view_end", "safe_notice_receipt"):
            assert after[key] >= before[key], (key, extension)
        assert after["rolled_end"] > before["rolled_end"] or extension["basis"] == "Vw 43"
    else:
        assert entry["reason_en"].strip() and entry["reason_nl"].strip()
        for key in ("statutory_end", "rolled_end"):
            assert after[key] == before[key], (key, extension)


@SETTINGS
@given(data=st.data())
def test_extension_sent_after_rolled_end_is_invalid(data):
    # R1.0c / R2.11: nothing acts on an expired term.
    case = data.draw(cases(kinds=("notice", "decision", "mvv_granted")))
    today = date(2031, 12, 31)
    rolled = d(compute_contract(case, today=today)["term"]["rolled_end"])
    basis, unit = data.draw(st.sampled_from(BASES[case["procedure"]]))
    late = rolled + timedelta(days=data.draw(st.integers(1, 200)))
    extension = {"type": "extension", "sent": iso(late), unit: 1, "basis": basis}
    result = compute_contract({**case, "events": [*case["events"], extension]}, today=today)
    assert result["term"]["extensions"][0]["valid"] is False
    assert d(result["term"]["rolled_end"]) == rolled


# ------------------------------------------------------------------ month arithmetic


@SETTINGS
@given(start=st.dates(date(1990, 1, 1), date(2090, 12, 31)), months=st.integers(0, 120))
def test_add_months_clamps_to_month_end(start, months):
    # R3.2: same day number n months later, or that month's last day.
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = pycalendar.monthrange(year, month)[1]
    assert add_months(start, months) == date(year, month, min(start.day, last))


@SETTINGS
@given(year=st.integers(1990, 2090))
def test_add_months_31_january_plus_one(year):
    leap = pycalendar.isleap(year)
    assert add_months(date(year, 1, 31), 1) == date(year, 2, 29 if leap else 28)


# ------------------------------------------------------------------ penalty


@SETTINGS
@given(
    case=cases(procedures=("regular", "mvv", "nareis", "naturalisation", "objection")),
    first=todays,
    gap=st.integers(0, 400),
    flags=FLAGS,
)
def test_penalty_never_decreases_as_today_grows_and_respects_cap(case, first, gap, flags):
    second = first + timedelta(days=gap)
    early = compute_contract(case, today=first, flags=flags)["penalty"]
    late = compute_contract(case, today=second, flags=flags)["penalty"]
    for penalty in (early, late):
        assert 0 <= penalty["days"] <= 42
        if penalty["applies"]:
            assert isinstance(penalty["amount_eur"], str)
        amount = Decimal(penalty["amount_eur"] or "0")
        assert Decimal("0") <= amount <= Decimal("1442.00")
        if penalty["applies"]:
            # R4.5 / computation summary: max_eur = "1442.00" (not pinned where no penalty exists)
            assert penalty["max_eur"] == "1442.00"
        assert amount == tier_amount(penalty["days"])
        if penalty["days"] == 0 or not penalty["applies"]:
            assert amount == 0
    assert late["days"] >= early["days"]
    assert Decimal(late["amount_eur"]) >= Decimal(early["amount_eur"])


@SETTINGS
@given(case=cases(), today=todays, flags=FLAGS)
def test_penalty_dates_follow_notice_receipt(case, today, flags):
    result = compute_contract(case, today=today, flags=flags)
    penalty = result["penalty"]
    if penalty["applies"]:
        received = d(result["notice"]["received"])
        assert result["notice"]["valid"] is True
        # R4.4: first day = receipt + 15; certain_from >= first day; appeal_from = certain_from.
        assert d(penalty["first_day"]) == received + timedelta(days=15)
        assert d(penalty["certain_from"]) >= d(penalty["first_day"])
        assert result["appeal_from"] == penalty["certain_from"]
        if penalty["last_day"] is not None:
            last = d(penalty["last_day"])
            # R4.5: day 42 = first_day + 41, never later.
            assert d(penalty["first_day"]) <= last <= d(penalty["first_day"]) + timedelta(41)
            assert d(penalty["fix_decision_due"]) == last + timedelta(days=14)
        else:
            assert penalty["fix_decision_due"] is None
    else:
        assert penalty["days"] == 0
        assert Decimal(penalty["amount_eur"] or "0") == 0


@SETTINGS
@given(case=cases(procedures=("asylum",)), today=todays, flags=FLAGS)
def test_asylum_never_has_an_administrative_penalty(case, today, flags):
    penalty = compute_contract(case, today=today, flags=flags)["penalty"]
    assert penalty["applies"] is False
    assert penalty["days"] == 0


# ------------------------------------------------------------------ notice validity


@SETTINGS
@given(
    case=cases(kinds=("extension", "info_request", "pause", "appointment", "mvv_granted")),
    offset=st.integers(-40, 40),
    flags=FLAGS,
)
def test_notice_on_or_before_statutory_end_is_never_valid(case, offset, flags):
    today = date(2031, 12, 31)
    statutory = d(compute_contract(case, today=today, flags=flags)["term"]["statutory_end"])
    received = max(statutory + timedelta(days=offset), anchor_of(case))
    with_notice = {
        **case,
        "events": [*case["events"], {"type": "notice", "received": iso(received)}],
    }
    result = compute_contract(with_notice, today=today, flags=flags)
    # The Notice does not move the term.
    assert d(result["term"]["statutory_end"]) == statutory
    if received <= statutory:
        assert result["notice"]["valid"] is False
        assert result["penalty"]["applies"] is False
        assert "premature_notice" in {w["code"] for w in result["warnings"]}
    else:
        assert result["notice"]["valid"] is True


# ------------------------------------------------------------------ output shape


def _walk(value, path="$"):
    assert not isinstance(value, float), f"float at {path}: {value!r}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]")
    else:
        assert value is None or isinstance(value, str | int | bool), (path, value)


@SETTINGS
@given(case=cases(), today=todays, flags=FLAGS)
def test_output_round_trips_through_json_without_floats(case, today, flags):
    result = compute_contract(case, today=today, flags=flags)
    _walk(result)
    assert json.loads(json.dumps(result)) == result
    money = result["penalty"]
    for key in ("amount_eur", "max_eur"):
        value = money[key]
        if value is not None:
            assert isinstance(value, str)
            whole, _, cents = value.partition(".")
            assert whole.isdigit() and len(cents) == 2 and cents.isdigit(), value
    for step in result["steps"]:
        assert step["en"].strip() and step["nl"].strip() and step["basis"].strip(), step
    for warning in result["warnings"]:
        assert warning["code"] and warning["en"].strip() and warning["nl"].strip(), warning
    assert result["rules"] == "nl-2026.12"
    assert result["procedure"] == case["procedure"]
