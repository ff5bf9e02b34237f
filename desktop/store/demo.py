"""Deterministic demo cases: realistic names, every procedure, the events that move the dates."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from desktop.core.casefile import CaseFile, Person, Representative
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Case,
    Decision,
    Event,
    Extension,
    InfoRequest,
    MvvGranted,
    NoticeEvent,
    Pause,
    Procedure,
)
from desktop.core.rulepack import RulePack, load_rule_pack
from desktop.store.records import NoticeProof

# (nationality, given names, family names, family name first?)
_PEOPLE: tuple[tuple[str, tuple[str, ...], tuple[str, ...], bool], ...] = (
    (
        "Syrian",
        ("Muḥammad", "Ḥasan", "ʿAlī", "Fāṭima", "Yūsuf", "Khālid", "Zaynab", "Rīm", "Nūr", "Rāmī"),
        ("al-Ḥalabī", "Ḥaddād", "al-Šāmī", "Qāsim", "ʿUthmān", "Darwīš", "al-Ḥasan", "Khūrī"),
        False,
    ),
    (
        "Eritrean",
        ("Ḥagos", "Tesfaye", "Senait", "Yohannes", "Awet", "Filmon", "Semhar", "Helen", "Mussie"),
        ("Mebrahtu", "Gebremedhin", "Tekle", "Kidane", "Haile", "Weldemariam", "Ghebreyesus"),
        False,
    ),
    (
        "Turkish",
        ("Şükrü", "Ayşe", "Gülşen", "Çağlar", "İbrahim", "Özlem", "Ümit", "Hülya", "Barış"),
        ("Ağaoğlu", "Öztürk", "Yıldız", "Çelik", "Doğan", "Kılıç", "Şahin", "Güneş"),
        False,
    ),
    (
        "Afghan",
        ("Zahra", "Aḥmad", "Mūsā", "Farīda", "Sayed", "Ḥamīd", "Ṭāhira", "Rāḥila", "Bilāl"),
        ("Nūrzai", "Karīmī", "Aḥmadzai", "Ḥaidarī", "Sulṭānī", "Rasūlī", "Wardak"),
        False,
    ),
    (
        "Iranian",
        ("Shīrīn", "Dāriyūsh", "Maryam", "Reżā", "Parvīn", "Kāveh", "Nasrīn", "Bahrām"),
        ("Ḥosseinī", "Moḥammadī", "Rezāʾī", "Ṭāherī", "Jaʿfarī", "Karīmzādeh", "Ṣādeqī"),
        False,
    ),
    (
        "Yemeni",
        ("ʿAbdullāh", "Amal", "Ṣāliḥ", "Hudā", "ʿUmar", "Arwā", "Fuʾād", "Ibtisām"),
        ("Bā Wazīr", "al-Ṣabrī", "Saʿīd", "al-Maqṭarī", "al-ʿAbsī", "Ḥumaid"),
        False,
    ),
    (
        "Polish",
        ("Łukasz", "Małgorzata", "Wojciech", "Zofia", "Paweł", "Agnieszka", "Jędrzej", "Bożena"),
        ("Wójcik", "Kowalczyk", "Szymańska", "Dąbrowski", "Żak", "Kaźmierczak", "Woźniak"),
        False,
    ),
    (
        "Vietnamese",
        ("Minh Khai", "Thị Hương", "Văn Đức", "Thu Trang", "Quốc Bảo", "Ngọc Ánh", "Hữu Phước"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"),
        True,
    ),
    (
        "Moroccan",
        ("Youssef", "Fatima Zahra", "Hicham", "Naïma", "Saïd", "Khadija", "Mohamed", "Loubna"),
        ("El Amrani", "Benali", "Aït Ouarab", "Boussaïd", "El Idrissi", "Ouaziz", "Tahiri"),
        False,
    ),
    (
        "Nigerian",
        ("Chukwuemeka", "Ngozi", "Adébáyọ̀", "Olúwaseun", "Fúnmiláyọ̀", "Ifeoma", "Babátúndé"),
        ("Okonkwo", "Adéyẹmí", "Ọlátúnjí", "Eze", "Nwosu", "Ògúndélé", "Obi"),
        False,
    ),
    (
        "Ukrainian",
        ("Oleksandr", "Kateryna", "Yuliia", "Dmytro", "Olena", "Andrii", "Iryna"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"),
        False,
    ),
    (
        "Somali",
        ("Faadumo", "Cabdi", "Xaliimo", "Maxamed", "Hodan", "Cali", "Sahra"),
        ("Warsame", "Cumar", "Jaamac", "Xasan", "Faarax", "Cilmi"),
        False,
    ),
)
_CITIES = ("Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Zwolle", "Groningen", "Tilburg")
_STREETS = ("Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsplein", "Lindenlaan", "Beukenhof")
_REPS = (
    Representative("mr. A. de Vries", "Vries Advocaten", "Keizersgracht 1, Amsterdam"),
    Representative("mr. S. Öztürk", "Öztürk & Bakker", "Coolsingel 40, Rotterdam", "010-1234567"),
    Representative("J. Jansen", "VluchtelingenWerk", "Stationsplein 3, Utrecht"),
    Representative("mr. L. Nguyễn", "Rechtswinkel Zwolle", "Melkmarkt 10, Zwolle"),
)
_TAGS = ("urgent", "gezin", "minor", "tolk nodig", "pro bono", "follow-up")
# The IND sets the deadline to complete an application in its own letter; not a statutory period.
_INFO_REQUEST_DAYS = 28
_PROCEDURE_WEIGHTS = (
    (Procedure.REGULAR, 30),
    (Procedure.MVV, 20),
    (Procedure.NAREIS, 10),
    (Procedure.ASYLUM, 20),
    (Procedure.NATURALISATION, 12),
    (Procedure.OBJECTION, 8),
)


def _name(rng: random.Random) -> tuple[str, str]:
    nationality, given, family, family_first = rng.choice(_PEOPLE)
    first, last = rng.choice(given), rng.choice(family)
    return (f"{last} {first}" if family_first else f"{first} {last}"), nationality


def _day(start: date, rng: random.Random, low: int, high: int) -> date:
    return start + timedelta(days=rng.randint(low, high))


def _extension(rules: RulePack, procedure: Procedure) -> tuple[str, int, int]:
    """The pack's first extension power in `procedure`, used fully: basis, months, weeks."""
    power = rules.procedures[procedure].powers[0]
    amount = power.maximum or power.total_months or 0
    return (power.basis, amount, 0) if power.unit == "months" else (power.basis, 0, amount)


def _undisputed_pause_basis(rules: RulePack) -> str:
    """A pause basis the applicant does not contest (not delay, not force majeure)."""
    pauses = rules.pauses
    return next(
        b.basis for b in pauses.bases if b.basis not in (pauses.contested, pauses.force_majeure)
    )


def demo_case(
    rng: random.Random, number: int, today: date, rules: RulePack | None = None
) -> tuple[CaseFile, dict[int, NoticeProof]]:
    """One realistic case; everything follows from `rng`, so a seed gives the same cases.

    Terms, bases and extensions come from the rule pack, so demo data follows the law in use.
    """
    rules = rules or load_rule_pack()
    procedures, weights = zip(*_PROCEDURE_WEIGHTS, strict=True)
    procedure = rng.choices(procedures, weights)[0]
    anchor = today - timedelta(days=rng.randint(5, 700))
    events: list[Event] = []
    proofs: dict[int, NoticeProof] = {}
    # Rough term lengths in days, only to place Notices and decisions plausibly.
    term = rules.procedures[procedure].base.approx_days
    if rng.random() < 0.35:
        sent = _day(anchor, rng, 10, 60)
        deadline = sent + timedelta(days=_INFO_REQUEST_DAYS)
        completed = _day(sent, rng, 3, 40) if rng.random() < 0.8 else None
        events.append(InfoRequest(sent=sent, deadline=deadline, completed=completed))
        term += (completed - sent).days if completed else _INFO_REQUEST_DAYS
    if rng.random() < 0.08:
        start = _day(anchor, rng, 5, 50)
        events.append(
            Pause(start=start, until=_day(start, rng, 7, 30), basis=_undisputed_pause_basis(rules))
        )
    if procedure in (Procedure.REGULAR, Procedure.MVV, Procedure.NAREIS, Procedure.ASYLUM):
        kind = (
            AppointmentKind.ASYLUM_INTERVIEW
            if procedure is Procedure.ASYLUM
            else rng.choice((AppointmentKind.BIOMETRICS, AppointmentKind.DOCUMENT_COLLECTION))
        )
        when = _day(anchor, rng, 7, 45)
        missed = rng.random() < 0.15
        excuse = rng.choice((None, "hospital admission", "no interpreter", "train strike"))
        events.append(
            Appointment(
                kind=kind,
                date=when,
                attended=not missed,
                rescheduled_to=_day(when, rng, 7, 30) if missed else None,
                excuse=excuse if missed else None,
            )
        )
    if rng.random() < 0.3:
        basis, months, weeks = _extension(rules, procedure)
        # Now and then an extension sent too late, which the core must reject.
        events.append(
            Extension(
                sent=_day(anchor, rng, 20, term + 20), basis=basis, months=months, weeks=weeks
            )
        )
        term += months * 30 + weeks * 7
    end = anchor + timedelta(days=term)
    if end < today and rng.random() < 0.6:
        received = _day(end, rng, 1, 60)
        if received <= today:
            events.append(NoticeEvent(received=received))
            posted = received - timedelta(days=rng.randint(1, 3))
            if rng.random() < 0.7:
                proofs[len(events) - 1] = NoticeProof(
                    posted=posted,
                    tracking_number=f"3S{rng.randrange(10**12):012d}NL",
                    delivered=received,
                )
            elif rng.random() < 0.5:
                proofs[len(events) - 1] = NoticeProof(
                    posted=received, fax_report=f"Fax OK 070-{rng.randrange(10**7):07d}"
                )
    if rng.random() < 0.25:
        decided = _day(anchor, rng, 30, term + 90)
        if decided <= today:
            events.append(Decision(sent=decided))
            if procedure in (Procedure.MVV, Procedure.NAREIS) and rng.random() < 0.6:
                events.append(MvvGranted(notified=decided + timedelta(days=rng.randint(1, 10))))
    name, nationality = _name(rng)
    co: tuple[Person, ...] = ()
    if procedure is Procedure.NAREIS or rng.random() < 0.15:
        child, _ = _name(rng)
        birth = today - timedelta(days=rng.randint(365, 17 * 365))
        co = (Person(child.split()[0] + " " + name.split()[-1], birth, nationality),)
    case = Case(
        procedure=procedure,
        received=None if procedure is Procedure.OBJECTION and rng.random() < 0.5 else anchor,
        events=tuple(events),
        objected_decision_sent=anchor if procedure is Procedure.OBJECTION else None,
    )
    applicant = Person(
        name=name,
        date_of_birth=today - timedelta(days=rng.randint(18 * 365, 70 * 365)),
        nationality=nationality,
        address=f"{rng.choice(_STREETS)} {rng.randint(1, 200)}, {rng.choice(_CITIES)}",
    )
    case_file = CaseFile(
        case=case,
        applicant=applicant,
        reference=f"T-{anchor.year}-{number:05d}",
        v_number=f"{rng.randrange(10**9, 10**10)}",
        ind_reference=f"IND-{rng.randrange(10**8):08d}",
        co_applicants=co,
        representative=rng.choice(_REPS) if rng.random() < 0.7 else None,
        language="en" if rng.random() < 0.2 else "nl",
        notes=rng.choice(("", "", "Client prefers WhatsApp.", "Tolk Tigrinya nodig.")),
        tags=tuple(rng.sample(_TAGS, k=rng.choice((0, 0, 1, 2)))),
        archived=rng.random() < 0.1,
    )
    return case_file, proofs


def demo_cases(
    count: int, seed: int = 0, today: date | None = None
) -> Iterator[tuple[CaseFile, dict[int, NoticeProof]]]:
    """`count` demo cases; the same seed and day give the same cases."""
    rng = random.Random(seed)
    day = today or date.today()
    rules = load_rule_pack()
    for number in range(1, count + 1):
        yield demo_case(rng, number, day, rules)
