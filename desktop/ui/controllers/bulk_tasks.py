"""Long work on many cases with progress in the status bar: import, demo data, recompute."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.casefile import CaseFile
from desktop.core.jsontext import load_json_file
from desktop.i18n import _, ngettext
from desktop.store.duplicates import split_duplicates
from desktop.store.errors import StorageError
from desktop.store.repository import CaseRepository
from desktop.store.transfer import parse_record
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import run_task
from desktop.ui.views.main_window import MainWindow

log = logging.getLogger("termijn.ui")

DEMO_COUNT = 60
DEMO_SETTING = "demo.file"  # "1": this case file holds fictitious demo cases
DEMO_PREFIX = "DEMO-"


@dataclasses.dataclass(frozen=True, slots=True)
class ImportCounts:
    new: int  # cases added
    skipped: int  # cases Termijn already had (or the file had twice)


def import_message(counts: ImportCounts) -> str:
    """How many cases were new and how many skipped, in the window's language."""
    text = ngettext("{count} new case imported.", "{count} new cases imported.", counts.new).format(
        count=counts.new
    )
    if counts.skipped:
        text += " " + ngettext(
            "{count} case was skipped: Termijn already has it (same procedure, date of receipt "
            "and V-number or name).",
            "{count} cases were skipped: Termijn already has them (same procedure, date of "
            "receipt and V-number or name).",
            counts.skipped,
        ).format(count=counts.skipped)
    return text


def mark_demo(case_file: CaseFile) -> CaseFile:
    """A demo case says so in its reference, which the list searches and the letters print."""
    reference = case_file.reference
    if not reference.startswith(DEMO_PREFIX):
        reference = DEMO_PREFIX + reference
    return dataclasses.replace(case_file, reference=reference)


def load_demo_cases(
    repo: CaseRepository, count: int, report: Callable[[int, int], None] | None = None
) -> list[int]:
    """Add `count` deterministic demo cases in chunks (one transaction each), reporting progress.

    The cases are marked as demo (reference "DEMO-…") and so is the file (a setting), so a
    window showing them says they are fictitious.
    """
    from desktop.store.demo import demo_cases

    repo.set_setting(DEMO_SETTING, "1")
    ids: list[int] = []
    batch = max(1, min(500, count // 10 or 1))
    files: list[Any] = []
    proofs: list[Any] = []
    for case_file, proof in demo_cases(count, today=repo.today()):
        files.append(mark_demo(case_file))
        proofs.append(proof)
        if len(files) == batch:
            ids += repo.save_many(files, proofs)
            files, proofs = [], []
            if report is not None:
                report(len(ids), count)
    if files:
        ids += repo.save_many(files, proofs)
    if report is not None:
        report(len(ids), count)
    return ids


def is_demo_file(repo: CaseRepository) -> bool:
    return repo.get_setting(DEMO_SETTING) == "1"


class BulkTasks(QObject):
    """One long task at a time; its progress shows in the status bar, its end as a message."""

    def __init__(
        self, window: MainWindow, repo: CaseRepository, signals: AppSignals, pool: Any = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.signals = signals
        self.pool = pool
        self.busy = False

    # ------------------------------------------------------------------ progress

    def start_busy(self, message: str) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.window.statusBar().showMessage(message)
        self.window.progress.setRange(0, 0)
        self.window.progress.show()
        return True

    def progress(self, done: int, total: int) -> None:
        self.window.progress.setRange(0, max(1, total))
        self.window.progress.setValue(done)

    def end_busy(self, message: str = "") -> None:
        self.busy = False
        self.window.progress.hide()
        self.window.statusBar().showMessage(message, 10_000)

    def failed(self, exc: Exception) -> None:
        """A task's error: storage problems are explained; anything else is a bug."""
        self.end_busy()
        if isinstance(exc, StorageError):
            QMessageBox.critical(self.window, _("Termijn"), str(exc))
            return
        raise exc

    def _run(self, message: str, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
        if not self.start_busy(message):
            return
        run_task(work, done, self.failed, pool=self.pool, on_progress=self.progress)

    # ------------------------------------------------------------------ demo data

    def load_demo(self) -> None:
        """Demo cases into this (empty) case file; the caller has asked the user."""
        repo = self.repo
        self._run(
            _("Loading demo cases…"),
            lambda report: load_demo_cases(repo, DEMO_COUNT, report),
            self._demo_loaded,
        )

    def _demo_loaded(self, ids: list[int]) -> None:
        self.end_busy(
            ngettext("{count} demo case loaded.", "{count} demo cases loaded.", len(ids)).format(
                count=len(ids)
            )
        )
        self.signals.cases_changed.emit()

    # ------------------------------------------------------------------ import

    def import_cases(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import cases"), str(Path.home()), _("Case files (*.json)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import the cases of an export file, skipping those Termijn already has.

        As `termijn cases import` does: every record is checked first (nothing is saved if one
        is bad), Notice proofs come along, and a case the store already holds (same procedure,
        date of receipt and V-number or name; see desktop.store.duplicates) is not added again,
        so importing the same file twice adds nothing the second time.
        """
        repo = self.repo

        def work(report: Callable[[int, int], None]) -> ImportCounts:
            data = load_json_file(path)  # size, UTF-8, depth, numbers: as the CLI reads
            items = data if isinstance(data, list) else [data]
            records = []
            for i, item in enumerate(items):
                records.append(parse_record(item, i))
                if i % 200 == 0:
                    report(i, len(items) * 2)
            report(len(items), len(items) * 2)
            new, known = split_duplicates(repo, (case_file for case_file, _p in records))
            kept = [records[i] for i in new]
            ids = repo.save_many([cf for cf, _p in kept], [p for _cf, p in kept]) if kept else []
            report(len(items) * 2, len(items) * 2)
            return ImportCounts(len(ids), len(known))

        if not self.start_busy(_("Importing cases…")):
            return
        run_task(
            work, self._imported, self._import_failed, pool=self.pool, on_progress=self.progress
        )

    def _imported(self, counts: ImportCounts) -> None:
        log.info("imported %s cases, skipped %s", counts.new, counts.skipped)
        message = import_message(counts)
        self.end_busy(message)
        if counts.new:
            self.signals.cases_changed.emit()
        if counts.skipped:  # the surprising part: said where it cannot be missed
            QMessageBox.information(self.window, _("Import cases"), message)

    def _import_failed(self, exc: Exception) -> None:
        self.end_busy()
        if isinstance(exc, (ValueError, OSError, StorageError)):  # bad JSON or case: user's file
            QMessageBox.warning(
                self.window,
                _("Import cases"),
                _("Nothing was imported: {problem}").format(problem=str(exc)),
            )
            return
        raise exc

    # ------------------------------------------------------------------ recompute

    def recompute_all(self) -> None:
        repo = self.repo
        self._run(
            _("Recomputing all dates…"),
            lambda report: repo.refresh_key_dates(all_cases=True, progress=report),
            self._recomputed,
        )

    def refresh_stale(self) -> None:
        """Recompute only the cases whose cached dates came from other rules or flags.

        Run after start: an upgrade with a new rule pack, or flags switched on in an earlier
        session, leaves the list's next steps stale until this has run.
        """
        if self.repo.stale_count() == 0:
            return
        repo = self.repo
        self._run(
            _("Updating dates…"),
            lambda report: repo.refresh_key_dates(progress=report),
            self._recomputed,
        )

    def _recomputed(self, count: int) -> None:
        self.end_busy(
            ngettext(
                "Dates recomputed for {count} case.", "Dates recomputed for {count} cases.", count
            ).format(count=count)
        )
        self.signals.cases_changed.emit()
