"""Processes starting at the same moment: a new folder, the first open of a day. Repeated.

Before the locks: two of three starters on a new folder ended in "table case_file already
exists"; two first opens of a day gave "readonly database", "disk I/O error", ".partial not
found" or no daily backup at all.
"""

import shutil
from datetime import date

import pytest

from desktop.store import CaseRepository, open_database
from desktop.store.backup import is_good
from desktop.store.checks import check_file
from desktop.store.schema import SCHEMA, schema_ddl
from tests.store.helpers import filled, in_children, partials

ROUNDS = 12


def _opens(db_path):
    def task():
        with open_database(db_path) as db:
            repo = CaseRepository(db)
            repo.save_many([])  # a write, too: the file is usable, not just readable
            return f"ok {repo.count()}"

    return task


@pytest.fixture(scope="module", autouse=True)
def _schema_compiled():
    schema_ddl()  # SQLAlchemy imported once here, not in every child (half a second each)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_three_processes_on_a_new_folder_all_open_the_same_file(tmp_path, round_):
    db_path = tmp_path / "new" / "data" / "termijn.sqlite"
    outcomes = in_children(*(_opens(db_path) for _ in range(3)))
    assert outcomes == ["ok 0"] * 3, outcomes
    assert check_file(db_path).version == SCHEMA
    others = {p.name for p in db_path.parent.iterdir() if not p.name.startswith("termijn.sqlite")}
    assert others <= {".termijn.lock", "backups"}
    assert not partials(db_path.parent, db_path.parent / "backups")


@pytest.fixture(scope="module")
def yesterday(tmp_path_factory):
    """A case file of 300 cases with no backup yet today (the first open of a day)."""
    folder = tmp_path_factory.mktemp("day")
    filled(folder / "termijn.sqlite", 300, notes="n" * 2000)
    return folder / "termijn.sqlite"


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_first_opens_of_a_day_make_exactly_one_good_backup(yesterday, tmp_path, round_):
    db_path = tmp_path / "data" / "termijn.sqlite"
    db_path.parent.mkdir(mode=0o700)
    shutil.copy(yesterday, db_path)
    outcomes = in_children(_opens(db_path), _opens(db_path))
    assert outcomes == ["ok 300"] * 2, outcomes
    backups = db_path.parent / "backups"
    made = sorted(backups.glob("termijn-*.sqlite"))
    assert [p.name for p in made] == [f"termijn-{date.today().isoformat()}.sqlite"]
    assert is_good(made[0])
    assert not partials(db_path.parent, backups)
