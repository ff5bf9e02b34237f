import json

import pytest

from desktop.store import CaseRepository
from desktop.store.demo import demo_cases
from desktop.store.transfer import ImportFileError, export_records, import_file, write_json

HOSTILE = [
    "He said \"no\" \\ and 'yes'",
    "<b>bold</b> <script>alert(1)</script> &amp; &nbsp;",
    "emoji 🙂👨‍👩‍👧 and a flag 🇳🇱",
    "مُحَمَّد الحَلَبِي",  # right to left
    "\u202eevil\u202c RLO",
    "tab\tnew\nline\r\nCR",
    "%_ like wildcards \\%",
    "nul-free but odd: \u0000"[:-1] + "\u200b zero width",
]


def hostile_case(i):
    text = HOSTILE[i % len(HOSTILE)]
    return {
        "procedure": "asylum",
        "received": "2026-01-05",
        "ind_stated_end": "2026-08-01",
        "events": [
            {
                "type": "appointment",
                "kind": "asylum_interview",
                "date": "2026-02-10",
                "attended": False,
                "rescheduled_to": None,
                "excuse": text,
            },
            {
                "type": "notice",
                "received": "2026-09-01",
                "proof": {
                    "posted": "2026-08-29",
                    "tracking_number": text,
                    "fax_report": "",
                    "delivered": "2026-09-01",
                },
            },
            {"type": "pause", "from": "2026-03-01", "until": "2026-03-05", "basis": text},
        ],
        "reference": text,
        "v_number": text[:10],
        "ind_reference": text,
        "applicant": {
            "name": text,
            "date_of_birth": "1990-01-01",
            "nationality": text,
            "address": text,
        },
        "co_applicants": [
            {"name": HOSTILE[3], "date_of_birth": None, "nationality": "", "address": ""}
        ],
        "representative": {
            "name": text,
            "organisation": text,
            "address": text,
            "phone": text,
            "email": text,
            "relation": [None, "wife", "family"][i % 3],
        },
        "language": "en",
        "notes": (text + " ") * (10_000 // (len(text) + 1)) + "x" * 3,
        "tags": [text, "🙂"],
        "archived": i % 2 == 1,
        "sponsor": {"name": text, "v_number": text[:10]},
        "family_members": [
            {"name": text, "date_of_birth": "2015-02-03", "v_number": text[:10], "relation": "zoon"}
        ],
        "purpose": text,
        "application_kind": "change",
        "objected_decision_reference": text,
        "objection_lodged": None,
        "send_by_fax": i % 2 == 0,
    }


def test_export_import_round_trip_is_lossless(repo, tmp_path, db_path):
    source = tmp_path / "in.json"
    records = [hostile_case(i) for i in range(len(HOSTILE))]
    assert all(len(r["notes"]) >= 9_000 for r in records)
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    ids = import_file(repo, source)
    exported = export_records(repo, ids)
    assert exported == records
    # Through a file and a second database too.
    out = tmp_path / "out.json"
    write_json(out, exported)
    from desktop.store import open_database

    with open_database(tmp_path / "second" / "termijn.sqlite") as other:
        second = CaseRepository(other)
        again = import_file(second, out)
        assert export_records(second, again) == records


def test_demo_cases_round_trip(repo, tmp_path):
    cases = list(demo_cases(300, seed=7))
    ids = repo.save_many([cf for cf, _ in cases], [p for _, p in cases])
    path = tmp_path / "demo.json"
    write_json(path, export_records(repo))
    again = import_file(repo, path)
    assert export_records(repo, again) == export_records(repo, ids)


def test_import_is_all_or_nothing_and_names_each_bad_record(repo, tmp_path):
    good = hostile_case(0)
    bad_date = dict(good, received="2026-02-30")
    bad_proof = dict(good, events=[{"type": "decision", "sent": "2026-05-01", "proof": {}}])
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([good, bad_date, good, bad_proof]), encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        import_file(repo, path)
    message = str(info.value)
    assert "case 1: received" in message and "case 3: events[0].proof" in message
    assert "case 0" not in message and "case 2" not in message
    assert repo.count() == 0


def test_demo_is_deterministic_and_covers_every_procedure():
    from datetime import date

    from desktop.core.model import Appointment, NoticeEvent, Procedure

    day = date(2026, 11, 25)
    first = list(demo_cases(500, seed=3, today=day))
    assert first == list(demo_cases(500, seed=3, today=day))
    assert first != list(demo_cases(500, seed=4, today=day))
    files = [cf for cf, _ in first]
    assert {cf.case.procedure for cf in files} == set(Procedure)
    events = [e for cf in files for e in cf.case.events]
    assert any(isinstance(e, Appointment) and not e.attended for e in events)
    assert any(isinstance(e, NoticeEvent) for e in events)
    assert any(not cf.applicant.name.isascii() for cf in files)


GOOD = json.dumps(hostile_case(0), ensure_ascii=False).encode("utf-8")
MALFORMED = {
    "nested too deep": (b"[" * 40 + b"]" * 40, "nested more than 32 levels deep"),
    "a repeated key": (
        GOOD[:-1] + b', "received": "2026-05-01"}',
        "the key 'received' appears twice in one object",
    ),
    "Latin-1, not UTF-8": (
        GOOD.replace("مُحَمَّد".encode(), "Müller".encode("latin-1")),
        "not UTF-8 text: byte 0xfc",
    ),
    "UTF-16": ("[]".encode("utf-16"), "UTF-16 text, not UTF-8"),
    "a 5,000-digit number": (
        GOOD[:-1] + b', "x": ' + b"9" * 5000 + b"}",
        "a number of 5,000 digits (at most 20)",
    ),
    "a lone surrogate": (
        GOOD.replace(b'"language": "en"', b'"language": "e\\ud800"'),
        "case 0: language: not valid text: a lone surrogate",
    ),
    "truncated": (GOOD[:100], "malformed JSON at line 1 column"),
    "NaN": (GOOD[:-1] + b', "x": NaN}', "NaN is not a JSON value"),
    "empty": (b"", "empty: expected a case object"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_is_refused_in_the_words_of_the_input_boundary(repo, tmp_path, name):
    """`import_file` reads as `termijn cases import` does: same checks, same message."""
    from desktop.core.errors import CaseInputError
    from desktop.core.jsontext import JsonTextError, load_json

    payload, expected = MALFORMED[name]
    path = tmp_path / "cases.json"
    path.write_bytes(payload)
    with pytest.raises(ImportFileError) as info:
        import_file(repo, path)
    message = str(info.value)
    assert expected in message and len(message) < 300, message
    with pytest.raises((JsonTextError, CaseInputError)) as boundary:
        load_json(payload)
    assert str(boundary.value) in message  # word for word what the CLI says
    assert repo.count() == 0


def test_a_file_over_the_size_limit_is_refused_unread(repo, tmp_path):
    from desktop.core.jsontext import MAX_INPUT_BYTES

    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: a read would take seconds, a stat none
    with pytest.raises(ImportFileError, match=r"big.json: too large \(134,217,729 bytes\)"):
        import_file(repo, path)
    assert repo.count() == 0


@pytest.mark.parametrize(("key", "limit"), [("tracking_number", 100), ("fax_report", 2_000)])
def test_a_proof_text_over_its_limit_is_refused_naming_the_field(repo, tmp_path, key, limit):
    case = hostile_case(0)
    proof = case["events"][1]["proof"]
    path = tmp_path / "proof.json"
    proof[key] = "3" * limit  # at the limit: taken
    path.write_text(json.dumps([case]), encoding="utf-8")
    (case_id,) = import_file(repo, path)
    assert export_records(repo, [case_id])[0]["events"][1]["proof"][key] == "3" * limit
    proof[key] = "3" * (limit + 1)
    path.write_text(json.dumps([case, case]), encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        import_file(repo, path)
    assert f"case 0: events[1].proof.{key}: {limit + 1:,} characters, at most {limit:,}" in str(
        info.value
    )
    assert repo.count() == 1
