"""Composition root for the window: paths, logging, error dialog, database, language, windows."""

from __future__ import annotations

import argparse
import locale
import logging
import os
import secrets
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.i18n import _
from desktop.launch import (
    no_screen_problem,
    qt_messages_to_log,
    quit_after_first_paint,
    quit_after_shown_requested,
)
from desktop.paths import AppPaths, app_paths
from desktop.privacy import vault
from desktop.privacy.vault import open_case_file
from desktop.resources import resource_path
from desktop.store import CaseRepository, Database, StorageError
from desktop.store import backup as backups
from desktop.ui.controllers.bulk_tasks import load_demo_cases
from desktop.ui.controllers.calendar import CalendarHooks
from desktop.ui.controllers.encryption import key_at_start, lock_check
from desktop.ui.controllers.file_warnings import FileWarnings
from desktop.ui.controllers.main_controller import MainController
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.language import LanguageSwitcher
from desktop.ui.privacy_hooks import PrivacyHooks
from desktop.ui.privacy_hooks import install as install_privacy
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import SyncPool, save_pool
from desktop.ui.views.main_window import MainWindow

log = logging.getLogger("termijn.ui")
DESKTOP_ID = "io.github.termijn.Termijn"  # packaging/linux/<id>.desktop
LOG_FILE = "termijn.log"


@dataclass
class App:
    """The long-lived objects; kept referenced so PySide6 does not delete the window."""

    window: MainWindow
    controller: MainController
    repo: CaseRepository
    signals: AppSignals
    language: LanguageSwitcher
    paths: AppPaths
    privacy: PrivacyHooks
    calendar: CalendarHooks | None = None  # the calendar feed and reminders (issue 15)
    file_warnings: FileWarnings | None = None  # what the store noticed on opening the file


def setup_logging(paths: AppPaths) -> Path:
    """A rotating file in the log folder; case ids only, never names or V-numbers."""
    path = paths.logs / LOG_FILE
    root = logging.getLogger("termijn")
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_termijn", False):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._termijn = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if sys.stderr is not None:  # a windowed executable has no stderr
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream._termijn = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path


def install_excepthook(log_path: Path) -> None:
    """A bug: log the traceback, show a short dialog naming the log file, keep running."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        logging.getLogger("termijn").error(
            "unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb))
        )
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            QMessageBox.critical(
                None,
                _("Termijn: unexpected problem"),
                _(
                    "Something went wrong inside Termijn. Your saved cases are safe. The details "
                    "are in the log file {path}; please send it with a description of what you "
                    "were doing."
                ).format(path=str(log_path)),
            )
        finally:
            showing = False

    sys.excepthook = hook


def initial_language(saved: str | None, requested: str | None) -> str:
    if requested in ("en", "nl"):
        return requested
    if saved in ("en", "nl"):
        return saved
    system = (locale.getlocale()[0] or "").lower()
    return "nl" if system.startswith("nl") else "en"


def build(
    repo: CaseRepository,
    paths: AppPaths,
    *,
    lang: str | None = None,
    pool: Any = None,
    save: Any = None,
) -> App:
    """Build the window on an opened repository (also used by tests, screenshots, benchmarks)."""
    signals = AppSignals()
    language = LanguageSwitcher()
    prefs = Preferences(repo)
    language.apply(initial_language(prefs.language(), lang))
    window = MainWindow()
    controller = MainController(
        window,
        repo,
        paths,
        signals,
        language,
        pool=pool or QThreadPool.globalInstance(),
        save_pool=save or save_pool(),
    )
    window.close_handler = controller.close_requested
    privacy = install_privacy(window, controller, repo, paths, language, check=lock_check(paths))
    calendar = CalendarHooks(controller, repo, paths, signals, language, pool, privacy.lock)
    file_warnings = FileWarnings(window, repo.db.warnings)
    language.language_changed.connect(file_warnings.retranslate_ui)
    return App(window, controller, repo, signals, language, paths, privacy, calendar, file_warnings)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="termijn-gui", description="Termijn's window.")
    parser.add_argument("--data-dir", help="keep data, logs and backups in this folder")
    parser.add_argument("--demo", action="store_true", help="load demo cases if there are none")
    parser.add_argument("--lang", choices=("en", "nl"), help="language for this session")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen on demo data, print a summary, exit",
    )
    parser.add_argument(
        "--quit-after-shown",
        action="store_true",
        help="print one line once the window is on screen, then close it (a launch check)",
    )
    args, _unknown = parser.parse_known_args(argv)  # Qt's own options (-style …) pass through
    return args


def open_or_explain(paths: AppPaths, key: bytes | None = None) -> Database | None:
    """Open the case file; a problem is shown as a dialog, a damaged file offers its backup."""
    while True:
        try:
            return open_case_file(paths, key)
        except StorageError as exc:
            log.error("case file could not be opened: %s", exc.problem)
            if exc.backup is None:
                QMessageBox.critical(None, "Termijn", str(exc))
                return None
            box = QMessageBox(QMessageBox.Icon.Critical, "Termijn", str(exc))
            restore = box.addButton(
                _("Restore the newest good backup"), QMessageBox.ButtonRole.AcceptRole
            )
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is not restore:
                return None
            try:
                # The store renames the damaged file aside (never deletes it), then restores.
                kept = backups.restore(paths.database, exc.backup, paths.backups, key=key)
            except (StorageError, OSError) as again:
                QMessageBox.critical(None, "Termijn", str(again))
                return None
            log.info("restored the newest good backup; the previous file is kept as %s", kept.name)


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else list(argv))
    if args.self_test:
        return self_test(args)
    problem = no_screen_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    paths = app_paths(args.data_dir).ensure()
    log_path = setup_logging(paths)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Termijn")
    app.setOrganizationName("Termijn")
    app.setDesktopFileName(DESKTOP_ID)  # Wayland matches the window to the .desktop file's icon
    app.setWindowIcon(QIcon(str(resource_path("icons", "termijn-256.png"))))
    install_excepthook(log_path)
    # The database first (Vorta: "Init app after database is available"): an encrypted one
    # after its passphrase; a new one after the choice to encrypt it (not in a launch check).
    go_on, key = key_at_start(
        paths, first_start_question=not quit_after_shown_requested(args.quit_after_shown)
    )
    if not go_on:
        return 1
    db = open_or_explain(paths, key)
    if db is None:
        return 1
    repo = CaseRepository(db)
    built = build(repo, paths, lang=args.lang)
    if quit_after_shown_requested(args.quit_after_shown):
        quit_after_first_paint(built.window)
    built.window.show()
    log.info("started with %d cases", repo.count())
    # After the first paint: the list shows cached dates at once, stale ones update in turn.
    QTimer.singleShot(0, built.controller.refresh_stale)
    if built.calendar is not None:  # the calendar file, then today's reminders
        QTimer.singleShot(0, built.calendar.start)
    if repo.count() == 0:
        if args.demo:
            QTimer.singleShot(0, built.controller.tasks.load_demo)  # asked for: no question
        else:
            QTimer.singleShot(0, built.controller.first_start)
    code = app.exec()
    if built.calendar is not None:
        built.calendar.stop()  # a feed build under way gives up; the last file stays
    QThreadPool.globalInstance().waitForDone()
    db.close()
    return code


def self_test(args: argparse.Namespace) -> int:
    """Open the main window offscreen on a temporary database with demo cases; print one line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qt_messages_to_log()  # the summary is the only line: the offscreen plugin's notes go to the log
    from desktop.core.compute import compute

    with tempfile.TemporaryDirectory(prefix="termijn-self-test-") as folder:
        paths = app_paths(folder).ensure()
        setup_logging(paths)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        # Encrypted, as a user is advised to keep it: this install's SQLCipher and key wrapping
        # (frozen apps included) are checked with the rest.
        key, _recovery = vault.create(paths, secrets.token_urlsafe(16))
        db = open_case_file(paths, key)
        try:
            cipher = engine_cipher(db)
            repo = CaseRepository(db)
            ids = load_demo_cases(repo, 40)
            built = build(repo, paths, lang=args.lang or "en", pool=SyncPool(), save=SyncPool())
            built.window.show()
            app.processEvents()
            stages = set()
            for case_id in ids:
                stored = repo.get(case_id)
                result = compute(stored.case_file.case, today=repo.today())
                stages.add(result.next_step.code)
            built.controller.cases.open_case(ids[0])
            app.processEvents()
            rows = built.controller.model.rowCount()
            built.window.close()
            pdf_bytes = _self_test_notice(repo, ids, Path(folder))
        finally:
            db.close()
    print(
        f"termijn self-test ok: {len(ids)} demo cases computed, {len(stages)} kinds of next step, "
        f"{rows} rows listed, Notice PDF {pdf_bytes} bytes, rules {result.rules}, "
        f"encrypted with SQLCipher {cipher}"
    )
    return 0


def engine_cipher(db: Database) -> str:
    """The SQLCipher version an encrypted database runs on (checked against Termijn's settings)."""
    from contextlib import closing

    from desktop.store import engine

    with closing(db.raw()) as raw:
        engine.check_cipher(raw)
        return engine.cipher_settings(raw)["cipher_version"]


def _self_test_notice(repo: CaseRepository, case_ids: Sequence[int], folder: Path) -> int:
    """Render a (draft) Dutch Notice to a file: fonts, catalog and ReportLab all work.

    The first demo case whose next step allows a Notice (a decided case has none).
    """
    from desktop.core.compute import compute
    from desktop.documents.errors import DocumentRefused
    from desktop.documents.notice import build_notice
    from desktop.documents.output import write_atomic

    today = repo.today()
    for case_id in case_ids:
        case_file = repo.get(case_id).case_file
        result = compute(case_file.case, today=today)
        try:
            pdf = build_notice(case_file, result, "nl", today=today, draft=True)
        except DocumentRefused:
            continue
        target = folder / "self-test-notice.pdf"
        write_atomic(target, pdf)
        data = target.read_bytes()
        if not data.startswith(b"%PDF"):
            raise RuntimeError("the Notice did not render as a PDF")
        return len(data)
    raise RuntimeError("no demo case allows a Notice")
