"""The decision term: base term, extensions and suspensions in both readings (R1, R2, R3)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop.core.calendar import add, add_months, roll
from desktop.core.explain import Explainer
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Case,
    Extension,
    ExtensionResult,
    InfoRequest,
    Pause,
    Procedure,
    Suspension,
    TermResult,
    Text,
)
from desktop.core.rulepack import Power, ProcedureRules, Quantity, RulePack

ATTRIBUTABLE = "4:15(2)(b)"  # Awb basis of a contested pause (R2.5)
FORCE_MAJEURE = "4:15(2)(c)"


def _cites(basis: str, article: str) -> bool:
    """Whether `basis` cites `article`, also in Dutch style ("Awb 4:15 lid 2 sub b")."""
    compact = re.sub(r"[\s,]+", "", basis.lower())
    compact = re.sub(r"lid(\d+)(?:,?sub|onder)([a-z])", r"(\1)(\2)", compact)
    return article in compact


@dataclass(frozen=True, slots=True)
class _Item:
    """One thing that may move the term, in date order."""

    day: date
    seq: int
    extension: Extension | None = None
    suspension: Suspension | None = None


@dataclass(slots=True)
class _Loop:
    """The outcome of one pass over the items (statutory, or with contested pauses too)."""

    end: date
    canonical: date
    chronological: date
    paused_days: int
    extensions: list[ExtensionResult]
    suspensions: list[Suspension]
    accepted: list[tuple[Extension, Power]]
    maybe_late: list[tuple[Extension | Suspension, date]]


def objection_start(case: Case, rules: ProcedureRules, pack: RulePack) -> tuple[date, date]:
    """R1.6a: the objection period end, rolled (the Atw covers the 4 weeks): the term's T0."""
    assert case.objected_decision_sent is not None and rules.objection_period is not None
    period_end = add(case.objected_decision_sent, rules.objection_period)
    return period_end, roll(pack.atw, period_end)


def term_start(case: Case, rules: ProcedureRules, pack: RulePack) -> date:
    if case.procedure is Procedure.OBJECTION:
        return objection_start(case, rules, pack)[1]
    assert case.received is not None
    return case.received


def base_term(rules: ProcedureRules, flags: frozenset[str]) -> Quantity:
    if "bill_36349" in flags and rules.bill_36349_base is not None:
        return rules.bill_36349_base
    return rules.base


def _suspensions(case: Case, today: date, ex: Explainer) -> list[Suspension]:
    """Every suspension the events claim, before the validity test (R2.1-R2.5, R5.1)."""
    found: list[Suspension] = []
    for event in case.events:
        if isinstance(event, InfoRequest):
            if event.deadline is None:
                ex.warn(
                    "info_request_no_deadline",
                    "warn_info_request_no_deadline",
                    "R2.2",
                    date=event.sent,
                )
                continue
            done = event.completed
            last = done if done is not None and done <= event.deadline else event.deadline
            provisional = done is None and event.deadline >= today
            if provisional:
                ex.warn(
                    "info_request_provisional",
                    "warn_info_request_provisional",
                    "R2.1",
                    date=event.sent,
                    deadline=event.deadline,
                )
            found.append(
                Suspension(
                    event.sent, last, "info_request", False, provisional, True, "Awb 4:15(1)(a)"
                )
            )
        elif isinstance(event, Pause):
            contested = _cites(event.basis, ATTRIBUTABLE)
            if _cites(event.basis, FORCE_MAJEURE):
                ex.warn("force_majeure", "warn_force_majeure", "R2.6")
            found.append(
                Suspension(event.start, event.until, "pause", contested, False, True, event.basis)
            )
        elif (
            isinstance(event, Appointment)
            and event.kind is AppointmentKind.BIOMETRICS
            and not event.attended
        ):
            if event.rescheduled_to is None:
                ex.warn(
                    "open_contested_pause", "warn_open_contested_pause", "R5.1", date=event.date
                )
                continue
            found.append(
                Suspension(
                    event.date,
                    event.rescheduled_to,
                    "appointment",
                    True,
                    False,
                    True,
                    "Awb 4:15(2)(b)",
                )
            )
    return found


def _days(s: Suspension) -> set[int]:
    return set(range(s.trigger.toordinal() + 1, s.last.toordinal() + 1))


def _canonical(
    start: date, base: Quantity, accepted: list[tuple[Extension, Power]], paused: int
) -> date:
    """R2.9 canonical: base and all extensions in one step, then all paused days."""
    months = sum(ext.months for ext, _ in accepted)
    weeks = sum(ext.weeks for ext, _ in accepted)
    if base.unit in ("months", "years"):
        end = add_months(start, base.months + months) + timedelta(weeks=weeks)
    elif base.unit == "weeks":
        end = add_months(start + timedelta(weeks=base.amount + weeks), months)
    else:
        end = add_months(start + timedelta(days=base.amount), months) + timedelta(weeks=weeks)
    return end + timedelta(days=paused)


def _quantity(ext: Extension) -> Quantity:
    return Quantity(ext.months, "months") if ext.months else Quantity(ext.weeks, "weeks")


class _TermComputation:
    def __init__(
        self,
        case: Case,
        rules: ProcedureRules,
        pack: RulePack,
        today: date,
        flags: frozenset[str],
        ex: Explainer,
    ) -> None:
        self.case, self.rules, self.pack, self.flags, self.ex = case, rules, pack, flags, ex
        self.start = term_start(case, rules, pack)
        self.base = base_term(rules, flags)
        self.base_end = add(self.start, self.base)
        items: list[_Item] = [
            _Item(e.sent, i, extension=e)
            for i, e in enumerate(case.events)
            if isinstance(e, Extension)
        ]
        for s in _suspensions(case, today, self.ex):
            items.append(_Item(s.trigger, len(items) + 1000, suspension=s))
        self.items = sorted(items, key=lambda it: (it.day, it.seq))

    def run(self, include_contested: bool, skip: frozenset[int] = frozenset()) -> _Loop:
        """One pass in date order; every item is tested against the term as it stands then."""
        accepted: list[tuple[Extension, Power]] = []
        counted: set[int] = set()
        chrono = self.base_end
        ext_results: list[ExtensionResult] = []
        susp_results: list[Suspension] = []
        maybe_late: list[tuple[Extension | Suspension, date]] = []
        for item in self.items:
            if item.seq in skip:
                continue
            suspension = item.suspension
            if suspension is not None and suspension.contested and not include_contested:
                susp_results.append(suspension)
                continue
            running = max(_canonical(self.start, self.base, accepted, len(counted)), chrono)
            limit = roll(self.pack.atw, running)
            if item.extension is not None:
                ext = item.extension
                power, reason = self._check_extension(ext, accepted, running, limit)
                if power is None:
                    ext_results.append(
                        ExtensionResult(ext.sent, ext.basis, ext.months, ext.weeks, False, reason)
                    )
                    continue
                if ext.sent > running and not self._atw_covers(accepted):
                    maybe_late.append((ext, running))
                accepted.append((ext, power))
                chrono = add(chrono, _quantity(ext))
                ext_results.append(
                    ExtensionResult(ext.sent, ext.basis, ext.months, ext.weeks, True, None)
                )
            elif suspension is not None:
                if suspension.trigger > limit:  # R2.11: nothing acts on an expired term
                    susp_results.append(replace(suspension, counted=False))
                    continue
                if suspension.trigger > running and not self._atw_covers(accepted):
                    maybe_late.append((suspension, running))
                new = _days(suspension) - counted
                counted |= new
                chrono += timedelta(days=len(new))
                susp_results.append(suspension)
        canonical = _canonical(self.start, self.base, accepted, len(counted))
        return _Loop(
            end=max(canonical, chrono),
            canonical=canonical,
            chronological=chrono,
            paused_days=len(counted),
            extensions=ext_results,
            suspensions=susp_results,
            accepted=accepted,
            maybe_late=maybe_late,
        )

    def _atw_covers(self, accepted: list[tuple[Extension, Power]]) -> bool:
        """R3.7: the base term and each valid extension within the Atw art. 4 limits."""
        atw = self.pack.atw
        return atw.covers(self.base) and all(atw.covers(_quantity(e)) for e, _ in accepted)

    def _check_extension(
        self, ext: Extension, accepted: list[tuple[Extension, Power]], running: date, limit: date
    ) -> tuple[Power | None, Text | None]:
        """R1.0c, R1.0e: in time, on a power the procedure has, within its maximum and uses."""
        ex = self.ex
        if ext.sent > limit:
            return None, ex.text("reason_expired", sent=ext.sent, end=limit)
        power = self.rules.power(ext.basis)
        procedure = ex.text(f"procedure_{self.case.procedure.value}")
        if power is None:
            powers = ", ".join(p.basis for p in self.rules.powers)
            return None, ex.text(
                "reason_no_power", procedure=procedure, basis=ext.basis, powers=powers
            )
        given = "months" if ext.months else "weeks"
        if given != power.unit:
            return None, ex.text(
                "reason_unit",
                basis=power.basis,
                unit=ex.text(f"unit_{power.unit}"),
                given=ex.text(f"unit_{given}"),
            )
        used = sum(1 for _, p in accepted if p is power)
        if used >= power.uses:
            return None, ex.text("reason_used", basis=power.basis, uses=power.uses)
        if power.requires and not any(p.basis == power.requires for _, p in accepted):
            return None, ex.text("reason_requires", basis=power.basis, requires=power.requires)
        amount = ext.months or ext.weeks
        if power.maximum and amount > power.maximum:
            return None, ex.text(
                "reason_over_max",
                amount=amount,
                maximum=power.maximum,
                unit=ex.text(f"unit_{power.unit}"),
                basis=power.basis,
            )
        if power.total_months is not None:
            total = self.base.months + sum(e.months for e, _ in accepted) + ext.months
            if total > power.total_months:
                return None, ex.text("reason_over_total", total=total, maximum=power.total_months)
        return power, None


def compute_term(
    case: Case, pack: RulePack, today: date, flags: frozenset[str], ex: Explainer
) -> TermResult:
    """R3.8 computation summary: statutory, rolled and IND-view ends, and the safe Notice date."""
    rules = pack.procedures[case.procedure]
    comp = _TermComputation(case, rules, pack, today, flags, ex)
    atw = pack.atw
    unknown_years: set[int] = set()

    statutory = comp.run(include_contested=False)
    has_contested = any(it.suspension and it.suspension.contested for it in comp.items)
    ind = comp.run(include_contested=True) if has_contested else statutory
    atw_applies = comp._atw_covers(statutory.accepted)

    rolled_end = roll(atw, statutory.end, unknown_years)
    statutory_end = rolled_end if atw_applies else statutory.end
    ind_view_end = roll(atw, ind.end, unknown_years)
    candidates = [rolled_end, ind_view_end]
    if case.ind_stated_end is not None:
        candidates.append(case.ind_stated_end)
    safe = max(candidates) + timedelta(days=1)

    _explain_term(case, rules, comp, statutory, ind, ex)
    _explain_ends(case, statutory, statutory_end, rolled_end, ind_view_end, atw_applies, safe, ex)
    _wbv_warning(case, comp, statutory, ex)
    if unknown_years:
        ex.warn(
            "decree_days_unknown",
            "warn_decree_days_unknown",
            "R3.9",
            years=", ".join(str(y) for y in sorted(unknown_years)),
        )
    contested_days = ind.paused_days - statutory.paused_days
    provisional = any(s.provisional for s in statutory.suspensions if s.counted and not s.contested)
    return TermResult(
        base_end=comp.base_end,
        statutory_end=statutory_end,
        rolled_end=rolled_end,
        ind_view_end=ind_view_end,
        safe_notice_receipt=safe,
        atw_applies=atw_applies,
        paused_days=statutory.paused_days,
        contested_days=contested_days,
        extensions=tuple(statutory.extensions),
        suspensions=tuple(statutory.suspensions),
        start=comp.start,
        canonical_end=statutory.canonical,
        chronological_end=statutory.chronological,
        provisional=provisional,
    )


def _explain_term(
    case: Case,
    rules: ProcedureRules,
    comp: _TermComputation,
    statutory: _Loop,
    ind: _Loop,
    ex: Explainer,
) -> None:
    pack = comp.pack
    if case.procedure is Procedure.OBJECTION:
        period_end, start = objection_start(case, rules, pack)
        assert case.objected_decision_sent is not None
        ex.step(
            case.objected_decision_sent,
            "step_objection_period",
            "Vw 69(1); Awb 6:8; Atw 1",
            "R1.6a",
            kind="start",
            sent=case.objected_decision_sent,
            period_end=period_end,
            start=start,
        )
    else:
        ex.step(comp.start, "step_received", "Awb 4:13(1)", "R1.0", kind="start", date=comp.start)
    ex.step(
        comp.base_end,
        "step_base_end",
        rules.basis,
        rules.rule,
        kind="base_end",
        procedure=ex.text(f"procedure_{case.procedure.value}"),
        amount=comp.base.amount,
        unit=ex.text(f"unit_{comp.base.unit}"),
        date=comp.base_end,
    )
    counted: set[int] = set()
    timeline = sorted(
        [(r.sent, 0, r) for r in statutory.extensions]
        + [(s.trigger, 1, s) for s in statutory.suspensions],
        key=lambda x: (x[0], x[1]),
    )
    for day, _, entry in timeline:
        if isinstance(entry, ExtensionResult):
            _explain_extension(entry, ex)
        elif entry.contested:
            continue  # explained with the IND view below
        elif not entry.counted:
            ex.step(
                day,
                "step_suspension_late",
                entry.basis,
                "R2.11",
                kind="suspension",
                source=ex.text(f"source_{entry.source}"),
                trigger=entry.trigger,
            )
        else:
            days = _days(entry)
            new = days - counted
            counted |= new
            key = "step_suspension" if len(new) == len(days) else "step_suspension_overlap"
            ex.step(
                entry.last,
                key,
                entry.basis,
                "R2.1" if entry.source == "info_request" else "R2.3",
                kind="suspension",
                source=ex.text(f"source_{entry.source}"),
                trigger=entry.trigger,
                last=entry.last,
                days=len(new),
            )
    for s in ind.suspensions:
        if s.contested and s.counted:
            ex.step(
                s.last,
                "step_contested",
                s.basis,
                "R2.5",
                kind="contested",
                trigger=s.trigger,
                last=s.last,
                days=len(_days(s)),
            )
    if statutory.canonical != statutory.chronological:
        early, late = sorted((statutory.canonical, statutory.chronological))
        ex.step(
            late, "step_orders_differ", "Awb 4:15", "R2.9", kind="orders", other=early, date=late
        )
        ex.warn("readings_differ", "warn_orders_differ", "R2.9", early=early, late=late)
    for moved, end_then in statutory.maybe_late:
        if isinstance(moved, Extension):
            ex.warn(
                "extension_maybe_late",
                "warn_extension_maybe_late",
                "R1.0c",
                basis=moved.basis,
                sent=moved.sent,
                end=end_then,
            )


def _explain_extension(entry: ExtensionResult, ex: Explainer) -> None:
    if entry.valid:
        unit = "months" if entry.months else "weeks"
        ex.step(
            entry.sent,
            "step_extension_valid",
            entry.basis,
            "R1.0c",
            kind="extension",
            basis=entry.basis,
            amount=entry.months or entry.weeks,
            unit=ex.text(f"unit_{unit}"),
            sent=entry.sent,
        )
        return
    assert entry.reason is not None
    ex.step(
        entry.sent,
        "step_extension_invalid",
        entry.basis,
        "R1.0e",
        kind="extension_invalid",
        basis=entry.basis,
        sent=entry.sent,
        reason=entry.reason,
    )
    ex.warn(
        "invalid_extension",
        "warn_extension_invalid",
        "R1.0e",
        basis=entry.basis,
        sent=entry.sent,
        reason=entry.reason,
    )


def _explain_ends(
    case: Case,
    statutory: _Loop,
    statutory_end: date,
    rolled_end: date,
    ind_view_end: date,
    atw_applies: bool,
    safe: date,
    ex: Explainer,
) -> None:
    ex.step(statutory.end, "step_end", "Awb 4:13; Awb 4:15", "R2.9", kind="end", date=statutory.end)
    if rolled_end != statutory.end:
        if atw_applies:
            ex.step(
                rolled_end,
                "step_roll_atw",
                "Atw 1",
                "R3.5",
                kind="rolled_end",
                date=statutory.end,
                rolled=rolled_end,
            )
        else:
            ex.step(
                rolled_end,
                "step_roll_ind",
                "Atw 4; IND practice",
                "R3.8",
                kind="rolled_end",
                date=statutory.end,
                rolled=rolled_end,
            )
            ex.warn(
                "rolled_only_ind",
                "warn_rolled_only_ind",
                "R3.8",
                end=statutory_end,
                rolled=rolled_end,
            )
    if ind_view_end != rolled_end:
        ex.step(
            ind_view_end,
            "step_ind_view",
            "Awb 4:15(2)(b)",
            "R5.1",
            kind="ind_view_end",
            date=ind_view_end,
        )
        ex.warn(
            "contested_pause",
            "warn_contested_pause",
            "R2.5",
            days=(ind_view_end - rolled_end).days,
            date=ind_view_end,
        )
    if case.ind_stated_end is not None:
        ex.step(
            case.ind_stated_end,
            "step_ind_stated",
            "IND",
            "R1.0b",
            kind="ind_stated_end",
            date=case.ind_stated_end,
        )
        if case.ind_stated_end != rolled_end:
            ex.warn(
                "ind_stated_end_differs",
                "warn_ind_stated_differs",
                "R1.0b",
                stated=case.ind_stated_end,
                computed=rolled_end,
            )
    ex.step(
        safe,
        "step_safe_notice",
        "Awb 4:17(3); Awb 6:12(2)",
        "R3.8",
        kind="safe_notice_receipt",
        date=safe,
    )


def _wbv_warning(case: Case, comp: _TermComputation, statutory: _Loop, ex: Explainer) -> None:
    """R1.4f: an asylum 42(4) extension may be a blanket WBV one; show the end without it."""
    if case.procedure is not Procedure.ASYLUM:
        return
    wbv = frozenset(
        item.seq
        for item in comp.items
        if item.extension is not None
        and item.extension.months == 9
        and any(e is item.extension and p.basis == "Vw 42(4)" for e, p in statutory.accepted)
    )
    if not wbv:
        return
    without = comp.run(include_contested=False, skip=wbv)
    ex.warn("wbv_extension", "warn_wbv_extension", "R1.4f", date=roll(comp.pack.atw, without.end))
