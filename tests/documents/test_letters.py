"""Issue 11: letters a Dutch practice would sign, read back from the PDF as a reader sees them."""

import io
import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from desktop.core.casefile import parse_case_file
from desktop.core.compute import compute
from desktop.core.rulepack import load_rule_pack
from desktop.documents import (
    DecidedError,
    DocumentRefused,
    DocumentSettings,
    layout,
    make_checklist,
    make_notice,
)
from desktop.documents.shaping import PLACEHOLDER
from desktop.i18n import format_money
from tests.documents.support import REGULAR, REPRESENTATIVE, TODAY, alltext, pages

PAGE_HEIGHT = 841.89


def made(data, today=TODAY, **kw):
    case_file = parse_case_file(data)
    return case_file, compute(case_file.case, today=today)


def text_positions(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y from the top) of each piece of text drawn on a page."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, PAGE_HEIGHT - y))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def position(pdf: bytes, start: str) -> tuple[float, float]:
    for text, x, y in text_positions(pdf):
        if text.startswith(start):
            return x, y
    raise AssertionError(f"{start!r} not drawn on page 1")


# ---------------------------------------------------------------- layout


def test_ind_address_sits_in_the_window_whatever_the_sender():
    short = made(REGULAR)
    long_rep = {
        **REPRESENTATIVE,
        "organisation": "Stichting Rechtshulp voor Vluchtelingen en Nareizigers Midden-Nederland",
        "address": "Oudegracht 10 bis\nTweede verdieping, kamer 2.14\nPostbus 1234\n"
        "3511 AA Utrecht",
    }
    long = made({**REGULAR, "representative": long_rep})
    first = "Immigratie- en Naturalisatiedienst"
    a = position(make_notice(*short, today=TODAY).pdf, first)
    b = position(make_notice(*long, today=TODAY).pdf, first)
    assert abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1, (a, b)
    # A DL/C5 left window: about 90 x 45 mm, 20 mm from the left, 45-50 mm from the top.
    assert 20 * mm <= a[0] <= 30 * mm
    assert 50 * mm <= a[1] <= 90 * mm
    route = position(make_notice(*short, today=TODAY).pdf, "Aangetekend")
    assert route[1] < 45 * mm  # above the window of either envelope: on the letter only
    last = position(make_notice(*short, today=TODAY).pdf, "9560 AA Ter Apel")
    assert last[1] <= 90 * mm


def test_a_self_written_notice_with_two_events_fits_one_page_in_dutch():
    case_file, result = made(REGULAR)  # two events: an extension and a request for information
    assert len(case_file.case.events) == 2 and case_file.representative is None
    assert len(pages(make_notice(case_file, result, today=TODAY).pdf)) == 1


def test_an_addressee_too_long_for_the_window_is_a_clear_error():
    case_file, result = made(REGULAR)
    settings = DocumentSettings(ind_address=tuple(f"regel {i}" for i in range(9)))
    with pytest.raises(Exception, match="envelope's window"):
        make_notice(case_file, result, today=TODAY, settings=settings)


def test_no_page_starts_or_ends_with_one_line_and_headings_keep_their_tables():
    paragraph = " ".join(f"woord{i}" for i in range(120))
    remarks = "\n\n".join([paragraph] * 12)
    data = {
        **REGULAR,
        "representative": REPRESENTATIVE,
        "family_members": [
            {"name": f"Kind {i}", "date_of_birth": "2015-01-01", "v_number": f"31{i:08d}"}
            for i in range(12)
        ],
    }
    case_file, result = made(data)
    seen: list[tuple[int, object]] = []
    layout.OBSERVERS.append(lambda page, flowable: seen.append((page, flowable)))
    try:
        for lang in ("nl", "en"):
            seen.clear()
            settings = DocumentSettings(remarks=remarks)
            make_notice(case_file, result, today=TODAY, lang=lang, settings=settings)
            splits = 0
            for i, (page, flowable) in enumerate(seen):
                if isinstance(flowable, Paragraph) and getattr(flowable, "_splitpara", 0):
                    splits += 1
                    assert len(flowable.blPara.lines) >= 2, "a page ends with one line"
                    following = next(f for _p, f in seen[i + 1 :] if isinstance(f, Paragraph))
                    assert len(following.blPara.lines) >= 2, "a page starts with one line"
                last_on_page = i + 1 == len(seen) or seen[i + 1][0] != page
                if last_on_page and isinstance(flowable, Paragraph):
                    assert flowable.style.name not in ("subhead", "heading"), "heading alone"
            assert splits, "the test text never split a paragraph: make it longer"
    finally:
        layout.OBSERVERS.clear()


def test_the_authorisation_is_kept_whole_on_its_own_page():
    case_file, result = made({**REGULAR, "representative": REPRESENTATIVE})
    texts = pages(make_notice(case_file, result, today=TODAY).pdf)
    start = next(i for i, t in enumerate(texts) if t.startswith("Machtiging"))
    assert "Handtekening van Şükrü Ağaoğlu" in texts[start]
    assert start == len(texts) - 1


# ---------------------------------------------------------------- the state of the case


def test_after_a_decision_no_notice_and_no_checklist_even_as_a_draft():
    data = {**REGULAR, "events": [*REGULAR["events"], {"type": "decision", "sent": "2026-11-01"}]}
    case_file, result = made(data)
    with pytest.raises(DecidedError) as caught:
        make_notice(case_file, result, today=TODAY, draft=True)
    assert "1 november 2026" in caught.value.reasons[0].nl
    with pytest.raises(DocumentRefused) as caught:
        make_checklist(case_file, result, today=TODAY)
    assert "1 November 2026" in str(caught.value) and "checklist" in str(caught.value)


@pytest.mark.parametrize(
    ("received", "void"), [("2026-10-15", True), ("2026-10-19", True)], ids=["void", "last day"]
)
def test_a_notice_sent_again_says_when_the_first_arrived_and_why(received, void):
    data = {**REGULAR, "events": [*REGULAR["events"], {"type": "notice", "received": received}]}
    case_file, result = made(data)
    assert result.next_step.code.value == "resend_notice"
    text = alltext(make_notice(case_file, result, today=TODAY).pdf)
    day = {"2026-10-15": "15 oktober 2026", "2026-10-19": "19 oktober 2026"}[received]
    assert f"Op {day} heeft de IND al een ingebrekestelling" in text
    assert "geldt daarom niet als ingebrekestelling" in text
    assert "opnieuw in gebreke" in text
    assert "eerdere ingebrekestelling en het bewijs van bezorging" in text  # enclosed
    checklist = alltext(make_checklist(case_file, result, today=TODAY, lang="en").pdf)
    assert "may not count" in checklist and "keep the proof of the first" in checklist


def test_once_a_notice_counts_a_new_one_is_refused_and_the_checklist_shows_its_dates():
    data = {**REGULAR, "events": [*REGULAR["events"], {"type": "notice", "received": "2026-10-23"}]}
    case_file, result = made(data)
    with pytest.raises(DocumentRefused) as caught:
        make_notice(case_file, result, today=TODAY)
    assert "23 October 2026" in str(caught.value)
    assert make_notice(case_file, result, today=TODAY, draft=True).draft
    checklist = alltext(make_checklist(case_file, result, today=TODAY, lang="en").pdf)
    assert "The IND received the Notice on Friday, 23 October 2026" in checklist
    assert "Send it on or after" not in checklist  # nothing left to post


def test_a_draft_made_before_the_end_never_says_the_term_has_ended():
    early = date(2026, 9, 1)
    case_file, result = made(REGULAR, today=early)
    text = alltext(make_notice(case_file, result, today=early, draft=True).pdf)
    assert "eindigt de beslistermijn op 19 oktober 2026" in text
    assert "geëindigd" not in text


# ---------------------------------------------------------------- identification


@pytest.mark.parametrize(
    ("patch", "named"),
    [
        ({"applicant": {"name": ""}}, "the applicant's name"),
        ({"v_number": "", "ind_reference": ""}, "the V-number or the IND reference"),
    ],
)
def test_a_notice_that_cannot_identify_the_application_is_refused_unless_a_draft(patch, named):
    case_file, result = made({**REGULAR, **patch})
    with pytest.raises(DocumentRefused) as caught:
        make_notice(case_file, result, today=TODAY)
    assert named in str(caught.value)
    assert "de naam van de aanvrager" in caught.value.reasons[0].nl or "V-nummer" in (
        caught.value.reasons[0].nl
    )
    draft = make_notice(case_file, result, today=TODAY, draft=True)
    assert any(named in w.en for w in draft.warnings)


def test_missing_birth_date_nationality_and_address_are_warned_about():
    applicant = {"name": "Amal Haddad"}
    case_file, result = made({**REGULAR, "applicant": applicant})
    done = make_notice(case_file, result, today=TODAY)
    warned = " ".join(w.en for w in done.warnings)
    for field in ("date of birth", "nationality", "address"):
        assert field in warned


def test_nareis_letters_name_the_sponsor_and_every_family_member():
    data = {
        **REGULAR,
        "procedure": "nareis",
        "events": [],
        "received": "2026-03-16",
        "representative": REPRESENTATIVE,
        "sponsor": {"name": "Almaz Tesfaye", "v_number": "2104567890"},
        "family_members": [
            {"name": "Yonas Tesfaye", "date_of_birth": "1988-02-11", "v_number": "3104567891"},
            {"name": "Selam Tesfaye", "date_of_birth": "2015-06-01", "v_number": "3104567892"},
        ],
    }
    case_file, result = made(data)
    texts = pages(make_notice(case_file, result, today=TODAY).pdf)
    letter, authorisation = " ".join(texts[:-1]), texts[-1]
    for part in (letter, authorisation):
        assert "Referent Naam Almaz Tesfaye V-nummer 2104567890" in part
        assert "Yonas Tesfaye" in part and "3104567891" in part and "1 juni 2015" in part
    # The core warns that the penalty is not settled for nareis: the letter claims, not asserts.
    assert "verbeurt u naar mijn mening" in letter


def test_regular_cases_carry_the_purpose_and_the_kind_of_application():
    data = {**REGULAR, "purpose": "verblijf bij partner", "application_kind": "extension"}
    case_file, result = made(data)
    text = alltext(make_notice(case_file, result, today=TODAY).pdf)
    assert "Verblijfsdoel verblijf bij partner" in text
    assert "verblijfsvergunning regulier (verlenging)" in text
    # The term's article where the term is stated, in Dutch citation style.
    assert "beslistermijn bedraagt 90 dagen (artikel 25, eerste lid, van de Vreemdelingenwet" in (
        text
    )


def test_naturalisation_counts_from_the_fee_and_says_verzoek():
    data = {**REGULAR, "procedure": "naturalisation", "received": "2025-03-03", "events": []}
    case_file, result = made(data)
    text = alltext(make_notice(case_file, result, today=TODAY).pdf)
    assert "De leges voor het verzoek zijn op 3 maart 2025 betaald" in text
    assert "Leges betaald op 3 maart 2025" in text
    assert "beslist op het verzoek" in text
    assert "door de IND ontvangen" not in text.lower() and "Ontvangen op" not in text


def test_a_missed_appointment_with_an_excuse_is_contested_in_one_paragraph():
    appointment = {
        "type": "appointment",
        "kind": "biometrics",
        "date": "2026-02-10",
        "attended": False,
        "rescheduled_to": "2026-03-10",
        "excuse": "ik lag die dag in het ziekenhuis",
    }
    data = {**REGULAR, "events": [*REGULAR["events"], appointment]}
    case_file, result = made(data, today=date(2026, 12, 1))
    text = alltext(make_notice(case_file, result, today=date(2026, 12, 1)).pdf)
    assert "Die opschorting aanvaard ik niet" in text
    assert "artikel 4:15, tweede lid, onder b, van de Algemene wet bestuursrecht" in text
    assert "ik lag die dag in het ziekenhuis" in text


def test_fax_route_and_what_the_fax_report_proves():
    case_file, result = made({**REGULAR, "send_by_fax": True})
    letter = alltext(make_notice(case_file, result, today=TODAY).pdf)
    fax = load_rule_pack().ind["fax"]
    assert f"Aangetekend en per fax ({fax})" in letter
    checklist = alltext(make_checklist(case_file, result, today=TODAY).pdf)
    assert "verzendrapport" in checklist and f"Ook per fax naar {fax}" in checklist
    assert "track-and-trace" in checklist and "ontvangstbevestiging" in checklist


# ---------------------------------------------------------------- provisional, English sheet


def test_provisional_asylum_dates_carry_the_cores_warning_everywhere():
    data = {**REGULAR, "procedure": "asylum", "received": "2026-06-15", "events": []}
    late = date(2027, 1, 20)
    case_file, result = made(data, today=late)
    assert any(w.code == "apr_provisional" for w in result.warnings)
    done = make_notice(case_file, result, today=late, lang="nl+en")
    assert any("Asylum Procedure Regulation" in w.en for w in done.warnings)
    sheet = " ".join(t for t in pages(done.pdf) if "Translation – do not send" in t)
    assert "Asylum Procedure Regulation" in sheet and "provisional" in sheet
    checklist = alltext(make_checklist(case_file, result, today=late).pdf)
    assert "Asielprocedureverordening" in checklist


def test_english_sheet_has_amounts_cap_translated_authorisation_and_no_signature_lines():
    case_file, result = made({**REGULAR, "representative": REPRESENTATIVE})
    texts = pages(make_notice(case_file, result, today=TODAY, lang="nl+en").pdf)
    english = [t for t in texts if "Page " in t]
    assert english and all("Translation – do not send" in t for t in english)
    sheet = " ".join(english)
    for amount in ("23", "35", "45", "1442"):
        assert " ".join(format_money(Decimal(amount), "en").split()) in sheet
    assert "Authorisation (machtiging)" in sheet and "Signed by: Şükrü Ağaoğlu" in sheet
    assert "Signature of" not in sheet and "Place and date" not in sheet
    asylum_case, asylum = made({**REGULAR, "procedure": "asylum", "received": "2025-09-01"})
    asylum_sheet = alltext(make_notice(asylum_case, asylum, today=TODAY, lang="nl+en").pdf)
    assert "penalty of its own" in asylum_sheet


def test_the_english_translation_is_marked_and_has_no_signature_line():
    case_file, result = made({**REGULAR, "representative": REPRESENTATIVE})
    texts = pages(make_notice(case_file, result, today=TODAY, lang="en").pdf)
    assert all("Translation – do not send" in t for t in texts)
    assert "Signature of" not in " ".join(texts)


# ---------------------------------------------------------------- scripts and fonts


def test_arabic_and_hebrew_names_are_shaped_and_read_back_in_logical_order():
    data = {
        **REGULAR,
        "applicant": {**REGULAR["applicant"], "name": "محمد علي"},
        "co_applicants": [{"name": "דוד כהן"}],
    }
    case_file, result = made(data)
    done = make_notice(case_file, result, today=TODAY)
    text = pages(done.pdf)[0]
    # Joined forms were drawn (U+FE70-U+FEFF), not the unjoined base letters...
    assert re.search("[\ufe70-\ufefc]{3}", text)
    # ...and the extracted text, folded back to base letters, is the name in reading order.
    folded = unicodedata.normalize("NFKC", text)
    assert "محمد علي" in folded
    assert "דוד כהן" in folded
    assert not done.warnings or all("font" not in w.en for w in done.warnings)


def test_characters_no_font_has_are_a_visible_placeholder_and_reported():
    data = {**REGULAR, "applicant": {**REGULAR["applicant"], "name": "王小明"}}
    case_file, result = made(data)
    done = make_notice(case_file, result, today=TODAY)
    assert PLACEHOLDER * 3 in alltext(done.pdf)
    reported = [w for w in done.warnings if "王小明" in w.en]
    assert reported and "applicant.name" in reported[0].en


@pytest.mark.parametrize(
    ("lang", "relation", "phrase", "client"),
    [
        ("nl", "wife", "namens mijn echtgenote, Şükrü Ağaoğlu", "mijn cliënt"),
        ("en", "brother", "on behalf of my brother, Şükrü Ağaoğlu", "my client"),
    ],
)
def test_a_family_member_writes_for_a_relative_not_for_a_client(lang, relation, phrase, client):
    family = {"name": "Elif Ağaoğlu", "relation": relation}  # no organisation: not a professional
    case_file, result = made({**REGULAR, "representative": family})
    pdf = make_notice(case_file, result, today=TODAY, lang=lang).pdf
    body = alltext(pdf)
    assert phrase in body  # in the opening sentence and under the signature
    assert body.count(phrase) >= 2 and client not in body
    professional = {**REPRESENTATIVE, "relation": None}
    case_file, result = made({**REGULAR, "representative": professional})
    assert client in alltext(make_notice(case_file, result, today=TODAY, lang=lang).pdf)


def test_an_unknown_relation_is_refused_with_the_choices():
    with pytest.raises(Exception, match=r"representative\.relation: .*wife, husband"):
        parse_case_file({**REGULAR, "representative": {"name": "X", "relation": "cousin"}})
