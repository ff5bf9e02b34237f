"""What each IND appointment means for the case (R5): explanation, proof deadline, mvv window."""

from __future__ import annotations

from datetime import date

from desktop.core.calendar import add, roll
from desktop.core.explain import Explainer
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    AppointmentResult,
    Case,
    MvvGranted,
    Procedure,
)
from desktop.core.rulepack import RulePack


def explain_appointments(
    case: Case, pack: RulePack, ex: Explainer
) -> tuple[AppointmentResult, ...]:
    results = []
    for appt in sorted(case.of_type(Appointment), key=lambda a: a.date):
        results.append(_explain(case, appt, pack, ex))
    return tuple(results)


def _explain(case: Case, appt: Appointment, pack: RulePack, ex: Explainer) -> AppointmentResult:
    is_mvv = case.procedure in (Procedure.MVV, Procedure.NAREIS)
    rules = pack.appointments
    basis = rules.basis_for(appt.kind, mvv=is_mvv)
    if appt.attended:
        text = ex.text("appt_attended", date=appt.date)
        return AppointmentResult(
            appt.date, appt.kind, True, None, basis, text, ex.text("evidence_attended")
        )
    proof_due = None
    if appt.kind is AppointmentKind.ASYLUM_INTERVIEW:
        proof_due = roll(pack.atw, add(appt.date, rules.proof_window))  # the Atw covers it (R3.7)
        text = ex.text("appt_asylum_interview", date=appt.date, proof_due=proof_due)
        ex.warn(
            "asylum_interview_proof",
            "warn_asylum_interview_proof",
            "R5.2",
            date=appt.date,
            proof_due=proof_due,
        )
        ex.step(
            proof_due,
            "warn_asylum_interview_proof",
            basis,
            "R5.2",
            kind="proof_due",
            date=appt.date,
            proof_due=proof_due,
        )
    elif appt.kind is AppointmentKind.DOCUMENT_COLLECTION:
        key = "appt_document_collection_mvv" if is_mvv else "appt_document_collection"
        text = ex.text(key, date=appt.date, months=rules.mvv_collect.amount)
    else:
        text = ex.text(f"appt_{appt.kind.value}", date=appt.date)
    return AppointmentResult(
        appt.date, appt.kind, False, proof_due, basis, text, ex.text("evidence_missed")
    )


def mvv_collect_until(case: Case, pack: RulePack, ex: Explainer) -> date | None:
    """R5.4: the pack's window after the grant notification, not rolled (the earlier is safe)."""
    grants = case.of_type(MvvGranted)
    if not grants:
        return None
    notified = max(g.notified for g in grants)
    until = add(notified, pack.appointments.mvv_collect)
    ex.step(
        until,
        "step_mvv_collect",
        pack.cite("mvv_collect"),
        "R5.4",
        kind="mvv_collect_until",
        notified=notified,
        date=until,
    )
    return until
