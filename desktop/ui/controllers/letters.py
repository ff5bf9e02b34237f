"""The window's one door to desktop.documents: which letters can be made, and why not, per language.

The documents layer decides what the case's next step allows and explains a refusal in both
languages (`DocumentRefused.reasons`); the window shows the reason in its own language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from enum import StrEnum

from desktop.core.casefile import CaseFile, Representative
from desktop.core.model import Appointment, Result, Text
from desktop.documents import (
    LANGUAGES,
    Document,
    DocumentRefused,
    make_appeal,
    make_appointment_letter,
    make_checklist,
    make_notice,
    make_penalty_request,
)
from desktop.documents.state import notice_round
from desktop.i18n import _, current_language

# The languages a letter can be made in: one language, or the Dutch letter with English.
NOTICE_LANGUAGES = LANGUAGES


class Letter(StrEnum):
    """The letters the window makes (the kinds the case's documents list records)."""

    NOTICE = "notice"
    CHECKLIST = "checklist"
    APPEAL = "appeal"
    PENALTY_REQUEST = "penalty_request"
    APPOINTMENT = "appointment_letter"


# A draft (marked on every page) can be made where a ready letter is refused for its timing.
DRAFTABLE = {Letter.NOTICE, Letter.APPEAL, Letter.PENALTY_REQUEST, Letter.APPOINTMENT}


def notice_language_name(code: str) -> str:
    """Language names stay in their own tongue, as in the Language menu."""
    return {"nl": "Nederlands", "en": "English", "nl+en": "Nederlands + English"}[code]


def letter_title(letter: Letter, draft: bool = False) -> str:
    """The letter's name as a file name and in the documents list begins."""
    titles = {
        Letter.NOTICE: (_("Notice of Default"), _("Draft Notice of Default")),
        Letter.CHECKLIST: (_("Registered-mail checklist"), _("Registered-mail checklist")),
        Letter.APPEAL: (_("Appeal against the failure to decide"), _("Draft appeal")),
        Letter.PENALTY_REQUEST: (_("Request to fix the penalty"), _("Draft penalty request")),
        Letter.APPOINTMENT: (_("Letter on a missed appointment"), _("Draft appointment letter")),
    }
    return titles[letter][1 if draft else 0]


def text_in_window_language(text: Text) -> str:
    return text.get(current_language())


def refusal_text(exc: Exception) -> str:
    """Why the documents layer refused, in the window's language and words."""
    if isinstance(exc, DocumentRefused):
        return text_in_window_language(exc.reason)
    return _("The letter cannot be made: {problem}").format(problem=str(exc))


def notice_refusal(result: Result, today: date) -> str:
    """Why a ready-to-send Notice would be refused today; "" when it may be made."""
    try:
        notice_round(result, today, draft=False)
    except DocumentRefused as exc:
        return refusal_text(exc)
    return ""


def with_representative(case_file: CaseFile, rep: Representative | None) -> CaseFile:
    """The representative from the settings when the case names none."""
    if case_file.representative is None and rep is not None:
        return dataclasses.replace(case_file, representative=rep)
    return case_file


def appointment_number(case_file: CaseFile, appointment: Appointment) -> int:
    """The appointment's number as the documents count them (1 = the first entered)."""
    appointments = case_file.case.of_type(Appointment)
    return appointments.index(appointment) + 1


def make(
    letter: Letter,
    case_file: CaseFile,
    result: Result,
    *,
    today: date,
    language: str,
    draft: bool,
    appointment: int = 0,
) -> Document:
    """Build one letter; raises DocumentRefused (with reasons) or DocumentError."""
    lang = language if language in LANGUAGES else "nl"
    builders: dict[Letter, Callable[..., Document]] = {
        Letter.NOTICE: make_notice,
        Letter.APPEAL: make_appeal,
        Letter.PENALTY_REQUEST: make_penalty_request,
    }
    if letter is Letter.CHECKLIST:
        return make_checklist(case_file, result, today=today, lang=lang)  # type: ignore[arg-type]
    if letter is Letter.APPOINTMENT:
        return make_appointment_letter(
            case_file,
            result,
            appointment=appointment,
            today=today,
            lang=lang,
            draft=draft,  # type: ignore[arg-type]
        )
    return builders[letter](case_file, result, today=today, lang=lang, draft=draft)
