"""`compute()`: one case, one day, one rule pack in; every date, amount and explanation out."""

from __future__ import annotations

from datetime import date

from desktop.core.appointments import explain_appointments, mvv_collect_until
from desktop.core.calendar import add, add_months, roll
from desktop.core.explain import Explainer
from desktop.core.model import Case, Decision, PenaltyFixed, Procedure, Result, Text
from desktop.core.nextstep import derive_key_dates, next_step
from desktop.core.packmodel import Quantity
from desktop.core.penalty import compute_penalty
from desktop.core.rulepack import RulePack, load_rule_pack
from desktop.core.term import compute_term


def compute(
    case: Case,
    *,
    today: date,
    rules: RulePack | None = None,
    flags: frozenset[str] = frozenset(),
    explain: bool = True,
) -> Result:
    """Work out the case as of `today`. Pure: the clock and the law are parameters.

    `flags` switches on pending legislation by name (e.g. "bill_35749"); unknown names are ignored.
    `explain=False` skips the bilingual steps and texts (dates only: about twice as fast).
    """
    pack = rules or load_rule_pack()
    active = frozenset(f for f in flags if f in pack.flags)
    ex = Explainer(pack, enabled=explain)
    term = compute_term(case, pack, today, active, ex)
    decisions = sorted(d.sent for d in case.of_type(Decision))
    decision = decisions[0] if decisions else None  # any decision ends the wait (R4.6)
    notice, penalty, appeal_from = compute_penalty(case, term, pack, today, active, decision, ex)
    for fixed in sorted(p.sent for p in case.of_type(PenaltyFixed)):
        ex.step(
            fixed,
            "step_penalty_fixed",
            pack.cite("penalty_fixed"),
            "R4.8",
            kind="penalty_fixed",
            date=fixed,
        )
    appointments = explain_appointments(case, pack, ex)
    collect_until = mvv_collect_until(case, pack, ex)
    apr = _under_apr(case, pack)
    _general_warnings(case, pack, today, active, term.rolled_end, decision, apr, ex)
    key = derive_key_dates(case, term, pack, active, decision, term.provisional or apr)
    if key.decided is not None and key.remedy_until is not None:
        _explain_remedy(case, pack, key.decided, key.remedy_until, ex)
    return Result(
        rules=pack.id,
        procedure=case.procedure,
        today=today,
        term=term,
        notice=notice,
        penalty=penalty,
        appeal_from=appeal_from,
        appointments=appointments,
        mvv_collect_until=collect_until,
        decision=decision,
        steps=tuple(ex.steps),  # derivation order: term, notice, penalty, appointments
        key_dates=key,
        next_step=next_step(key, today, case, term, pack, ex),
        warnings=tuple(ex.warnings),
        flags=tuple(sorted(active)),
    )


def _under_apr(case: Case, pack: RulePack) -> bool:
    """R1.4g: an asylum application lodged under the EU Asylum Procedure Regulation."""
    apr_from = pack.procedures[case.procedure].apr_from
    return (
        case.procedure is Procedure.ASYLUM
        and apr_from is not None
        and case.received is not None
        and case.received >= apr_from
    )


def _general_warnings(
    case: Case,
    pack: RulePack,
    today: date,
    flags: frozenset[str],
    rolled_end: date,
    decision: date | None,
    apr: bool,
    ex: Explainer,
) -> None:
    for name in sorted(flags):
        ex.warn("pending_legislation", "warn_flag_on", "§4", flag=pack.flags[name].label)
    if apr:
        apr_from = pack.procedures[case.procedure].apr_from
        assert apr_from is not None
        ex.warn("apr_provisional", "warn_apr_provisional", "R1.4g", date=apr_from)
    if today > add_months(pack.published, 12):
        ex.warn("rule_pack_old", "warn_rule_pack_old", "§4", pack=pack.id, date=pack.published)
    # R4.9 product heuristic (not law): an appeal long after expiry may be held unreasonably late.
    if decision is None and today > add_months(rolled_end, pack.appeal_warn_months):
        ex.warn("appeal_late", "warn_appeal_late", "R4.9", date=rolled_end)


def _explain_remedy(case: Case, pack: RulePack, decided: date, until: date, ex: Explainer) -> None:
    """R1.6, R5.5: the objection or appeal period after a decision, and its last day."""
    remedy = pack.remedy(case.procedure)
    ex.step(
        until,
        f"step_remedy_{remedy.kind}",
        remedy.basis,
        remedy.rule,
        kind="remedy_until",
        decision=decided,
        date=until,
        **_period(remedy.period, ex),
    )
    if remedy.alternative is not None:
        other = roll(pack.atw, add(decided, remedy.alternative))  # as the next step counts it
        ex.step(
            other,
            "step_remedy_alternative",
            remedy.basis,
            remedy.rule,
            kind="remedy_until",
            date=other,
            **_period(remedy.alternative, ex),
        )


def _period(quantity: Quantity, ex: Explainer) -> dict[str, int | Text]:
    """A period's figure and unit word for a text ("1 week", "4 weeks")."""
    unit = quantity.unit.removesuffix("s") if quantity.amount == 1 else quantity.unit
    return {"amount": quantity.amount, "unit": ex.text(f"unit_{unit}")}
