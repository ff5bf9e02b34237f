"""Small builders shared by the store tests."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from desktop.core.casefile import CaseFile, parse_case_file


def make_case(**extra: Any) -> CaseFile:
    data: dict[str, Any] = {
        "procedure": "regular",
        "received": "2026-01-05",
        "events": [],
        "applicant": {"name": "Şükrü Ağaoğlu", "nationality": "Turkish"},
        "v_number": "V 12.34.567",
        "reference": "T-2026-1",
    }
    data.update(extra)
    return parse_case_file(data)


def filled(db_path: Path, n: int = 3, notes: str = "") -> None:
    """A case file with `n` cases, closed cleanly and checkpointed (no WAL beside it)."""
    from desktop.store import CaseRepository, open_database

    with open_database(db_path, daily_backup=False) as db:
        cases = [make_case(reference=f"R{i}", notes=notes) for i in range(n)]
        CaseRepository(db).save_many(cases, compute=False)
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative name, with its bytes.

    Left out: lock files, and the note that a file passed its check (consumed by every open).
    """
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".termijn.lock" and not p.name.endswith(".verified")
    }


def in_children(*tasks: Callable[[], str], together: bool = True) -> list[str]:
    """Run each task in a forked child, all released at the same moment; their results in order.

    A child's result is what its task returns, or the exception's type and message.
    """
    go_read, go_write = os.pipe()
    children = []
    for task in tasks:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            os.close(go_write)
            try:
                if together:
                    os.read(go_read, 1)  # every child blocks here until the parent says go
                outcome = task()
            except BaseException as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            os.write(write, outcome.encode()[:60_000])
            os._exit(0)
        os.close(write)
        children.append((pid, read))
    os.close(go_read)
    os.write(go_write, b"x" * len(tasks))
    os.close(go_write)
    outcomes = []
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            outcomes.append(pipe.read().decode())
        os.waitpid(pid, 0)
    return outcomes


def partials(*folders: Path) -> list[Path]:
    """The store's temporary files (finished writes leave none)."""
    return [p for folder in folders if folder.is_dir() for p in folder.glob(".*.partial*")]
