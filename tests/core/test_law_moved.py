"""Law that moved (issue 14 part 4, rules.md R1.0e and R1.4f as updated), dates derived by hand.

Each change sits in the data of pack nl-2026.12; nl-2026.11 keeps the old law, and the tests
show both where the difference is the point.
"""

from datetime import date

import pytest

from desktop.core import compute, load_rule_pack, parse_case, result_to_contract

NEW, OLD = "nl-2026.12", "nl-2026.11"


def run(data, pack=NEW, today=date(2026, 12, 2)):
    return compute(parse_case(data), today=today, rules=load_rule_pack(pack))


def ext(sent, basis, months=0, weeks=0):
    event = {"type": "extension", "sent": sent, "basis": basis}
    if months:
        event["months"] = months
    if weeks:
        event["weeks"] = weeks
    return event


def codes(result):
    return {w.code for w in result.warnings}


# ---------------------------------------------------- all asylum extensions within 21 months


def test_asylum_extensions_together_stay_within_21_months():
    # Received Wed 10-01-2024. Vw 43 + 15 months (sent 01-05-2024): 6 + 15 = 21 months, the
    # maximum: end Fri 10-10-2025. A Vw 42(4) letter of + 9 months (sent 10-01-2025) would make
    # 30 months: invalid, the end stays 10-10-2025. The old pack accepted it: 10-01-2024 + 30
    # months = Fri 10-07-2026.
    data = {
        "procedure": "asylum",
        "received": "2024-01-10",
        "events": [ext("2024-05-01", "Vw 43", 15), ext("2025-01-10", "Vw 42(4)", 9)],
    }
    new = run(data)
    first, second = new.term.extensions
    assert first.valid and not second.valid
    assert "more than the maximum of 21 months" in second.reason.en
    assert new.term.statutory_end == date(2025, 10, 10)
    assert run(data, OLD).term.statutory_end == date(2026, 7, 10)


# ------------------------------------------------------------ several letters within a maximum


def test_several_42_4_letters_share_the_nine_months():
    # Received Wed 10-04-2024. Vw 42(4) + 3 months (sent 01-09-2024), then + 6 more (sent
    # 05-01-2025, before the end then, 10-01-2025): 9 months in total, valid. End: 10-04-2024 +
    # 15 months = Thu 10-07-2025. A third letter of + 1 month makes 10: invalid.
    events = [ext("2024-09-01", "Vw 42(4)", 3), ext("2025-01-05", "Vw 42(4)", 6)]
    data = {"procedure": "asylum", "received": "2024-04-10", "events": events}
    new = run(data)
    assert [e.valid for e in new.term.extensions] == [True, True]
    assert new.term.statutory_end == date(2025, 7, 10)
    # The old pack refused the second letter as once-only: 10-04-2024 + 9 months = Fri 10-01-2025.
    old = run(data, OLD)
    assert [e.valid for e in old.term.extensions] == [True, False]
    assert old.term.statutory_end == date(2025, 1, 10)
    third = run({**data, "events": [*events, ext("2025-06-01", "Vw 42(4)", 1)]})
    assert not third.term.extensions[2].valid
    assert "the 9 months of earlier letters" in third.term.extensions[2].reason.en
    assert third.term.statutory_end == date(2025, 7, 10)


@pytest.mark.parametrize(
    ("basis", "first", "second", "end"),
    [
        # Contested decision sent Mon 02-03-2026: + 4 weeks = Mon 30-03-2026 (T0); + 19 weeks =
        # Mon 10-08-2026. Awb 7:10(3) 3 + 3 weeks = its 6: 30-03 + 25 weeks = Mon 21-09-2026.
        ("Awb 7:10(3)", 3, 3, date(2026, 9, 21)),
        # Vw 76(2) 6 + 7 weeks = its 13: 30-03 + 32 weeks = Mon 09-11-2026.
        ("Vw 76(2)", 6, 7, date(2026, 11, 9)),
    ],
)
def test_objection_adjournments_in_several_letters(basis, first, second, end):
    data = {
        "procedure": "objection",
        "objected_decision_sent": "2026-03-02",
        "events": [ext("2026-07-01", basis, weeks=first), ext("2026-08-05", basis, weeks=second)],
    }
    result = run(data)
    assert [e.valid for e in result.term.extensions] == [True, True]
    assert result.term.statutory_end == end
    over = run({**data, "events": [*data["events"], ext("2026-08-20", basis, weeks=1)]})
    assert not over.term.extensions[2].valid and over.term.statutory_end == end


def test_rwn_9_4_at_most_twice_and_vw_25_2_once():
    # Fee paid Wed 15-01-2025: 1 year = Thu 15-01-2026; two postponements of 6 months: 15-01-2025
    # + 24 months = Fri 15-01-2027. A third is refused.
    events = [
        ext("2025-12-01", "RWN 9(4)", 6),
        ext("2026-07-01", "RWN 9(4)", 6),
        ext("2026-12-01", "RWN 9(4)", 6),
    ]
    result = run({"procedure": "naturalisation", "received": "2025-01-15", "events": events})
    assert [e.valid for e in result.term.extensions] == [True, True, False]
    assert "2 time(s) only" in result.term.extensions[2].reason.en
    assert result.term.statutory_end == date(2027, 1, 15)
    # Regular: 25(2) once. Received Mon 05-01-2026 + 90 days = Sun 05-04-2026; + 3 months sent
    # 01-04 = Sun 05-07-2026; a second + 3 months is refused. 6-month extensions leave the Atw
    # (R3.7): statutory 05-07-2026, rolled Mon 06-07-2026.
    twice = [ext("2026-04-01", "Vw 25(2)", 3), ext("2026-06-01", "Vw 25(2)", 3)]
    regular = run({"procedure": "regular", "received": "2026-01-05", "events": twice})
    assert [e.valid for e in regular.term.extensions] == [True, False]
    assert regular.term.rolled_end == date(2026, 7, 6)


# ------------------------------------------------------------ same-day events


def test_extensions_on_one_day_follow_the_pack_not_the_input_order():
    # Received 10-04-2024; on 01-10-2024 a Vw 42(4) (+ 9) and a Vw 42(5) (+ 3) letter. 42(5)
    # needs 42(4) first: in either input order both are valid, 10-04-2024 + 18 months = Thu
    # 10-10-2025.
    a, b = ext("2024-10-01", "Vw 42(5)", 3), ext("2024-10-01", "Vw 42(4)", 9)
    for events in ([a, b], [b, a]):
        result = run({"procedure": "asylum", "received": "2024-04-10", "events": events})
        assert all(e.valid for e in result.term.extensions), result.term.extensions
        assert result.term.statutory_end == date(2025, 10, 10)


def test_an_extension_goes_before_a_suspension_starting_the_same_day():
    # mvv received Sun 01-11-2026 + 90 days = Sat 30-01-2027. On Mon 25-01-2027 a Vw 2u letter
    # (+ 1 month) and a pause announced that day until 26-01 (1 day). Extension first, the
    # chronological reading is 30-01 + 1 month = 28-02 (clamped), + 1 day = Mon 01-03-2027 (the
    # one-step reading agrees). Pause first would give 31-01 + 1 month = 28-02. Either input
    # order gives the extension-first result, and the steps list the extension first.
    extension = ext("2027-01-25", "Vw 2u", 1)
    pause = {
        "type": "pause",
        "from": "2027-01-25",
        "until": "2027-01-26",
        "basis": "Awb 4:15(2)(a)",
    }
    results = [
        run(
            {"procedure": "mvv", "received": "2026-11-01", "events": events},
            today=date(2027, 1, 26),
        )
        for events in ([pause, extension], [extension, pause])
    ]
    assert results[0].term == results[1].term
    term = results[0].term
    assert term.chronological_end == date(2027, 3, 1) and term.statutory_end == date(2027, 3, 1)
    kinds = [s.kind for s in results[0].steps if s.kind in ("extension", "suspension")]
    assert kinds == ["extension", "suspension"]


# ------------------------------------------------------------ general WBV extensions contested


def test_a_wbv_extension_is_contested_both_readings_and_the_safe_date_after_both():
    # The case of Rb Den Haag 21-02-2025, ECLI:NL:RBDHA:2025:2500: asylum received Wed
    # 10-04-2024; WBV 2023/26 would extend by 9 months. Applicant's reading (WBV invalid):
    # 10-04-2024 + 6 months = Thu 10-10-2024, the date the court held. IND's reading:
    # 10-04-2024 + 15 months = Thu 10-07-2025. Safe Notice receipt: the day after, Fri 11-07-2025.
    data = {
        "procedure": "asylum",
        "received": "2024-04-10",
        "events": [ext("2024-04-30", "WBV 2023/26", 9)],
    }
    result = run(data)
    term = result.term
    assert term.statutory_end == date(2024, 10, 10) and term.rolled_end == date(2024, 10, 10)
    assert term.ind_view_end == date(2025, 7, 10)
    assert term.safe_notice_receipt == date(2025, 7, 11)
    (extension,) = term.extensions
    assert extension.valid and extension.contested
    (step,) = [s for s in result.steps if s.kind == "extension_contested"]
    assert "Zimir" in step.basis and "ECLI:NL:RBDHA:2025:2500" in step.basis
    assert "Zimir" in step.text.en and "rechtbank Den Haag" in step.text.nl
    assert "wbv_extension" in codes(result)
    (warning,) = [w for w in result.warnings if w.code == "wbv_extension"]
    assert "10 October 2024" in warning.text.en and "10 July 2025" in warning.text.en
    contract = result_to_contract(result)
    assert contract["term"]["statutory_end"] == "2024-10-10"
    assert contract["term"]["ind_view_end"] == "2025-07-10"
    assert contract["term"]["safe_notice_receipt"] == "2025-07-11"
    assert contract["term"]["extensions"][0]["valid"] is True
    # A Notice received between the two readings is valid on the statutory reading only.
    notice = {**data, "events": [*data["events"], {"type": "notice", "received": "2024-11-01"}]}
    assert "notice_maybe_premature" in codes(run(notice))


def test_a_letter_the_size_of_a_wbv_of_its_time_asks_whether_it_is_one():
    # E3: received 25-09-2022, a 9-month Vw 42(4) letter: WBV 2022/22 covered applications from
    # 27-03-2022 to 31-12-2022. The letter stays an individual extension (E3's dates) with a hint.
    e3 = {
        "procedure": "asylum",
        "received": "2022-09-25",
        "events": [ext("2022-10-01", "Vw 42(4)", 9)],
    }
    result = run(e3)
    assert result.term.statutory_end == date(2023, 12, 25)
    (hint,) = [w for w in result.warnings if w.code == "wbv_possible"]
    assert "WBV 2022/22" in hint.text.en
    later = {**e3, "received": "2025-03-01", "events": [ext("2025-06-01", "Vw 42(4)", 9)]}
    assert "wbv_possible" not in codes(run(later))


# ------------------------------------------------------------ the IND's fax number


def test_the_ind_fax_and_when_the_address_was_checked():
    ind = load_rule_pack(NEW).ind
    assert ind["fax"] == "088 04 32951"
    assert ind["address"] == ["Postbus 14", "9560 AA Ter Apel"]
    assert ind["checked"] == date(2026, 12, 2) and ind["source_updated"] == date(2024, 5, 2)
    assert "ind-late-with-decision" in ind["source"]
