"""Shared display texts of the window: relations, days left, dates and periods.

Procedure and appointment names and what a next date means are the one set in
`desktop.i18n.names`, imported here so the window's modules keep one place to ask.
"""

from __future__ import annotations

from datetime import date

from desktop.core.casefile import Relation
from desktop.core.packmodel import Quantity
from desktop.i18n import N_, _, current_language, format_date, ngettext
from desktop.i18n.names import appointment_name, next_date_meaning, procedure_name

__all__ = [
    "appointment_name",
    "days_left_text",
    "long_date",
    "next_date_meaning",
    "procedure_name",
    "quantity_text",
    "relation_choices",
    "short_date",
]

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


def relation_choices() -> list[tuple[str, str]]:
    """(shown text, value) for the representative's relation; "" is a professional or unsaid."""
    return [(_("client (I write as a professional), or not said"), "")] + [
        (_(RELATION_NAMES[relation]), relation.value) for relation in Relation
    ]


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
