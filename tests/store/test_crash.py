"""A writer killed with SIGKILL at random moments never leaves half a case or a damaged file."""

import os
import random
import signal
import sqlite3
import time
from contextlib import closing

from desktop.core.model import Decision, InfoRequest
from desktop.store import CaseRepository, open_database
from tests.store.helpers import make_case

KILLS = 60
SEED = 20261125


def _writer(db_path, report_fd, seed):  # pragma: no cover - runs in the child
    rng = random.Random(seed)
    with open_database(db_path, daily_backup=False) as db:
        repo = CaseRepository(db)
        os.write(report_fd, b"ready\n")
        while True:
            # Every case keeps one invariant: notes == the number of its events.
            n = rng.randint(0, 12)
            events = [
                {
                    "type": "info_request",
                    "sent": f"2026-02-{d + 1:02d}",
                    "deadline": None,
                    "completed": None,
                }
                for d in range(n)
            ]
            choice = rng.random()
            if choice < 0.5:
                ids = [repo.save(make_case(events=events, notes=str(n), reference="crash"))]
            elif choice < 0.8:
                cases = [
                    make_case(events=events, notes=str(n), reference="batch") for _ in range(5)
                ]
                ids = repo.save_many(cases)
            else:
                ids = repo.ordered_ids(__import__("desktop.store").store.CaseQuery(archived=None))
                if not ids:
                    continue
                case_id = rng.choice(ids)
                stored = repo.get(case_id).case_file
                updated = make_case(events=events, notes=str(n), reference=stored.reference)
                repo.save(updated, case_id)
                ids = [case_id]
            os.write(report_fd, ("ok " + " ".join(map(str, ids)) + "\n").encode())


def _check(db_path, committed):
    with closing(sqlite3.connect(db_path)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    with open_database(db_path, daily_backup=False) as db:
        repo = CaseRepository(db)
        with db.reading() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM case_file")]
        missing = committed - set(ids)
        assert not missing, f"committed cases lost: {sorted(missing)[:10]}"
        for case_id in ids:
            stored = repo.get(case_id)
            cf = stored.case_file
            assert int(cf.notes) == len(cf.case.events) == len(stored.event_ids), case_id
            assert all(isinstance(e, InfoRequest | Decision) for e in cf.case.events)
            assert stored.key_dates is not None, case_id  # cached in the same transaction
            assert repo.audit(case_id)[0].field == "created"
        return len(ids)


def test_sigkill_at_random_moments_loses_no_committed_case(db_path):
    rng = random.Random(SEED)
    open_database(db_path).close()
    committed: set[int] = set()
    for kill in range(KILLS):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            try:
                _writer(db_path, write, SEED + kill)
            finally:
                os._exit(1)
        os.close(write)
        with os.fdopen(read, "rb", buffering=0) as pipe:
            assert pipe.readline() == b"ready\n"
            time.sleep(rng.uniform(0.0, 0.08))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            for line in pipe.read().decode().splitlines():
                # A line is written only after its commit returned.
                if line.startswith("ok ") and line.count(" ") >= 1:
                    committed.update(int(x) for x in line.split()[1:] if x.isdigit())
        if kill % 20 == 19:
            _check(db_path, committed)
    total = _check(db_path, committed)
    assert total >= len(committed) > KILLS  # the writer really wrote between kills
