"""`termijn bundle export|show|import` as processes: sealed, redacted, tampered, merge or new."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASE = {
    "procedure": "regular",
    "received": "2025-10-01",
    "reference": "TRM-2025-017",
    "v_number": "V 301 234 5678",
    "applicant": {"name": "Şükrü Yılmazoğlu", "date_of_birth": "1988-04-12"},
    "notes": "call before 10",
    "events": [],
}


def termijn(*args, data_dir, env=None):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=dict(os.environ, TERMIJN_DATA_DIR=str(data_dir), **(env or {})),
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_export_show_import_a_sealed_bundle(tmp_path):
    sender, receiver = tmp_path / "sender", tmp_path / "receiver"
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    assert termijn("cases", "import", str(case), data_dir=sender).returncode == 0
    secret = tmp_path / "pass"
    secret.write_text("a long enough passphrase\n", encoding="utf-8")
    env = {"TERMIJN_BUNDLE_PASSPHRASE_FILE": str(secret)}
    out = tmp_path / "case.termijn"
    made = termijn(
        "bundle", "export", "--case", "1", "--encrypt", "-o", str(out), data_dir=sender, env=env
    )
    assert made.returncode == 0, made.stderr
    assert "encrypted" in made.stdout
    assert out.stat().st_mode & 0o077 == 0
    assert "Yılmazoğlu".encode() not in out.read_bytes()

    no_pass = termijn("bundle", "show", str(out), data_dir=receiver)
    assert no_pass.returncode == 2
    assert "TERMIJN_BUNDLE_PASSPHRASE_FILE" in no_pass.stderr

    shown = termijn("bundle", "show", str(out), data_dir=receiver, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "every sum checks out" in shown.stdout and "encrypted: yes" in shown.stdout

    added = termijn("bundle", "import", str(out), data_dir=receiver, env=env)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "imported as case 1"
    again = termijn("bundle", "import", str(out), data_dir=receiver, env=env)
    assert again.returncode == 2
    assert "--merge 1 or --as-new" in again.stderr
    listed = termijn("cases", "list", "--json", data_dir=receiver)
    assert len(listed.stdout.splitlines()) == 1  # nothing was written by the refused import


def test_redacted_bundle_says_what_was_left_out_and_a_changed_one_is_refused(tmp_path):
    data = tmp_path / "data"
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    termijn("cases", "import", str(case), data_dir=data)
    out = tmp_path / "r.termijn"
    made = termijn("bundle", "export", "--case", "1", "--redact", "-o", str(out), data_dir=data)
    assert made.returncode == 0, made.stderr
    assert "not encrypted" in made.stderr
    shown = termijn("bundle", "show", str(out), data_dir=data)
    assert "left out: applicant.date_of_birth, notes" in shown.stdout
    assert "masked: v_number" in shown.stdout

    changed = tmp_path / "changed.termijn"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "case.json":
                body = body.replace(b"2025-10-01", b"2025-09-01")
            dst.writestr(info.filename, body)
    refused = termijn("bundle", "import", str(changed), "--as-new", data_dir=data)
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: ") and len(refused.stderr.splitlines()) == 1
    assert "case.json was changed after the bundle was made" in refused.stderr


def test_export_of_an_unknown_case_is_one_line(tmp_path):
    result = termijn(
        "bundle",
        "export",
        "--case",
        "9",
        "-o",
        str(tmp_path / "x.termijn"),
        data_dir=tmp_path / "d",
    )
    assert result.returncode == 2
    assert result.stderr == "error: --case 9: no such case\n"
    assert not (tmp_path / "x.termijn").exists()
