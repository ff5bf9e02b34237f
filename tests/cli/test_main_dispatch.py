"""`termijn` / `python -m desktop`: commands only (the window is termijn-gui), clean edges."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("compute", "notice", "checklist", "cases", "backup", "restore", "demo", "self-test")


def run(*args: str, data_dir: Path | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    # No display at all: a command that tried to open the window would fail or hang here.
    env.pop("QT_QPA_PLATFORM", None)
    if data_dir is not None:
        env["TERMIJN_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
        **kwargs,
    )


def test_data_dir_before_the_command_runs_the_cli(tmp_path):
    made = run("--data-dir", str(tmp_path), "demo", "--cases", "3", "--seed", "1")
    assert made.returncode == 0, made.stderr
    listed = run("--data-dir", str(tmp_path), "cases", "list")
    assert listed.returncode == 0, listed.stderr
    assert len([line for line in listed.stdout.splitlines() if line.strip()]) >= 3


@pytest.mark.parametrize(
    ("word", "hint"), [("objection", ""), ("comptue", "did you mean compute?")]
)
def test_an_unknown_command_is_one_line_listing_the_commands(word, hint, tmp_path):
    proc = run(word, "x.json", data_dir=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"error: unknown command '{word}'")
    assert hint in lines[0]
    for command in COMMANDS:
        assert command in lines[0]
    assert not (tmp_path / "termijn.sqlite").exists()  # nothing was opened


def test_no_command_prints_the_commands_and_opens_no_window(tmp_path):
    proc = run(data_dir=tmp_path)
    assert proc.returncode == 2
    for command in COMMANDS:
        assert command in proc.stderr
    assert "termijn-gui" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [("self-test",), ("--self-test",), ("self-test", "--lang", "nl")])
def test_self_test_prints_exactly_one_line(args):
    proc = run(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # the offscreen plugin's notes went to the log
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout
    assert lines[0].startswith("termijn self-test ok: 40 demo cases computed")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    case = {"procedure": "regular", "received": "2026-01-05", "events": []}
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([case] * 3000), encoding="utf-8")  # ~ 10 MB of results
    with subprocess.Popen(
        [sys.executable, "-m", "desktop", "compute", str(batch), "--today", "2026-11-25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.read(100)  # `| head -c 100`: read a little, then close the pipe
        proc.stdout.close()
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
    assert first.startswith(b"[{")
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
    assert code == 141  # as a shell reports a writer stopped by SIGPIPE


def test_the_command_table_is_what_the_modules_register():
    # A command run imports only the module the table names: a stale table would hide a command.
    import argparse
    import importlib

    from desktop.cli import COMMANDS

    for module, names in COMMANDS.items():
        subparsers = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"desktop.cli.{module}").register(subparsers)
        assert tuple(subparsers.choices) == names, module


@pytest.mark.parametrize(
    "argv",
    [
        ["compute", "x.json", "--today", "2026-11-25"],
        ["--data-dir", "cases", "compute", "x.json"],
        ["--data", "cases", "compute", "x.json", "--lang", "nl"],
        ["--data-dir=restore", "notice", "x.json", "-o", "x.pdf"],
        ["--self-test", "cases", "list"],
        ["rules", "show", "nl-2026.12"],
    ],
)
def test_a_parser_with_only_the_named_command_reads_argv_as_the_full_one(argv):
    from desktop.cli import build_parser

    def parsed(parser):
        values = vars(parser.parse_args(argv))
        func = values.pop("func")  # a closure made at each registration: compare what it is
        return values, func.__module__, func.__qualname__

    assert parsed(build_parser(argv)) == parsed(build_parser())


def test_compute_loads_neither_the_store_nor_documents_nor_qt():
    # Start-up is most of a small `compute`; these would triple it.
    script = (
        "import sys; from desktop.cli import main; "
        "code = main(['compute', 'examples/regular.json', '--today', '2026-11-25']); "
        "heavy = ('sqlalchemy', 'sqlmodel', 'reportlab', 'cryptography', 'PySide6', "
        "'desktop.store', 'desktop.documents', 'icalendar', 'importlib.metadata'); "
        "print([m for m in sys.modules if m.startswith(heavy)], file=sys.stderr); sys.exit(code)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "[]"
    assert json.loads(proc.stdout)["procedure"] == "regular"
