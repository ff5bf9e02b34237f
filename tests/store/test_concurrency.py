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
