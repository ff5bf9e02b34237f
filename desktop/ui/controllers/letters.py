"""The window's one door to desktop.documents: which letters can be made, and why not, per language.

The documents layer explains a refusal (too early, already decided) in English for the command
line; the window says it in its own language, without command-line words.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from desktop.core.casefile import CaseFile, Representative
from desktop.core.model import Result, Text
from desktop.documents.common import DecidedError, DocumentError, PrematureNoticeError, check_timing
from desktop.i18n import _, current_language
from desktop.ui.models.text import long_date

# The languages a Notice can be made in: one letter, or the Dutch letter with an English sheet.
NOTICE_LANGUAGES = ("nl", "en", "nl+en")


def notice_language_name(code: str) -> str:
    """Language names stay in their own tongue, as in the Language menu."""
    return {"nl": "Nederlands", "en": "English", "nl+en": "Nederlands + English"}[code]


def refusal_text(exc: Exception) -> str:
    """Why the documents layer refused, in the window's language and words."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, Text):  # the documents layer's own bilingual reason, where it has one
        return reason.get(current_language())
    if isinstance(exc, PrematureNoticeError):
        return _(
            "A Notice sent now would reach the IND too early: it counts only if it arrives on "
            "or after {date}. You can make a draft now, marked as such on every page, to sign "
            "in advance."
        ).format(date=long_date(exc.earliest))
    if isinstance(exc, DecidedError):
        return _("The IND decided on {date}: a Notice of Default is no longer needed.").format(
            date=long_date(exc.decided)
        )
    return _("The letter cannot be made: {problem}").format(problem=str(exc))


def notice_refusal(result: Result, today: date) -> str:
    """Why a ready-to-send Notice would be refused today; "" when it may be made."""
    try:
        check_timing(result, today)
    except DocumentError as exc:
        return refusal_text(exc)
    return ""


def with_representative(case_file: CaseFile, rep: Representative | None) -> CaseFile:
    """The representative from the settings when the case names none."""
    if case_file.representative is None and rep is not None:
        return dataclasses.replace(case_file, representative=rep)
    return case_file


def notice_pdf(
    case_file: CaseFile, result: Result, language: str, *, today: date, draft: bool
) -> bytes:
    """The Notice as PDF in one language, or the Dutch Notice with an English explanation."""
    # ReportLab on first use, not at start-up (about a tenth of the window's cold start).
    from desktop.documents.notice import build_notice
    from desktop.documents.pack import build_pack

    if language == "nl+en":
        return build_pack(case_file, result, today=today, draft=draft, explain_lang="en")
    return build_notice(case_file, result, language, today=today, draft=draft)


def checklist_pdf(case_file: CaseFile, result: Result, *, today: date) -> bytes:
    """The registered-mail checklist (one page) for whoever posts it: in the window's language."""
    from desktop.documents.checklist import build_checklist  # ReportLab on first use

    return build_checklist(case_file, result, current_language(), today=today)
