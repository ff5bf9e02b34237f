"""Notice of Default (ingebrekestelling), penalty (dwangsom) and non-decision appeal (R4)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from desktop.core.calendar import roll
from desktop.core.explain import Explainer
from desktop.core.model import (
    Case,
    NoticeEvent,
    NoticeResult,
    PenaltyResult,
    Procedure,
    TermResult,
    Text,
)
from desktop.core.rulepack import PenaltyTiers, RulePack
from desktop.i18n import format_money


@dataclass(frozen=True, slots=True)
class NoticeDates:
    """The dates that follow from the IND's receipt of a Notice (R4.4, R4.5, R4.9)."""

    window_last: date  # the last day of the IND's two weeks, as counted
    first_day: date  # the first penalty day: receipt + 15
    certain_from: date  # the same with the two weeks rolled by the Atw; the appeal opens then
    day_42: date  # the last possible penalty day (the Atw does not extend the 42 days)


def notice_dates(pack: RulePack, received: date) -> NoticeDates:
    window_last = received + timedelta(days=pack.window_days)
    first_day = window_last + timedelta(days=1)
    return NoticeDates(
        window_last=window_last,
        first_day=first_day,
        certain_from=roll(pack.atw, window_last) + timedelta(days=1),
        day_42=first_day + timedelta(days=pack.tiers_for(received).max_days - 1),
    )


@dataclass(frozen=True, slots=True)
class PenaltyFigures:
    """R4.1-R4.9 worked out, before anything is explained (as term.py's loops are)."""

    notices: tuple[tuple[date, bool], ...]  # every Notice received, in date order, and if valid
    chosen: int | None  # the Notice that counts: the first valid one, else the latest
    by_law: bool  # an administrative penalty exists for this procedure (on the anchor day)
    tiers: PenaltyTiers
    dates: NoticeDates | None  # None without a valid Notice
    days: int = 0
    last_day: date | None = None
    stop: date | None = None  # the day the count runs to (today, the decision or day 42)
    exclusive: int = 0  # the count without the day the decision was sent
    fix_due: date | None = None
    fix_rolled: date | None = None

    @property
    def valid_notice(self) -> date | None:
        if self.chosen is None:
            return None
        received, valid = self.notices[self.chosen]
        return received if valid else None


def penalty_figures(
    case: Case,
    term: TermResult,
    pack: RulePack,
    today: date,
    flags: frozenset[str],
    decision: date | None,
) -> PenaltyFigures:
    """The penalty's figures, no texts: the same for the window, the store and the letters.

    R4.1: a Notice received on or before the last day is void; the first valid one counts.
    R4.4-R4.8: from its receipt, the window, the penalty days and amount, the fixing decision.
    """
    notices = tuple(
        (n.received, n.received > term.statutory_end)
        for n in sorted(case.of_type(NoticeEvent), key=lambda n: n.received)
    )
    chosen = next((i for i, (_d, valid) in enumerate(notices) if valid), None)
    if chosen is None and notices:
        chosen = len(notices) - 1
    received = notices[chosen][0] if chosen is not None and notices[chosen][1] else None
    anchor = received or today
    figures = PenaltyFigures(
        notices=notices,
        chosen=chosen,
        by_law=pack.penalty_applies(case.procedure, anchor, flags),
        tiers=pack.tiers_for(anchor),
        dates=notice_dates(pack, received) if received is not None else None,
    )
    if received is None or not figures.by_law:
        return figures
    dates = figures.dates
    assert dates is not None
    first_day, day_42 = dates.first_day, dates.day_42
    stop = min(x for x in (today, day_42, decision) if x is not None)
    days = max(0, (stop - first_day).days + 1)
    if decision is not None and decision < first_day:
        last_day = None
    elif decision is not None and decision <= day_42:
        last_day = decision
    elif today >= day_42 or decision is not None:
        last_day = day_42
    else:
        last_day = None
    # R4.6: the day the decision is sent counts; the exclusive reading is shown beside it.
    exclusive = days - 1 if days and last_day is not None and last_day == decision else days
    fix_due = last_day + timedelta(days=pack.fix_decision_days) if last_day else None
    return replace(
        figures,
        days=days,
        last_day=last_day,
        stop=stop,
        exclusive=exclusive,
        fix_due=fix_due,
        fix_rolled=roll(pack.atw, fix_due) if fix_due else None,
    )


def compute_penalty(
    case: Case,
    term: TermResult,
    pack: RulePack,
    today: date,
    flags: frozenset[str],
    decision: date | None,
    ex: Explainer,
) -> tuple[NoticeResult | None, PenaltyResult, date | None]:
    """R4.4-R4.9 computation summary; returns the Notice used, the penalty and `appeal_from`."""
    figures = penalty_figures(case, term, pack, today, flags, decision)
    results = [_notice_result(received, valid, term, ex) for received, valid in figures.notices]
    notice = results[figures.chosen] if figures.chosen is not None else None
    _explain(case, term, pack, figures, decision, ex)
    tiers = figures.tiers
    max_amount = tiers.cap  # the statutory cap (contract: "1442.00"); `applies` says if it is owed
    dates = figures.dates
    if dates is None:
        penalty = PenaltyResult(False, None, None, None, 0, Decimal("0"), max_amount, None)
        return notice, penalty, None
    if not figures.by_law:
        penalty = PenaltyResult(
            False, dates.first_day, dates.certain_from, None, 0, Decimal("0"), max_amount, None
        )
        return notice, penalty, dates.certain_from
    penalty = PenaltyResult(
        applies=True,
        first_day=dates.first_day,
        certain_from=dates.certain_from,
        last_day=figures.last_day,
        days=figures.days,
        amount=tiers.amount(figures.days),
        max_amount=max_amount,
        fix_decision_due=figures.fix_due,
        days_exclusive=figures.exclusive,
        amount_exclusive=tiers.amount(figures.exclusive),
        day_42=dates.day_42,
    )
    return notice, penalty, dates.certain_from  # R4.9: appeal_from = certain_from


def _notice_result(received: date, valid: bool, term: TermResult, ex: Explainer) -> NoticeResult:
    if valid:
        reason = ex.text("notice_valid", date=received)
    else:
        reason = ex.text(
            "notice_premature", date=received, end=term.statutory_end, safe=term.safe_notice_receipt
        )
    return NoticeResult(received, valid, reason)


def _explain(
    case: Case,
    term: TermResult,
    pack: RulePack,
    figures: PenaltyFigures,
    decision: date | None,
    ex: Explainer,
) -> None:
    """The steps and warnings of the penalty, in derivation order."""
    for received, valid in figures.notices:
        ex.step(
            received,
            "notice_valid" if valid else "notice_premature",
            pack.cite("notice"),
            "R4.1",
            kind="notice" if valid else "notice_premature",
            date=received,
            end=term.statutory_end,
            safe=term.safe_notice_receipt,
        )
        if not valid:
            ex.warn(
                "premature_notice",
                "warn_premature_notice",
                "R4.1",
                date=received,
                end=term.statutory_end,
                safe=term.safe_notice_receipt,
            )
        elif received < term.safe_notice_receipt:
            ex.warn(
                "notice_maybe_premature",
                "warn_notice_maybe_premature",
                "R4.1",
                date=received,
                safe=term.safe_notice_receipt,
            )
    if decision is not None:
        ex.step(
            decision, "step_decision", pack.cite("decision"), "R4.6", kind="decision", date=decision
        )
    procedure = ex.text(f"procedure_{case.procedure.value}")
    if not figures.by_law:
        ex.warn("no_admin_penalty", "warn_no_admin_penalty", "R4.7", procedure=procedure)
    dates = figures.dates
    if dates is None:
        return
    notice_day = figures.valid_notice
    assert notice_day is not None
    ex.step(
        dates.window_last,
        "step_window",
        pack.cite("window"),
        "R4.4",
        kind="window_end",
        last=dates.window_last,
        days=pack.window_days,
    )
    if figures.by_law:
        ex.step(
            dates.first_day,
            "step_first_penalty_day",
            pack.cite("penalty"),
            "R4.4",
            kind="first_day",
            date=dates.first_day,
            days=(dates.first_day - notice_day).days,
        )
    if dates.certain_from != dates.first_day:
        ex.step(
            dates.certain_from,
            "step_certain_from",
            pack.cite("certain_from"),
            "R4.4",
            kind="certain_from",
            date=dates.certain_from,
        )
    if not figures.by_law:
        ex.step(
            dates.certain_from,
            "step_no_admin_penalty",
            pack.cite("no_admin_penalty"),
            "R4.7",
            kind="no_admin_penalty",
            procedure=procedure,
        )
        _explain_appeal(pack, dates.certain_from, ex)
        return
    _explain_days(pack, figures, dates, decision, ex)
    _explain_appeal(pack, dates.certain_from, ex)
    ex.warn("penalty_exceptions", "warn_penalty_exceptions", "R4.7")
    if case.procedure is Procedure.NAREIS:
        ex.warn("nareis_penalty_unverified", "warn_nareis_penalty_unverified", "R1.3")


def _explain_days(
    pack: RulePack,
    figures: PenaltyFigures,
    dates: NoticeDates,
    decision: date | None,
    ex: Explainer,
) -> None:
    tiers = figures.tiers
    if decision is not None and decision < dates.first_day:
        ex.step(
            decision,
            "step_penalty_none_yet",
            pack.cite("penalty"),
            "R4.6",
            kind="no_penalty",
            date=decision,
        )
    if figures.days and figures.stop is not None:
        rates = Text(
            *(" / ".join(format_money(r, lang) for r in tiers.daily) for lang in ("en", "nl"))
        )
        ex.step(
            figures.stop,
            "step_penalty_days",
            pack.cite("penalty"),
            "R4.5",
            kind="penalty_days",
            date=figures.stop,
            days=figures.days,
            amount=tiers.amount(figures.days),
            rates=rates,
            cap=tiers.cap,
            day42=dates.day_42,
            max_days=tiers.max_days,
        )
    if figures.last_day is None or figures.fix_due is None:
        return
    ex.step(
        figures.last_day,
        "step_penalty_last_day",
        pack.cite("last_penalty_day"),
        "R4.6",
        kind="last_day",
        date=figures.last_day,
        days_exclusive=figures.exclusive,
        amount_exclusive=tiers.amount(figures.exclusive),
    )
    ex.step(
        figures.fix_due,
        "step_fix_decision",
        pack.cite("fix_decision"),
        "R4.8",
        kind="fix_decision_due",
        date=figures.fix_due,
    )
    if figures.fix_rolled is not None and figures.fix_rolled != figures.fix_due:
        ex.step(
            figures.fix_rolled,
            "step_fix_decision_rolled",
            pack.cite("fix_decision_rolled"),
            "R4.8",
            kind="fix_decision_rolled",
            date=figures.fix_due,
            rolled=figures.fix_rolled,
        )


def _explain_appeal(pack: RulePack, appeal_from: date, ex: Explainer) -> None:
    ex.step(
        appeal_from,
        "step_appeal",
        pack.cite("appeal"),
        "R4.9",
        kind="appeal_from",
        date=appeal_from,
    )
