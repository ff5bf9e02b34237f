"""The parts every letter shares: sender and addressee, who the letter is about, the sign-off.

A letter to the IND (the Notice, the penalty request, the appointment letter) and to the court
(the appeal) identify the applicant and the application the same way (R4.2), so they are built
here once, in the letter's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop.core.casefile import CaseFile, Relation
from desktop.core.model import Procedure, Result, Text, Warning
from desktop.core.particulars import ApplicationKind
from desktop.core.rulepack import RulePack
from desktop.documents.common import (
    DocumentSettings,
    Gettext,
    join_lines,
    long_date,
    place_of,
    procedure_name,
)
from desktop.documents.errors import DocumentRefused, both
from desktop.documents.fonts import FAMILY
from desktop.documents.layout import FRAME_WIDTH, Letterhead, bold, p, signature_block, text
from desktop.documents.markup import para
from desktop.documents.shaping import unprintable
from desktop.i18n import N_

KIND_NAMES = {
    ApplicationKind.FIRST: N_("first application"),
    ApplicationKind.EXTENSION: N_("extension"),
    ApplicationKind.CHANGE: N_("change of the purpose of stay"),
}
_NUMBER_WORDS = {
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    "nl": ("één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
}


def period_words(days: int, lang: str, _: Gettext) -> str:
    """A period of the pack in words: 14 days -> "two weeks" / "twee weken"."""
    weeks, rest = divmod(days, 7)
    if not rest and 1 <= weeks <= 10:
        word = _NUMBER_WORDS[lang][weeks - 1]
        return (_("{word} week") if weeks == 1 else _("{word} weeks")).format(word=word)
    return _("{word} days").format(word=days)


def pack_text(rules: RulePack, key: str, lang: str, **values: object) -> str:
    """One of the pack's letter texts in `lang`, dates formatted as a letter writes them."""
    template = rules.text(key).get(lang)
    filled = {k: long_date(v, lang) if isinstance(v, date) else v for k, v in values.items()}
    return template.format(**filled)


# ---------------------------------------------------------------- sender, addressee, subject


def sender_text(case_file: CaseFile, _: Gettext) -> str:
    """Top right: who writes, and our own reference under it, as a practice's letterhead has."""
    rep = case_file.representative
    ours = case_file.reference and _("Our reference: {reference}").format(
        reference=case_file.reference
    )
    if rep is not None:
        contact = [
            rep.phone and _("Telephone: {phone}").format(phone=rep.phone),
            rep.email and _("E-mail: {email}").format(email=rep.email),
        ]
        return join_lines([rep.name, rep.organisation, rep.address, *contact, ours])
    return join_lines([case_file.applicant.name, case_file.applicant.address, ours])


def letterhead(case_file: CaseFile, recipient: Sequence[str], route: str, _: Gettext) -> Letterhead:
    return Letterhead(sender=sender_text(case_file, _), route=route, recipient=tuple(recipient))


def place_and_date(
    case_file: CaseFile, settings: DocumentSettings, today: date, lang: str, _: Gettext
) -> Flowable:
    place = place_of(case_file, settings) or "_______________"
    return text(_("{place}, {date}").format(place=place, date=long_date(today, lang)))


def subject_line(subject: str, case_file: CaseFile, _: Gettext) -> Flowable:
    """The reference line "Betreft: … – V-nummer …, uw kenmerk …" (ours is in the letterhead)."""
    refs = []
    if case_file.v_number:
        refs.append(_("V-number {number}").format(number=case_file.v_number))
    if case_file.ind_reference:
        refs.append(_("your reference {reference}").format(reference=case_file.ind_reference))
    line = _("Subject: {subject}").format(subject=subject)
    if refs:
        line += " – " + ", ".join(refs)
    return p(f"<b>{para(line)}</b>")


# How a family member who signs names the applicant: "on behalf of my wife, …".
RELATION_PHRASES = {
    Relation.WIFE: N_("my wife"),
    Relation.HUSBAND: N_("my husband"),
    Relation.PARTNER: N_("my partner"),
    Relation.MOTHER: N_("my mother"),
    Relation.FATHER: N_("my father"),
    Relation.DAUGHTER: N_("my daughter"),
    Relation.SON: N_("my son"),
    Relation.SISTER: N_("my sister"),
    Relation.BROTHER: N_("my brother"),
    Relation.FAMILY: N_("my family member"),
}


def on_behalf(case_file: CaseFile, _: Gettext) -> str:
    """Who writes for whom: a professional for a client, family for a relative, else by name."""
    rep = case_file.representative
    name = case_file.applicant.name
    if rep is None:
        return ""
    if rep.organisation.strip():
        return _(
            "I write on behalf of my client, {name}, who has authorised me to do so (see the "
            "authorisation enclosed)."
        ).format(name=name)
    if rep.relation is not None:
        return _(
            "I write on behalf of {relation}, {name}, who has authorised me to do so (see the "
            "authorisation enclosed)."
        ).format(relation=_(RELATION_PHRASES[rep.relation]), name=name)
    return _(
        "I write on behalf of {name}, who has authorised me to do so (see the authorisation "
        "enclosed)."
    ).format(name=name)


def subject_person(case_file: CaseFile, _: Gettext) -> str:
    """How the body refers to the applicant: "I" for a self-written letter, else by name."""
    return case_file.applicant.name if case_file.representative is not None else ""


# ---------------------------------------------------------------- who and what (R4.2)


def grid(rows: Sequence[tuple[str, str]]) -> Table:
    """Label/value pairs two to a row: the identification takes half the height of a list."""
    cells: list[list[Flowable]] = []
    pairs = [(label, value) for label, value in rows]
    for i in range(0, len(pairs), 2):
        row: list[Flowable] = []
        for label, value in pairs[i : i + 2]:
            row += [text(label, "label"), text(value or "—", "cell")]
        while len(row) < 4:
            row.append(text("", "cell"))
        cells.append(row)
    widths = [30 * mm, FRAME_WIDTH / 2 - 30 * mm, 36 * mm, FRAME_WIDTH / 2 - 36 * mm]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(_grid_style())
    return table


def _grid_style() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FAMILY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
        ]
    )


def headed(title: str, table: Flowable) -> list[Flowable]:
    """A heading that never parts from its table: the subhead style keeps with the next flowable.

    Not a KeepTogether: nested inside another one (the authorisation) it would report an
    endless height and push the whole block to a new page.
    """
    return [bold(title, "subhead"), table, Spacer(1, 1.5 * mm)]


def applicant_rows(case_file: CaseFile, lang: str, _: Gettext) -> list[tuple[str, str]]:
    who = case_file.applicant
    rows = [
        (_("Name"), who.name),
        (_("Date of birth"), long_date(who.date_of_birth, lang)),
        (_("Nationality"), who.nationality),
        (_("V-number"), case_file.v_number),
        # One line in the table: the letterhead already shows it as a postal address.
        (
            _("Address"),
            ", ".join(line.strip() for line in who.address.splitlines() if line.strip()),
        ),
    ]
    for other in case_file.co_applicants:
        details = ", ".join(
            part for part in (long_date(other.date_of_birth, lang), other.nationality) if part
        )
        rows.append((_("Co-applicant"), f"{other.name} ({details})" if details else other.name))
    return rows


def family_table(case_file: CaseFile, lang: str, _: Gettext) -> Table | None:
    """Every family member with date of birth and V-number (nareis and family cases)."""
    members = case_file.particulars.family_members
    if not members:
        return None
    head = [_("Name"), _("Relation"), _("Date of birth"), _("V-number")]
    data: list[list[Flowable]] = [[text(h, "label") for h in head]]
    for m in members:
        data.append(
            [
                text(m.name or "—", "cell"),
                text(m.relation or "—", "cell"),
                text(long_date(m.date_of_birth, lang) or "—", "cell"),
                text(m.v_number or "—", "cell"),
            ]
        )
    widths = [FRAME_WIDTH * 0.38, FRAME_WIDTH * 0.18, FRAME_WIDTH * 0.24, FRAME_WIDTH * 0.20]
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(_grid_style())
    return table


def application_rows(
    case_file: CaseFile, result: Result, rules: RulePack, lang: str, _: Gettext
) -> list[tuple[str, str]]:
    """What is pending: its kind, the purpose of stay it rests on, when the term started."""
    case = case_file.case
    extra = case_file.particulars
    kind = procedure_name(case.procedure, _)
    if extra.application_kind is not None:
        kind += f" ({_(KIND_NAMES[extra.application_kind])})"
    rows = [(_("Type"), kind)]
    if extra.purpose:
        rows.append((_("Purpose of stay"), extra.purpose))
    procedure = case.procedure.value
    if case.procedure is Procedure.OBJECTION:
        rows.append(
            (
                pack_text(rules, f"letter_start_label_{procedure}", lang),
                long_date(case.objected_decision_sent, lang),
            )
        )
        if extra.objected_decision_reference:
            rows.append((_("Its reference"), extra.objected_decision_reference))
        if extra.objection_lodged is not None:
            rows.append((_("Objection sent on"), long_date(extra.objection_lodged, lang)))
    else:
        rows.append(
            (
                pack_text(rules, f"letter_start_label_{procedure}", lang),
                long_date(case.received, lang),
            )
        )
    rows.append((_("IND reference"), case_file.ind_reference))
    return rows


def who_and_what(
    case_file: CaseFile, result: Result, rules: RulePack, lang: str, _: Gettext
) -> list[Flowable]:
    """The identification blocks every letter carries: applicant, sponsor, family, application."""
    out: list[Flowable] = headed(_("Applicant"), grid(applicant_rows(case_file, lang, _)))
    sponsor = case_file.particulars.sponsor
    if sponsor is not None:
        out += headed(
            _("Sponsor (referent)"),
            grid([(_("Name"), sponsor.name), (_("V-number"), sponsor.v_number)]),
        )
    family = family_table(case_file, lang, _)
    if family is not None:
        out += headed(_("Family members"), family)
    kind = pack_text(rules, f"letter_kind_{case_file.case.procedure.value}", lang)
    out += headed(kind, grid(application_rows(case_file, result, rules, lang, _)))
    return out


# ---------------------------------------------------------------- sign-off


def sign_off(case_file: CaseFile, _: Gettext, *, translation: bool) -> list[Flowable]:
    """Closing and signature; a translation names the signer but has no line to sign on."""
    rep = case_file.representative
    signer = [case_file.applicant.name]
    if rep is not None:
        for_whom = _("on behalf of {name}").format(name=case_file.applicant.name)
        if rep.relation is not None and not rep.organisation.strip():
            for_whom = _("on behalf of {relation}, {name}").format(
                relation=_(RELATION_PHRASES[rep.relation]), name=case_file.applicant.name
            )
        signer = [rep.name, rep.organisation, for_whom]
    signer = [s for s in signer if s]
    if translation:
        return [text(_("Yours faithfully,")), Spacer(1, 2 * mm), text("\n".join(signer))]
    return [text(_("Yours faithfully,")), signature_block(signer)]


def enclosures(items: Sequence[str], _: Gettext) -> Flowable | None:
    if not items:
        return None
    lines = [_("Enclosures:")] + [f"– {item}" for item in items]
    return text("\n".join(lines), "small")


# ---------------------------------------------------------------- what is missing


def identification_gaps(case_file: CaseFile) -> tuple[list[Text], list[Text]]:
    """(missing fields that stop a ready-to-send letter, missing fields worth a warning)."""
    stop: list[Text] = []
    warn: list[Text] = []
    if not case_file.applicant.name.strip():
        stop.append(both("the applicant's name"))
    if not case_file.v_number.strip() and not case_file.ind_reference.strip():
        stop.append(both("the V-number or the IND reference (at least one)"))
    who = case_file.applicant
    if who.date_of_birth is None:
        warn.append(both("the applicant's date of birth"))
    if not who.nationality.strip():
        warn.append(both("the applicant's nationality"))
    if not who.address.strip():
        warn.append(both("the applicant's address"))
    extra = case_file.particulars
    procedure = case_file.case.procedure
    if procedure is Procedure.OBJECTION:
        if not extra.objected_decision_reference.strip():
            warn.append(both("the reference of the contested decision"))
        if extra.objection_lodged is None:
            warn.append(both("the date the objection was sent"))
    if procedure is Procedure.NAREIS:
        if extra.sponsor is None or not extra.sponsor.name.strip():
            warn.append(both("the sponsor (referent)"))
        if not extra.family_members:
            warn.append(both("the family members the application is for"))
    if procedure is Procedure.REGULAR:
        if not extra.purpose.strip():
            warn.append(both("the purpose of stay"))
        if extra.application_kind is None:
            warn.append(both("whether it is a first application, an extension or a change"))
    return stop, warn


def _joined(parts: list[Text]) -> Text:
    return Text(en="; ".join(t.en for t in parts), nl="; ".join(t.nl for t in parts))


def check_identification(case_file: CaseFile, draft: bool) -> list[Text]:
    """Refuse a ready-to-send letter that cannot identify the application; warnings else."""
    stop, warn = identification_gaps(case_file)
    if stop and not draft:
        raise DocumentRefused(
            both(
                "The letter cannot identify the application: fill in {fields} (a draft can be "
                "made without).",
                fields=_joined(stop),
            )
        )
    missing = stop + warn  # a draft says what it lacks too
    return [both("Missing in the case: {fields}.", fields=_joined(missing))] if missing else []


def font_gaps(case_file: CaseFile) -> list[Text]:
    """Characters of names and addresses that no shipped font can print (shown as �)."""
    fields = [
        ("applicant.name", case_file.applicant.name),
        ("applicant.address", case_file.applicant.address),
        *[(f"co_applicants[{i}].name", p.name) for i, p in enumerate(case_file.co_applicants)],
        *[
            (f"family_members[{i}].name", m.name)
            for i, m in enumerate(case_file.particulars.family_members)
        ],
    ]
    sponsor = case_file.particulars.sponsor
    if sponsor is not None:
        fields.append(("sponsor.name", sponsor.name))
    rep = case_file.representative
    if rep is not None:
        fields += [
            ("representative.name", rep.name),
            ("representative.organisation", rep.organisation),
            ("representative.address", rep.address),
        ]
    return [
        both(
            "{field} has characters no font in Termijn can print ({chars}); the letter shows "
            "\ufffd instead. Write the name in Latin letters as in the passport too.",
            field=field,
            chars=chars,
        )
        for field, chars in unprintable(fields)
    ]


def core_warnings(
    case_file: CaseFile, result: Result, today: date | None = None, rules: RulePack | None = None
) -> list[Warning]:
    """The core's warnings, and those it gives once the Notice has arrived (the penalty's).

    A Notice not yet sent has no penalty warnings in the result itself; the core's answer for
    the expected receipt has them (the Awb 4:17(6) exceptions, nareis unsettled).
    """
    found = {w.code: w for w in result.warnings}
    if today is not None and rules is not None:
        from desktop.documents.common import projected

        _receipt, later, _real = projected(case_file, result, today, rules)
        for w in later.warnings:
            found.setdefault(w.code, w)
    return list(found.values())


def document_warnings(
    case_file: CaseFile,
    result: Result,
    draft: bool = True,
    today: date | None = None,
    rules: RulePack | None = None,
) -> tuple[Text, ...]:
    """What the user should check: the core's warnings, missing fields, unprintable characters."""
    core = [w.text for w in core_warnings(case_file, result, today, rules)]
    return tuple(core + check_identification(case_file, draft) + font_gaps(case_file))
