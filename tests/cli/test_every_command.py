"""Every command the CLI lists, run as a process: help, a wrong option, nothing, garbage."""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
# Slow or window-opening commands whose edges have their own tests (test_main_dispatch).
NOT_WITHOUT_ARGUMENTS = {("self-test",)}
# Positionals a command writes to (the garbage file would be its output, not its input).
OUTPUTS = {("cases", "export")}
# A check's verdict on a broken pack is its answer (exit 1), not a usage error.
VERDICTS = {("rules", "check"): 1}


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, sub in subs[0].choices.items():
        yield from _leaves(sub, (*path, name))


LEAVES = dict(_leaves(build_parser()))


def _positionals(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not a.option_strings and a.dest != "help"]


def _required(parser: argparse.ArgumentParser, tmp_path: Path) -> list[str]:
    """The options a command insists on, filled in plausibly (an output file, case or item 1)."""
    values = {"output": str(tmp_path / "out"), "case": "1", "appointment": "1"}
    return [
        arg
        for action in parser._actions
        if action.option_strings and action.required
        for arg in (action.option_strings[0], values[action.dest])
    ]


def termijn(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERMIJN_")}
    env |= {"TERMIJN_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=data.parent,
        env=env,
        stdin=subprocess.DEVNULL,  # nobody at the keyboard: a question must not hang
        timeout=120,
    )


def _clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]


def _private(data: Path) -> None:
    """Whatever a command left in the data folder is the user's alone."""
    for path in data.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert not mode & (stat.S_IRWXG | stat.S_IRWXO), f"{path}: {oct(mode)}"


def test_the_list_covers_every_command_group():
    groups = {path[0] for path in LEAVES}
    assert {"compute", "notice", "cases", "rules", "bundle", "person", "encrypt"} <= groups
    assert len(LEAVES) >= 30


@pytest.mark.parametrize("path", sorted(LEAVES), ids=" ".join)
def test_each_command_explains_itself_and_refuses_a_wrong_option(path, tmp_path):
    data = tmp_path / "data"
    helped = termijn(*path, "--help", data=data)
    assert helped.returncode == 0, helped.stderr
    assert f"termijn {' '.join(path)}" in " ".join(helped.stdout.split())
    parser = LEAVES[path]
    plausible = ["1" if a.type is int else "x" for a in _positionals(parser)]
    filled = [*_required(parser, tmp_path), *plausible]
    wrong = termijn(*path, *filled, "--no-such-option", data=data)
    _clean(wrong)
    assert wrong.returncode == 2
    assert "--no-such-option" in wrong.stderr
    assert wrong.stdout == ""


@pytest.mark.parametrize("path", sorted(set(LEAVES) - NOT_WITHOUT_ARGUMENTS), ids=" ".join)
def test_each_command_with_nothing_or_garbage_exits_cleanly(path, tmp_path):
    data = tmp_path / "data"
    bare = termijn(*path, data=data)
    _clean(bare)
    assert bare.returncode in (0, 1, 2), bare.stderr
    if bare.returncode:
        assert bare.stderr.strip(), "a failure must say why"
    if data.exists():
        _private(data)
    positionals = _positionals(LEAVES[path])
    if not positionals or path in OUTPUTS:
        return
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe{\x00 not json \x00")
    before = garbage.read_bytes()
    required = _required(LEAVES[path], tmp_path)
    fed = termijn(*path, *required, *[str(garbage)] * len(positionals), data=data)
    _clean(fed)
    assert fed.returncode == VERDICTS.get(path, 2), (fed.returncode, fed.stderr)
    assert "error" in fed.stderr.strip().splitlines()[-1] or path in VERDICTS, fed.stderr
    assert garbage.read_bytes() == before
    assert not (tmp_path / "out").exists(), "nothing is written from bad input"
