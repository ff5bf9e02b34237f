"""Case store figures: list queries and import against raw sqlite3 in the same run.

    .venv/bin/python benchmarks/store.py [--sizes 10000 100000] [--repeat 5]

Prints, per size: the cost of open_database's file checks (size, version, layout) as a ratio
to the open without them (`--open-checks-only` for just that); open + ordered ids + first page
of 200 rows, for a search and for sorts, as seconds and as a ratio to raw sqlite3 running the
same SQL (with and without the open-time checks Termijn does: quick_check and the header
pragmas); importing 10,000 cases against raw sqlite3 inserting the same rows in one
transaction; and the file size per case.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from contextlib import closing
from datetime import date
from pathlib import Path

from desktop.store import CaseQuery, CaseRepository, codec, open_database
from desktop.store.caselist import ROW_COLUMNS
from desktop.store.demo import demo_cases
from desktop.store.listing import ordered_ids_sql
from desktop.store.schema import schema_ddl
from desktop.store.transfer import import_file, read_file, write_json

TODAY = date(2026, 11, 25)
QUERIES = {
    "search 'ali'": CaseQuery(text="ali", archived=None, today=TODAY),
    "sort by name": CaseQuery(archived=False, today=TODAY),
    "sort by next step": CaseQuery(archived=False, sort_key="next_step", today=TODAY),
    "sort by next date desc": CaseQuery(sort_key="next_date", descending=True, today=TODAY),
}


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(path, query):
    def run():
        with open_database(path) as db:
            repo = CaseRepository(db)
            ids = repo.ordered_ids(query)
            page = repo.rows(ids[:200], TODAY)
            assert len(page) == min(200, len(ids))

    return run


def raw(path, query, checks):
    sql, params = ordered_ids_sql(query, TODAY)

    def run():
        with closing(sqlite3.connect(path)) as conn:
            if checks:
                conn.execute("PRAGMA application_id").fetchone()
                conn.execute("PRAGMA user_version").fetchone()
                conn.execute("PRAGMA quick_check(5)").fetchall()
            ids = [r[0] for r in conn.execute(sql, params)]
            page = ids[:200]
            marks = ",".join("?" * len(page))
            rows = conn.execute(
                f"SELECT {ROW_COLUMNS} FROM case_file WHERE deleted = 0 AND id IN ({marks})", page
            ).fetchall()
            assert len(rows) == len(page)

    return run


def build(folder, size):
    path = folder / "termijn.sqlite"
    start = time.perf_counter()
    records = list(demo_cases(size, seed=1, today=TODAY))
    with open_database(path) as db:
        CaseRepository(db).save_many([cf for cf, _ in records], [p for _, p in records])
    elapsed = time.perf_counter() - start
    open_database(path).close()  # today's backup exists from here on, as in daily use
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path, elapsed


def list_figures(size, repeat):
    folder = Path(tempfile.mkdtemp(prefix=f"termijn-bench-{size}-"))
    try:
        path, built = build(folder, size)
        per_case = path.stat().st_size / size
        print(f"\n== {size:,} demo cases (built in {built:.1f} s; {per_case:,.0f} bytes/case) ==")
        print(
            f"{'query':<24} {'matches':>8} {'termijn':>9} {'raw':>9} {'ratio':>6}"
            f" {'raw+checks':>11} {'ratio':>6}"
        )
        for name, query in QUERIES.items():
            with open_database(path) as db:
                matches = len(CaseRepository(db).ordered_ids(query))
            t_ours = best(ours(path, query), repeat)
            t_raw = best(raw(path, query, checks=False), repeat)
            t_chk = best(raw(path, query, checks=True), repeat)
            print(
                f"{name:<24} {matches:>8} {t_ours * 1000:>7.1f}ms {t_raw * 1000:>7.1f}ms"
                f" {t_ours / t_raw:>6.2f} {t_chk * 1000:>9.1f}ms {t_ours / t_chk:>6.2f}"
            )
    finally:
        shutil.rmtree(folder)


def import_figures(size, repeat):
    folder = Path(tempfile.mkdtemp(prefix="termijn-bench-import-"))
    try:
        source = folder / "cases.json"
        write_json(source, [codec.case_json(cf, p) for cf, p in demo_cases(size, seed=2)])

        def run_ours(compute):
            target = folder / f"ours-{time.perf_counter_ns()}" / "termijn.sqlite"
            with open_database(target) as db:
                repo = CaseRepository(db)
                start = time.perf_counter()
                if compute:
                    import_file(repo, source)
                else:
                    records = read_file(source)
                    repo.save_many(
                        [cf for cf, _ in records], [p for _, p in records], compute=False
                    )
                return time.perf_counter() - start, target

        t_full, filled = min((run_ours(True) for _ in range(repeat)), key=lambda x: x[0])
        t_rows, _ = min((run_ours(False) for _ in range(repeat)), key=lambda x: x[0])
        with closing(sqlite3.connect(filled)) as conn:
            tables = {
                t: conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("case_file", "case_event", "audit")
            }

        def run_raw():
            target = folder / f"raw-{time.perf_counter_ns()}.sqlite"
            with closing(sqlite3.connect(target, isolation_level=None)) as conn:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                for statement in schema_ddl():
                    conn.execute(statement)
                start = time.perf_counter()
                conn.execute("BEGIN IMMEDIATE")
                for table, rows in tables.items():
                    marks = ",".join("?" * len(rows[0]))
                    conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                conn.execute("COMMIT")
                return time.perf_counter() - start

        t_raw = min(run_raw() for _ in range(repeat))
        print(f"\n== import {size:,} cases from JSON (validated, all or nothing) ==")
        print(f"raw sqlite3 inserting the same rows, one transaction: {t_raw * 1000:8.1f} ms")
        print(
            f"termijn import, key dates computed during import:    {t_full * 1000:8.1f} ms"
            f"  ratio {t_full / t_raw:5.2f}"
        )
        print(
            f"termijn import, key dates left to refresh_key_dates: {t_rows * 1000:8.1f} ms"
            f"  ratio {t_rows / t_raw:5.2f}"
        )
        size_json = source.stat().st_size
        print(
            f"(JSON file {size_json / 1e6:.1f} MB; parse + validate is part of both termijn times)"
        )
    finally:
        shutil.rmtree(folder)


def _previous_checks(path, backups=None, *, integrity=True, known_layout="", **_options):
    """check_file as it was before the size, version and layout checks (the baseline).

    It hands the known layout fingerprint back unchanged, so the note the close writes keeps it
    for the next run of the new checks (the two variants alternate on one file).
    """
    from desktop.store import engine
    from desktop.store.checks import FileState
    from desktop.store.schema import APPLICATION_ID, Version

    with path.open("rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00"
    # The store's own driver (SQLCipher's SQLite): the two variants differ in the checks only.
    with closing(engine.connect_readonly(path)) as conn:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = Version.unpack(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        assert app_id == APPLICATION_ID
        if integrity:
            assert [r[0] for r in conn.execute("PRAGMA quick_check(5)")] == ["ok"]
    return FileState(version, app_id, empty=tables == 0, layout=known_layout)


def _previous_folder(folder, file, action=""):
    """The folder handling before: make it, then chmod it and the files to owner-only."""
    import os

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    for candidate in (file, Path(f"{file}-wal"), Path(f"{file}-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)
    return []


def open_check_figures(size, repeat):
    """open_database with the new checks (file: size, version, layout; permissions) or without.

    Two cases: the everyday open of a file untouched since a verified close (no quick_check),
    and the open that runs quick_check (after a crash, a change, or once a day). The two
    variants alternate run by run (40 x repeat pairs; 4 x repeat with quick_check), so a busy
    machine slows both; best and median of each.
    """
    from desktop.store import database

    folder = Path(tempfile.mkdtemp(prefix=f"termijn-bench-open-{size}-"))
    real, real_folder = database.check_file, database.prepare_folder
    try:
        path, _built = build(folder, size)
        marker = path.with_name(path.name + database.VERIFIED_SUFFIX)

        def timed(new, full):
            database.check_file = real if new else _previous_checks
            database.prepare_folder = real_folder if new else _previous_folder
            if full:
                marker.unlink(missing_ok=True)
            start = time.perf_counter()
            open_database(path).close()
            elapsed = time.perf_counter() - start
            database.check_file, database.prepare_folder = real, real_folder
            return elapsed

        print(f"\n== open of {size:,} cases: the new checks against the checks before them ==")
        print(
            f"{'open':<34} {'with':>9} {'without':>9} {'ratio':>6}"
            f" {'median with':>12} {'without':>9} {'ratio':>6}"
        )
        for name, full in (("untouched since a verified close", False), ("with quick_check", True)):
            open_database(path).close()  # the verified note is in place for the first kind
            runs = 40 * repeat if not full else 4 * repeat
            pairs = [(timed(True, full), timed(False, full)) for _ in range(runs)]
            with_, without = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
            mid = len(pairs) // 2
            print(
                f"{name:<34} {with_[0] * 1000:>7.2f}ms {without[0] * 1000:>7.2f}ms"
                f" {with_[0] / without[0]:>6.2f} {with_[mid] * 1000:>10.2f}ms"
                f" {without[mid] * 1000:>7.2f}ms {with_[mid] / without[mid]:>6.2f}"
            )
    finally:
        database.check_file, database.prepare_folder = real, real_folder
        shutil.rmtree(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-size", type=int, default=10_000)
    parser.add_argument(
        "--open-checks-only", action="store_true", help="only the open checks' cost"
    )
    args = parser.parse_args()
    print(
        f"sqlite {sqlite3.sqlite_version}; best of {args.repeat}; today {TODAY}; "
        "ratios are termijn / raw sqlite3 (lower is better)"
    )
    for size in args.sizes:
        open_check_figures(size, args.repeat)
    if args.open_checks_only:
        return
    for size in args.sizes:
        list_figures(size, args.repeat)
    import_figures(args.import_size, max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
