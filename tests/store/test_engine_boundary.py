"""SQLite lives in engine.py: the rest of the store could run on another engine unchanged.

Issue 16 puts SQLCipher, and later PostgreSQL, behind the same repository. That stays a
matter of one module only while no other store module makes a connection, sets a pragma or
writes SQLite-only SQL; these tests fail the day one does.
"""

import ast
from pathlib import Path

import pytest

STORE = Path(__file__).resolve().parents[2] / "desktop" / "store"
ENGINE = STORE / "engine.py"
MODULES = sorted(p for p in STORE.glob("*.py") if p != ENGINE)
DRIVERS = {"sqlite3", "sqlcipher3"}  # plain SQLite, and the SQLCipher build engine.py uses
# Words only SQLite understands: its pragmas, catalog tables, planner hint.
SQLITE_ONLY = ("PRAGMA", "sqlite_master", "sqlite_sequence", "+deleted")
# What only sqlite3's objects have: the last row id, rows by name, the online backup (a call).
DRIVER_ONLY = (".lastrowid", ".row_factory", ".backup()")


def _code_strings_and_imports(path):
    """Imported module names, and string constants (docstrings left out) and attribute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    imports, strings = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imports.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            strings.append(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            strings.append(f".{node.func.attr}()")
        if isinstance(node, ast.Attribute):
            strings.append(f".{node.attr}")
    return imports, strings


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_store_module_but_the_engine_imports_the_driver(path):
    imports, _strings = _code_strings_and_imports(path)
    drivers = imports & DRIVERS
    assert not drivers, f"{path.name} imports {sorted(drivers)}: connections go through engine.py"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_store_module_but_the_engine_writes_sqlite_only_sql(path):
    _imports, strings = _code_strings_and_imports(path)
    found = [word for word in SQLITE_ONLY for text in strings if word in text]
    found += [attr for attr in DRIVER_ONLY if attr in strings]
    assert not found, f"{path.name}: ask engine.py for {sorted(set(found))}"


def test_the_engine_is_what_the_others_use():
    from desktop.store import engine

    imports, strings = _code_strings_and_imports(ENGINE)
    assert "sqlite3" in imports
    assert all(any(word in text for text in strings) for word in SQLITE_ONLY[:3])
    assert all(attr in strings for attr in DRIVER_ONLY)
    assert engine.by_row_only("deleted") == "+deleted"
