"""`termijn rules list|show|check|install|diff` and `--rules`, run as processes."""

import json
import subprocess
import sys
from pathlib import Path

from desktop.core.rulepack import DEFAULT_PACK, load_rule_pack
from tests.packfixture import build_pack

ROOT = Path(__file__).resolve().parents[2]
E14 = {
    "procedure": "regular",
    "received": "2025-10-01",
    "events": [{"type": "notice", "received": "2026-03-02"}],
}


def termijn(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def one_error_line(proc):
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error: ")
    return line


def test_list_names_each_pack_with_its_publication_date_and_hash(tmp_path):
    proc = termijn(tmp_path, "rules", "list")
    assert proc.returncode == 0, proc.stderr
    pack = load_rule_pack()
    line = next(x for x in proc.stdout.splitlines() if x.startswith(DEFAULT_PACK))
    assert "(default)" in line and pack.published.isoformat() in line
    assert pack.short_hash in line and "[built in]" in line


def test_show_prints_the_law_of_a_pack(tmp_path):
    proc = termijn(tmp_path, "rules", "show", DEFAULT_PACK)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert load_rule_pack().content_hash in out
    assert "remedies.asylum" in out and "appeal within 1 week (or 4 weeks)" in out
    assert "pending.bill_35749" in out
    assert one_error_line(termijn(tmp_path, "rules", "show", "nl-1999.1")).startswith(
        "error: no rule pack 'nl-1999.1'"
    )


def test_check_lists_every_problem_and_exits_1(tmp_path):
    good = build_pack(tmp_path)
    proc = termijn(tmp_path / "data", "rules", "check", str(good))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("xx-2027.1.toml: OK: xx-2027.1")
    text = good.read_text(encoding="utf-8").replace('"window_days" = 14', '"window_days" = "14"')
    text = text.replace('"published" = "2027-01-15"\n', "")
    good.write_text(text, encoding="utf-8")
    proc = termijn(tmp_path / "data", "rules", "check", str(good))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "xx-2027.1.toml: published: missing" in lines
    assert any(x.startswith("xx-2027.1.toml: penalty.window_days: expected") for x in lines)
    assert "2 problem(s)" in proc.stderr and "Traceback" not in proc.stderr


def test_install_keeps_a_checked_pack_and_compute_uses_it(tmp_path):
    data = tmp_path / "data"
    source = tmp_path / "source"
    source.mkdir()
    pack_file = build_pack(source)
    proc = termijn(data, "rules", "install", str(pack_file))
    assert proc.returncode == 0, proc.stderr
    assert (data / "rulepacks" / "xx-2027.1.toml").is_file()
    assert (data / "rulepacks" / "xx-2027.1.texts.toml").is_file()
    assert "xx-2027.1" in termijn(data, "rules", "list").stdout
    case = tmp_path / "case.json"
    case.write_text(json.dumps(E14), encoding="utf-8")
    proc = termijn(data, "compute", str(case), "--today", "2026-04-05", "--rules", "xx-2027.1")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    # 20 penalty days under the second pack's tiers: 10 x 30 + 10 x 40.
    assert result["rules"] == "xx-2027.1" and result["penalty"]["amount_eur"] == "700.00"
    # The same id again: refused, the installed file untouched.
    installed = (data / "rulepacks" / "xx-2027.1.toml").read_bytes()
    line = one_error_line(termijn(data, "rules", "install", str(pack_file)))
    assert "already there" in line and "new id" in line
    assert (data / "rulepacks" / "xx-2027.1.toml").read_bytes() == installed


def test_install_refuses_a_pack_that_fails_check(tmp_path):
    data = tmp_path / "data"
    pack_file = build_pack(tmp_path)
    pack_file.write_text(
        pack_file.read_text(encoding="utf-8").replace('"id" = "xx-2027.1"', '"id" = "xx-2027.2"')
        + '"colour" = "blue"\n',
        encoding="utf-8",
    )
    proc = termijn(data, "rules", "install", str(pack_file))
    assert proc.returncode == 2
    assert "colour: unknown key" in proc.stdout
    assert "not installed" in proc.stderr
    assert not (data / "rulepacks").exists() or not any((data / "rulepacks").iterdir())


def test_compute_with_a_pack_file_names_it_and_refuses_a_bad_spec(tmp_path):
    pack_file = build_pack(tmp_path)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(E14), encoding="utf-8")
    proc = termijn(
        tmp_path / "d", "compute", str(case), "--today", "2026-04-05", "--rules", str(pack_file)
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["rules"] == "xx-2027.1"
    line = one_error_line(termijn(tmp_path / "d", "compute", str(case), "--rules", "nl-1999.1"))
    assert line.startswith("error: --rules: no rule pack 'nl-1999.1'")
    missing = termijn(tmp_path / "d", "compute", str(case), "--rules", "gone.toml")
    assert "gone.toml: no such file" in one_error_line(missing)


def test_diff_prints_what_changed(tmp_path):
    pack_file = build_pack(tmp_path)
    proc = termijn(tmp_path / "d", "rules", "diff", DEFAULT_PACK, str(pack_file))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert (
        "remedies.regular: objection within 4 weeks" in out and "-> objection within 6 weeks" in out
    )
    assert "penalty.amounts from 2000-01-01" in out and "EUR 30 / EUR 40 / EUR 50" in out
    assert "atw.fixed" in out and "10-06" in out
