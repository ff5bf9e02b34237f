"""The Notice, the checklist and the appeal follow the rule pack they were computed with: each
runs under the built-in pack and the second test pack (EUR 30/40/50 a day for 10 days each, at
most 30 days, cap EUR 1,200), with the values each must print."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.core.casefile import parse_case_file
from desktop.core.compute import compute
from desktop.core.rulepack import load_rule_pack
from desktop.documents import make_appeal, make_checklist, make_notice
from tests.documents.support import REGULAR, TODAY, alltext

BUILT_IN, SECOND = "nl-2026.12", "xx-2027.1"

# The Notice states the tiers and the cap of the pack (REGULAR's term ended 19-10-2026; today
# 25-11-2026). Built in: 14 days each at 23/35/45, cap 14 x (23 + 35 + 45) = 1,442. Second
# pack: 10 days each at 30/40/50, cap 10 x (30 + 40 + 50) = 1,200.
NOTICE = {
    BUILT_IN: {
        "nl": "€ 23,00 per dag voor dag 1–14; € 35,00 per dag voor dag 15–28; € 45,00 per dag "
        "voor dag 29–42; in totaal ten hoogste € 1.442,00.",
        "en": "€23.00 a day for days 1–14; €35.00 a day for days 15–28; €45.00 a day for days "
        "29–42; at most €1,442.00 in total.",
    },
    SECOND: {
        "nl": "€ 30,00 per dag voor dag 1–10; € 40,00 per dag voor dag 11–20; € 50,00 per dag "
        "voor dag 21–30; in totaal ten hoogste € 1.200,00.",
        "en": "€30.00 a day for days 1–10; €40.00 a day for days 11–20; €50.00 a day for days "
        "21–30; at most €1,200.00 in total.",
    },
}
# The checklist projects from posting today (Wed 25-11-2026): the Notice reaches the IND Thu
# 26-11 at the earliest; its two weeks end Thu 10-12; the first penalty day is Fri 11-12-2026.
# The last possible penalty day: built in 11-12 + 41 = Thu 21-01-2027; second pack 11-12 + 29 =
# Sat 09-01-2027. The IND fixes the amount 14 days after it: Thu 04-02-2027 / Sat 23-01-2027.
CHECKLIST = {
    BUILT_IN: {
        "en": ("Thursday, 21 January 2027", "Thursday, 4 February 2027"),
        "nl": ("donderdag 21 januari 2027", "donderdag 4 februari 2027"),
    },
    SECOND: {
        "en": ("Saturday, 9 January 2027", "Saturday, 23 January 2027"),
        "nl": ("zaterdag 9 januari 2027", "zaterdag 23 januari 2027"),
    },
}
LAST_DAY = {
    "en": "Last possible penalty day (if the IND still has not decided) {day}",
    "nl": "Laatst mogelijke dwangsomdag (als de IND nog steeds niet heeft beslist) {day}",
}
FIX_BY = {
    "en": "The IND must fix the amount by decision by (if the penalty ran in full) {day}",
    "nl": "De IND moet het bedrag uiterlijk bij besluit vaststellen op (als de dwangsom volledig "
    "is verbeurd) {day}",
}
PACK_LINE = {"en": "Rule pack {id} ({hash})", "nl": "Regelset {id} ({hash})"}


@pytest.fixture(params=[BUILT_IN, SECOND])
def pack(request, second_pack):
    return second_pack[1] if request.param == SECOND else load_rule_pack(BUILT_IN)


def keywords(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).metadata.get("/Keywords", ""))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_notice_states_the_packs_tiers_and_cap(pack, lang):
    case_file = parse_case_file(REGULAR)
    result = compute(case_file.case, today=TODAY, rules=pack)
    document = make_notice(case_file, result, today=TODAY, lang=lang, pack=pack)
    assert NOTICE[pack.id][lang] in alltext(document.pdf)
    # The letter the IND receives does not print the pack; its metadata and the result do.
    assert keywords(document.pdf) == f"Termijn rule pack {pack.id} ({pack.short_hash})"
    assert document.rules == f"{pack.id} ({pack.short_hash})"


def test_the_bilingual_notice_explains_the_packs_penalty_and_names_the_pack(pack):
    case_file = parse_case_file(REGULAR)
    result = compute(case_file.case, today=TODAY, rules=pack)
    text = alltext(make_notice(case_file, result, today=TODAY, lang="nl+en", pack=pack).pdf)
    assert NOTICE[pack.id]["nl"] in text  # the letter to send
    assert f"Rule pack {pack.id} ({pack.short_hash})." in text  # the English sheet
    last, _fix = CHECKLIST[pack.id]["en"]
    assert last in text  # the sheet's dates: the last possible penalty day of this pack


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_checklist_gives_the_packs_last_penalty_day(pack, lang):
    case_file = parse_case_file(REGULAR)
    result = compute(case_file.case, today=TODAY, rules=pack)
    document = make_checklist(case_file, result, today=TODAY, lang=lang, pack=pack)
    text = alltext(document.pdf)
    last, fix = CHECKLIST[pack.id][lang]
    assert LAST_DAY[lang].format(day=last) in text
    assert FIX_BY[lang].format(day=fix) in text
    assert PACK_LINE[lang].format(id=pack.id, hash=pack.short_hash) in text
    assert keywords(document.pdf).endswith(f"{pack.id} ({pack.short_hash})")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_appeal_names_the_pack_it_used(pack, lang):
    # A Notice received Mon 26-10-2026 counts (the term ended 19-10); the IND's two weeks ended
    # Mon 09-11-2026 in both packs (they share the window), so on 20-12-2026 the appeal is open.
    data = {**REGULAR, "events": [*REGULAR["events"], {"type": "notice", "received": "2026-10-26"}]}
    case_file = parse_case_file(data)
    today = date(2026, 12, 20)
    result = compute(case_file.case, today=today, rules=pack)
    document = make_appeal(case_file, result, today=today, lang=lang, pack=pack)
    text = alltext(document.pdf)
    assert PACK_LINE[lang].format(id=pack.id, hash=pack.short_hash) + "." in text
    assert ("9 november 2026" if lang == "nl" else "9 November 2026") in text
    assert keywords(document.pdf).endswith(f"{pack.id} ({pack.short_hash})")
