"""The letter after a missed IND appointment: why, the evidence, a new appointment, as PDF.

Where the IND may treat the absence as delay attributable to the applicant (a suspension of the
term, the pack's `pauses.contested`), the letter contests it; after a missed asylum interview it
states that the proof is sent within the proof window (the pack's `appointments.proof_window`)
and asks the IND not to set the application aside.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Appointment, AppointmentKind, Procedure, Result
from desktop.core.rulepack import RulePack
from desktop.documents.cite import cite
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    author_of,
    footer_id,
    ind_contact,
    long_date,
    pack_keywords,
    rule_pack,
)
from desktop.documents.errors import DocumentRefused, both
from desktop.documents.layout import Section, build_pdf, text
from desktop.documents.letter import (
    check_identification,
    enclosures,
    letterhead,
    on_behalf,
    place_and_date,
    sign_off,
    subject_line,
    who_and_what,
)
from desktop.documents.notice import route_line, translation_mark
from desktop.documents.state import missed_appointment
from desktop.i18n import N_, translator

KIND_NAMES = {
    AppointmentKind.BIOMETRICS: N_("the biometrics appointment"),
    AppointmentKind.ASYLUM_INTERVIEW: N_("the asylum interview (gehoor)"),
    AppointmentKind.VERIFICATION_INTERVIEW: N_("the verification interview"),
    AppointmentKind.DOCUMENT_COLLECTION: N_("the appointment to collect the document"),
}


def letter_flowables(
    case_file: CaseFile,
    result: Result,
    missed: Appointment,
    lang: str,
    settings: DocumentSettings,
    today: date,
    rules: RulePack,
) -> list[Flowable]:
    _ = translator(lang)
    what = _(KIND_NAMES[missed.kind])
    self_written = case_file.representative is None
    name = case_file.applicant.name
    story: list[Flowable] = [
        place_and_date(case_file, settings, today, lang, _),
        subject_line(
            _("missed appointment of {date}").format(date=long_date(missed.date, lang)),
            case_file,
            _,
        ),
        Spacer(1, 2 * mm),
        *who_and_what(case_file, result, rules, lang, _),
        text(_("Dear Sir or Madam,")),
    ]
    behalf = on_behalf(case_file, _)
    if behalf:
        story.append(text(behalf))
    if self_written:
        reason = _("I could not attend {what} on {date}. The reason: {excuse}.")
    else:
        reason = _("{name} could not attend {what} on {date}. The reason: {excuse}.")
    excuse = (missed.excuse or "").strip().rstrip(".") or "______________________________"
    story.append(
        text(reason.format(name=name, what=what, date=long_date(missed.date, lang), excuse=excuse))
    )
    story.append(text(_("The evidence of this is enclosed (see the list of enclosures below).")))
    kind = missed.kind
    mvv = case_file.case.procedure in (Procedure.MVV, Procedure.NAREIS)
    if kind is AppointmentKind.ASYLUM_INTERVIEW:
        found = next(
            (a for a in result.appointments if a.date == missed.date and a.kind is kind), None
        )
        due = found.proof_due if found is not None else None
        story.append(
            text(
                _(
                    "With this letter I show, within {window} of the interview (by {date}), that "
                    "the absence cannot be attributed to {who} ({basis}). I ask you not to set the "
                    "application aside and to invite {who} for a new interview."
                ).format(
                    window=_quantity(rules, lang),
                    date=long_date(due, lang),
                    who=_("me") if self_written else name,
                    # The pack lists the proof rule first, then the extension the IND may use
                    # instead; the proof sentence cites the proof rule.
                    basis=cite(rules.appointments.basis_for(kind).split(";")[0], lang, rules),
                )
            )
        )
    elif missed.rescheduled_to is not None:
        story.append(
            text(
                _("A new appointment has since been made for {date}.").format(
                    date=long_date(missed.rescheduled_to, lang)
                )
            )
        )
    else:
        story.append(text(_("I ask you for a new appointment as soon as possible.")))
    contested = rules.pauses.contested
    if contested in rules.appointments.basis_for(kind, mvv=mvv):
        story.append(
            text(
                _(
                    "If you take the view that the decision period is suspended because of this "
                    "absence ({basis}), I contest that: the absence cannot be attributed to {who}, "
                    "for the reason given above."
                ).format(basis=cite(contested, lang, rules), who=_("me") if self_written else name)
            )
        )
    closing = [*sign_off(case_file, _, translation=lang != "nl"), Spacer(1, 2 * mm)]
    listed = [_("evidence: ______________________________")] * 2
    if case_file.representative is not None:
        listed.append(_("authorisation (machtiging)"))
    attached = enclosures(listed, _)
    if attached is not None:
        closing.append(attached)
    story.append(KeepTogether(closing))
    return story


def _quantity(rules: RulePack, lang: str) -> str:
    window = rules.appointments.proof_window
    unit = rules.text(f"unit_{window.unit}").get(lang)
    return f"{window.amount} {unit}"


def build_appointment_letter(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    appointment: int,
    today: date,
    draft: bool = False,
    rules: RulePack | None = None,
) -> bytes:
    """The letter in one language ("nl+en": Dutch, then the English translation)."""
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    missed = missed_appointment(case_file.case, appointment)
    if not (missed.excuse or "").strip() and not draft:
        raise DocumentRefused(
            both(
                "Enter why the appointment of {date} was missed (the excuse) first: the letter "
                "rests on it. A draft can be made without.",
                date=missed.date,
            )
        )
    check_identification(case_file, draft)
    ind = ind_contact(rules, settings)
    langs = ("nl", "en") if lang == "nl+en" else (lang,)
    parts = []
    for one in langs:
        _ = translator(one)
        section = Section(
            key=f"appointment-{one}",
            footer=footer_id(case_file, _),
            page_label=_("Page {page} of {pages}"),
            draft=_("DRAFT: check it, then make the final version to send.") if draft else "",
            mark=translation_mark(_) if one != "nl" else "",
            letterhead=letterhead(
                case_file, [ind.name, *ind.address], route_line(ind, settings.by_fax, _), _
            ),
        )
        flowables = letter_flowables(case_file, result, missed, one, settings, today, rules)
        parts.append((section, flowables))
    title = translator(langs[0])("Letter about a missed appointment")
    return build_pdf(
        parts,
        title=f"{title} – {case_file.applicant.name}",
        author=author_of(case_file),
        subject=title,
        keywords=pack_keywords(rules),
        lang=PDF_LANG[langs[0]],
    )
