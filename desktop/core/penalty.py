"""Notice of Default (ingebrekestelling), penalty (dwangsom) and non-decision appeal (R4)."""

from __future__ import annotations

from dataclasses import dataclass
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
from desktop.core.rulepack import RulePack
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


def _choose_notice(
    case: Case, term: TermResult, ex: Explainer
) -> tuple[NoticeResult | None, list[NoticeResult]]:
    """R4.1: a Notice received on or before the last day is void; the first valid one counts."""
    results = []
    for event in sorted(case.of_type(NoticeEvent), key=lambda n: n.received):
        valid = event.received > term.statutory_end
        if valid:
            reason = ex.text("notice_valid", date=event.received)
        else:
            reason = ex.text(
                "notice_premature",
                date=event.received,
                end=term.statutory_end,
                safe=term.safe_notice_receipt,
            )
        results.append(NoticeResult(event.received, valid, reason))
    chosen = next((n for n in results if n.valid), results[-1] if results else None)
    return chosen, results


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
    notice, all_notices = _choose_notice(case, term, ex)
    for n in all_notices:
        ex.step(
            n.received,
            "notice_valid" if n.valid else "notice_premature",
            pack.cite("notice"),
            "R4.1",
            kind="notice" if n.valid else "notice_premature",
            date=n.received,
            end=term.statutory_end,
            safe=term.safe_notice_receipt,
        )
        if not n.valid:
            ex.warn(
                "premature_notice",
                "warn_premature_notice",
                "R4.1",
                date=n.received,
                end=term.statutory_end,
                safe=term.safe_notice_receipt,
            )
        elif n.received < term.safe_notice_receipt:
            ex.warn(
                "notice_maybe_premature",
                "warn_notice_maybe_premature",
                "R4.1",
                date=n.received,
                safe=term.safe_notice_receipt,
            )

    if decision is not None:
        ex.step(
            decision, "step_decision", pack.cite("decision"), "R4.6", kind="decision", date=decision
        )

    anchor = notice.received if notice is not None and notice.valid else today
    by_law = pack.penalty_applies(case.procedure, anchor, flags)
    tiers = pack.tiers_for(anchor)
    max_amount = tiers.cap  # the statutory cap (contract: "1442.00"); `applies` says if it is owed
    procedure = ex.text(f"procedure_{case.procedure.value}")
    if not by_law:
        ex.warn("no_admin_penalty", "warn_no_admin_penalty", "R4.7", procedure=procedure)

    if notice is None or not notice.valid:
        return (
            notice,
            PenaltyResult(False, None, None, None, 0, Decimal("0"), max_amount, None),
            None,
        )

    dates = notice_dates(pack, notice.received)
    window_last, first_day, certain_from = dates.window_last, dates.first_day, dates.certain_from
    ex.step(
        window_last,
        "step_window",
        pack.cite("window"),
        "R4.4",
        kind="window_end",
        last=window_last,
        days=pack.window_days,
    )
    if by_law:
        ex.step(
            first_day,
            "step_first_penalty_day",
            pack.cite("penalty"),
            "R4.4",
            kind="first_day",
            date=first_day,
            days=(first_day - notice.received).days,
        )
    if certain_from != first_day:
        ex.step(
            certain_from,
            "step_certain_from",
            pack.cite("certain_from"),
            "R4.4",
            kind="certain_from",
            date=certain_from,
        )
    appeal_from = certain_from
    if not by_law:
        ex.step(
            certain_from,
            "step_no_admin_penalty",
            pack.cite("no_admin_penalty"),
            "R4.7",
            kind="no_admin_penalty",
            procedure=procedure,
        )
        ex.step(
            appeal_from,
            "step_appeal",
            pack.cite("appeal"),
            "R4.9",
            kind="appeal_from",
            date=appeal_from,
        )
        penalty = PenaltyResult(
            False, first_day, certain_from, None, 0, Decimal("0"), max_amount, None
        )
        return notice, penalty, appeal_from

    day_42 = dates.day_42
    stop = min(x for x in (today, day_42, decision) if x is not None)
    days = max(0, (stop - first_day).days + 1)
    if decision is not None and decision < first_day:
        last_day = None
        ex.step(
            decision,
            "step_penalty_none_yet",
            pack.cite("penalty"),
            "R4.6",
            kind="no_penalty",
            date=decision,
        )
    elif decision is not None and decision <= day_42:
        last_day = decision
    elif today >= day_42 or decision is not None:
        last_day = day_42
    else:
        last_day = None
    # R4.6: the day the decision is sent counts; the exclusive reading is shown beside it.
    exclusive = days - 1 if days and last_day is not None and last_day == decision else days
    amount = tiers.amount(days)
    rates = Text(*(" / ".join(format_money(r, lang) for r in tiers.daily) for lang in ("en", "nl")))
    if days:
        ex.step(
            stop,
            "step_penalty_days",
            pack.cite("penalty"),
            "R4.5",
            kind="penalty_days",
            date=stop,
            days=days,
            amount=amount,
            rates=rates,
            cap=tiers.cap,
            day42=day_42,
            max_days=tiers.max_days,
        )
    fix_due = None
    if last_day is not None:
        ex.step(
            last_day,
            "step_penalty_last_day",
            pack.cite("last_penalty_day"),
            "R4.6",
            kind="last_day",
            date=last_day,
            days_exclusive=exclusive,
            amount_exclusive=tiers.amount(exclusive),
        )
        fix_due = last_day + timedelta(days=pack.fix_decision_days)
        ex.step(
            fix_due,
            "step_fix_decision",
            pack.cite("fix_decision"),
            "R4.8",
            kind="fix_decision_due",
            date=fix_due,
        )
        fix_rolled = roll(pack.atw, fix_due)
        if fix_rolled != fix_due:
            ex.step(
                fix_rolled,
                "step_fix_decision_rolled",
                pack.cite("fix_decision_rolled"),
                "R4.8",
                kind="fix_decision_rolled",
                date=fix_due,
                rolled=fix_rolled,
            )
    ex.step(
        appeal_from,
        "step_appeal",
        pack.cite("appeal"),
        "R4.9",
        kind="appeal_from",
        date=appeal_from,
    )
    ex.warn("penalty_exceptions", "warn_penalty_exceptions", "R4.7")
    if case.procedure is Procedure.NAREIS:
        ex.warn("nareis_penalty_unverified", "warn_nareis_penalty_unverified", "R1.3")
    penalty = PenaltyResult(
        applies=True,
        first_day=first_day,
        certain_from=certain_from,
        last_day=last_day,
        days=days,
        amount=amount,
        max_amount=max_amount,
        fix_decision_due=fix_due,
        days_exclusive=exclusive,
        amount_exclusive=tiers.amount(exclusive),
        day_42=day_42,
    )
    return notice, penalty, appeal_from
