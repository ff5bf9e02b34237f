"""Benchmark the deadline core: cases per second, compute vs json.dumps, CLI batch vs plain JSON.

    python benchmarks/core.py [--cases 100000] [--batch 10000]

Prints figures; asserts nothing (machines are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from desktop.core import compute, load_rule_pack, parse_case, result_to_contract

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


def bench_cli(n: int, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.json"
        path.write_text(json.dumps([random_case(rng) for _ in range(n)]), encoding="utf-8")
        plain = [
            sys.executable,
            "-c",
            # What `compute` does around the core, with the same calls: read, json.loads,
            # json.dumps (not a streaming json.dump: that runs the pure-Python encoder), write.
            "import json,sys; from pathlib import Path; "
            "data = json.loads(Path(sys.argv[1]).read_text(encoding='utf-8')); "
            "sys.stdout.write(json.dumps(data, ensure_ascii=False)); sys.stdout.write('\\n')",
            str(path),
        ]
        cli = [sys.executable, "-m", "desktop", "compute", str(path), "--today", "2026-11-25"]
        timings = {}
        for name, cmd in (("plain", plain), ("cli", cli)):
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
                best = min(best, time.perf_counter() - t0)
            timings[name] = best
        print(f"cli: termijn compute on {n} cases: {timings['cli']:.2f} s (best of 3)")
        print(
            f"cli: python -c json.loads + json.dumps of the same file: {timings['plain']:.3f} s "
            "(best of 3)"
        )
        print(f"cli: ratio = {timings['cli'] / timings['plain']:.1f}  (target <= 10)")


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
