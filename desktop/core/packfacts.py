"""A rule pack as flat, readable facts ("procedures.asylum.base = 6 months"), and their diff."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Procedure
from desktop.core.packmodel import Change, Power, Quantity, RulePack


def _q(quantity: Quantity | None) -> str:
    if quantity is None:
        return "-"
    unit = quantity.unit.removesuffix("s") if quantity.amount == 1 else quantity.unit
    return f"{quantity.amount} {unit}"


def _power(power: Power) -> str:
    if power.maximum:
        size = f"up to {power.maximum} {power.unit}"
        if power.in_total:
            size += " in total over any number of letters"
        elif power.uses == 1:
            size += ", once"
        elif power.uses:
            size += f" a letter, at most {power.uses} letters"
    else:
        size = ""
    parts = [size] if size else []
    if power.total_months:
        parts.append(f"the term at most {power.total_months} months in total")
    if power.requires:
        parts.append(f"only after {power.requires}")
    if power.under:
        parts.append(f"a general extension under {power.under}")
    if power.contested:
        parts.append("contested: the IND's reading only")
    if power.received_from or power.received_until:
        parts.append(
            f"applications {power.received_from or '...'} to {power.received_until or '...'}"
        )
    return "; ".join(parts) + f" [{power.rule}]"


def _change(change: Change) -> str:
    what = []
    if change.base is not None:
        what.append(f"decision term {_q(change.base)}")
    if change.penalty is not None:
        what.append("administrative penalty" if change.penalty else "no administrative penalty")
    return f"{', '.join(sorted(p.value for p in change.procedures))}: {'; '.join(what)}"


def pack_facts(pack: RulePack) -> dict[str, str]:
    """Every number, period, basis and date of the pack, keyed by where it lives in the pack."""
    facts: dict[str, str] = {
        "id": pack.id,
        "title": pack.title,
        "published": pack.published.isoformat(),
    }
    for procedure in Procedure:
        rules = pack.procedures[procedure]
        at = f"procedures.{procedure.value}"
        facts[f"{at}.base"] = f"{_q(rules.base)} ({rules.basis}) [{rules.rule}]"
        for power in rules.powers:
            facts[f"{at}.extension {power.basis}"] = _power(power)
        if rules.max_total_months:
            facts[f"{at}.max_total"] = f"{rules.max_total_months} months"
        if rules.objection_period:
            facts[f"{at}.objection_period"] = _q(rules.objection_period)
        if rules.apr_from:
            facts[f"{at}.apr_from"] = rules.apr_from.isoformat()
        remedy = pack.remedy(procedure)
        other = f" (or {_q(remedy.alternative)})" if remedy.alternative else ""
        facts[f"remedies.{procedure.value}"] = (
            f"{remedy.kind} within {_q(remedy.period)}{other} ({remedy.basis}) [{remedy.rule}]"
        )
    for tiers in pack.tiers:
        rates = " / ".join(f"EUR {rate}" for rate in tiers.daily)
        facts[f"penalty.amounts from {tiers.valid_from}"] = (
            f"{rates} a day, {tiers.days_per_tier} days each, at most {tiers.max_days} days "
            f"(at most EUR {tiers.cap})"
        )
    for i, rule in enumerate(pack.availability):
        names = ", ".join(sorted(p.value for p in rule.procedures))
        span = f"{rule.valid_from or '...'} to {rule.valid_until or '...'}"
        facts[f"penalty.availability[{i}]"] = f"{names}: {'yes' if rule.applies else 'no'} ({span})"
    facts["penalty.window_days"] = str(pack.window_days)
    facts["penalty.fix_decision_days"] = str(pack.fix_decision_days)
    facts["penalty.appeal_warn_months"] = str(pack.appeal_warn_months)
    facts["appointments.proof_window"] = _q(pack.appointments.proof_window)
    facts["appointments.mvv_collect"] = _q(pack.appointments.mvv_collect)
    for kind, basis in pack.appointments.basis.items():
        facts[f"appointments.basis.{kind}"] = basis
    facts["pauses.contested"] = pack.pauses.contested
    facts["pauses.force_majeure"] = pack.pauses.force_majeure
    facts["pauses.bases"] = ", ".join(b.basis for b in pack.pauses.bases)
    for key, citation in pack.citations.items():
        facts[f"citations.{key}"] = citation
    atw = pack.atw
    facts["atw.covers"] = (
        f"up to {atw.max_days} days, {atw.max_weeks} weeks, {atw.max_months} months"
    )
    facts["atw.fixed"] = ", ".join(f"{d:02d}-{m:02d}" for m, d in atw.fixed)
    facts["atw.easter_offsets"] = ", ".join(str(x) for x in atw.easter_offsets)
    facts["atw.kings_day"] = f"{atw.kings_day[1]:02d}-{atw.kings_day[0]:02d}"
    for decree in atw.decrees:
        days = ", ".join(d.isoformat() for d in sorted(decree.days))
        facts[f"atw.decree {decree.first_year}-{decree.last_year}"] = f"{days} ({decree.title})"
    for name, pending in pack.pending.items():
        facts[f"pending.{name}"] = pending.title.en
        facts[f"pending.{name}.status"] = pending.status.en
        facts[f"pending.{name}.effective"] = (
            pending.effective.isoformat() if pending.effective else "not known"
        )
        for i, change in enumerate(pending.changes):
            facts[f"pending.{name}.changes[{i}]"] = _change(change)
    for key in ("name", "address", "fax", "checked", "source", "source_updated"):
        if key in pack.ind:
            value = pack.ind[key]
            facts[f"ind.{key}"] = ", ".join(value) if isinstance(value, list) else str(value)
    return facts


@dataclass(frozen=True, slots=True)
class FactChange:
    key: str
    old: str | None  # None: new in the newer pack
    new: str | None  # None: gone from the newer pack


def diff_packs(old: RulePack, new: RulePack) -> list[FactChange]:
    """What differs between two packs, fact by fact (texts counted apart: `changed_texts`)."""
    before, after = pack_facts(old), pack_facts(new)
    keys = list(before) + [k for k in after if k not in before]
    return [
        FactChange(key, before.get(key), after.get(key))
        for key in keys
        if before.get(key) != after.get(key) and key != "id"
    ]


def changed_texts(old: RulePack, new: RulePack) -> list[str]:
    """The keys of texts added, removed or reworded between two packs."""
    keys = sorted(set(old.texts) | set(new.texts))
    return [k for k in keys if old.texts.get(k) != new.texts.get(k)]
