"""The case list in SQL: search, filters, sort keys and the SQL mirror of the core's next step."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.core.model import NextCode, NoticeState
from desktop.store.records import CaseQuery, SortKey
from desktop.store.search import like_patterns

# `plan()` (desktop.core.nextstep) in SQL: the code and date of the next step on :today.
# tests/store/test_listing.py checks on random cases and days that both always agree.
_DECIDED = "(kd_decided IS NOT NULL AND kd_decided <= :today)"
_FIXED = "(kd_penalty_fixed IS NOT NULL AND kd_penalty_fixed <= :today)"
_PENALTY = f"(kd_penalty_applies AND kd_day_42 IS NOT NULL AND NOT {_FIXED})"
_CLAIM = f"({_PENALTY} AND kd_claim_due IS NOT NULL AND ({_DECIDED} OR :today > kd_day_42))"
_SAFE = f"kd_notice_state = '{NoticeState.SAFE}'"
_UNSAFE = f"kd_notice_state = '{NoticeState.UNSAFE}'"
_RUNNING = f"({_PENALTY} AND :today <= kd_day_42)"
# The first branch that applies is the next step: the order of PRIORITY in desktop.core.nextstep
# (await_decision before penalty_running: they exclude each other, and this order needs no
# `:today >= kd_certain_from` in the latter).
_BRANCHES = (
    (_DECIDED, NextCode.DECIDED, "kd_remedy_until"),
    (f"{_SAFE} AND {_CLAIM}", NextCode.CLAIM_PENALTY, "kd_claim_due"),
    (f"{_SAFE} AND :today < kd_certain_from", NextCode.AWAIT_DECISION, "kd_window_last"),
    (f"{_SAFE} AND {_RUNNING}", NextCode.PENALTY_RUNNING, "kd_day_42"),
    (_SAFE, NextCode.APPEAL_POSSIBLE, "kd_certain_from"),
    (_UNSAFE, NextCode.RESEND_NOTICE, "max(:today, kd_safe_notice_receipt)"),
    (":today < kd_safe_notice_receipt", NextCode.WAIT, "kd_safe_notice_receipt"),
    ("1", NextCode.SEND_NOTICE, "kd_safe_notice_receipt"),
)
_UNKNOWN = "kd_safe_notice_receipt IS NULL OR kd_notice_state IS NULL"


def _case(value: str) -> str:
    """A CASE over `_BRANCHES` giving each branch's code (`value="code"`) or its date."""
    whens = " ".join(
        f"WHEN {cond} THEN " + (f"'{code}'" if value == "code" else day)
        for cond, code, day in _BRANCHES
    )
    return f"CASE WHEN {_UNKNOWN} THEN NULL {whens} END"


NEXT_CODE_SQL = _case("code")
NEXT_DATE_SQL = _case("date")
_RANK = (
    f"CASE ({NEXT_CODE_SQL}) "
    + " ".join(f"WHEN '{code}' THEN {rank}" for rank, code in enumerate(NextCode))
    + f" ELSE {len(NextCode)} END"
)

# Each sort key: the ORDER BY terms before the id tie-breaker. Text keys use indexed columns.
_ORDER: dict[SortKey, list[str]] = {
    "applicant": ["name_key"],
    "v_number": ["v_number"],
    "reference": ["reference"],
    "procedure": ["procedure", "name_key"],
    "next_step": [_RANK, f"({NEXT_DATE_SQL}) IS NULL", NEXT_DATE_SQL],
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
    if query.next_code is not None:
        where.append(f"({NEXT_CODE_SQL}) = :next_code")
        params["next_code"] = query.next_code.value
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
