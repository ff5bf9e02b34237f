"""Benchmark the deadline core: cases per second, compute vs json.dumps, CLI batch vs plain JSON.

    python benchmarks/core.py [--cases 100000] [--batch 10000]

Prints figures; asserts nothing (machines are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _childenv import installed_env  # noqa: E402 - beside this script

from desktop.core import compute, compute_contract, load_rule_pack, parse_case, result_to_contract

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = {
    "regular": [("Vw 25(2)", "months", 6)],
    "mvv": [("Vw 2u", "months", 3)],
    "nareis": [("Vw 2u", "months", 3)],
    "asylum": [("Vw 42(4)", "months", 9), ("Vw 42(5)", "months", 3)],
    "naturalisation": [("RWN 9(4)", "months", 6)],
    "objection": [("Awb 7:10(3)", "weeks", 6), ("Vw 76(2)", "weeks", 13)],
}
KINDS = ["biometrics", "asylum_interview", "verification_interview", "document_collection"]


def iso(day: date) -> str:
    return day.isoformat()


def random_case(rng: random.Random) -> dict[str, object]:
    """A varied, valid contract case: every procedure and every event type occur."""
    procedure = rng.choice(list(EXTENSIONS))
    received = date(2022, 1, 1) + timedelta(days=rng.randrange(1500))
    case: dict[str, object] = {"procedure": procedure, "events": []}
    if procedure == "objection":
        case["objected_decision_sent"] = iso(received)
    else:
        case["received"] = iso(received)
    events: list[dict[str, object]] = []

    def later(lo: int, hi: int) -> date:
        return received + timedelta(days=rng.randrange(lo, hi))

    if rng.random() < 0.4:
        sent = later(5, 60)
        deadline = sent + timedelta(days=14)
        done = sent + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.7 else None
        events.append(
            {
                "type": "info_request",
                "sent": iso(sent),
                "deadline": iso(deadline),
                "completed": iso(done) if done else None,
            }
        )
    if rng.random() < 0.3:
        basis, unit, amount = rng.choice(EXTENSIONS[procedure])
        events.append(
            {"type": "extension", "sent": iso(later(30, 200)), unit: amount, "basis": basis}
        )
    if rng.random() < 0.3:
        day = later(10, 80)
        events.append(
            {
                "type": "appointment",
                "kind": rng.choice(KINDS),
                "date": iso(day),
                "attended": rng.random() < 0.5,
                "rescheduled_to": iso(day + timedelta(days=30)) if rng.random() < 0.6 else None,
                "excuse": None,
            }
        )
    if rng.random() < 0.15:
        start = later(10, 60)
        events.append(
            {
                "type": "pause",
                "from": iso(start),
                "until": iso(start + timedelta(days=20)),
                "basis": rng.choice(["Awb 4:15(2)(a)", "Awb 4:15(2)(b)"]),
            }
        )
    if rng.random() < 0.4:
        events.append({"type": "notice", "received": iso(later(90, 500))})
    if rng.random() < 0.2:
        events.append({"type": "decision", "sent": iso(later(100, 600))})
    if procedure in ("mvv", "nareis") and rng.random() < 0.2:
        events.append({"type": "mvv_granted", "notified": iso(later(60, 200))})
    case["events"] = events
    return case


def bench_core(n: int, rng: random.Random) -> None:
    pack = load_rule_pack()
    today = date(2026, 11, 25)
    cases = [parse_case(random_case(rng), i) for i in range(n)]
    t0 = time.perf_counter()
    results = [compute(c, today=today, rules=pack) for c in cases]
    t_compute = time.perf_counter() - t0
    contracts = [result_to_contract(r) for r in results]
    t0 = time.perf_counter()
    for c in contracts:
        json.dumps(c, ensure_ascii=False)
    t_dumps = time.perf_counter() - t0
    print(f"core: {n} cases computed in {t_compute:.2f} s = {n / t_compute:,.0f} cases/s")
    print(f"core: json.dumps of the same results: {t_dumps:.2f} s")
    print(f"core: ratio compute / json.dumps = {t_compute / t_dumps:.2f}  (target <= 5)")


# What `compute` does with JSON around the core, with the same calls: read the file, json.loads,
# json.dumps of the *results* (the product's output, about 30 times the input's size), encode,
# write. The results are unpickled first (C, no JSON) and that time is reported on stderr, to be
# taken off: the baseline is the JSON work only, not the making of its input.
PLAIN_JSON = """
import json, pickle, sys, time
from pathlib import Path
start = time.perf_counter()
results = pickle.loads(Path(sys.argv[2]).read_bytes())
prepared = time.perf_counter() - start
data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
sys.stdout.buffer.write((json.dumps(results, ensure_ascii=False) + "\\n").encode("utf-8"))
sys.stderr.write(f"{prepared}\\n")
"""

# For scale only: the input file read, parsed and written back (the baseline of earlier rounds;
# it leaves out the output, which is most of the JSON work).
ECHO_JSON = (
    "import json,sys; from pathlib import Path; "
    "data = json.loads(Path(sys.argv[1]).read_text(encoding='utf-8')); "
    "sys.stdout.write(json.dumps(data, ensure_ascii=False)); sys.stdout.write('\\n')"
)


def _timed(cmd: list[str]) -> float:
    """Wall time of one process, less the preparation it reports on stderr (if any)."""
    t0 = time.perf_counter()
    done = subprocess.run(
        cmd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=installed_env(),
    )
    elapsed = time.perf_counter() - t0
    return elapsed - float(done.stderr or 0)


def bench_cli(n: int, rng: random.Random, repeats: int = 5) -> None:
    today = date(2026, 11, 25)
    with tempfile.TemporaryDirectory() as tmp:
        path, prepared = Path(tmp) / "batch.json", Path(tmp) / "results.pickle"
        cases = [random_case(rng) for _ in range(n)]
        path.write_text(json.dumps(cases), encoding="utf-8")
        pack = load_rule_pack()
        results = [
            compute_contract(c, today=today, rules=pack, index=i) for i, c in enumerate(cases)
        ]
        prepared.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        commands = {
            "cli": [sys.executable, "-m", "desktop", "compute", str(path), "--today", iso(today)],
            "plain": [sys.executable, "-c", PLAIN_JSON, str(path), str(prepared)],
            "echo": [sys.executable, "-c", ECHO_JSON, str(path)],
        }
        for cmd in commands.values():  # bytecode written, files in the OS cache
            _timed(cmd)
        best = dict.fromkeys(commands, float("inf"))
        for _ in range(repeats):  # interleaved, so a busy moment on the machine hits all three
            for name, cmd in commands.items():
                best[name] = min(best[name], _timed(cmd))
        print(f"cli: termijn compute on {n} cases: {best['cli']:.2f} s (best of {repeats})")
        print(
            f"cli: json.loads of the file + json.dumps of the same results: {best['plain']:.3f} s "
            f"(best of {repeats})"
        )
        print(f"cli: ratio = {best['cli'] / best['plain']:.1f}  (target <= 10)")
        print(
            f"cli: for scale, json.loads + json.dumps of the input file alone: {best['echo']:.3f} s"
            f", ratio {best['cli'] / best['echo']:.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(20261125)
    bench_core(args.cases, rng)
    bench_cli(args.batch, rng)


if __name__ == "__main__":
    main()
