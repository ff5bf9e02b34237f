"""The particulars a letter needs (sponsor, family, purpose, contested decision): read, written."""

from datetime import date

import pytest

from desktop.core import CaseInputError
from desktop.core.casefile import case_file_to_json, parse_case_file
from desktop.core.particulars import ApplicationKind, FamilyMember, Sponsor

BASE = {"procedure": "nareis", "received": "2026-01-05", "applicant": {"name": "Amal Haddad"}}
FULL = {
    **BASE,
    "sponsor": {"name": "Yusuf Haddad", "v_number": "1234567890"},
    "family_members": [
        {
            "name": "Amal Haddad",
            "date_of_birth": "1990-01-02",
            "v_number": "2345678901",
            "relation": "echtgenote",
        },
        {"name": "Sami Haddad", "date_of_birth": "2015-03-04", "v_number": "", "relation": "zoon"},
    ],
    "purpose": "nareis",
    "application_kind": "first",
    "objected_decision_reference": "",
    "objection_lodged": None,
    "send_by_fax": True,
}


def test_particulars_are_read_from_the_case_object():
    found = parse_case_file(FULL).particulars
    assert found.sponsor == Sponsor("Yusuf Haddad", "1234567890")
    assert found.family_members[1] == FamilyMember(
        "Sami Haddad", date(2015, 3, 4), v_number="", relation="zoon"
    )
    assert found.application_kind is ApplicationKind.FIRST
    assert found.send_by_fax is True


def test_particulars_round_trip_losslessly():
    data = case_file_to_json(parse_case_file(FULL))
    assert {k: data[k] for k in FULL if k != "applicant"} == {
        k: v for k, v in FULL.items() if k != "applicant"
    }
    assert parse_case_file(data) == parse_case_file(FULL)


def test_a_case_without_particulars_still_reads():
    found = parse_case_file(BASE).particulars
    assert found.sponsor is None and found.family_members == () and not found.send_by_fax


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"sponsor": "Yusuf"}, "sponsor"),
        ({"sponsor": {"name": 5}}, "sponsor.name"),
        ({"family_members": {}}, "family_members"),
        (
            {"family_members": [{"name": "A", "date_of_birth": "2015-02-30"}]},
            "family_members[0].date_of_birth",
        ),
        ({"family_members": [{"name": "x" * 201}]}, "family_members[0].name"),
        ({"family_members": [{"name": "A"}] * 51}, "family_members"),
        ({"application_kind": "renewal"}, "application_kind"),
        ({"objection_lodged": "20-03-2026"}, "objection_lodged"),
        ({"send_by_fax": "yes"}, "send_by_fax"),
        ({"purpose": "p" * 201}, "purpose"),
    ],
)
def test_bad_particulars_name_their_field(patch, field):
    with pytest.raises(CaseInputError) as caught:
        parse_case_file({**BASE, **patch})
    assert caught.value.field == field
