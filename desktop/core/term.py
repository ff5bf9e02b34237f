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
from desktop.core.packmodel import normalise_basis
from desktop.core.rulepack import Power, ProcedureRules, Quantity, RulePack


def _compact(basis: str) -> str:
    """A citation without spaces, Dutch style folded in: "4:15 lid 2 sub b" -> "4:15(2)(b)"."""
    compact = re.sub(r"[\s,]+", "", basis.lower())
    return re.sub(r"lid(\d+)(?:,?sub|onder)([a-z])", r"(\1)(\2)", compact)


def _cites(basis: str, citation: str) -> bool:
    """Whether `basis` cites the article of `citation` (the pack's "Awb 4:15(2)(b)"), in any style.

    Only the article is compared ("4:15(2)(b)"): users write the law's name before or after it.
    """
    article = re.search(r"\d[\w:.]*(?:\(\w+\))*", _compact(citation))
    return article is not None and article.group(0) in _compact(basis)


@dataclass(frozen=True, slots=True)
class _Item:
    """One thing that may move the term, in date order."""

    day: date
    seq: int
    extension: Extension | None = None
    suspension: Suspension | None = None
    power: Power | None = None  # the extension's power, if the procedure has it


def _order(item: _Item, powers: tuple[Power, ...]) -> tuple[date, int, int, int]:
    """R1.0e: by day, then extensions before suspensions, then the pack's order of powers.

    So 42(4) goes before the 42(5) that requires it, and input order never changes a result.
    """
    if item.extension is None:
        return item.day, 1, 0, item.seq
    rank = powers.index(item.power) if item.power in powers else len(powers)
    return item.day, 0, rank, item.seq


def _same(basis: str, other: str) -> bool:
    return normalise_basis(basis) == normalise_basis(other)


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


def _suspensions(case: Case, pack: RulePack, today: date, ex: Explainer) -> list[Suspension]:
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
                    event.sent,
                    last,
                    "info_request",
                    False,
                    provisional,
                    True,
                    pack.cite("info_request"),
                )
            )
        elif isinstance(event, Pause):
            contested = _cites(event.basis, pack.pauses.contested)
            if _cites(event.basis, pack.pauses.force_majeure):
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
                    pack.pauses.contested,
                )
            )
    return found


def _length(s: Suspension) -> int:
    """Days suspended: after `trigger` up to and including `last`."""
    return max(0, (s.last - s.trigger).days)


class _PausedDays:
    """The days already suspended, as merged ranges of day numbers: each day counts once (R2.9).

    Ranges, not a set of days: a pause may span decades, and 500 of them must stay instant.
    """

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []  # disjoint, inclusive, in order
        self.total = 0

    def __len__(self) -> int:
        return self.total

    def add(self, s: Suspension) -> int:
        """Count the suspension's days; return how many were not counted before."""
        first, last = s.trigger.toordinal() + 1, s.last.toordinal()
        if last < first:
            return 0
        new = last - first + 1
        kept: list[tuple[int, int]] = []
        for a, b in self.ranges:
            if b < first - 1 or a > last + 1:  # apart: keep as it is
                kept.append((a, b))
                continue
            new -= max(0, min(b, last) - max(a, first) + 1)  # days counted already
            first, last = min(first, a), max(last, b)  # touching or overlapping: merge
        kept.append((first, last))
        kept.sort()
        self.ranges = kept
        self.total += new
        return new


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
        self.base = pack.base_term(case.procedure, case.received, flags)
        self.base_end = add(self.start, self.base)
        items: list[_Item] = [
            _Item(e.sent, i, extension=e, power=rules.power(e.basis))
            for i, e in enumerate(case.events)
            if isinstance(e, Extension)
        ]
        for i, s in enumerate(_suspensions(case, pack, today, self.ex)):
            items.append(_Item(s.trigger, i, suspension=s))
        self.items = sorted(items, key=lambda it: _order(it, rules.powers))

    @property
    def has_contested(self) -> bool:
        """Whether the IND's reading differs: a contested pause or a general extension."""
        return any(
            (it.suspension is not None and it.suspension.contested)
            or (it.power is not None and it.power.contested)
            for it in self.items
        )

    def run(self, include_contested: bool) -> _Loop:
        """One pass in date order; every item is tested against the term as it stands then.

        Without `include_contested` (the applicant's reading) contested pauses and general (WBV)
        extensions are listed but move nothing (R2.5, R1.4f).
        """
        accepted: list[tuple[Extension, Power]] = []
        counted = _PausedDays()
        chrono = self.base_end
        ext_results: list[ExtensionResult] = []
        susp_results: list[Suspension] = []
        maybe_late: list[tuple[Extension | Suspension, date]] = []
        for item in self.items:
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
                if power.contested and not include_contested:
                    ext_results.append(
                        ExtensionResult(
                            ext.sent, ext.basis, ext.months, ext.weeks, True, None, contested=True
                        )
                    )
                    continue
                if ext.sent > running and not self._atw_covers(accepted):
                    maybe_late.append((ext, running))
                accepted.append((ext, power))
                chrono = add(chrono, _quantity(ext))
                ext_results.append(
                    ExtensionResult(
                        ext.sent, ext.basis, ext.months, ext.weeks, True, None, power.contested
                    )
                )
            elif suspension is not None:
                if suspension.trigger > limit:  # R2.11: nothing acts on an expired term
                    susp_results.append(replace(suspension, counted=False))
                    continue
                if suspension.trigger > running and not self._atw_covers(accepted):
                    maybe_late.append((suspension, running))
                chrono += timedelta(days=counted.add(suspension))
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
        if power.uses is not None and sum(1 for _, p in accepted if p is power) >= power.uses:
            return None, ex.text("reason_used", basis=power.basis, uses=power.uses)
        if power.requires and not any(_same(p.statutory, power.requires) for _, p in accepted):
            return None, ex.text("reason_requires", basis=power.basis, requires=power.requires)
        amount = ext.months or ext.weeks
        # R1.0e: with `in_total`, several letters under one power share its maximum (a general
        # instrument counts towards the power it is exercised under).
        earlier = (
            sum(e.months or e.weeks for e, p in accepted if _same(p.statutory, power.statutory))
            if power.in_total
            else 0
        )
        if power.maximum and earlier + amount > power.maximum:
            if earlier:
                return None, ex.text(
                    "reason_over_power_total",
                    amount=amount,
                    earlier=earlier,
                    total=earlier + amount,
                    maximum=power.maximum,
                    unit=ex.text(f"unit_{power.unit}"),
                    basis=power.basis,
                )
            return None, ex.text(
                "reason_over_max",
                amount=amount,
                maximum=power.maximum,
                unit=ex.text(f"unit_{power.unit}"),
                basis=power.basis,
            )
        months = self.base.months + sum(e.months for e, _ in accepted) + ext.months
        for cap in (power.total_months, self.rules.max_total_months):
            if cap is not None and months > cap:
                return None, ex.text("reason_over_total", total=months, maximum=cap)
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
    ind = comp.run(include_contested=True) if comp.has_contested else statutory
    atw_applies = comp._atw_covers(statutory.accepted)

    rolled_end = roll(atw, statutory.end, unknown_years)
    statutory_end = rolled_end if atw_applies else statutory.end
    ind_view_end = roll(atw, ind.end, unknown_years)
    candidates = [rolled_end, ind_view_end]
    if case.ind_stated_end is not None:
        candidates.append(case.ind_stated_end)
    safe = max(candidates) + timedelta(days=1)

    _explain_term(case, rules, comp, statutory, ind, ex)
    _explain_ends(
        case, pack, statutory, ind, statutory_end, rolled_end, ind_view_end, atw_applies, safe, ex
    )
    _general_extension_hints(case, comp, statutory, ex)
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
            pack.cite("objection_period"),
            "R1.6a",
            kind="start",
            sent=case.objected_decision_sent,
            period_end=period_end,
            start=start,
            amount=rules.objection_period.amount if rules.objection_period else 0,
            unit=ex.text(f"unit_{rules.objection_period.unit}") if rules.objection_period else "",
        )
    else:
        ex.step(
            comp.start,
            "step_received",
            pack.cite("received"),
            "R1.0",
            kind="start",
            date=comp.start,
        )
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
    counted = _PausedDays()
    timeline = sorted(
        [(r.sent, 0, r) for r in statutory.extensions]
        + [(s.trigger, 1, s) for s in statutory.suspensions],
        key=lambda x: (x[0], x[1]),
    )
    for day, _, entry in timeline:
        if isinstance(entry, ExtensionResult):
            _explain_extension(entry, pack, ex)
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
            new = counted.add(entry)
            key = "step_suspension" if new == _length(entry) else "step_suspension_overlap"
            ex.step(
                entry.last,
                key,
                entry.basis,
                "R2.1" if entry.source == "info_request" else "R2.3",
                kind="suspension",
                source=ex.text(f"source_{entry.source}"),
                trigger=entry.trigger,
                last=entry.last,
                days=new,
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
                days=_length(s),
            )
    if statutory.canonical != statutory.chronological:
        early, late = sorted((statutory.canonical, statutory.chronological))
        ex.step(
            late,
            "step_orders_differ",
            pack.cite("orders"),
            "R2.9",
            kind="orders",
            other=early,
            date=late,
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


def _explain_extension(entry: ExtensionResult, pack: RulePack, ex: Explainer) -> None:
    unit = "months" if entry.months else "weeks"
    if entry.contested:
        ex.step(
            entry.sent,
            "step_extension_contested",
            pack.cite("general_extension"),
            "R1.4f",
            kind="extension_contested",
            basis=entry.basis,
            amount=entry.months or entry.weeks,
            unit=ex.text(f"unit_{unit}"),
            sent=entry.sent,
        )
        return
    if entry.valid:
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
    pack: RulePack,
    statutory: _Loop,
    ind: _Loop,
    statutory_end: date,
    rolled_end: date,
    ind_view_end: date,
    atw_applies: bool,
    safe: date,
    ex: Explainer,
) -> None:
    ex.step(statutory.end, "step_end", pack.cite("end"), "R2.9", kind="end", date=statutory.end)
    if rolled_end != statutory.end:
        if atw_applies:
            ex.step(
                rolled_end,
                "step_roll_atw",
                pack.cite("roll_atw"),
                "R3.5",
                kind="rolled_end",
                date=statutory.end,
                rolled=rolled_end,
            )
        else:
            ex.step(
                rolled_end,
                "step_roll_ind",
                pack.cite("roll_ind"),
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
    general = [e for e in statutory.extensions if e.contested]
    if ind_view_end != rolled_end:
        ex.step(
            ind_view_end,
            "step_ind_view_general" if general else "step_ind_view",
            pack.cite("general_extension") if general else pack.cite("ind_view"),
            "R1.4f" if general else "R5.1",
            kind="ind_view_end",
            date=ind_view_end,
        )
    for entry in general:
        ex.warn(
            "wbv_extension",
            "warn_wbv_extension",
            "R1.4f",
            basis=entry.basis,
            date=rolled_end,
            ind_date=ind_view_end,
        )
    contested_days = ind.paused_days - statutory.paused_days
    if contested_days and ind_view_end != rolled_end:
        ex.warn(
            "contested_pause",
            "warn_contested_pause",
            "R2.5",
            days=contested_days,  # the count the key dates show (TermResult.contested_days)
            date=ind_view_end,
        )
    if case.ind_stated_end is not None:
        ex.step(
            case.ind_stated_end,
            "step_ind_stated",
            pack.cite("ind_stated"),
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
        pack.cite("safe_notice"),
        "R3.8",
        kind="safe_notice_receipt",
        date=safe,
    )


def _general_extension_hints(
    case: Case, comp: _TermComputation, statutory: _Loop, ex: Explainer
) -> None:
    """R1.4f: an individual letter the size of a general (WBV) extension of its time may be one.

    The pack lists the general instruments (contested powers `under` a statutory one) with the
    applications they covered; a matching letter entered under the statutory power gets a hint.
    """
    general = [p for p in comp.rules.powers if p.contested and p.under is not None]
    if not general or case.received is None:
        return
    for ext, power in statutory.accepted:
        for instrument in general:
            assert instrument.under is not None
            if (
                _same(instrument.under, power.basis)
                and instrument.maximum == (ext.months or ext.weeks)
                and (instrument.received_from or date.min) <= case.received
                and case.received <= (instrument.received_until or date.max)
            ):
                ex.warn(
                    "wbv_possible",
                    "warn_wbv_possible",
                    "R1.4f",
                    basis=ext.basis,
                    sent=ext.sent,
                    instrument=instrument.basis,
                )
                break
