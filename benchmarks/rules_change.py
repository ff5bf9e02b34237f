"""What a change of law costs: recompute every case after a pack change, and the change report.

    .venv/bin/python benchmarks/rules_change.py [--sizes 10000 100000]

Per size: a case file of demo cases cached under the newest built-in pack; then
- compute(explain=False) of the same cases with the new pack, in memory (the baseline);
- the recompute after a pack change: read, compute and store every case (`refresh_key_dates`), as
  seconds and as a ratio to the baseline (target <= 1.5: the store's share stays small);
- the same as the window does it, comparing each case's old and new dates for the change report
  as it goes (`recompute_with_report`), and its ratio;
- the change report's table rows (nl), CSV and PDF for the cases that moved.
The new pack is the second test pack (other tiers, a 6-week objection period, 10 June a
holiday), so that many cases move. Prints figures; asserts nothing (shared, noisy machines).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test pack builder lives in tests/

from desktop.core.compute import compute  # noqa: E402
from desktop.core.rulepack import set_pack_in_use  # noqa: E402
from desktop.documents.change_report import build_change_report, report_rows, to_csv  # noqa: E402
from desktop.lawchange import recompute_with_report  # noqa: E402
from desktop.store import CaseRepository, open_database  # noqa: E402
from desktop.store.demo import demo_cases  # noqa: E402
from desktop.store.snapshot import all_cases  # noqa: E402
from tests.packfixture import second_pack  # noqa: E402

TODAY = date(2026, 12, 2)


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run(size: int, folder: Path, repeat: int) -> None:
    set_pack_in_use(None)
    db = open_database(folder / f"cases-{size}.sqlite", backups=folder / "backups")
    repo = CaseRepository(db)
    build, _ = timed(
        lambda: repo.save_many([cf for cf, _p in demo_cases(size, seed=3, today=TODAY)])
    )
    _path, pack = second_pack(folder)
    cases = [case for _id, case in all_cases(db)]
    baselines, recomputes, refreshes = [], [], []
    report = None
    for _round in range(repeat):
        # The recompute alone (as after a pack change without the report) ...
        set_pack_in_use(pack.id)
        refreshes.append(timed(repo.refresh_key_dates)[0])
        set_pack_in_use(None)
        repo.refresh_key_dates()
        # Alternate the two, so a busy moment on a shared machine hits both alike.
        baseline, _ = timed(
            lambda: [compute(c, today=TODAY, rules=pack, explain=False) for c in cases]
        )
        baselines.append(baseline)
        recompute, report = timed(
            lambda: recompute_with_report(repo, TODAY, switch=lambda: set_pack_in_use(pack.id))
        )
        recomputes.append(recompute)
        set_pack_in_use(None)  # back to the built-in pack: every case is stale again
        repo.refresh_key_dates()
    assert report is not None
    baseline, recompute, refresh = min(baselines), min(recomputes), min(refreshes)
    rows, _ = timed(lambda: report_rows(report, "nl"))
    csv_time, _ = timed(lambda: to_csv(report, "nl"))
    pdf_time, pdf = timed(lambda: build_change_report(report, "nl"))
    print(f"{size:>7} cases (file built and cached in {build:.1f} s; best of {repeat})")
    print(f"        compute(explain=False), new pack, in memory   {baseline:7.2f} s")
    print(
        f"        recompute and store after the pack change     {refresh:7.2f} s"
        f"   ratio {refresh / baseline:.2f} (target <= 1.5)"
    )
    print(
        f"        the same, comparing for the change report     {recompute:7.2f} s"
        f"   ratio {recompute / baseline:.2f}"
    )
    print(f"        cases moved: {len(report.changes)} of {report.checked}")
    print(f"        report rows (nl) {rows:.2f} s, CSV {csv_time:.2f} s, PDF {pdf_time:.2f} s")
    print(f"        PDF {len(pdf) / 1e6:.1f} MB")
    set_pack_in_use(None)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="best of N (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            run(size, Path(tmp), max(1, args.repeat))


if __name__ == "__main__":
    main()
