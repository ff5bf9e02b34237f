"""Shared display texts: procedure names, relations, what a next date means, days left."""

from __future__ import annotations

from datetime import date

from desktop.core.casefile import Relation
from desktop.core.model import AppointmentKind, NextCode, Procedure
from desktop.core.packmodel import Quantity
from desktop.i18n import N_, _, current_language, format_date, ngettext

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

# Who the applicant is to a representative who is family: the editor's "The applicant is my:"
# (the letters then say "namens mijn echtgenote").
RELATION_NAMES = {
    Relation.WIFE: N_("wife"),
    Relation.HUSBAND: N_("husband"),
    Relation.PARTNER: N_("partner"),
    Relation.MOTHER: N_("mother"),
    Relation.FATHER: N_("father"),
    Relation.DAUGHTER: N_("daughter"),
    Relation.SON: N_("son"),
    Relation.SISTER: N_("sister"),
    Relation.BROTHER: N_("brother"),
    Relation.FAMILY: N_("another family member"),
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


def procedure_name(procedure: Procedure) -> str:
    return _(PROCEDURE_NAMES[procedure])


def relation_choices() -> list[tuple[str, str]]:
    """(shown text, value) for the representative's relation; "" is a professional or unsaid."""
    return [(_("client (I write as a professional), or not said"), "")] + [
        (_(RELATION_NAMES[relation]), relation.value) for relation in Relation
    ]


def appointment_name(kind: AppointmentKind) -> str:
    return _(APPOINTMENT_NAMES[kind])


def next_date_meaning(code: NextCode) -> str:
    return _(NEXT_DATE_MEANINGS[code])


def days_left_text(day: date, today: date) -> str:
    """Days to go as words: today, tomorrow, in 12 days, 3 days ago (plurals per language)."""
    days = (day - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if days > 0:
        return ngettext("in {days} day", "in {days} days", days).format(days=days)
    return ngettext("{days} day ago", "{days} days ago", -days).format(days=-days)


def short_date(day: date) -> str:
    return format_date(day, current_language(), "medium")


def long_date(day: date) -> str:
    return format_date(day, current_language())


def quantity_text(quantity: Quantity) -> str:
    """A period from the rule pack in words: "2 weeks", "3 months" (plurals per language)."""
    n = quantity.amount
    if quantity.unit == "days":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    if quantity.unit == "weeks":
        return ngettext("{n} week", "{n} weeks", n).format(n=n)
    if quantity.unit == "months":
        return ngettext("{n} month", "{n} months", n).format(n=n)
    return ngettext("{n} year", "{n} years", n).format(n=n)
