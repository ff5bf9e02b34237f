"""The Notice of Default: content per language, timing, penalty wording, fonts and metadata."""

import io
import os
import re
import stat
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop.documents.common import (
    DecidedError,
    DocumentError,
    DocumentSettings,
    PrematureNoticeError,
)
from desktop.documents.layout import DRAFT_MARK
from desktop.documents.notice import build_notice
from desktop.documents.output import write_atomic
from desktop.documents.pack import build_pack
from desktop.i18n import format_money
from tests.documents.support import (
    EARLY,
    REGULAR,
    TODAY,
    alltext,
    case_and_result,
    drawing_fonts,
    pages,
)

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_identification_fields(regular, lang):
    case_file, result = regular
    text = alltext(build_notice(case_file, result, lang, today=TODAY))
    for value in (
        "Şükrü Ağaoğlu",
        "3012345678",
        "Turkse",
        "Kerkstraat 1",
        "3511 AB Utrecht",
        "IND-4711",
        "TRM-17",
    ):
        assert value in text, value
    # Citations in the letter's style (issue 11: Dutch citation style in running text).
    cited = {
        "nl": (
            "artikel 25, eerste lid, van de Vreemdelingenwet 2000",
            "artikel 25, tweede lid, van de Vreemdelingenwet 2000",
            "artikel 4:15, eerste lid, onder a, van de Algemene wet bestuursrecht",
        ),
        "en": ("Article 25(1) of the Aliens Act 2000", "Article 25(2)", "Article 4:15(1)(a)"),
    }[lang]
    for value in cited:
        assert value in text, value
    birth, received = {
        "nl": ("4 maart 1990", "5 januari 2026"),
        "en": ("4 March 1990", "5 January 2026"),
    }[lang]
    assert birth in text
    assert received in text


def test_dutch_notice_sentence_and_request(regular):
    case_file, result = regular
    text = alltext(build_notice(case_file, result, "nl", today=TODAY))
    assert "Hierbij stel ik u in gebreke." in text
    assert "binnen twee weken na ontvangst van deze brief" in text
    assert "Betreft: ingebrekestelling – V-nummer 3012345678, uw kenmerk IND-4711" in text
    assert "Naar mijn berekening is de beslistermijn geëindigd op 19 oktober 2026." in text
    assert "Utrecht, 25 november 2026" in text  # the place from the sender's address
    assert "Postbus 14" in text and "9560 AA Ter Apel" in text  # from the rule pack


def test_english_notice_sentence_and_dates(regular):
    case_file, result = regular
    text = alltext(build_notice(case_file, result, "en", today=TODAY))
    assert "I hereby give you notice of default." in text
    assert "within two weeks of receiving this letter" in text
    assert "Notice of Default (ingebrekestelling)" in text  # the Dutch term beside the English
    assert "ended on 19 October 2026" in text
    assert "Send the Dutch version" in text  # the translation says it is not the one to send


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_penalty_amounts_from_the_rule_pack(regular, lang):
    case_file, result = regular
    text = alltext(build_notice(case_file, result, lang, today=TODAY))
    for amount in ("23", "35", "45", "1442"):
        assert " ".join(format_money(Decimal(amount), lang).split()) in text  # NBSP: a space
    assert "4:17" in text and "6:12" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_asylum_notice_promises_no_penalty(asylum, lang):
    case_file, result = asylum
    text = alltext(build_notice(case_file, result, lang, today=TODAY))
    assert "€" not in text and "EUR" not in text
    assert not re.search(r"\d+[.,]\d\d\b", text)  # no amount in any notation
    assert "6:12" in text
    if lang == "nl":
        assert "Hierbij stel ik u in gebreke." in text
        assert "geldt geen bestuurlijke dwangsom" in text
    else:
        assert "No administrative penalty" in text


def test_premature_notice_is_refused_with_the_earliest_date(regular):
    case_file, _ = regular
    _, early = case_and_result(REGULAR, today=EARLY)
    with pytest.raises(PrematureNoticeError) as caught:
        build_notice(case_file, early, "nl", today=EARLY)
    assert caught.value.earliest == early.term.safe_notice_receipt == date(2026, 10, 20)
    assert "20 October 2026" in str(caught.value)
    assert "20 oktober 2026" in caught.value.reasons[0].nl
    with pytest.raises(PrematureNoticeError):
        build_pack(case_file, early, today=EARLY)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_premature_draft_is_marked_on_every_page(represented, lang):
    case_file, _ = represented
    _, early = case_and_result({**REGULAR, "representative": {"name": "R"}}, today=EARLY)
    pdf = build_notice(case_file, early, lang, today=EARLY, draft=True)
    texts = pages(pdf)
    assert len(texts) >= 2  # the letter and the authorisation page
    for text in texts:
        assert "DRAFT" in text and "CONCEPT" in text
    day = {"nl": "20 oktober 2026", "en": "20 October 2026"}[lang]
    assert all(day in text for text in texts)  # each page says from when it may be sent


def test_premature_pack_draft_is_marked_on_every_page(regular):
    case_file, _ = regular
    _, early = case_and_result(REGULAR, today=EARLY)
    texts = pages(build_pack(case_file, early, today=EARLY, draft=True))
    assert len(texts) >= 2
    assert all("DRAFT" in text for text in texts)


def test_final_notice_has_no_draft_mark(regular):
    case_file, result = regular
    assert "DRAFT" not in alltext(build_notice(case_file, result, "nl", today=TODAY))
    assert DRAFT_MARK not in alltext(build_pack(case_file, result, today=TODAY))


def test_notice_after_a_decision_is_refused():
    data = {**REGULAR, "events": [*REGULAR["events"], {"type": "decision", "sent": "2026-11-01"}]}
    case_file, result = case_and_result(data)
    with pytest.raises(DecidedError):
        build_notice(case_file, result, "nl", today=TODAY)


def test_authorisation_page_when_a_representative_signs(represented):
    case_file, result = represented
    texts = pages(build_notice(case_file, result, "nl", today=TODAY))
    assert len(texts) == 3
    letter, authorisation = " ".join(texts[:2]), texts[2]
    assert "Namens mijn cliënt, Şükrü Ağaoğlu, die mij daartoe heeft gemachtigd" in letter
    assert "namens Şükrü Ağaoğlu" in letter
    assert "Bijlagen: – machtiging" in letter
    assert authorisation.startswith("Machtiging")
    assert "Handtekening van Şükrü Ağaoğlu" in authorisation
    assert "Łukasz Wójcik" in authorisation and "Rechtswinkel Ḥasan ʿAlī" in authorisation
    assert "Pagina 3 van 3" in authorisation


def test_no_authorisation_page_without_a_representative(regular):
    case_file, result = regular
    text = alltext(build_notice(case_file, result, "nl", today=TODAY))
    assert "Machtiging" not in text and "machtiging" not in text


def test_ind_details_from_settings_override_the_rule_pack(regular):
    case_file, result = regular
    settings = DocumentSettings(
        place="Den Haag",
        ind_address=("Postbus 5", "1000 AA Amsterdam"),
        ind_fax="088-0000000",
        by_fax=True,
    )
    text = alltext(build_notice(case_file, result, "nl", settings, today=TODAY))
    assert "Postbus 5" in text and "Postbus 14" not in text
    assert "Aangetekend en per fax (088-0000000)" in text
    assert "Den Haag, 25 november 2026" in text


def test_no_ind_address_is_an_error(regular, monkeypatch):
    case_file, result = regular
    settings = DocumentSettings(ind_address=("   ",))
    with pytest.raises(DocumentError):
        build_notice(case_file, result, "nl", settings, today=TODAY)


HOSTILE_NAMES = ["Şükrü Ağaoğlu", "Łukasz Wójcik", "Nguyễn Thị Minh Khai", "Ḥasan ʿAlī"]
HOSTILE_TEXT = ["<b>", "&amp;", "</para>", "<script>x</script>", "&nbsp;", "a < b > c", "😀"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_text_comes_out_literally(lang):
    note = " ".join(f"woord{i}" for i in range(700))[:5000]
    data = {
        **REGULAR,
        "applicant": {
            **REGULAR["applicant"],
            "name": "Ḥasan ʿAlī <b>",
            "address": "&amp;\n</para>",
        },
        "co_applicants": [{"name": n} for n in HOSTILE_NAMES],
        "representative": {
            "name": "Nguyễn Thị Minh Khai 😀",
            "organisation": "<i>Org</i>",
            "address": "x" * 300,
        },
        "ind_reference": "<script>x</script>",
        "notes": note,
    }
    case_file, result = case_and_result(data)
    settings = DocumentSettings(remarks="a < b > c &nbsp; 😀\n" + note)
    pdf = build_notice(case_file, result, lang, settings, today=TODAY)
    text = alltext(pdf)
    for literal in [*HOSTILE_NAMES, *HOSTILE_TEXT, "Ḥasan ʿAlī <b>", "<i>Org</i>"]:
        assert literal in text, literal
    assert in_order(note.split(), text.split())  # 5,000 characters over pages, none lost
    assert "x" * 300 in "".join(text.split())  # one unbreakable word wraps, never vanishes
    pack_text = alltext(build_pack(case_file, result, settings, today=TODAY))
    assert in_order(note.split(), pack_text.split())  # the notes on the explanation sheet


def in_order(words, tokens):
    """Every word appears as a token, in order (page footers may come in between)."""
    stream = iter(tokens)
    return all(any(word == token for token in stream) for word in words)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_only_the_embedded_font_draws(represented, lang):
    case_file, result = represented
    for pdf in (
        build_notice(case_file, result, lang, today=TODAY),
        build_notice(case_file, result, lang, today=EARLY, draft=True),
        build_pack(case_file, result, today=TODAY),
    ):
        fonts = drawing_fonts(pdf)
        assert fonts, "no text found"
        assert not [f for f in fonts if any(name in f for name in BASE14)], fonts
        assert all("+DejaVuSans" in f for f in fonts), fonts  # a subset: embedded


def test_metadata(represented):
    case_file, result = represented
    for lang, tag in (("nl", "nl-NL"), ("en", "en-GB")):
        reader = PdfReader(io.BytesIO(build_notice(case_file, result, lang, today=TODAY)))
        assert "Şükrü Ağaoğlu" in reader.metadata.title
        assert reader.metadata.author == "Łukasz Wójcik"  # the representative signs
        assert reader.trailer["/Root"]["/Lang"] == tag
        assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def test_pack_dutch_notice_first_then_english_sheet(regular):
    case_file, result = regular
    texts = pages(build_pack(case_file, result, today=TODAY))
    notice = [t for t in texts if "Pagina" in t]
    sheet = [t for t in texts if "Page" in t]
    assert texts.index(notice[-1]) < texts.index(sheet[0])
    assert "Hierbij stel ik u in gebreke." in " ".join(notice)
    assert f"Pagina {len(notice)} van {len(notice)}" in notice[-1]  # numbered on its own
    sheet_text = " ".join(sheet)
    assert "What was sent" in sheet_text and "Why now" in sheet_text
    assert "19 October 2026" in sheet_text and "20 October 2026" in sheet_text


def test_write_atomic_is_private_and_leaves_no_temp_file(tmp_path, regular):
    case_file, result = regular
    target = tmp_path / "notice.pdf"
    target.write_bytes(b"old")
    write_atomic(target, build_notice(case_file, result, "nl", today=TODAY))
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert os.listdir(tmp_path) == ["notice.pdf"]
