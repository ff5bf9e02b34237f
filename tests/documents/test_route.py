"""The rest of the route: the appeal, the penalty request and the missed-appointment letter."""

from datetime import date

import pytest

from desktop.core.casefile import parse_case_file
from desktop.core.compute import compute
from desktop.core.model import Appointment
from desktop.core.rulepack import load_rule_pack
from desktop.documents import (
    DocumentRefused,
    make_appeal,
    make_appointment_letter,
    make_penalty_request,
)
from desktop.i18n import format_money
from tests.documents.support import REGULAR, alltext, drawing_fonts, pages

NOTICED = {**REGULAR, "events": [*REGULAR["events"], {"type": "notice", "received": "2026-10-23"}]}
APPEAL_DAY = date(2026, 11, 25)  # the IND's two weeks after 23 October ended on 6 November
CLAIM_DAY = date(2027, 1, 20)  # 42 penalty days from 7 November 2026 ended on 18 December


def made(data, today):
    case_file = parse_case_file(data)
    return case_file, compute(case_file.case, today=today)


# ---------------------------------------------------------------- appeal


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_appeal_has_what_a_notice_of_appeal_needs(lang):
    case_file, result = made(NOTICED, APPEAL_DAY)
    done = make_appeal(case_file, result, today=APPEAL_DAY, lang=lang)
    text = alltext(done.pdf)
    pack = load_rule_pack()
    fee = pack.letters.court_fee
    expected = {
        "nl": [
            "Rechtbank Den Haag",
            "Betreft: beroep wegens niet tijdig beslissen – V-nummer 3012345678",
            "Edelachtbaar college,",
            "Hierbij stel ik beroep in tegen het niet tijdig beslissen",
            "Gronden van het beroep",
            "Op 23 oktober 2026 heeft de IND mijn ingebrekestelling ontvangen",
            "artikel 6:2, onder b, en artikel 6:12 van de Algemene wet bestuursrecht",
            "het beroep gegrond te verklaren",
            "artikel 8:55d van de Algemene wet bestuursrecht",  # the court's own penalty
            "artikel 8:55c",  # fix the administrative penalty
            "kopie van de ingebrekestelling, ontvangen op 23 oktober 2026, en het bewijs",
            "Griffierecht",
            f"In {fee.year} was het {' '.join(format_money(fee.amount, 'nl').split())}",
            "laatst gecontroleerd op 2 december 2026",
        ],
        "en": [
            "District Court of The Hague",
            "Your Honours,",
            "Grounds of appeal",
            "Articles 6:2(b) and 6:12 of the General Administrative Law Act (Awb)",
            "Translation – do not send",
            "Court fee (griffierecht)",
        ],
    }[lang]
    for value in expected:
        assert value in text, value
    assert "Handtekening" not in text


def test_the_appeal_for_asylum_asks_for_the_courts_penalty_only():
    data = {
        **NOTICED,
        "procedure": "asylum",
        "received": "2025-09-01",
        "events": NOTICED["events"][2:],
    }
    data["events"] = [{"type": "notice", "received": "2026-03-10"}]
    case_file, result = made(data, APPEAL_DAY)
    text = alltext(make_appeal(case_file, result, today=APPEAL_DAY).pdf)
    assert "artikel 8:55d" in text and "8:55c" not in text  # no administrative penalty to fix


def test_the_appeal_is_refused_before_it_opens_unless_a_draft():
    case_file, result = made(NOTICED, date(2026, 11, 1))
    with pytest.raises(DocumentRefused) as caught:
        make_appeal(case_file, result, today=date(2026, 11, 1))
    assert "9 November 2026" in str(caught.value) or "possible from" in str(caught.value)
    draft = make_appeal(case_file, result, today=date(2026, 11, 1), draft=True)
    assert all("CONCEPT" in t or "DRAFT" in t for t in pages(draft.pdf))
    without_notice = made(REGULAR, APPEAL_DAY)
    with pytest.raises(DocumentRefused, match="Notice of Default"):
        make_appeal(*without_notice, today=APPEAL_DAY)


def test_naturalisation_appeals_go_to_the_court_where_the_applicant_lives():
    data = {
        **REGULAR,
        "procedure": "naturalisation",
        "received": "2025-03-03",
        "events": [{"type": "notice", "received": "2026-05-12"}],
    }
    case_file, result = made(data, APPEAL_DAY)
    text = alltext(make_appeal(case_file, result, today=APPEAL_DAY).pdf)
    assert "de rechtbank van het arrondissement waar de aanvrager woont" in text
    assert "Rechtbank Den Haag" not in text


# ---------------------------------------------------------------- penalty request


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_penalty_request_names_days_and_amount(lang):
    case_file, result = made(NOTICED, CLAIM_DAY)
    assert result.next_step.code.value == "claim_penalty"
    text = alltext(make_penalty_request(case_file, result, today=CLAIM_DAY, lang=lang).pdf)
    amount = " ".join(format_money(result.penalty.amount, lang).split())
    assert result.penalty.days == 42 and amount in text
    if lang == "nl":
        assert "verzoek om vaststelling van de verbeurde dwangsom" in text
        assert "Dat zijn 42 dwangsomdagen" in text
        assert "artikel 4:18 en artikel 4:87 van de Algemene wet bestuursrecht" in text
        assert "IBAN" in text
    else:
        assert "42 penalty days" in text and "Translation – do not send" in text


def test_the_penalty_request_is_refused_while_running_and_without_a_penalty():
    case_file, result = made(NOTICED, APPEAL_DAY)
    with pytest.raises(DocumentRefused, match="still running"):
        make_penalty_request(case_file, result, today=APPEAL_DAY)
    assert make_penalty_request(case_file, result, today=APPEAL_DAY, draft=True).draft
    asylum = {**NOTICED, "procedure": "asylum", "received": "2025-09-01"}
    asylum["events"] = [{"type": "notice", "received": "2026-03-10"}]
    case_file, result = made(asylum, CLAIM_DAY)
    with pytest.raises(DocumentRefused, match="No administrative penalty"):
        make_penalty_request(case_file, result, today=CLAIM_DAY, draft=True)


def test_the_penalty_request_after_a_decision_counts_to_the_decision_day():
    data = {**NOTICED, "events": [*NOTICED["events"], {"type": "decision", "sent": "2026-11-20"}]}
    case_file, result = made(data, APPEAL_DAY)
    assert "claim_penalty" in {
        result.next_step.code.value,
        *(s.code.value for s in result.next_step.also),
    }
    text = alltext(make_penalty_request(case_file, result, today=APPEAL_DAY).pdf)
    assert "U heeft op 20 november 2026 beslist" in text
    assert f"Dat zijn {result.penalty.days} dwangsomdagen" in text


# ---------------------------------------------------------------- missed appointment


def appointment(kind, excuse="ik had hoge koorts (doktersverklaring bijgevoegd)", **extra):
    return {
        "type": "appointment",
        "kind": kind,
        "date": "2026-03-02",
        "attended": False,
        "excuse": excuse,
        **extra,
    }


def test_the_asylum_interview_letter_states_the_proof_deadline():
    data = {
        **REGULAR,
        "procedure": "asylum",
        "received": "2026-01-05",
        "events": [appointment("asylum_interview")],
    }
    case_file, result = made(data, date(2026, 3, 5))
    text = alltext(
        make_appointment_letter(case_file, result, appointment=1, today=date(2026, 3, 5)).pdf
    )
    assert "Ik kon op 2 maart 2026 niet verschijnen op het gehoor" in text
    assert "ik had hoge koorts" in text
    assert "binnen 2 weken na het gehoor (uiterlijk 16 maart 2026)" in text
    assert "artikel 30c, eerste lid, onder b, van de Vreemdelingenwet 2000" in text
    assert "niet buiten behandeling te stellen" in text


def test_the_biometrics_letter_asks_a_new_appointment_and_contests_a_suspension():
    data = {**REGULAR, "events": [appointment("biometrics")]}
    case_file, result = made(data, date(2026, 3, 5))
    text = alltext(
        make_appointment_letter(case_file, result, appointment=1, today=date(2026, 3, 5)).pdf
    )
    assert "nieuwe afspraak" in text
    assert "betwist ik dat" in text and "artikel 4:15, tweede lid, onder b" in text
    verification = {**REGULAR, "events": [appointment("verification_interview")]}
    case_file, result = made(verification, date(2026, 3, 5))
    text = alltext(
        make_appointment_letter(case_file, result, appointment=1, today=date(2026, 3, 5)).pdf
    )
    assert "betwist" not in text  # no suspension to contest for a verification interview


def test_the_appointment_letter_is_refused_without_a_missed_appointment_or_its_reason():
    case_file, result = made(
        {**REGULAR, "events": [appointment("biometrics", attended=True)]}, TODAY_
    )
    with pytest.raises(DocumentRefused, match="attended"):
        make_appointment_letter(case_file, result, appointment=1, today=TODAY_)
    with pytest.raises(DocumentRefused, match="no appointment 2"):
        make_appointment_letter(case_file, result, appointment=2, today=TODAY_)
    case_file, result = made(
        {**REGULAR, "events": [appointment("biometrics", excuse=None)]}, TODAY_
    )
    with pytest.raises(DocumentRefused, match="why the appointment"):
        make_appointment_letter(case_file, result, appointment=1, today=TODAY_)
    assert make_appointment_letter(case_file, result, appointment=1, today=TODAY_, draft=True).draft


TODAY_ = date(2026, 3, 5)


@pytest.mark.parametrize("lang", ["nl", "en", "nl+en"])
def test_every_new_document_uses_only_the_embedded_font(lang):
    case_file, result = made(NOTICED, CLAIM_DAY)
    for done in (
        make_appeal(case_file, result, today=CLAIM_DAY, lang=lang),
        make_penalty_request(case_file, result, today=CLAIM_DAY, lang=lang),
    ):
        assert all("+DejaVuSans" in f for f in drawing_fonts(done.pdf))
        assert done.rules.startswith(result.rules)


def test_a_draft_appeal_before_any_notice_leaves_the_dates_to_fill_in():
    case_file, result = made(REGULAR, date(2026, 5, 4))
    text = alltext(make_appeal(case_file, result, today=date(2026, 5, 4), draft=True).pdf)
    assert "Op __________ heeft de IND mijn ingebrekestelling ontvangen" in text


def test_every_document_for_every_demo_case_is_made_or_refused_never_crashes():
    from desktop.documents import (
        DocumentError,
        make_checklist,
        make_notice,
    )
    from desktop.store.demo import demo_cases

    builders = [make_notice, make_checklist, make_appeal, make_penalty_request]
    made_count = refused = 0
    for case_file, _proofs in demo_cases(16, seed=7):
        for today in (date(2026, 3, 1), date(2027, 6, 1)):
            result = compute(case_file.case, today=today)
            for build in builders:
                for draft in (False, True):
                    kw = {} if build is make_checklist else {"draft": draft}
                    try:
                        build(case_file, result, today=today, lang="nl+en", **kw)
                        made_count += 1
                    except DocumentError:
                        refused += 1
            for number, _a in enumerate(case_file.case.of_type(Appointment), 1):
                try:
                    make_appointment_letter(
                        case_file, result, appointment=number, today=today, draft=True
                    )
                    made_count += 1
                except DocumentError:
                    refused += 1
    assert made_count > 20 and refused > 5
