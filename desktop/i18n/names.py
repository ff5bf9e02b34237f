"""The one set of display names: procedures, appointments, next steps and what their dates mean.

Marked with N_ and translated where shown, in the window's language or a letter's (`lang`).
Qt-free, so the window, the documents and the command line share them.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.model import AppointmentKind, NextCode, Procedure
from desktop.i18n import N_, _, translator

PROCEDURE_NAMES = {
    Procedure.REGULAR: N_("Residence permit (regular)"),
    Procedure.MVV: N_("Entry visa (mvv/TEV)"),
    Procedure.NAREIS: N_("Family of a refugee (nareis)"),
    Procedure.ASYLUM: N_("Asylum"),
    Procedure.NATURALISATION: N_("Naturalisation"),
    Procedure.OBJECTION: N_("Objection"),
}

APPOINTMENT_NAMES = {
    AppointmentKind.BIOMETRICS: N_("Biometrics"),
    AppointmentKind.ASYLUM_INTERVIEW: N_("Asylum interview"),
    AppointmentKind.VERIFICATION_INTERVIEW: N_("Verification interview"),
    AppointmentKind.DOCUMENT_COLLECTION: N_("Document collection"),
}

# The short name of each next step (the case list's and due board's "Next step" column).
NEXT_STEP_NAMES = {
    NextCode.WAIT: N_("Wait"),
    NextCode.SEND_NOTICE: N_("Send the Notice"),
    NextCode.RESEND_NOTICE: N_("Send a new Notice"),
    NextCode.AWAIT_DECISION: N_("Await decision"),
    NextCode.PENALTY_RUNNING: N_("Penalty running"),
    NextCode.APPEAL_POSSIBLE: N_("Appeal possible"),
    NextCode.CLAIM_PENALTY: N_("Claim penalty"),
    NextCode.DECIDED: N_("Decision taken"),
}

# What the date of each next step is (the due board's "What" column).
NEXT_DATE_MEANINGS = {
    NextCode.WAIT: N_("Notice may reach the IND from"),
    NextCode.SEND_NOTICE: N_("Notice may reach the IND from"),
    NextCode.RESEND_NOTICE: N_("New Notice may reach the IND from"),
    NextCode.AWAIT_DECISION: N_("The IND must decide by"),
    NextCode.PENALTY_RUNNING: N_("Last possible penalty day"),
    NextCode.APPEAL_POSSIBLE: N_("Appeal possible from"),
    NextCode.CLAIM_PENALTY: N_("The IND must fix the penalty by"),
    NextCode.DECIDED: N_("Last day to object or appeal"),
}


def _in(lang: str | None) -> Callable[[str], str]:
    return _ if lang is None else translator(lang)


def procedure_name(procedure: Procedure, lang: str | None = None) -> str:
    """In `lang`, or the window's language."""
    return _in(lang)(PROCEDURE_NAMES[procedure])


def appointment_name(kind: AppointmentKind, lang: str | None = None) -> str:
    return _in(lang)(APPOINTMENT_NAMES[kind])


def next_step_name(code: NextCode, lang: str | None = None) -> str:
    return _in(lang)(NEXT_STEP_NAMES[code])


def next_date_meaning(code: NextCode, lang: str | None = None) -> str:
    return _in(lang)(NEXT_DATE_MEANINGS[code])
