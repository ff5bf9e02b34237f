"""The rule pack as data: validation, bilingual texts, and the warnings that come from the pack."""

import re
import string
import tomllib
from datetime import date
from pathlib import Path

import pytest

from desktop.core import Procedure, compute, load_rule_pack, parse_case
from desktop.core.rulepack import Quantity, RulePackError, available_packs, parse_rule_pack

CORE = Path(__file__).resolve().parents[2] / "desktop" / "core"
PACK_FILE = CORE / "rulepacks" / "nl-2026.12.toml"
TEXTS_FILE = CORE / "rulepacks" / "nl-2026.12.texts.toml"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def codes(result) -> set[str]:
    return {w.code for w in result.warnings}


def run(data: dict, today: date = date(2026, 11, 25)):
    return compute(parse_case(data), today=today)


def test_every_text_has_both_languages_with_the_same_placeholders():
    pack = load_rule_pack()
    assert len(pack.texts) > 50
    for key, text in pack.texts.items():
        assert text.en.strip() and text.nl.strip(), key
        assert fields(text.en) == fields(text.nl), key
        assert text.en != text.nl or key.startswith("unit_"), f"{key}: Dutch is a copy of English"


def test_every_text_key_the_core_uses_exists():
    pack = load_rule_pack()
    # parse.py and packparse.py read fields with a `.text("...")` of their own: not pack texts.
    readers = ("parse.py", "packparse.py")
    source = "\n".join(p.read_text() for p in CORE.glob("*.py") if p.name not in readers)
    literal = set(re.findall(r'\.text\(\s*"([a-z_0-9]+)"', source))
    literal |= set(re.findall(r'\.warn\(\s*"[a-z_0-9]+",\s*"([a-z_0-9]+)"', source))
    literal |= set(re.findall(r'\.step\(\s*[^,()]+(?:\([^()]*\))?,\s*"([a-z_0-9]+)"', source))
    assert len(literal) > 40, "the scan found few keys: the pattern is stale"
    missing = {key for key in literal if key not in pack.texts}
    assert not missing
    # Keys built at run time: procedure names, units and suspension sources.
    for procedure in Procedure:
        assert f"procedure_{procedure.value}" in pack.texts
    for unit in ("days", "weeks", "months", "years"):
        assert f"unit_{unit}" in pack.texts
    for source_kind in ("info_request", "pause", "appointment"):
        assert f"source_{source_kind}" in pack.texts


def test_pack_lists_itself_and_names_results():
    assert "nl-2026.12" in available_packs()
    result = run({"procedure": "regular", "received": "2026-01-05"})
    assert result.rules == "nl-2026.12"


def test_unknown_pack_is_refused():
    with pytest.raises(RulePackError, match="unknown rule pack"):
        load_rule_pack("nl-1999.01")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda raw, texts: raw["procedures"]["regular"].update(base={"days": 0}), "base"),
        (lambda raw, texts: raw["procedures"].pop("asylum"), "procedures: none for asylum"),
        (lambda raw, texts: raw["atw"]["decrees"][0].update(days=["2031-01-01"]), "outside"),
        (lambda raw, texts: raw.update(published="soon"), "not a date"),
        (lambda raw, texts: texts["step_end"].pop("nl"), r"texts.toml: step_end.nl: missing"),
        (lambda raw, texts: raw["atw"].update(fixed=["13-01"]), "MM-DD"),
        (lambda raw, texts: raw["remedies"]["asylum"].update(kind="complaint"), "remedies.asylum"),
        (lambda raw, texts: raw["remedies"].pop("mvv"), "remedies: none for"),
    ],
)
def test_malformed_pack_names_the_bad_key(mutate, message):
    raw = tomllib.loads(PACK_FILE.read_text())
    texts = tomllib.loads(TEXTS_FILE.read_text())
    mutate(raw, texts)
    with pytest.raises(RulePackError, match=message):
        parse_rule_pack(raw, texts)


def test_penalty_tiers_cap_is_1442():
    tiers = load_rule_pack().tiers_for(date(2026, 3, 2))
    assert str(tiers.cap) == "1442"
    assert tiers.amount(20) == 14 * 23 + 6 * 35
    assert tiers.amount(100) == tiers.cap


def test_rule_pack_older_than_a_year_warns():
    # The default pack was published on 01-12-2026: old from the day after 01-12-2027.
    assert load_rule_pack().published == date(2026, 12, 1)
    case = {"procedure": "regular", "received": "2026-01-05"}
    assert "rule_pack_old" not in codes(run(case, today=date(2027, 12, 1)))
    assert "rule_pack_old" in codes(run(case, today=date(2027, 12, 2)))


def test_term_ending_in_a_year_without_decree_list_warns():
    # 2028-12-01 + 90 days = 2029-03-01: the pack has no 2029 decree list (R3.9, §4).
    late = run({"procedure": "regular", "received": "2028-12-01"})
    assert "decree_days_unknown" in codes(late)
    early = run({"procedure": "regular", "received": "2026-01-05"})
    assert "decree_days_unknown" not in codes(early)


def test_42_5_needs_a_42_4_extension_first():
    result = run(
        {
            "procedure": "asylum",
            "received": "2024-04-10",
            "events": [
                {"type": "extension", "sent": "2024-09-01", "months": 3, "basis": "Vw 42(5)"}
            ],
        }
    )
    (ext,) = result.term.extensions
    assert not ext.valid and "Vw 42(4)" in ext.reason.en
    assert result.term.statutory_end == date(2024, 10, 10)  # unchanged: 6 months


def test_vw_43_may_not_take_the_term_past_21_months():
    base = {"procedure": "asylum", "received": "2024-01-10"}
    ok = run(
        {
            **base,
            "events": [{"type": "extension", "sent": "2024-05-01", "months": 15, "basis": "Vw 43"}],
        }
    )
    assert ok.term.extensions[0].valid
    assert ok.term.statutory_end == date(2025, 10, 10)  # 10-01-2024 + 21 months
    too_long = run(
        {
            **base,
            "events": [{"type": "extension", "sent": "2024-05-01", "months": 16, "basis": "Vw 43"}],
        }
    )
    assert not too_long.term.extensions[0].valid
    assert "21" in too_long.term.extensions[0].reason.en


def test_extension_after_unrolled_end_of_a_month_term_is_valid_with_warning():
    # 2024-03-16 + 6 months = Mon 16-09-2024? no: pick a Saturday end. 2023-03-25 + 6 m =
    # Mon 25-09-2023. Use 2023-04-01 + 6 m = Sun 01-10-2023 -> rolled Mon 02-10-2023 (R1.0c, R3.8).
    result = run(
        {
            "procedure": "asylum",
            "received": "2023-04-01",
            "events": [
                {"type": "extension", "sent": "2023-10-02", "months": 9, "basis": "Vw 42(4)"}
            ],
        }
    )
    assert result.term.extensions[0].valid
    assert "extension_maybe_late" in codes(result)
    assert result.term.statutory_end == date(2024, 7, 1)  # 01-04-2023 + 15 months


def test_force_majeure_pause_warns_that_backlogs_do_not_count():
    result = run(
        {
            "procedure": "regular",
            "received": "2026-01-05",
            "events": [
                {
                    "type": "pause",
                    "from": "2026-02-01",
                    "until": "2026-02-11",
                    "basis": "Awb 4:15(2)(c)",
                }
            ],
        }
    )
    assert "force_majeure" in codes(result)
    assert result.term.paused_days == 10


def test_pause_citing_attributable_delay_is_contested():
    result = run(
        {
            "procedure": "regular",
            "received": "2026-01-05",
            "events": [
                {
                    "type": "pause",
                    "from": "2026-02-01",
                    "until": "2026-02-11",
                    "basis": "Awb 4:15(2)(b)",
                }
            ],
        }
    )
    assert result.term.paused_days == 0
    assert result.term.contested_days == 10
    assert result.term.ind_view_end > result.term.rolled_end
    assert "contested_pause" in codes(result)


def test_dutch_style_citation_of_attributable_delay_is_contested():
    from desktop.core.term import _cites

    pauses = load_rule_pack().pauses
    assert _cites("Awb 4:15 lid 2 sub b", pauses.contested)
    assert _cites("art. 4:15, lid 2 onder b Awb", pauses.contested)
    assert _cites("Awb 4:15(2)(b)", pauses.contested)
    assert not _cites("Awb 4:15 lid 2 sub a", pauses.contested)
    assert _cites("Awb 4:15 lid 2 sub c", pauses.force_majeure)


def test_every_procedure_has_a_remedy_with_its_period_and_basis():
    pack = load_rule_pack()
    regular = pack.remedy(Procedure.REGULAR)
    assert (regular.kind, regular.period, regular.basis) == (
        "objection",
        Quantity(4, "weeks"),
        "Vw 69(1)",
    )
    naturalisation = pack.remedy(Procedure.NATURALISATION)
    assert (naturalisation.period, naturalisation.basis) == (Quantity(6, "weeks"), "Awb 6:7")
    asylum = pack.remedy(Procedure.ASYLUM)
    assert asylum.kind == "appeal"
    assert (asylum.period, asylum.alternative) == (Quantity(1, "weeks"), Quantity(4, "weeks"))
    assert pack.remedy(Procedure.OBJECTION).kind == "appeal"


def test_every_built_in_pack_has_every_text_the_program_shows():
    # Old packs stay loadable so earlier results can be reproduced: each must give every text the
    # newest one gives, with no placeholder the code does not fill.
    from desktop.core.rulepack import built_in_packs

    newest = load_rule_pack()
    for pack_id in built_in_packs():
        pack = load_rule_pack(pack_id)
        assert set(pack.texts) == set(newest.texts), pack_id
        for key, text in pack.texts.items():
            assert fields(text.en) <= fields(newest.texts[key].en), (pack_id, key)
