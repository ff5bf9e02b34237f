"""The request that the IND fix the penalty (dwangsom) it owes, with the days and amount, as PDF.

The IND must fix the penalty by decision on its own (the pack's `fix_decision` citation); this
letter asks for it when it has not, once the penalty period is over. The days and the amount
are the core's (`Result.penalty`); the tiers and the cap are the pack's.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Result
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
from desktop.documents.layout import Section, build_pdf, text
from desktop.documents.letter import (
    check_identification,
    enclosures,
    letterhead,
    on_behalf,
    period_words,
    place_and_date,
    sign_off,
    subject_line,
    who_and_what,
)
from desktop.documents.notice import route_line, translation_mark
from desktop.documents.state import check_penalty_request
from desktop.i18n import format_money, translator


def request_flowables(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings,
    today: date,
    rules: RulePack,
) -> list[Flowable]:
    _ = translator(lang)
    key = result.key_dates
    penalty = result.penalty
    received = key.notice_received or (result.notice.received if result.notice else None)
    tiers = rules.tiers_for(received or today)
    story: list[Flowable] = [
        place_and_date(case_file, settings, today, lang, _),
        subject_line(_("request to fix the penalty (dwangsom) owed"), case_file, _),
        Spacer(1, 2 * mm),
        *who_and_what(case_file, result, rules, lang, _),
        text(_("Dear Sir or Madam,")),
    ]
    behalf = on_behalf(case_file, _)
    if behalf:
        story.append(text(behalf))
    story.append(
        text(
            _(
                "On {notice} the IND received the Notice of Default about this application. You "
                "did not decide within {weeks} after that, so from {first} you owe a penalty "
                "(dwangsom) for each day of delay ({basis})."
            ).format(
                notice=long_date(received, lang),
                weeks=period_words(rules.window_days, lang, _),
                first=long_date(penalty.first_day, lang),
                basis=cite(rules.cite("penalty"), lang, rules),
            )
        )
    )
    if result.decision is not None:
        ended = _("You decided on {date}; the penalty ran up to and including that day.").format(
            date=long_date(result.decision, lang)
        )
    else:
        ended = _(
            "You have still not decided. The penalty ran for the maximum of {days} days, up to "
            "and including {date}."
        ).format(days=tiers.max_days, date=long_date(penalty.last_day or key.day_42, lang))
    rates = "; ".join(
        _("{amount} a day from {first} to {last}").format(
            amount=format_money(rate, lang), first=long_date(a, lang), last=long_date(b, lang)
        )
        for a, b, rate in tiers.tier_starts(penalty.first_day or today)
    )
    story.append(text(ended))
    story.append(
        text(
            _("That makes {days} penalty days, together {amount} ({rates}; at most {cap}).").format(
                days=penalty.days,
                amount=format_money(penalty.amount, lang),
                rates=rates,
                cap=format_money(tiers.cap, lang),
            )
        )
    )
    story.append(
        text(
            _(
                "You must fix the penalty owed by decision within {weeks} after the last day it "
                "was owed, and pay it after that ({basis}). You have not done so. I ask you to "
                "fix the penalty of {amount} by decision and to pay it into the account below."
            ).format(
                weeks=period_words(rules.fix_decision_days, lang, _),
                basis=cite(rules.cite("fix_decision"), lang, rules),
                amount=format_money(penalty.amount, lang),
            )
        )
    )
    story.append(
        text(_("IBAN: ______________________________  in the name of: ____________________"))
    )
    closing = [*sign_off(case_file, _, translation=lang != "nl"), Spacer(1, 2 * mm)]
    attached = enclosures(
        [_("copy of the Notice of Default and its proof of delivery")]
        + ([_("authorisation (machtiging)")] if case_file.representative is not None else []),
        _,
    )
    if attached is not None:
        closing.append(attached)
    story.append(KeepTogether(closing))
    return story


def build_penalty_request(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    draft: bool = False,
    rules: RulePack | None = None,
) -> bytes:
    """The request in one language ("nl+en": Dutch, then the English translation)."""
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    check_penalty_request(result, today, draft)
    check_identification(case_file, draft)
    ind = ind_contact(rules, settings)
    langs = ("nl", "en") if lang == "nl+en" else (lang,)
    parts = []
    for one in langs:
        _ = translator(one)
        section = Section(
            key=f"penalty-{one}",
            footer=footer_id(case_file, _),
            page_label=_("Page {page} of {pages}"),
            draft=_("DRAFT: check it, then make the final version to send.") if draft else "",
            mark=translation_mark(_) if one != "nl" else "",
            letterhead=letterhead(
                case_file, [ind.name, *ind.address], route_line(ind, settings.by_fax, _), _
            ),
        )
        parts.append((section, request_flowables(case_file, result, one, settings, today, rules)))
    title = translator(langs[0])("Request to fix the penalty (dwangsom)")
    return build_pdf(
        parts,
        title=f"{title} – {case_file.applicant.name}",
        author=author_of(case_file),
        subject=title,
        keywords=pack_keywords(rules),
        lang=PDF_LANG[langs[0]],
    )
