"""What every document needs: settings, the IND's address, timing, penalty outlook and wording."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from desktop.core.calendar import is_working_day
from desktop.core.casefile import CaseFile
from desktop.core.model import NoticeEvent, Procedure, Result
from desktop.core.rulepack import RulePack, load_rule_pack
from desktop.documents.errors import (  # noqa: F401 - the documents' errors, importable from here
    DecidedError,
    DocumentError,
    DocumentRefused,
    PrematureNoticeError,
    both,
)
from desktop.documents.state import earliest_posting
from desktop.i18n import N_, format_date

Gettext = Callable[[str], str]

PROCEDURE_NAMES = {
    Procedure.REGULAR: N_("residence permit (regular procedure)"),
    Procedure.MVV: N_("provisional residence visa (mvv) / entry and residence (TEV)"),
    Procedure.NAREIS: N_("family reunification with a refugee (nareis)"),
    Procedure.ASYLUM: N_("asylum residence permit"),
    Procedure.NATURALISATION: N_("naturalisation"),
    Procedure.OBJECTION: N_("decision on an objection (bezwaar)"),
}

# A Dutch postcode ("1234 AB") before the town on an address's last line.
_POSTCODE = re.compile(r"^\s*\d{4}\s?[A-Za-z]{2}\s+")


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """What the user may set for the documents; empty fields fall back to the rule pack.

    Attributes:
        place: the town printed before the date ("Utrecht, 27 april 2026").
        ind_name, ind_address, ind_fax: the IND's details, overriding the rule pack's `ind` data.
        ind_checked: when the overriding details were last checked.
        remarks: a paragraph the user adds to the Notice.
        by_fax: the Notice also goes by fax (as the case's `send_by_fax`).
    """

    place: str = ""
    ind_name: str = ""
    ind_address: tuple[str, ...] = ()
    ind_fax: str = ""
    ind_checked: date | None = None
    remarks: str = ""
    by_fax: bool = False


@dataclass(frozen=True, slots=True)
class IndContact:
    name: str
    address: tuple[str, ...]
    fax: str
    checked: date | None
    source: str


@dataclass(frozen=True, slots=True)
class PenaltyOutlook:
    """What the Notice may say about the administrative penalty (dwangsom, Awb 4:17)."""

    applies: bool
    daily: tuple[Decimal, ...] = ()
    days_per_tier: int = 0
    cap: Decimal = Decimal("0")


def rule_pack(result: Result, pack: RulePack | None = None) -> RulePack:
    """The pack the result was computed with: a document never mixes two packs.

    `pack` is that pack when the caller has it (a pack file given with --rules has no id this
    computer can load); it must be the one the result names.
    """
    if pack is None:
        return load_rule_pack(result.rules)
    if pack.id != result.rules:
        raise DocumentError(f"the result was computed with {result.rules}, not {pack.id}")
    return pack


def pack_keywords(rules: RulePack) -> str:
    """The PDF's keywords: the rule pack the letter used (the Notice's text does not name it)."""
    return f"Termijn rule pack {rules.id} ({rules.short_hash})"


def ind_contact(rules: RulePack, settings: DocumentSettings) -> IndContact:
    """The IND's postal details: settings first, else the rule pack; never from code (R4.3)."""
    ind = rules.ind
    overridden = bool(settings.ind_address)
    address = settings.ind_address or tuple(str(line) for line in ind.get("address", ()))
    address = tuple(line for line in address if line.strip())
    if not address:
        raise DocumentError("no postal address for the IND: set one in the settings")
    checked = settings.ind_checked
    if checked is None and not overridden and ind.get("checked"):
        checked = date.fromisoformat(str(ind["checked"]))
    return IndContact(
        name=settings.ind_name or str(ind.get("name", "IND")),
        address=address,
        fax=settings.ind_fax or str(ind.get("fax", "")),
        checked=checked,
        source="" if overridden else str(ind.get("source", "")),
    )


def expected_receipt(result: Result, today: date, rules: RulePack) -> date:
    """The earliest day a Notice posted now can reach the IND: the working day after posting.

    Registered post is delivered on a working day after the day it is posted, so the dates that
    follow from receipt (the two weeks, the penalty, the appeal) are projected from there, never
    from the letter's own date. A Notice posted before the safe date is not an option, so the
    posting day is the later of today and that date.
    """
    posted = max(today, earliest_posting(result))
    arrives = posted + timedelta(days=1)
    while not is_working_day(rules.atw, arrives):
        arrives += timedelta(days=1)
    return arrives


def check_timing(result: Result, today: date) -> None:
    """Refuse a ready-to-send Notice the case's next step does not allow (see `state`)."""
    from desktop.documents.state import notice_round

    notice_round(result, today, draft=False)


def penalty_outlook(result: Result, rules: RulePack, receipt: date) -> PenaltyOutlook:
    """The amounts the Notice may name; none where the procedure has no penalty (R4.7)."""
    """Whether the rule pack has a penalty for this procedure on the day the Notice arrives."""
    if not rules.penalty_applies(result.procedure, receipt, frozenset(result.flags)):
        return PenaltyOutlook(applies=False)
    tiers = rules.tiers_for(receipt)
    return PenaltyOutlook(
        applies=True, daily=tiers.daily, days_per_tier=tiers.days_per_tier, cap=tiers.cap
    )


def with_notice(case_file: CaseFile, received: date) -> CaseFile:
    """The case as it will be once the IND has the Notice (replacing any earlier, void one)."""
    case = case_file.case
    events = tuple(e for e in case.events if not isinstance(e, NoticeEvent))
    new_case = dataclasses.replace(case, events=(*events, NoticeEvent(received)))
    return dataclasses.replace(case_file, case=new_case)


def projected(
    case_file: CaseFile, result: Result, today: date, rules: RulePack
) -> tuple[date, Result, bool]:
    """The receipt day, the core's result for it, and whether that receipt is real.

    A Notice the IND received that counts on every reading is real; otherwise the dates are
    projected from the earliest day a Notice posted now can arrive (`expected_receipt`).
    """
    key = result.key_dates
    if key.notice_received is not None and key.certain_from is not None:
        return key.notice_received, result, True
    from desktop.core.compute import compute  # the core's own answer, never a second formula

    receipt = expected_receipt(result, today, rules)
    later = compute(
        with_notice(case_file, receipt).case,
        today=today,
        rules=rules,
        flags=frozenset(result.flags),
    )
    return receipt, later, False


def place_of(case_file: CaseFile, settings: DocumentSettings) -> str:
    """The settings' place, else the town on the last line of the sender's address."""
    if settings.place.strip():
        return settings.place.strip()
    rep = case_file.representative
    address = rep.address if rep is not None and rep.address else case_file.applicant.address
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if not lines:
        return ""
    # "Postbus 1, 9700 AA Groningen" on one line: the town is after the last comma.
    return _POSTCODE.sub("", lines[-1].rsplit(",", 1)[-1]).strip()


def long_date(day: date | None, lang: str) -> str:
    """A date for a letter: "27 april 2026" / "27 April 2026"."""
    return format_date(day, lang, "long") if day else ""


def full_date(day: date | None, lang: str) -> str:
    """A date with its weekday, for what the user must do on a day."""
    return format_date(day, lang, "full") if day else ""


def procedure_name(procedure: Procedure, _: Gettext) -> str:
    return _(PROCEDURE_NAMES[procedure])


def length_text(months: int, weeks: int, _: Gettext) -> str:
    if weeks:
        return _("1 week") if weeks == 1 else _("{count} weeks").format(count=weeks)
    return _("1 month") if months == 1 else _("{count} months").format(count=months)


def relied_on(result: Result, lang: str, _: Gettext, rules: RulePack | None = None) -> list[str]:
    """Plain-text lines: the valid extensions and undisputed suspensions the end rests on."""
    from desktop.documents.cite import cite

    def basis_of(basis: str) -> str:
        return cite(basis, lang, rules) if rules is not None else basis

    lines = []
    for ext in result.term.extensions:
        if ext.valid and not ext.contested:
            lines.append(
                _("extension under {basis}, sent on {date}: {length}").format(
                    basis=basis_of(ext.basis),
                    date=long_date(ext.sent, lang),
                    length=length_text(ext.months, ext.weeks, _),
                )
            )
    for pause in result.term.suspensions:
        if pause.counted and not pause.contested:
            lines.append(
                _("suspension from {start} up to and including {end} ({basis})").format(
                    start=long_date(pause.trigger + timedelta(days=1), lang),
                    end=long_date(pause.last, lang),
                    basis=basis_of(pause.basis),
                )
            )
    return lines


def identification(case_file: CaseFile, lang: str, _: Gettext) -> list[tuple[str, str]]:
    """Label/value rows that identify the applicant (R4.2)."""
    who = case_file.applicant
    rows = [
        (_("Name"), who.name),
        (_("Date of birth"), long_date(who.date_of_birth, lang)),
        (_("Nationality"), who.nationality),
        (_("V-number"), case_file.v_number),
        (_("Address"), who.address),
    ]
    for other in case_file.co_applicants:
        details = ", ".join(
            part for part in (long_date(other.date_of_birth, lang), other.nationality) if part
        )
        rows.append((_("Co-applicant"), f"{other.name} ({details})" if details else other.name))
    return rows


def application_heading(case_file: CaseFile, _: Gettext) -> str:
    """What the Notice is about: an application, or (for `objection`) an objection (bezwaar)."""
    return _("Objection") if case_file.case.procedure is Procedure.OBJECTION else _("Application")


def application_rows(
    case_file: CaseFile, result: Result, rules: RulePack, lang: str, _: Gettext
) -> list[tuple[str, str]]:
    """Label/value rows that identify the application (R4.2)."""
    case = case_file.case
    rows = [
        (_("Type of application"), procedure_name(case.procedure, _)),
        (_("Legal basis"), rules.procedures[case.procedure].basis),
    ]
    if case.procedure is Procedure.OBJECTION:
        rows.append(
            (_("Decision objected to, sent on"), long_date(case.objected_decision_sent, lang))
        )
    else:
        rows.append((_("Received by the IND on"), long_date(case.received, lang)))
    rows.append((_("IND reference"), case_file.ind_reference))
    if case_file.reference:
        rows.append((_("Our reference"), case_file.reference))
    return rows


def footer_id(case_file: CaseFile, _: Gettext) -> str:
    parts = [case_file.applicant.name]
    if case_file.v_number:
        parts.append(_("V-number {number}").format(number=case_file.v_number))
    return " · ".join(p for p in parts if p)


PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}


def author_of(case_file: CaseFile) -> str:
    """The PDF's author: whoever signs."""
    rep = case_file.representative
    return rep.name if rep is not None and rep.name else case_file.applicant.name


def join_lines(lines: Sequence[str]) -> str:
    return "\n".join(line for line in lines if line)
