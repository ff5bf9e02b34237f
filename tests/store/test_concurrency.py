"""Two processes saving at once: both wait their turn, neither sees "database is locked"."""

import os
import traceback

from desktop.core.model import Decision
from desktop.store import CaseQuery, CaseRepository, open_database
from tests.store.helpers import make_case

SAVES = 60


def _worker(db_path, name, result_fd):  # pragma: no cover - runs in a child
    try:
        with open_database(db_path, daily_backup=False) as db:
            repo = CaseRepository(db)
            for i in range(SAVES):
                case_id = repo.save(make_case(reference=f"{name}-{i}"))
                repo.add_event(case_id, Decision(sent=__import__("datetime").date(2026, 5, 1)))
                repo.ordered_ids(CaseQuery(text=name))  # reads interleave with the other's writes
                if i % 10 == 0:
                    repo.save_many([make_case(reference=f"{name}-bulk-{i}") for _ in range(20)])
        os.write(result_fd, b"ok")
    except BaseException:
        os.write(result_fd, traceback.format_exc().encode()[-3000:])
    finally:
        os._exit(0)


def test_two_writers_never_see_database_is_locked(db_path):
    open_database(db_path).close()
    children = []
    for name in ("alpha", "beta"):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover
            os.close(read)
            _worker(db_path, name, write)
        os.close(write)
        children.append((pid, read))
    outcomes = []
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            outcomes.append(pipe.read().decode())
        os.waitpid(pid, 0)
    assert outcomes == ["ok", "ok"], "\n".join(outcomes)
    with open_database(db_path, daily_backup=False) as db:
        repo = CaseRepository(db)
        assert repo.count() == 2 * (SAVES + 6 * 20)
        ids = repo.ordered_ids(CaseQuery(archived=None))
        assert len(ids) == len(set(ids))


def test_checks_on_open_never_call_a_file_cut_short_while_another_process_writes(db_path):
    """The size check against a checkpoint in full swing (autocheckpoint every 8 pages)."""
    import time

    from desktop.store import StorageError
    from desktop.store.checks import check_file

    open_database(db_path).close()

    def write():  # pragma: no cover - runs in a child
        with open_database(db_path, daily_backup=False) as db:
            made = db._new_connection

            def small_log(writer):
                raw = made(writer)
                raw.execute("PRAGMA wal_autocheckpoint = 8")
                return raw

            db._new_connection = small_log
            repo = CaseRepository(db)
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                repo.save_many([make_case(notes="n" * 3000) for _ in range(10)], compute=False)
        return "ok"

    def check():  # pragma: no cover - runs in a child
        refused = []
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            try:
                check_file(db_path, integrity=False)
            except StorageError as exc:
                refused.append(str(exc))
        return "ok" if not refused else f"{len(refused)} refusals: {refused[0]}"

    from tests.store.helpers import in_children

    assert in_children(write, check, check) == ["ok", "ok", "ok"]
