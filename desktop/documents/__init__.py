"""Printable documents: the Notice of Default, its checklist, the appeal and the other letters.

The public builders below (`make_notice`, `make_checklist`, `make_appeal`,
`make_penalty_request`, `make_appointment_letter`) are what the window and the CLI call. Each
takes a case file, the core's result for it (computed with `pack`), the language ("nl" to send,
"en" to understand, "nl+en" for both) and the day of the letter, and returns a `Document`. A
document the case's state does not allow raises `DocumentRefused`, whose `reasons` are sentences
in both languages.

ReportLab is imported on first use: the CLI's other commands do not pay for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Literal

from desktop.core.casefile import CaseFile
from desktop.core.model import Result, Text
from desktop.core.rulepack import RulePack
from desktop.documents.common import DocumentSettings, rule_pack
from desktop.documents.errors import (
    DecidedError,
    DocumentError,
    DocumentRefused,
    PrematureNoticeError,
)

Lang = Literal["nl", "en", "nl+en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en", "nl+en")

__all__ = [
    "LANGUAGES",
    "DecidedError",
    "Document",
    "DocumentError",
    "DocumentRefused",
    "DocumentSettings",
    "Lang",
    "PrematureNoticeError",
    "make_appeal",
    "make_appointment_letter",
    "make_checklist",
    "make_notice",
    "make_penalty_request",
]


@dataclass(frozen=True, slots=True)
class Document:
    """A finished document and what the user should know about it.

    Attributes:
        kind: "notice", "checklist", "appeal", "penalty_request" or "appointment_letter" (the
            kind the case's documents list records).
        language: "nl", "en" or "nl+en".
        pdf: the PDF bytes (write them with `documents.output.write_atomic`).
        rules: the rule pack it used, "id (short hash)"; the document names it too.
        warnings: the core's warnings and the document's own (missing fields, characters no
            font has), in both languages; the CLI prints them on stderr.
        draft: marked DRAFT on every page.
    """

    kind: str
    language: str
    pdf: bytes
    rules: str
    warnings: tuple[Text, ...]
    draft: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise DocumentError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")


def _warnings(
    case_file: CaseFile, result: Result, draft: bool, today: date, rules: RulePack
) -> tuple[Text, ...]:
    from desktop.documents.letter import document_warnings

    return document_warnings(case_file, result, draft, today, rules)


def _done(
    kind: str, lang: str, pdf: bytes, rules: RulePack, warnings: tuple[Text, ...], draft: bool
) -> Document:
    return Document(kind, lang, pdf, f"{rules.id} ({rules.short_hash})", warnings, draft)


def make_notice(
    case_file: CaseFile,
    result: Result,
    *,
    today: date,
    lang: Lang = "nl",
    draft: bool = False,
    pack: RulePack | None = None,
    settings: DocumentSettings | None = None,
) -> Document:
    """The Notice of Default ("nl+en": the Dutch letter and an explanation sheet in English).

    Raises `DocumentRefused` after a decision, while premature (unless `draft`), once a Notice
    that counts was received (unless `draft`), or when the application cannot be identified
    (unless `draft`).
    """
    from desktop.documents.state import notice_round

    _check_lang(lang)
    rules = rule_pack(result, pack)
    notice_round(result, today, draft)  # the case's state first, then what the letter lacks
    warnings = _warnings(case_file, result, draft, today, rules)
    if lang == "nl+en":
        from desktop.documents.pack import build_pack

        pdf = build_pack(
            case_file, result, settings, today=today, draft=draft, rules=rules, warnings=warnings
        )
    else:
        from desktop.documents.notice import build_notice

        pdf = build_notice(case_file, result, lang, settings, today=today, draft=draft, rules=rules)
    return _done("notice", lang, pdf, rules, warnings, draft)


def make_checklist(
    case_file: CaseFile,
    result: Result,
    *,
    today: date,
    lang: Lang = "nl",
    pack: RulePack | None = None,
    settings: DocumentSettings | None = None,
) -> Document:
    """The one-page registered-mail checklist ("nl+en": the Dutch page, then the English).

    Raises `DocumentRefused` once the IND has decided.
    """
    from desktop.documents.checklist import build_checklist, build_checklists
    from desktop.documents.state import check_checklist

    _check_lang(lang)
    rules = rule_pack(result, pack)
    check_checklist(result)
    warnings = _warnings(case_file, result, True, today, rules)
    if lang == "nl+en":
        pdf = build_checklists(
            case_file, result, ("nl", "en"), settings, today=today, rules=rules, warnings=warnings
        )
    else:
        pdf = build_checklist(
            case_file, result, lang, settings, today=today, rules=rules, warnings=warnings
        )
    return _done("checklist", lang, pdf, rules, warnings, False)


def make_appeal(
    case_file: CaseFile,
    result: Result,
    *,
    today: date,
    lang: Lang = "nl",
    draft: bool = False,
    pack: RulePack | None = None,
    settings: DocumentSettings | None = None,
) -> Document:
    """The notice of appeal (beroepschrift) against the failure to decide, to the court.

    Raises `DocumentRefused` after a decision, and before the appeal is possible (unless
    `draft`).
    """
    from desktop.documents.appeal import build_appeal

    _check_lang(lang)
    rules = rule_pack(result, pack)
    pdf = build_appeal(case_file, result, lang, settings, today=today, draft=draft, rules=rules)
    warnings = _warnings(case_file, result, draft, today, rules)
    return _done("appeal", lang, pdf, rules, warnings, draft)


def make_penalty_request(
    case_file: CaseFile,
    result: Result,
    *,
    today: date,
    lang: Lang = "nl",
    draft: bool = False,
    pack: RulePack | None = None,
    settings: DocumentSettings | None = None,
) -> Document:
    """The request that the IND fix the penalty it owes (Awb 4:18), with the days and amount.

    Raises `DocumentRefused` when no penalty applies or it is already fixed, and while it is
    not yet due (unless `draft`).
    """
    from desktop.documents.penalty_request import build_penalty_request

    _check_lang(lang)
    rules = rule_pack(result, pack)
    pdf = build_penalty_request(
        case_file, result, lang, settings, today=today, draft=draft, rules=rules
    )
    warnings = _warnings(case_file, result, draft, today, rules)
    return _done("penalty_request", lang, pdf, rules, warnings, draft)


def make_appointment_letter(
    case_file: CaseFile,
    result: Result,
    *,
    appointment: int,
    today: date,
    lang: Lang = "nl",
    draft: bool = False,
    pack: RulePack | None = None,
    settings: DocumentSettings | None = None,
) -> Document:
    """The letter after a missed appointment (`appointment`: 1 = the case's first appointment).

    Raises `DocumentRefused` when there is no such missed appointment, and without the reason
    it was missed (unless `draft`).
    """
    from desktop.documents.appointment import build_appointment_letter

    _check_lang(lang)
    rules = rule_pack(result, pack)
    pdf = build_appointment_letter(
        case_file,
        result,
        lang,
        settings,
        appointment=appointment,
        today=today,
        draft=draft,
        rules=rules,
    )
    warnings = _warnings(case_file, result, draft, today, rules)
    return _done("appointment_letter", lang, pdf, rules, warnings, draft)
