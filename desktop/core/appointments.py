"""What each IND appointment means for the case (R5): explanation, proof deadline, mvv window."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.core.calendar import add_months, roll
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

PROOF_WINDOW = timedelta(days=14)  # Vw 30c(1)(b): two weeks to show the absence was excusable
MVV_COLLECT_MONTHS = 3  # Vw 2r(1) (2015 numbering): issue within three months of the grant

_BASIS = {
    AppointmentKind.BIOMETRICS: "Awb 4:5(1); Awb 4:15(2)(b)",
    AppointmentKind.ASYLUM_INTERVIEW: "Vw 30c(1)(b); Vw 42(4)(c)",
    AppointmentKind.VERIFICATION_INTERVIEW: "Vw 69(1)",
}


def explain_appointments(
    case: Case, pack: RulePack, ex: Explainer
) -> tuple[AppointmentResult, ...]:
    results = []
    for appt in sorted(case.of_type(Appointment), key=lambda a: a.date):
        results.append(_explain(case, appt, pack, ex))
    return tuple(results)


def _explain(case: Case, appt: Appointment, pack: RulePack, ex: Explainer) -> AppointmentResult:
    is_mvv = case.procedure in (Procedure.MVV, Procedure.NAREIS)
    if appt.kind is AppointmentKind.DOCUMENT_COLLECTION:
        basis = "Vw 2r(1)" if is_mvv else "Vw 9"
    else:
        basis = _BASIS[appt.kind]
    if appt.attended:
        text = ex.text("appt_attended", date=appt.date)
        return AppointmentResult(
            appt.date, appt.kind, True, None, basis, text, ex.text("evidence_attended")
        )
    proof_due = None
    if appt.kind is AppointmentKind.ASYLUM_INTERVIEW:
        proof_due = roll(pack.atw, appt.date + PROOF_WINDOW)  # the Atw covers the two weeks
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
        text = ex.text(key, date=appt.date)
    else:
        text = ex.text(f"appt_{appt.kind.value}", date=appt.date)
    return AppointmentResult(
        appt.date, appt.kind, False, proof_due, basis, text, ex.text("evidence_missed")
    )


def mvv_collect_until(case: Case, ex: Explainer) -> date | None:
    """R5.4: three months after the grant notification, not rolled (the earlier date is safe)."""
    grants = case.of_type(MvvGranted)
    if not grants:
        return None
    notified = max(g.notified for g in grants)
    until = add_months(notified, MVV_COLLECT_MONTHS)
    ex.step(
        until,
        "step_mvv_collect",
        "Vw 2r(1)",
        "R5.4",
        kind="mvv_collect_until",
        notified=notified,
        date=until,
    )
    return until
