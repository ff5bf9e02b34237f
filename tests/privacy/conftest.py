"""A store with one case that has every kind of personal field, for the privacy tests."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.privacy.sealed import Cost
from desktop.store import CaseRepository, open_database
from desktop.store.transfer import parse_record

# Low scrypt cost: the format and the checks are under test here, not the work factor.
FAST = Cost(n=1 << 10)

CASE = {
    "procedure": "regular",
    "received": "2025-10-01",
    "reference": "TRM-2025-017",
    "v_number": "V 301 234 5678",
    "ind_reference": "IND-77/2025",
    "applicant": {
        "name": "Şükrü Yılmazoğlu",
        "date_of_birth": "1988-04-12",
        "nationality": "Turkish",
        "address": "Kerkstraat 12, 1017 GB Amsterdam",
    },
    "co_applicants": [{"name": "Elif Yılmazoğlu", "date_of_birth": "1990-02-03"}],
    "notes": "Internal: client is anxious, call before 10.",
    "tags": ["urgent"],
    "language": "nl",
    "sponsor": {"name": "Ayşe Demirtaş", "v_number": "V 999 888 7777"},
    "family_members": [
        {
            "name": "Deniz Yılmazoğlu",
            "date_of_birth": "2015-06-30",
            "v_number": "V 111 222 3333",
            "relation": "zoon",
        }
    ],
    "events": [
        {
            "type": "appointment",
            "kind": "biometrics",
            "date": "2026-02-10",
            "attended": False,
            "rescheduled_to": "2026-03-10",
            "excuse": "hospital admission (appendicitis)",
        },
        {
            "type": "notice",
            "received": "2026-03-02",
            "proof": {
                "posted": "2026-02-27",
                "delivered": "2026-03-02",
                "tracking_number": "3SABCD1234567",
                "fax_report": None,
            },
        },
    ],
}

# Strings that identify the people in CASE: none may be left after erasing them.
IDENTIFIERS = (
    "Şükrü Yılmazoğlu",
    "Yılmazoğlu",
    "Yilmazoglu",
    "sukru yilmazoglu",
    "V 301 234 5678",
    "3012345678",
    "1988-04-12",
    "Kerkstraat",
)


def case_data(**changes: object) -> dict[str, object]:
    data = copy.deepcopy(CASE)
    data.update(changes)
    return data


def add_case(repo: CaseRepository, data: dict[str, object] | None = None) -> int:
    case_file, proofs = parse_record(data or case_data(), 0)
    return repo.save(case_file, notice_proofs=proofs)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[CaseRepository]:
    with open_database(tmp_path / "data" / "termijn.sqlite") as db:
        yield CaseRepository(db)


@pytest.fixture
def other_repo(tmp_path: Path) -> Iterator[CaseRepository]:
    with open_database(tmp_path / "other" / "termijn.sqlite") as db:
        yield CaseRepository(db)
