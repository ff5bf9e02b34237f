"""`check` on broken packs: every kind of problem named (file, key, why), all of them at once."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core.rulepack import (
    DEFAULT_PACK,
    Problem,
    RulePackError,
    check_rule_pack,
    load_rule_pack,
    read_rule_pack,
)
from tests import tomlwrite as tomli_w

PACKS = Path(__file__).resolve().parents[2] / "desktop" / "core" / "rulepacks"
NEW_ID = "nl-2099.1"


def write_pack(
    folder: Path,
    mutate: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
    pack_id: str = NEW_ID,
) -> Path:
    """The default pack under a new id, changed by `mutate`, written as a pack file pair."""
    raw = tomllib.loads((PACKS / f"{DEFAULT_PACK}.toml").read_text(encoding="utf-8"))
    texts = tomllib.loads((PACKS / f"{DEFAULT_PACK}.texts.toml").read_text(encoding="utf-8"))
    raw["id"] = pack_id
    if mutate:
        mutate(raw, texts)
    path = folder / f"{pack_id}.toml"
    path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    (folder / f"{pack_id}.texts.toml").write_text(tomli_w.dumps(texts), encoding="utf-8")
    return path


def problems(folder: Path, mutate: Callable[[dict[str, Any], dict[str, Any]], None]) -> list[str]:
    return [str(p) for p in check_rule_pack(write_pack(folder, mutate))]


def test_a_good_pack_has_no_problems_and_a_hash(tmp_path):
    path = write_pack(tmp_path)
    assert check_rule_pack(path) == []
    pack = read_rule_pack(path)
    assert pack.id == NEW_ID
    assert len(pack.content_hash) == 64
    assert pack.content_hash != load_rule_pack().content_hash  # the id differs, so the bytes do


def test_the_hash_covers_the_texts_file(tmp_path):
    path = write_pack(tmp_path)
    before = read_rule_pack(path).content_hash
    texts = path.with_name(f"{NEW_ID}.texts.toml")
    texts.write_text(texts.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert read_rule_pack(path).content_hash != before


def _set(table_path: str, value: object) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def mutate(raw: dict[str, Any], texts: dict[str, Any]) -> None:
        *parents, last = table_path.split(".")
        target = raw
        for name in parents:
            target = target[name]
        target[last] = value

    return mutate


def _drop(table_path: str) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def mutate(raw: dict[str, Any], texts: dict[str, Any]) -> None:
        *parents, last = table_path.split(".")
        target = raw
        for name in parents:
            target = target[name]
        del target[last]

    return mutate


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        # a key the program needs is missing
        (_drop("published"), f"{NEW_ID}.toml: published: missing"),
        (_drop("citations.notice"), "citations.notice: missing"),
        (_drop("remedies.asylum"), "remedies: none for asylum"),
        (_drop("procedures.objection.objection_period"), "objection_period: missing"),
        # wrong type or value
        (_set("penalty.window_days", "14"), "penalty.window_days: expected a whole number"),
        (_set("penalty.window_days", 0), "penalty.window_days: 0 is less than 1"),
        (_set("procedures.regular.base", {"days": 0}), "procedures.regular.base.days"),
        (_set("procedures.regular.base", {"fortnights": 6}), "procedures.regular.base"),
        (_set("published", "soon"), "published: not a date"),
        (_set("atw.fixed", ["13-01"]), "atw.fixed: not MM-DD"),
        (_set("remedies.asylum.kind", "complaint"), "remedies.asylum.kind: 'complaint'"),
        (_set("ind.address", []), "ind.address: empty"),
        # a typo: a key nobody reads
        (_set("penalty.windows_days", 14), "penalty.windows_days: unknown key"),
        # references and consistency
        (
            _set(
                "procedures.mvv.extensions", [{"basis": "Vw 2u", "months": 3, "requires": "Vw 9"}]
            ),
            "'Vw 9' is not a power of this procedure",
        ),
        (_set("procedures.sailing", {}), "procedures.sailing: unknown procedure"),
        (_set("format", 99), "format: 99: made for a newer Termijn"),
        (_set("id", "Dutch law"), "id: 'Dutch law'"),
    ],
)
def test_each_kind_of_pack_problem_is_named(tmp_path, mutate, expected):
    found = problems(tmp_path, mutate)
    assert any(expected in p for p in found), found


def test_penalty_tier_problems(tmp_path):
    def mutate(raw, texts):
        tier = raw["penalty"]["tiers"][0]
        tier["daily_eur"] = ["23", "minus five"]
        tier["max_days"] = 100

    found = problems(tmp_path, mutate)
    assert any("daily_eur[1]: not a positive amount" in p for p in found), found
    assert any("max_days: more days than the tiers cover" in p for p in found), found


def test_decree_day_outside_its_years(tmp_path):
    found = problems(
        tmp_path, lambda raw, texts: raw["atw"]["decrees"][0]["days"].append("2031-01-01")
    )
    assert any("atw.decrees[0].days: 2031-01-01 is outside" in p for p in found), found


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda raw, texts: texts["step_end"].pop("nl"), "step_end.nl: missing"),
        (lambda raw, texts: texts.pop("step_end"), "step_end: missing (Termijn shows this text)"),
        (
            lambda raw, texts: texts.update(step_ned={"en": "x", "nl": "y"}),
            "step_ned: unknown text",
        ),
        (
            lambda raw, texts: texts["step_end"].update(nl="eindigt op {datum}"),
            "step_end: en and nl use different placeholders",
        ),
        (
            lambda raw, texts: texts["step_end"].update(en="ends {when}", nl="eindigt {when}"),
            "step_end: placeholders this version does not fill: ['when']",
        ),
        (lambda raw, texts: texts["step_end"].update(en="ends {date"), "step_end.en: malformed"),
    ],
)
def test_each_kind_of_texts_problem_names_the_texts_file(tmp_path, mutate, expected):
    found = problems(tmp_path, mutate)
    assert any(p.startswith(f"{NEW_ID}.texts.toml: ") and expected in p for p in found), found


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    def mutate(raw, texts):
        del raw["published"]
        raw["penalty"]["window_days"] = "two weeks"
        raw["remedies"]["asylum"]["kind"] = "petition"
        texts["step_end"].pop("nl")

    found = check_rule_pack(write_pack(tmp_path, mutate))
    keys = {p.key for p in found}
    assert {"published", "penalty.window_days", "remedies.asylum.kind", "step_end.nl"} <= keys
    assert {p.file for p in found} == {f"{NEW_ID}.toml", f"{NEW_ID}.texts.toml"}


def test_files_that_are_not_toml_or_missing(tmp_path):
    path = write_pack(tmp_path)
    path.write_text("id = \n", encoding="utf-8")
    (found,) = check_rule_pack(path)
    assert found.file == f"{NEW_ID}.toml" and "not valid TOML" in found.why
    path.write_bytes(b"\xff\xfe id")
    assert "not UTF-8" in check_rule_pack(path)[0].why
    write_pack(tmp_path)
    path.with_name(f"{NEW_ID}.texts.toml").unlink()
    (found,) = check_rule_pack(path)
    assert found == Problem(f"{NEW_ID}.texts.toml", "", found.why) and "cannot read" in found.why


def test_a_broken_pack_cannot_be_used(tmp_path):
    path = write_pack(tmp_path, _drop("published"))
    with pytest.raises(RulePackError, match="published: missing") as info:
        read_rule_pack(path)
    assert info.value.problems


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_set("letters.court_fee.eur", "about 190"), "letters.court_fee.eur: 'about 190'"),
        (_set("letters.court_fee.checked", "recently"), "letters.court_fee.checked"),
        (_set("letters.court", {"en": "a court"}), "letters.court.nl: missing"),
        (_set("letters.laws.Awb", "Algemene wet bestuursrecht"), "letters.laws.Awb"),
        (_set("letters.appeal_basis", "Awb 6:12"), "letters.appeal_basis: unknown key"),
    ],
)
def test_the_letters_table_is_checked(tmp_path, mutate, expected):
    found = problems(tmp_path, mutate)
    assert any(expected in p for p in found), found


def test_a_pack_without_letters_still_loads(tmp_path):
    path = write_pack(tmp_path, lambda raw, texts: raw.pop("letters"))
    assert check_rule_pack(path) == []
    assert read_rule_pack(path).letters is None
