"""The case list in SQL: search, filters, sort keys and the SQL mirror of `stage_on`."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.core.stage import Stage
from desktop.store.records import CaseQuery, SortKey
from desktop.store.search import like_patterns

# `stage_on` (desktop.core.stage) in SQL; tests/store/test_listing.py checks they agree.
_NO_NOTICE = "(kd_notice_received IS NULL OR kd_certain_from IS NULL)"
_PENALTY = (
    "(kd_penalty_applies AND kd_penalty_last_day IS NOT NULL AND :today <= kd_penalty_last_day)"
)
_DECIDED = "(kd_decided IS NOT NULL AND kd_decided <= :today)"
STAGE_SQL = f"""CASE
    WHEN kd_safe_notice_receipt IS NULL THEN NULL
    WHEN {_DECIDED} THEN '{Stage.DECIDED}'
    WHEN {_NO_NOTICE} THEN CASE WHEN :today < kd_safe_notice_receipt
        THEN '{Stage.TERM_RUNNING}' ELSE '{Stage.NOTICE_POSSIBLE}' END
    WHEN :today < kd_certain_from THEN '{Stage.NOTICE_SENT}'
    WHEN {_PENALTY} THEN '{Stage.PENALTY_RUNNING}'
    ELSE '{Stage.APPEAL_OPEN}' END"""
NEXT_DATE_SQL = f"""CASE
    WHEN kd_safe_notice_receipt IS NULL OR {_DECIDED} THEN NULL
    WHEN {_NO_NOTICE} THEN kd_safe_notice_receipt
    WHEN :today < kd_certain_from THEN kd_certain_from
    WHEN {_PENALTY} THEN kd_penalty_last_day
    ELSE kd_certain_from END"""
_STAGE_RANK = (
    "CASE ("
    + STAGE_SQL
    + ") "
    + " ".join(f"WHEN '{stage}' THEN {rank}" for rank, stage in enumerate(Stage))
    + f" ELSE {len(Stage)} END"
)

# Each sort key: the ORDER BY terms before the id tie-breaker. Text keys use indexed columns.
_ORDER: dict[SortKey, list[str]] = {
    "applicant": ["name_key"],
    "v_number": ["v_number"],
    "reference": ["reference"],
    "procedure": ["procedure", "name_key"],
    "stage": [_STAGE_RANK, f"({NEXT_DATE_SQL}) IS NULL", NEXT_DATE_SQL],
    "next_date": [f"({NEXT_DATE_SQL}) IS NULL", NEXT_DATE_SQL],
    "received": ["received"],
    "updated": ["updated"],
}


def ordered_ids_sql(query: CaseQuery, today: date) -> tuple[str, dict[str, Any]]:
    """`SELECT id … WHERE … ORDER BY key, id` and its parameters for one list query."""
    where = ["deleted = 0"]
    params: dict[str, Any] = {"today": today.isoformat()}
    if query.archived is not None:
        where.append("archived = :archived")
        params["archived"] = int(query.archived)
    if query.procedure is not None:
        where.append("procedure = :procedure")
        params["procedure"] = query.procedure.value
    if query.stage is not None:
        where.append(f"({STAGE_SQL}) = :stage")
        params["stage"] = query.stage.value
    for i, pattern in enumerate(like_patterns(query.text)):
        where.append(f"search_text LIKE :q{i} ESCAPE '\\'")
        params[f"q{i}"] = pattern
    direction = " DESC" if query.descending else ""
    # "IS NULL" terms keep cases without a date last in either direction.
    order = ", ".join(
        term if term.endswith("IS NULL") else f"{term}{direction}"
        for term in [*_ORDER[query.sort_key], "id"]
    )
    sql = f"SELECT id FROM case_file WHERE {' AND '.join(where)} ORDER BY {order}"
    return sql, params
