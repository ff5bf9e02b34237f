"""Encryption's cost: the same work on an encrypted and a plain case file, in the same run.

    .venv/bin/python benchmarks/privacy.py [--sizes 10000 100000] [--import-size 10000]

Prints, per size: open + ordered ids + first page of 200 rows (the window's start), encrypted
and plain, seconds (best of --repeat) and the ratio (target <= 1.5); then importing
--import-size cases in one transaction and making a backup, the same way. Both files go
through the same driver (SQLCipher's SQLite; the plain one without a key), so the ratio is
the encryption alone. The key is a raw key, as Termijn opens it after the passphrase.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop.store import CaseQuery, CaseRepository, open_database
from desktop.store.backup import make_backup
from desktop.store.demo import demo_cases

TODAY = date(2026, 11, 25)
QUERY = CaseQuery(archived=False, today=TODAY)


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def fill(path, key, records):
    with open_database(path, key=key, daily_backup=False) as db:
        CaseRepository(db).save_many([cf for cf, _ in records], [p for _, p in records])
    open_database(path, key=key).close()  # today's backup made, as in daily use


def start(path, key):
    def run():
        with open_database(path, key=key) as db:
            repo = CaseRepository(db)
            ids = repo.ordered_ids(QUERY)
            assert len(repo.rows(ids[:200], TODAY)) == min(200, len(ids))

    return run


def line(what, encrypted, plain):
    print(f"{what:<34} {encrypted:>9.3f} {plain:>9.3f} {encrypted / plain:>7.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--import-size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    key = secrets.token_bytes(32)
    folder = Path(tempfile.mkdtemp(prefix="termijn-bench-privacy-"))
    try:
        print(
            f"{'seconds (best of ' + str(args.repeat) + ')':<34} {'encrypted':>9} "
            f"{'plain':>9} {'ratio':>7}"
        )
        for size in args.sizes:
            records = list(demo_cases(size, seed=1, today=TODAY))
            enc, plain = (
                folder / f"enc-{size}" / "termijn.sqlite",
                folder / f"plain-{size}" / "termijn.sqlite",
            )
            fill(enc, key, records)
            fill(plain, None, records)
            line(
                f"open + list + 200 rows, {size:,}",
                best(start(enc, key), args.repeat),
                best(start(plain, None), args.repeat),
            )
            line(
                f"backup, {size:,}",
                best(lambda p=enc: make_backup(p, p.parent / "manual", key=key), args.repeat),
                best(lambda p=plain: make_backup(p, p.parent / "manual"), args.repeat),
            )
            size_ratio = enc.stat().st_size / plain.stat().st_size
            print(f"{'file size, ' + format(size, ',') + ' (ratio)':<34} {size_ratio:>27.2f}")
        records = list(demo_cases(args.import_size, seed=2, today=TODAY))
        timings = {}
        for name, this_key in (("enc", key), ("plain", None)):
            runs = []
            for n in range(args.repeat):
                path = folder / f"import-{name}-{n}" / "termijn.sqlite"
                open_database(path, key=this_key, daily_backup=False).close()
                with open_database(path, key=this_key, daily_backup=False) as db:
                    repo = CaseRepository(db)
                    t = time.perf_counter()
                    repo.save_many([cf for cf, _ in records], [p for _, p in records])
                    runs.append(time.perf_counter() - t)
            timings[name] = min(runs)
        line(f"import {args.import_size:,} cases", timings["enc"], timings["plain"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
