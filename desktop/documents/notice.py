"""The Notice of Default (ingebrekestelling) and its authorisation page, as PDF."""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Procedure, Result
from desktop.core.rulepack import RulePack
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    Gettext,
    IndContact,
    application_heading,
    application_rows,
    author_of,
    check_timing,
    earliest_posting,
    expected_receipt,
    footer_id,
    identification,
    ind_contact,
    join_lines,
    long_date,
    penalty_outlook,
    place_of,
    procedure_name,
    relied_on,
    rule_pack,
)
from desktop.documents.layout import Section, bold, build_pdf, field_table, p, signature_block, text
from desktop.documents.markup import para
from desktop.i18n import format_money, translator


def draft_line(result: Result, today: date, lang: str, _: Gettext) -> str:
    """The warning on every page of a draft: why it must not be sent, and from when it may."""
    if result.decision is not None:
        return _("DRAFT: do not send. The IND already decided on {date}.").format(
            date=long_date(result.decision, lang)
        )
    if today < earliest_posting(result):
        return _("DRAFT: do not send before {date}: it would reach the IND too early.").format(
            date=long_date(earliest_posting(result), lang)
        )
    return _("DRAFT: check it, then export the final version to send.")


def _letterhead(case_file: CaseFile, ind: IndContact, _: Gettext) -> list[Flowable]:
    rep = case_file.representative
    if rep is not None:
        contact = [
            rep.phone and _("Telephone: {phone}").format(phone=rep.phone),
            rep.email and _("E-mail: {email}").format(email=rep.email),
        ]
        sender = join_lines([rep.name, rep.organisation, rep.address, *contact])
    else:
        sender = join_lines([case_file.applicant.name, case_file.applicant.address])
    route = _("By registered post (aangetekend)")
    if ind.fax:
        route = _("By registered post (aangetekend) and by fax to {fax}").format(fax=ind.fax)
    return [
        text(sender),
        Spacer(1, 6 * mm),
        text(join_lines([ind.name, *ind.address])),
        text(route, "small"),
        Spacer(1, 4 * mm),
    ]


def _term_paragraphs(
    result: Result, case_file: CaseFile, rules: RulePack, lang: str, _: Gettext
) -> list[Flowable]:
    term = result.term
    name = procedure_name(result.procedure, _)
    basis = rules.procedures[result.procedure].basis
    if result.procedure is Procedure.OBJECTION:
        opening = _(
            "The objection named above is directed against a decision sent on {date}. The period "
            "for deciding on the objection follows from {basis}."
        ).format(date=long_date(case_file.case.objected_decision_sent, lang), basis=basis)
    else:
        opening = _(
            "On {date} the IND received the application named above: {procedure} ({basis})."
        ).format(date=long_date(case_file.case.received, lang), procedure=name, basis=basis)
    out: list[Flowable] = [text(opening)]
    out.append(
        text(
            _("The statutory period for deciding on it ended on {date}.").format(
                date=long_date(term.statutory_end, lang)
            )
        )
    )
    items = relied_on(result, lang, _)
    if items:
        out.append(text(_("In calculating this period I have taken into account:"), "body"))
        out += [p("•&nbsp;" + para(item), "body") for item in items]
    latest = term.safe_notice_receipt - timedelta(days=1)
    if latest > term.statutory_end:
        out.append(
            text(
                _(
                    "Even on the reading most favourable to the IND (the end moved to the next "
                    "working day, the suspensions the IND has claimed and any end date the IND "
                    "has stated), the period expired no later than {date}."
                ).format(date=long_date(latest, lang))
            )
        )
    return out


def _consequences(
    result: Result, rules: RulePack, receipt: date, lang: str, _: Gettext
) -> list[Flowable]:
    outlook = penalty_outlook(result, rules, receipt)
    if not outlook.applies:
        # Never promise a penalty the law does not give (asylum since July 2020, R4.7).
        return [
            text(
                _(
                    "No administrative penalty (dwangsom, Article 4:17 of the General "
                    "Administrative Law Act (Awb)) applies to this application. If you do not "
                    "decide within those two weeks, I can appeal to the court against the failure "
                    "to decide (beroep niet tijdig beslissen, Article 6:12 Awb). The court can "
                    "then order you to decide and attach a penalty to that order."
                )
            )
        ]
    tiers = []
    for index, rate in enumerate(outlook.daily):
        first = index * outlook.days_per_tier + 1
        tiers.append(
            _("{amount} a day for days {first} to {last}").format(
                amount=format_money(rate, lang), first=first, last=first + outlook.days_per_tier - 1
            )
        )
    return [
        text(
            _(
                "If you do not decide within those two weeks, you forfeit an administrative "
                "penalty (dwangsom) under Article 4:17 of the General Administrative Law Act "
                "(Awb) for each day of further delay: {tiers}; at most {cap} in total. I can then "
                "also appeal to the court against the failure to decide (Article 6:12 Awb)."
            ).format(tiers="; ".join(tiers), cap=format_money(outlook.cap, lang))
        )
    ]


def notice_flowables(
    case_file: CaseFile, result: Result, lang: str, settings: DocumentSettings, today: date
) -> list[Flowable]:
    """The letter (and the authorisation page when a representative signs) in one language."""
    _ = translator(lang)
    rules = rule_pack(result)
    ind = ind_contact(rules, settings)
    rep = case_file.representative
    story: list[Flowable] = []
    if lang != "nl":
        story.append(
            text(
                _(
                    "Translation for your understanding. Send the Dutch version "
                    "(ingebrekestelling) to the IND: only that one is signed and sent."
                ),
                "note",
            )
        )
    story += _letterhead(case_file, ind, _)
    place = place_of(case_file, settings) or "_______________"
    story.append(text(_("{place}, {date}").format(place=place, date=long_date(today, lang))))
    story.append(
        bold(
            _("Subject: Notice of Default (ingebrekestelling) for failure to decide in time"),
            "heading",
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(bold(_("Applicant"), "body"))
    story.append(field_table(identification(case_file, lang, _)))
    story.append(Spacer(1, 3 * mm))
    story.append(bold(application_heading(case_file, _), "body"))
    story.append(field_table(application_rows(case_file, result, rules, lang, _)))
    story.append(Spacer(1, 5 * mm))
    story.append(text(_("Dear Sir or Madam,")))
    if rep is not None:
        story.append(
            text(
                _(
                    "I write on behalf of my client named above, who has authorised me "
                    "to do so (see the authorisation attached)."
                )
            )
        )
    story += _term_paragraphs(result, case_file, rules, lang, _)
    if case_file.case.procedure is Procedure.OBJECTION:
        late = _("You have not decided on the objection within this period.")
        request = _(
            "I ask you to decide on the objection within two weeks of receiving this letter."
        )
    else:
        late = _("You have not decided on the application within this period.")
        request = _(
            "I ask you to decide on the application within two weeks of receiving this letter."
        )
    story.append(text(late))
    # R4.2: the sentence that makes this a Notice of Default, in bold so that no one misses it.
    sentence = _("I hereby give you notice of default.")  # not inside an f-string: extractable
    story.append(p(f"<b>{para(sentence)}</b> {para(request)}"))
    story += _consequences(result, rules, expected_receipt(result, today), lang, _)
    if settings.remarks.strip():
        story.append(bold(_("Further remarks"), "body"))
        story.append(text(settings.remarks))
    confirm = _(
        "Please confirm in writing that you have received this Notice of Default "
        "(ingebrekestelling)."
    )
    signer = [case_file.applicant.name]
    if rep is not None:
        signer = [
            rep.name,
            rep.organisation,
            _("on behalf of {name}").format(name=case_file.applicant.name),
        ]
    closing: list[Flowable] = [
        text(confirm),
        text(_("Yours faithfully,")),
        signature_block([s for s in signer if s]),
    ]
    if rep is not None:
        closing += [Spacer(1, 4 * mm), text(_("Enclosure: authorisation (machtiging)"), "small")]
    story.append(KeepTogether(closing))  # never a signature alone at the top of a page
    if rep is not None:
        story += [PageBreak(), *authorisation_flowables(case_file, result, rules, lang, _)]
    return story


def authorisation_flowables(
    case_file: CaseFile, result: Result, rules: RulePack, lang: str, _: Gettext
) -> list[Flowable]:
    """The machtiging the applicant signs so that the representative may act (R4.2)."""
    rep = case_file.representative
    assert rep is not None
    story: list[Flowable] = [
        p(para(_("Authorisation (machtiging)")), "title"),
        text(
            _(
                "I, the undersigned, authorise the representative named below to give the IND "
                "notice of default (ingebrekestelling) on my behalf for its failure to decide in "
                "time on the application named below, and to take every further step connected "
                "with it, including an appeal against the failure to decide."
            )
        ),
        bold(_("Applicant"), "body"),
        field_table(identification(case_file, lang, _)),
        Spacer(1, 3 * mm),
        bold(_("Representative"), "body"),
        field_table(
            [
                (_("Name"), rep.name),
                (_("Organisation"), rep.organisation),
                (_("Address"), rep.address),
                (_("Telephone"), rep.phone),
                (_("E-mail"), rep.email),
            ]
        ),
        Spacer(1, 3 * mm),
        bold(application_heading(case_file, _), "body"),
        field_table(application_rows(case_file, result, rules, lang, _)),
        Spacer(1, 6 * mm),
        text(_("Place and date: ______________________________")),
        Spacer(1, 4 * mm),
    ]
    signers = [case_file.applicant, *case_file.co_applicants]
    for person in signers:
        story.append(
            KeepTogether([signature_block([_("Signature of {name}").format(name=person.name)])])
        )
    if case_file.co_applicants:
        story.append(text(_("A parent signs for a child under 18."), "small"))
    return story


def notice_section(case_file: CaseFile, lang: str, key: str, draft: str) -> Section:
    _ = translator(lang)
    return Section(
        key=key, footer=footer_id(case_file, _), page_label=_("Page {page} of {pages}"), draft=draft
    )


def build_notice(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    draft: bool = False,
) -> bytes:
    """The Notice in one language as PDF bytes.

    Raises:
        PrematureNoticeError: it would reach the IND too early and `draft` is false.
        DecidedError: the IND already decided and `draft` is false.
        DocumentError: no IND address is known.
    """
    settings = settings or DocumentSettings()
    if not draft:
        check_timing(result, today)
    _ = translator(lang)
    banner = draft_line(result, today, lang, _) if draft else ""
    section = notice_section(case_file, lang, "notice", banner)
    return build_pdf(
        [(section, notice_flowables(case_file, result, lang, settings, today))],
        title=_("Notice of Default (ingebrekestelling)") + " – " + case_file.applicant.name,
        author=author_of(case_file),
        subject=_("Notice of Default (ingebrekestelling)"),
        lang=PDF_LANG[lang],
    )
