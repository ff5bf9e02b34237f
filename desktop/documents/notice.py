"""The Notice of Default (ingebrekestelling) and its authorisation page, as PDF."""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Appointment, Procedure, Result
from desktop.core.rulepack import RulePack
from desktop.documents.cite import cite
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    Gettext,
    IndContact,
    author_of,
    expected_receipt,
    footer_id,
    ind_contact,
    long_date,
    pack_keywords,
    penalty_outlook,
    relied_on,
    rule_pack,
)
from desktop.documents.layout import Section, build_pdf, p, signature_block, text
from desktop.documents.letter import (
    check_identification,
    core_warnings,
    enclosures,
    grid,
    headed,
    letterhead,
    on_behalf,
    pack_text,
    period_words,
    place_and_date,
    sign_off,
    subject_line,
    who_and_what,
)
from desktop.documents.markup import para
from desktop.documents.state import NoticeRound, earliest_posting, notice_round
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


def translation_mark(_: Gettext) -> str:
    return _("Translation – do not send")


def route_line(ind: IndContact, by_fax: bool, _: Gettext) -> str:
    """Above the window: how the letter goes (the Dutch letter says "Aangetekend en per fax")."""
    if by_fax and ind.fax:
        return _("Registered post (aangetekend) and by fax to {fax}").format(fax=ind.fax)
    return _("Registered post (aangetekend)")


def _term_paragraphs(
    case_file: CaseFile, result: Result, rules: RulePack, today: date, lang: str, _: Gettext
) -> list[Flowable]:
    term = result.term
    case = case_file.case
    procedure = case.procedure
    start_day = case.objected_decision_sent if procedure is Procedure.OBJECTION else case.received
    opening = pack_text(rules, f"letter_start_{procedure.value}", lang, date=start_day)
    base = rules.base_term(procedure, case.received, frozenset(result.flags))
    length = rules.text(f"unit_{base.unit}").get(lang)
    basis = cite(rules.procedures[procedure].basis, lang, rules)
    opening += " " + _("The decision period is {amount} {unit} ({basis}).").format(
        amount=base.amount, unit=length, basis=basis
    )
    out: list[Flowable] = [text(opening)]
    items = relied_on(result, lang, _, rules)
    if items:
        out.append(text(_("In calculating it I have taken into account:")))
        out += [p("•&nbsp;" + para(item), "bullet") for item in items]
    # Never "has ended" for a day still to come (a draft made early).
    if term.statutory_end < today:
        ended = _("By my calculation the decision period ended on {date}.")
    else:
        ended = _("By my calculation the decision period ends on {date}.")
    out.append(text(ended.format(date=long_date(term.statutory_end, lang))))
    latest = term.safe_notice_receipt - timedelta(days=1)
    if latest > term.statutory_end:
        readings = []
        if term.rolled_end > term.statutory_end:
            readings.append(_("the end moved to the next working day"))
        if term.contested_days:
            readings.append(_("the suspension the IND may claim for a missed appointment"))
        if any(e.contested for e in term.extensions):
            readings.append(_("the general extension the IND applies"))
        if case.ind_stated_end is not None and case.ind_stated_end > term.statutory_end:
            readings.append(
                _("the end date the IND itself stated ({date})").format(
                    date=long_date(case.ind_stated_end, lang)
                )
            )
        if readings:
            if latest < today:
                tail = _("Even counting {readings}, it ended no later than {date}.")
            else:
                tail = _("Even counting {readings}, it ends no later than {date}.")
            out.append(
                text(tail.format(readings=_(" and ").join(readings), date=long_date(latest, lang)))
            )
    return out


def _earlier_notice(round_: NoticeRound, rules: RulePack, lang: str, _: Gettext) -> Flowable:
    """Why a Notice is sent again after the IND received one (R4.1)."""
    assert round_.earlier is not None
    if round_.void:
        why = _(
            "On {date} the IND received an earlier Notice of Default about this application. It "
            "reached you on or before the last day of the decision period and therefore does "
            "not count as a Notice of Default ({basis}). I therefore give you notice of default "
            "again with this letter."
        )
    else:
        why = _(
            "On {date} the IND received an earlier Notice of Default about this application. To "
            "rule out any dispute about whether it arrived after the decision period had "
            "ended, I give you notice of default again with this letter."
        )
    return text(
        why.format(
            date=long_date(round_.earlier, lang), basis=cite(rules.cite("notice"), lang, rules)
        )
    )


def _contested(
    case_file: CaseFile, result: Result, rules: RulePack, lang: str, _: Gettext
) -> list[Flowable]:
    """One paragraph contesting the suspension the IND may claim for excused missed appointments."""
    excused = [
        a
        for a in case_file.case.of_type(Appointment)
        if not a.attended and (a.excuse or "").strip()
    ]
    claimed = [s for s in result.term.suspensions if s.contested and s.source == "appointment"]
    if not excused or not claimed:
        return []
    dates = _(" and ").join(long_date(a.date, lang) for a in excused)
    reasons = "; ".join((a.excuse or "").strip().rstrip(".") for a in excused)
    who = case_file.applicant.name if case_file.representative is not None else ""
    if who:
        sentence = _(
            "You may take the view that the decision period was suspended because {name} did not "
            "attend the appointment of {dates} ({basis}). {name} does not accept such a "
            "suspension: the absence cannot be attributed to {name}, because: {reasons}. The "
            "evidence is available and will be sent on request."
        )
    else:
        sentence = _(
            "You may take the view that the decision period was suspended because I did not "
            "attend the appointment of {dates} ({basis}). I do not accept such a suspension: "
            "the absence cannot be attributed to me, because: {reasons}. The evidence is "
            "available and will be sent on request."
        )
    return [
        text(
            sentence.format(
                name=who,
                dates=dates,
                basis=cite(rules.pauses.contested, lang, rules),
                reasons=reasons,
            )
        )
    ]


def _object(case_file: CaseFile, rules: RulePack, lang: str) -> str:
    return pack_text(rules, f"letter_object_{case_file.case.procedure.value}", lang)


def _consequences(
    case_file: CaseFile,
    result: Result,
    rules: RulePack,
    receipt: date,
    lang: str,
    _: Gettext,
    receipt_day: date,
) -> list[Flowable]:
    outlook = penalty_outlook(result, rules, receipt)
    appeal = cite(rules.cite("appeal"), lang, rules)
    weeks = period_words(rules.window_days, lang, _)
    if not outlook.applies:
        # Never promise a penalty the law does not give (asylum since July 2020, R4.7).
        court = rules.letters.court_penalty if rules.letters is not None else ""
        sentence = _(
            "No administrative penalty (dwangsom) applies to this application ({none}). If you "
            "do not decide within those {weeks}, an appeal to the court against the failure to "
            "decide is possible ({appeal}); the court can then order you to decide and attach a "
            "penalty of its own to that order{court}."
        )
        return [
            text(
                sentence.format(
                    none=cite(rules.cite("no_admin_penalty"), lang, rules),
                    weeks=weeks,
                    appeal=appeal,
                    court=f" ({cite(court, lang, rules)})" if court else "",
                )
            )
        ]
    tiers = []
    for index, rate in enumerate(outlook.daily):
        first = index * outlook.days_per_tier + 1
        tiers.append(
            _("{amount} a day for days {first}–{last}").format(
                amount=format_money(rate, lang), first=first, last=first + outlook.days_per_tier - 1
            )
        )
    warned = core_warnings(case_file, result, receipt_day, rules)
    unsettled = any(w.code == "nareis_penalty_unverified" for w in warned)
    if unsettled:  # the core warns that it is not settled: the letter claims, it does not assert
        sentence = _(
            "If you do not decide within those {weeks}, you forfeit in my view an administrative "
            "penalty (dwangsom) for each day of further delay ({basis}): {tiers}; at most {cap} "
            "in total. An appeal to the court against the failure to decide is then also "
            "possible ({appeal})."
        )
    else:
        sentence = _(
            "If you do not decide within those {weeks}, you forfeit an administrative penalty "
            "(dwangsom) for each day of further delay ({basis}): {tiers}; at most {cap} in total. "
            "An appeal to the court against the failure to decide is then also possible "
            "({appeal})."
        )
    return [
        text(
            sentence.format(
                weeks=weeks,
                basis=cite(rules.cite("penalty"), lang, rules),
                tiers="; ".join(tiers),
                cap=format_money(outlook.cap, lang),
                appeal=appeal,
            )
        )
    ]


def notice_flowables(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings,
    today: date,
    *,
    rules: RulePack | None = None,
    round_: NoticeRound | None = None,
) -> list[Flowable]:
    """The letter (and the authorisation page when a representative signs) in one language."""
    _ = translator(lang)
    rules = rule_pack(result, rules)
    round_ = round_ or NoticeRound()
    translation = lang != "nl"
    rep = case_file.representative
    story: list[Flowable] = []
    if translation:
        story.append(
            text(
                _(
                    "Translation for your understanding. Send the Dutch version "
                    "(ingebrekestelling) to the IND: only that one is signed and sent."
                ),
                "note",
            )
        )
    story += [
        place_and_date(case_file, settings, today, lang, _),
        subject_line(_("notice of default (ingebrekestelling)"), case_file, _),
        Spacer(1, 1 * mm),
        *who_and_what(case_file, result, rules, lang, _),
        text(_("Dear Sir or Madam,")),
    ]
    behalf = on_behalf(case_file, _)
    if behalf:
        story.append(text(behalf))
    story += _term_paragraphs(case_file, result, rules, today, lang, _)
    if round_.earlier is not None:
        story.append(_earlier_notice(round_, rules, lang, _))
    story += _contested(case_file, result, rules, lang, _)
    thing = _object(case_file, rules, lang)
    late = _("You have not decided on {thing} within this period.").format(thing=thing)
    # R4.2: the sentence that makes this a Notice of Default, in bold so that no one misses it.
    sentence = _("I hereby give you notice of default.")
    request = _("I ask you to decide on {thing} within {weeks} of receiving this letter.").format(
        thing=thing, weeks=period_words(rules.window_days, lang, _)
    )
    story.append(p(f"{para(late)} <b>{para(sentence)}</b> {para(request)}"))
    story += _consequences(
        case_file, result, rules, expected_receipt(result, today, rules), lang, _, today
    )
    if settings.remarks.strip():
        story.append(text(settings.remarks))
    closing: list[Flowable] = [
        text(
            _(
                "Please confirm in writing that you have received this Notice of Default "
                "(ingebrekestelling)."
            )
        ),
        *sign_off(case_file, _, translation=translation),
    ]
    listed = []
    if rep is not None:
        listed.append(_("authorisation (machtiging)"))
    if round_.earlier is not None:
        listed.append(_("copy of the earlier Notice of Default and its proof of delivery"))
    attached = enclosures(listed, _)
    if attached is not None:
        closing += [Spacer(1, 2 * mm), attached]
    story.append(KeepTogether(closing))  # never a signature alone at the top of a page
    if rep is not None:
        story += [PageBreak(), authorisation(case_file, result, rules, lang, _, translation)]
    return story


def authorisation(
    case_file: CaseFile,
    result: Result,
    rules: RulePack,
    lang: str,
    _: Gettext,
    translation: bool,
) -> Flowable:
    """The machtiging the applicant signs so that the representative may act (R4.2), whole."""
    rep = case_file.representative
    assert rep is not None
    thing = _object(case_file, rules, lang)
    story: list[Flowable] = [
        p(para(_("Authorisation (machtiging)")), "title"),
        text(
            _(
                "I, the undersigned, authorise the representative named below to give the IND "
                "notice of default (ingebrekestelling) on my behalf for its failure to decide in "
                "time on {thing} named below, and to take every further step connected with it, "
                "including an appeal against the failure to decide and a request to fix the "
                "penalty (dwangsom)."
            ).format(thing=thing)
        ),
        *who_and_what(case_file, result, rules, lang, _),
        *headed(
            _("Representative"),
            grid(
                [
                    (_("Name"), rep.name),
                    (_("Organisation"), rep.organisation),
                    (_("Address"), rep.address),
                    (_("Telephone"), rep.phone),
                    (_("E-mail"), rep.email),
                ]
            ),
        ),
        Spacer(1, 4 * mm),
    ]
    signers = [case_file.applicant, *case_file.co_applicants]
    if translation:
        story.append(
            text(_("Signed by: {names}").format(names=", ".join(s.name for s in signers if s.name)))
        )
    else:
        story.append(text(_("Place and date: ______________________________")))
        story.append(Spacer(1, 3 * mm))
        for person in signers:
            story.append(signature_block([_("Signature of {name}").format(name=person.name)]))
        if case_file.co_applicants:
            story.append(text(_("A parent signs for a child under 18."), "small"))
    return KeepTogether(story)  # one page: an authorisation is never split


def notice_section(
    case_file: CaseFile,
    lang: str,
    key: str,
    draft: str,
    rules: RulePack,
    settings: DocumentSettings,
) -> Section:
    _ = translator(lang)
    ind = ind_contact(rules, settings)
    by_fax = settings.by_fax or case_file.particulars.send_by_fax
    return Section(
        key=key,
        footer=footer_id(case_file, _),
        page_label=_("Page {page} of {pages}"),
        draft=draft,
        mark=translation_mark(_) if lang != "nl" else "",
        letterhead=letterhead(case_file, [ind.name, *ind.address], route_line(ind, by_fax, _), _),
    )


def build_notice(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    draft: bool = False,
    rules: RulePack | None = None,
) -> bytes:
    """The Notice in one language as PDF bytes.

    Raises:
        DocumentRefused: the case's state does not allow a Notice (decided, premature, one
            already counts) or it cannot identify the application; `draft` lifts the timing.
        DocumentError: no IND address is known, or it does not fit the envelope's window.
    """
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    round_ = notice_round(result, today, draft)
    check_identification(case_file, draft)
    _ = translator(lang)
    banner = draft_line(result, today, lang, _) if draft else ""
    section = notice_section(case_file, lang, "notice", banner, rules, settings)
    return build_pdf(
        [
            (
                section,
                notice_flowables(
                    case_file, result, lang, settings, today, rules=rules, round_=round_
                ),
            )
        ],
        title=_("Notice of Default (ingebrekestelling)") + " – " + case_file.applicant.name,
        author=author_of(case_file),
        subject=_("Notice of Default (ingebrekestelling)"),
        keywords=pack_keywords(rules),
        lang=PDF_LANG[lang],
    )
