"""The registered-mail checklist: one page, tick boxes, and the core's own dates."""

import dataclasses
import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop.core.compute import compute
from desktop.core.limits import TEXT_LIMITS
from desktop.core.model import NoticeEvent
from desktop.core.rulepack import load_rule_pack
from desktop.documents.checklist import BOX, build_checklist, checklist_dates
from desktop.i18n import format_date
from tests.documents.support import (
    EARLY,
    REGULAR,
    REPRESENTATIVE,
    TODAY,
    alltext,
    case_and_result,
    drawing_fonts,
    pages,
)


def day(d, lang):
    return " ".join(format_date(d, lang, "full").split())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_page_with_tick_boxes(represented, lang):
    case_file, result = represented
    pdf = build_checklist(case_file, result, lang, today=TODAY)
    texts = pages(pdf)
    assert len(texts) == 1
    assert texts[0].count(BOX) >= 7
    assert "Postbus 14" in texts[0]
    assert "3012345678" in texts[0] and "Şükrü Ağaoğlu" in texts[0]
    assert {"nl": "aangetekend", "en": "registered post"}[lang] in texts[0]
    assert {"nl": "Nooit per e-mail", "en": "Never by e-mail"}[lang] in texts[0]
    checked = load_rule_pack(result.rules).ind["checked"]  # when the pack's address was checked
    assert format_date(checked, lang, "long") in texts[0]
    assert all("+DejaVuSans" in f for f in drawing_fonts(pdf))
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.title and meta.author == REPRESENTATIVE["name"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dates_equal_the_cores_for_the_expected_receipt(regular, lang):
    case_file, result = regular
    # Posted today (Wednesday 25 November 2026), a registered letter arrives on the next working
    # day at the earliest: Thursday 26 November. The dates follow from that day, not the letter's.
    arrives = TODAY + timedelta(days=1)
    expected = compute(
        dataclasses.replace(case_file.case, events=(*case_file.case.events, NoticeEvent(arrives))),
        today=TODAY,
    )
    text = alltext(build_checklist(case_file, result, lang, today=TODAY))
    assert expected.penalty.applies
    assert day(arrives, lang) in text
    assert day(expected.penalty.first_day, lang) in text
    assert day(expected.appeal_from, lang) in text
    assert day(expected.appeal_from - timedelta(days=1), lang) in text  # the IND must decide by
    assert day(expected.key_dates.day_42, lang) in text
    receipt, rows, real = checklist_dates(case_file, result, TODAY, load_rule_pack())
    assert receipt == arrives and not real
    assert dict(rows)["first_penalty_day"] == expected.penalty.first_day
    assert dict(rows)["appeal_from"] == expected.appeal_from


def test_dates_equal_the_cores_once_the_notice_was_received():
    received = date(2026, 10, 23)  # a Friday: the two weeks end on a Friday too
    data = {**REGULAR, "events": [*REGULAR["events"], {"type": "notice", "received": "2026-10-23"}]}
    case_file, result = case_and_result(data)
    assert result.notice.valid and result.penalty.applies
    text = alltext(build_checklist(case_file, result, "en", today=TODAY))
    assert f"The IND received the Notice on {day(received, 'en')}" in text
    assert day(result.penalty.first_day, "en") in text
    assert day(result.appeal_from, "en") in text


def test_premature_checklist_says_when_to_post(regular):
    case_file, _ = regular
    _, early = case_and_result(REGULAR, today=EARLY)
    text = alltext(build_checklist(case_file, early, "nl", today=EARLY))
    assert "niet vóór dinsdag 20 oktober 2026" in text
    # Posted on the first safe day, it arrives the next working day: the dates follow from it.
    assert "op zijn vroegst op woensdag 21 oktober 2026" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_asylum_checklist_has_no_penalty_day(asylum, lang):
    case_file, result = asylum
    text = alltext(build_checklist(case_file, result, lang, today=TODAY))
    _, rows, _real = checklist_dates(case_file, result, TODAY, load_rule_pack())
    assert "first_penalty_day" not in dict(rows) and "no_penalty" in dict(rows)
    assert "€" not in text
    assert {
        "nl": "Bestuurlijke dwangsom niet van toepassing op deze aanvraag",
        "en": "Administrative penalty (dwangsom) does not apply to this application",
    }[lang] in text
    assert day(dict(rows)["appeal_from"], lang) in text


def test_long_names_still_fit_on_one_page():
    """The longest name and address the input limits let through."""
    data = {
        **REGULAR,
        "applicant": {
            **REGULAR["applicant"],
            "name": ("Nguyễn Thị Minh Khai " * 40)[: TEXT_LIMITS["name"]],
        },
        "representative": {
            **REPRESENTATIVE,
            "address": ("Oudegracht 10\n" * 40)[: TEXT_LIMITS["address"]],
        },
        "ind_reference": "</para>&amp;<b>",
    }
    case_file, result = case_and_result(data)
    texts = pages(build_checklist(case_file, result, "en", today=TODAY))
    assert len(texts) == 1
    assert "</para>&amp;<b>" in texts[0]
