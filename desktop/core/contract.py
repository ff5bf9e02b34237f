"""The JSON of deadline-contract.md: results as plain dicts (dates ISO, money as strings)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from desktop.core.compute import compute
from desktop.core.model import NextStep, Result, Suggestion, Text
from desktop.core.parse import parse_case
from desktop.core.rulepack import RulePack

CENT = Decimal("0.01")


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def money(amount: Decimal) -> str:
    """Two decimals, never a float: "532.00"."""
    return str(amount.quantize(CENT))


def _reason(text: Text | None) -> dict[str, str]:
    return {} if text is None else {"reason_en": text.en, "reason_nl": text.nl}


def _suggestion(row: NextStep | Suggestion) -> dict[str, Any]:
    return {
        "code": row.code.value,
        "date": _iso(row.date),
        "provisional": row.provisional,
        "nl": row.text.nl,
        "en": row.text.en,
        "rule": row.rule,
    }


def next_step_to_contract(step: NextStep) -> dict[str, Any]:
    """`next_step`: what to do next, by when, in both languages; other applicable rows in `also`."""
    return {**_suggestion(step), "also": [_suggestion(row) for row in step.also]}


def result_to_contract(result: Result, lang: str = "en") -> dict[str, Any]:
    """The contract's result object; `explanation` adds the steps in `lang` (extra field)."""
    term, penalty, notice = result.term, result.penalty, result.notice
    return {
        "rules": result.rules,
        "procedure": result.procedure.value,
        "today": result.today.isoformat(),
        "term": {
            "start": term.start.isoformat(),
            "base_end": term.base_end.isoformat(),
            "statutory_end": term.statutory_end.isoformat(),
            "rolled_end": term.rolled_end.isoformat(),
            "ind_view_end": term.ind_view_end.isoformat(),
            "safe_notice_receipt": term.safe_notice_receipt.isoformat(),
            "atw_applies": term.atw_applies,
            "paused_days": term.paused_days,
            "contested_days": term.contested_days,
            "provisional": term.provisional,
            "extensions": [
                {
                    "sent": e.sent.isoformat(),
                    "basis": e.basis,
                    "valid": e.valid,
                    **_reason(e.reason),
                }
                for e in term.extensions
            ],
        },
        "notice": None
        if notice is None
        else {
            "received": notice.received.isoformat(),
            "valid": notice.valid,
            **_reason(notice.reason),
        },
        "penalty": {
            "applies": penalty.applies,
            "first_day": _iso(penalty.first_day),
            "certain_from": _iso(penalty.certain_from),
            "last_day": _iso(penalty.last_day),
            "days": penalty.days,
            "amount_eur": money(penalty.amount),
            "max_eur": money(penalty.max_amount),
            "fix_decision_due": _iso(penalty.fix_decision_due),
            "days_exclusive": penalty.days_exclusive,
            "amount_exclusive_eur": money(penalty.amount_exclusive),
        },
        "appeal_from": _iso(result.appeal_from),
        "appointments": [
            {
                "date": a.date.isoformat(),
                "kind": a.kind.value,
                "attended": a.attended,
                "proof_due": _iso(a.proof_due),
                "basis": a.basis,
                "en": a.text.en,
                "nl": a.text.nl,
            }
            for a in result.appointments
        ],
        "mvv_collect_until": _iso(result.mvv_collect_until),
        "decision": _iso(result.decision),
        "next_step": next_step_to_contract(result.next_step),
        "steps": [
            {
                "date": _iso(s.date),
                "en": s.text.en,
                "nl": s.text.nl,
                "basis": s.basis,
                "rule": s.rule,
            }
            for s in result.steps
        ],
        "warnings": [
            {"code": w.code, "en": w.text.en, "nl": w.text.nl, "rule": w.rule}
            for w in result.warnings
        ],
        "flags": list(result.flags),
        "explanation": [s.text.get(lang) for s in result.steps],
    }


def compute_contract(
    case: object,
    *,
    today: date,
    rules: RulePack | None = None,
    flags: frozenset[str] = frozenset(),
    lang: str = "en",
    index: int | None = None,
) -> dict[str, Any]:
    """Contract case object in, contract result object out (raises `CaseInputError`)."""
    return result_to_contract(
        compute(parse_case(case, index), today=today, rules=rules, flags=flags), lang
    )
