"""Layering: core, store, CLI and documents import no Qt, the core no SQL; views no controllers."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QT = ("PySide6", "shiboken6")
SQL = ("sqlalchemy", "sqlmodel")

# Runs in a fresh interpreter: imports a package and every module below it, then reports
# which forbidden top-level packages ended up in sys.modules.
SCRIPT = """
import importlib, json, pkgutil, sys
name, forbidden, preload = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
if preload:
    importlib.import_module(preload)
errors = []
package = importlib.import_module(name)
modules = [name]
for info in pkgutil.walk_packages(package.__path__, name + ".", onerror=errors.append):
    importlib.import_module(info.name)
    modules.append(info.name)
bad = sorted(
    m for m in sys.modules
    if m.split(".")[0] in forbidden or any(m == f or m.startswith(f + ".") for f in forbidden)
)
print(json.dumps({"modules": modules, "bad": bad, "errors": errors}))
"""


def import_all(package, forbidden, preload=""):
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, package, ",".join(forbidden), preload],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not report["errors"], report["errors"]
    return report


def test_core_imports_neither_qt_nor_sql():
    report = import_all("desktop.core", QT + SQL)
    # The walk must actually reach the core's modules, or the check proves nothing.
    for module in ("desktop.core.calendar", "desktop.core.parse", "desktop.core.rulepack"):
        assert module in report["modules"]
    assert len(report["modules"]) >= 8, report["modules"]
    assert report["bad"] == []


def test_store_imports_no_qt():
    report = import_all("desktop.store", QT)
    assert len(report["modules"]) >= 2, report["modules"]
    assert report["bad"] == []


def test_cli_imports_no_qt():
    report = import_all("desktop.cli", QT)
    assert "desktop.cli.compute" in report["modules"]
    assert report["bad"] == []


def test_privacy_imports_no_qt():
    report = import_all("desktop.privacy", QT)
    assert "desktop.privacy.bundle" in report["modules"]
    assert report["bad"] == []


def test_documents_import_no_qt():
    report = import_all("desktop.documents", QT)
    assert "desktop.documents.notice" in report["modules"]
    assert report["bad"] == []


def test_views_import_no_controllers_or_store():
    # Views only lay out widgets: what they show comes from controllers, never the other way.
    report = import_all("desktop.ui.views", ("desktop.ui.controllers", "desktop.store"))
    assert "desktop.ui.views.main_window" in report["modules"]
    assert report["bad"] == []


def test_the_check_detects_a_view_importing_a_controller():
    report = import_all(
        "desktop.ui.views", ("desktop.ui.controllers",), preload="desktop.ui.controllers.combo"
    )
    assert "desktop.ui.controllers.combo" in report["bad"]


def test_feed_imports_neither_qt_nor_sql():
    # The calendar feed runs in `termijn calendar` and on the window's worker thread alike.
    report = import_all("desktop.feed", QT + SQL)
    assert "desktop.feed.ical" in report["modules"]
    assert report["bad"] == []


def test_the_check_detects_qt():
    # Canary: with PySide6 imported first the same check must report it.
    report = import_all("desktop.core", QT + SQL, preload="PySide6")
    assert "PySide6" in report["bad"]


def test_the_check_detects_sql():
    report = import_all("desktop.core", QT + SQL, preload="sqlmodel")
    assert "sqlmodel" in report["bad"]


# Cold start: the window opens the case file, lists ids and a page of rows, and may save, all on
# plain sqlite3; SQLAlchemy/SQLModel (about 330 ms to import) only describe the schema.
START = """
import json, sys
from pathlib import Path
import desktop.app
after_import = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))
from desktop.store import CaseQuery, CaseRepository, open_database
db = open_database(Path(sys.argv[1]))
repo = CaseRepository(db)
ids = repo.ordered_ids(CaseQuery())
rows = repo.rows(ids)
repo.save(repo.get(ids[0]).case_file, ids[0])
db.close()
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))
print(json.dumps({"after_import": after_import, "bad": bad, "rows": len(rows)}))
"""


def test_start_path_does_not_import_sqlalchemy(tmp_path):
    from desktop.store import CaseRepository, open_database
    from tests.store.helpers import make_case

    path = tmp_path / "termijn.sqlite"
    with open_database(path) as db:  # creating a fresh file may use the SQLModel tables
        CaseRepository(db).save_many([make_case(reference=f"R{i}") for i in range(3)])
    proc = subprocess.run(
        [sys.executable, "-c", START, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["rows"] == 3
    assert report["after_import"] == []
    assert report["bad"] == []
