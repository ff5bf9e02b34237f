"""Malformed input of every class, thrown at compute, notice, checklist and cases import.

Each must be refused the same way: exit status 2, one line on standard error of at most 200
characters, nothing on standard output, no PDF written, the case database untouched. Most
inputs run through `desktop.cli.main` in this process (fast); for every class and command at
least one runs as a real `python -m desktop` process.

TERMIJN_FUZZ=5000 runs 5,000 inputs instead of 300; TERMIJN_FUZZ_PROCESSES=500 runs the first
500 of those runs as processes too.
"""

import json
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cli.fuzz_inputs import (
    BASE,
    COMMANDS,
    FuzzInput,
    Workspace,
    argv_for,
    basis_inputs,
    dump,
    generate,
    run_in_process,
    run_subprocess,
    seed_data_folder,
)

COUNT = int(os.environ.get("TERMIJN_FUZZ", "300"))
PROCESSES = int(os.environ.get("TERMIJN_FUZZ_PROCESSES", "0"))
INPUTS = generate(COUNT)


@pytest.fixture(scope="module")
def space(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    return Workspace(base / "runs", seed_data_folder(base / "seed" / "data"))


def _check(space, runner, pairs):
    def one(index):
        item, command = pairs[index]
        outcome = space.run(runner, command, item, index)
        problems = outcome.failures()
        err = outcome.stderr.decode("utf-8", "replace").strip()[-160:]
        return f"{item.kind} | {item.name} | {command}: {problems} | {err}" if problems else ""

    if runner is run_in_process:  # it swaps sys.stdin/stdout/stderr: one at a time
        return [f for f in map(one, range(len(pairs))) if f]
    with ThreadPoolExecutor(max_workers=2) as pool:  # processes: two at a time
        return [f for f in pool.map(one, range(len(pairs))) if f]


def test_the_generator_covers_every_class_and_command():
    kinds = {item.kind for item in INPUTS}
    assert kinds == {
        "deep nesting",
        "huge integer",
        "bad date",
        "lone surrogate",
        "invalid UTF-8",
        "huge text",
        "wrong type",
        "missing field",
        "unknown value",
        "malformed JSON",
        "oversize",
    }
    assert {c for item in INPUTS for c in item.commands} == set(COMMANDS)
    assert any(item.stdin for item in INPUTS) and any(not item.stdin for item in INPUTS)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_unbroken_case_is_taken_by_every_command(tmp_path, command):
    """The control: every refusal below is caused by what the fuzzer broke, nothing else."""
    item = FuzzInput("control", "BASE", dump(BASE))
    case, out = tmp_path / "case.json", tmp_path / "out.pdf"
    case.write_bytes(item.payload)
    outcome = run_in_process(argv_for(command, item, case, tmp_path / "data", out), b"")
    assert outcome.code == 0, outcome.stderr
    assert out.exists() or command in ("compute", "import")


def test_every_input_is_refused_in_one_short_line_and_nothing_is_written(space):
    pairs = [(item, command) for item in INPUTS for command in item.commands]
    failed = _check(space, run_in_process, pairs[PROCESSES:])
    failed += _check(space, run_subprocess, pairs[:PROCESSES])
    assert not failed, f"{len(failed)} of {len(pairs)} runs failed:\n" + "\n".join(failed[:30])


def _sample():
    """The first input of each class for each command, and each class on stdin and in a file."""
    seen, pairs = set(), []
    for item in INPUTS:
        for command in item.commands:
            key = (item.kind, command, item.stdin)
            if key not in seen and (item.kind, command, not item.stdin) not in seen:
                seen.add(key)
                pairs.append((item, command))
    for item in INPUTS:  # stdin too, for each class that has a stdin variant
        key = (item.kind, "compute", item.stdin)
        if item.stdin and key not in seen:
            seen.add(key)
            pairs.append((item, "compute"))
    return pairs


def test_every_class_is_refused_the_same_way_by_a_real_process(space):
    pairs = _sample()
    assert {(item.kind, command) for item, command in pairs} >= {
        (item.kind, command) for item in INPUTS for command in item.commands
    }
    failed = _check(space, run_subprocess, pairs)
    assert not failed, f"{len(failed)} of {len(pairs)} runs failed:\n" + "\n".join(failed)


def test_a_basis_not_spelt_as_the_contract_spells_it_is_no_basis(space):
    """Not an input error (the contract): computed, each such extension reported invalid."""
    spellings = [basis for basis, _ in basis_inputs()]
    batch = b"[" + b",".join(payload for _, payload in basis_inputs()) + b"]"
    item = FuzzInput("basis spelling", "batch", batch, stdin=True)
    outcome = space.run(run_subprocess, "compute", item, 0)
    assert outcome.code == 0, outcome.stderr
    results = json.loads(outcome.stdout)
    assert len(results) == len(spellings)
    for basis, result in zip(spellings, results, strict=True):
        (extension,) = result["term"]["extensions"]
        assert extension["valid"] is False, basis
        assert f"no extension power '{basis}' (it has: Vw 25(2))" in extension["reason_en"]
