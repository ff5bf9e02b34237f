"""The notice of appeal (beroepschrift) against the IND's failure to decide in time, as PDF.

It holds what a notice of appeal must contain (the pack's `letters.appeal_contents`): who
appeals, the date, what the appeal is against (the failure to decide, which counts as a
decision) and the grounds, and asks the court to order a decision with a penalty of its own.
A last page, not for the court, says what the court fee was when last checked.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desktop.core.casefile import CaseFile
from desktop.core.model import Procedure, Result
from desktop.core.rulepack import RulePack
from desktop.documents.cite import cite
from desktop.documents.common import (
    PDF_LANG,
    DocumentSettings,
    Gettext,
    author_of,
    footer_id,
    long_date,
    pack_keywords,
    rule_pack,
)
from desktop.documents.errors import DocumentError
from desktop.documents.layout import Section, bold, build_pdf, text
from desktop.documents.letter import (
    check_identification,
    enclosures,
    letterhead,
    on_behalf,
    pack_text,
    period_words,
    place_and_date,
    sign_off,
    subject_line,
    who_and_what,
)
from desktop.documents.notice import authorisation, translation_mark
from desktop.documents.state import check_appeal
from desktop.i18n import format_money, translator


def _court(case_file: CaseFile, rules: RulePack, lang: str) -> list[str]:
    """The competent court: an immigration case goes to The Hague; naturalisation to home."""
    letters = rules.letters
    if letters is None:
        raise DocumentError(f"rule pack {rules.id} names no court: use a newer rule pack")
    if case_file.case.procedure is Procedure.NATURALISATION:
        return [letters.court_naturalisation.get(lang), "______________________________"]
    return [letters.court.get(lang), *letters.court_address]


def _day(day: date | None, lang: str) -> str:
    """A date, or a line to fill in on a draft made before the Notice arrived."""
    return long_date(day, lang) if day is not None else "__________"


def _grounds(
    case_file: CaseFile, result: Result, rules: RulePack, lang: str, _: Gettext
) -> list[Flowable]:
    key = result.key_dates
    case = case_file.case
    procedure = case.procedure.value
    start = case.objected_decision_sent if case.procedure is Procedure.OBJECTION else case.received
    thing = pack_text(rules, f"letter_object_{procedure}", lang)
    return [
        bold(_("Grounds of appeal"), "subhead"),
        text(pack_text(rules, f"letter_start_{procedure}", lang, date=start)),
        text(
            _(
                "The IND had to decide on {thing} by {end} at the latest. It did not. On {notice} "
                "the IND received my Notice of Default ({basis}). It then had until {last} to "
                "decide, and it has still not decided."
            ).format(
                thing=thing,
                end=long_date(result.term.safe_notice_receipt - timedelta(days=1), lang),
                notice=_day(key.notice_received, lang),
                basis=cite(rules.cite("notice"), lang, rules),
                last=_day(key.window_last, lang),
            )
        ),
        text(
            _(
                "Not deciding in time counts as a decision against which an appeal lies "
                "({basis}). The appeal is lodged after the {weeks} following the Notice of "
                "Default, and not unreasonably late."
            ).format(
                basis=cite(rules.letters.appeal if rules.letters else "", lang, rules),
                weeks=period_words(rules.window_days, lang, _),
            )
        ),
    ]


def appeal_flowables(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings,
    today: date,
    rules: RulePack,
) -> list[Flowable]:
    _ = translator(lang)
    translation = lang != "nl"
    key = result.key_dates
    letters = rules.letters
    assert letters is not None
    story: list[Flowable] = [
        place_and_date(case_file, settings, today, lang, _),
        subject_line(_("appeal against the failure to decide in time"), case_file, _),
        Spacer(1, 2 * mm),
        text(_("Your Honours,")),
    ]
    behalf = on_behalf(case_file, _)
    if behalf:
        story.append(text(behalf))
    story.append(
        text(
            _(
                "I lodge an appeal against the failure of the Immigration and Naturalisation "
                "Service (IND), acting for the minister, to decide in time on the application "
                "named below."
            )
        )
    )
    story += who_and_what(case_file, result, rules, lang, _)
    story += _grounds(case_file, result, rules, lang, _)
    asks = [
        _("declare the appeal well-founded;"),
        _(
            "order the IND to decide within a period the court sets, and attach a penalty for "
            "each day the IND does not comply ({basis});"
        ).format(basis=cite(letters.court_penalty, lang, rules)),
    ]
    if key.penalty_applies:
        asks.append(
            _("fix the administrative penalty (dwangsom) the IND owes ({basis});").format(
                basis=cite(letters.court_fixes_penalty, lang, rules)
            )
        )
    asks.append(_("order the IND to pay the costs of these proceedings and the court fee."))
    story.append(bold(_("Request"), "subhead"))
    story.append(text(_("I ask the court to:")))
    story += [text(f"{i}. {ask}", "bullet") for i, ask in enumerate(asks, 1)]
    listed = [
        _("copy of the Notice of Default of {date} and its proof of delivery").format(
            date=_day(key.notice_received, lang)
        ),
        _("copy of the IND's confirmation of receipt of the application"),
        _("copy of an identity document"),
    ]
    if case_file.representative is not None:
        listed.append(_("authorisation (machtiging)"))
    closing = [*sign_off(case_file, _, translation=translation), Spacer(1, 2 * mm)]
    attached = enclosures(listed, _)
    if attached is not None:
        closing.append(attached)
    story.append(KeepTogether(closing))
    if case_file.representative is not None:
        story += [PageBreak(), authorisation(case_file, result, rules, lang, _, translation)]
    story += [PageBreak(), *_notes(case_file, rules, lang, _)]
    return story


def _notes(case_file: CaseFile, rules: RulePack, lang: str, _: Gettext) -> list[Flowable]:
    """For the sender, not the court: the court fee as last checked, and what happens next."""
    letters = rules.letters
    assert letters is not None
    out: list[Flowable] = [
        text(_("For you, not for the court"), "title"),
        text(
            _(
                "Send the notice of appeal, signed, with its enclosures to the court by post, "
                "and keep a copy and the proof of posting. The court usually decides on the "
                "papers; it asks the IND why it has not decided."
            )
        ),
    ]
    fee = letters.court_fee
    if fee is not None:
        out.append(
            text(
                _(
                    "Court fee (griffierecht): the court sends you a bill, and the amount on it "
                    "is the one that counts. In {year} it was {amount} for a private person "
                    "(amount last checked on {checked}; source: {source}). If the appeal "
                    "succeeds, the IND pays it back. If you cannot afford it, ask the court for a "
                    "reduction."
                ).format(
                    year=fee.year,
                    amount=format_money(fee.amount, lang),
                    checked=long_date(fee.checked, lang),
                    source=fee.source,
                )
            )
        )
    if letters.court_checked is None and case_file.case.procedure is not Procedure.NATURALISATION:
        out.append(
            text(
                _(
                    "The court's postal address comes from rule pack {pack} and has not been "
                    "checked against the court's own page: check it on rechtspraak.nl before "
                    "you send."
                ).format(pack=rules.id)
            )
        )
    out.append(
        text(
            _(
                "The request that the court attach a penalty of its own matters most where the "
                "IND owes no administrative penalty (asylum): it is then the only pressure on "
                "the IND to decide."
            )
        )
    )
    out.append(
        text(_("Rule pack {pack}.").format(pack=f"{rules.id} ({rules.short_hash})"), "small")
    )
    return out


def build_appeal(
    case_file: CaseFile,
    result: Result,
    lang: str,
    settings: DocumentSettings | None = None,
    *,
    today: date,
    draft: bool = False,
    rules: RulePack | None = None,
) -> bytes:
    """The notice of appeal in one language ("nl+en": Dutch, then the English translation)."""
    settings = settings or DocumentSettings()
    rules = rule_pack(result, rules)
    check_appeal(result, today, draft)
    check_identification(case_file, draft)
    langs = ("nl", "en") if lang == "nl+en" else (lang,)
    parts = []
    for one in langs:
        _ = translator(one)
        banner = ""
        if draft:
            banner = _("DRAFT: check it, then make the final version to send.")
        section = Section(
            key=f"appeal-{one}",
            footer=footer_id(case_file, _),
            page_label=_("Page {page} of {pages}"),
            draft=banner,
            mark=translation_mark(_) if one != "nl" else "",
            letterhead=letterhead(
                case_file, _court(case_file, rules, one), _("Registered post (aangetekend)"), _
            ),
        )
        parts.append((section, appeal_flowables(case_file, result, one, settings, today, rules)))
    first = translator(langs[0])
    title = first("Notice of appeal (beroepschrift)")
    return build_pdf(
        parts,
        title=f"{title} – {case_file.applicant.name}",
        author=author_of(case_file),
        subject=title,
        keywords=pack_keywords(rules),
        lang=PDF_LANG[langs[0]],
    )
