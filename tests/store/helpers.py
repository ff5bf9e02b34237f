"""Small builders shared by the store tests."""

from __future__ import annotations

from typing import Any

from desktop.core.casefile import CaseFile, parse_case_file


def make_case(**extra: Any) -> CaseFile:
    data: dict[str, Any] = {
        "procedure": "regular",
        "received": "2026-01-05",
        "events": [],
        "applicant": {"name": "Şükrü Ağaoğlu", "nationality": "Turkish"},
        "v_number": "V 12.34.567",
        "reference": "T-2026-1",
    }
    data.update(extra)
    return parse_case_file(data)
