"""Rule packs in the window: the pack in use, Settings → Rules, and the change report.

The report follows every change of law: another pack, a pending change switched, an upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desktop.core.changes import ChangeReport
from desktop.core.packfacts import pack_facts
from desktop.core.rulepack import (
    BUILT_IN,
    RulePack,
    RulePackError,
    available_packs,
    load_rule_pack,
    pack_in_use,
)
from desktop.i18n import _, current_language, long_date, ngettext
from desktop.packs import InstallError, choose_pack, install_pack, use_data_folder
from desktop.paths import AppPaths
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.bulk_tasks import BulkTasks
from desktop.ui.signals import AppSignals
from desktop.ui.tasks import run_task
from desktop.ui.views.change_report_dialog import ChangeReportDialog
from desktop.ui.views.main_window import MainWindow
from desktop.ui.views.rules_dialog import RulesDialog

log = logging.getLogger("termijn.ui")
MAX_PROBLEMS_SHOWN = 15


class RulesController(QObject):
    """Owns the Rules menu item, the status-bar pack label, and every recompute after new law."""

    def __init__(
        self,
        window: MainWindow,
        repo: CaseRepository,
        paths: AppPaths,
        signals: AppSignals,
        tasks: BulkTasks,
    ) -> None:
        super().__init__(window)
        self.window, self.repo, self.paths, self.signals, self.tasks = (
            window,
            repo,
            paths,
            signals,
            tasks,
        )
        self.problem = use_data_folder(paths)  # installed packs, and the one chosen here
        self.dialog: RulesDialog | None = None  # tests reach them while they are open
        self.report_dialog: ChangeReportDialog | None = None
        self.last_report: ChangeReport | None = None
        self.listed: list[RulePack] = []  # the packs in the dialog's table, in its order
        self.refusal: QMessageBox | None = None
        self.action = QAction(window)
        self.action.triggered.connect(lambda _checked=False: self.open_rules())
        menu = window.file_menu
        actions = menu.actions()
        after = actions.index(window.settings_action) + 1
        if after < len(actions):
            menu.insertAction(actions[after], self.action)
        else:
            menu.addAction(self.action)
        self.status = QPushButton(window)
        self.status.setFlat(True)
        self.status.setObjectName("RulePackStatus")
        self.status.clicked.connect(self.open_rules)
        window.statusBar().addPermanentWidget(self.status)
        self.retranslate_ui()
        if self.problem:
            log.warning("chosen rule pack unusable; the default is in use")
            QTimer.singleShot(0, self._tell_problem)

    # ------------------------------------------------------------------ what is in use

    def retranslate_ui(self, _lang: str = "") -> None:
        self.action.setText(_("&Rules…"))
        pack = load_rule_pack()
        self.status.setText(
            _("Rules: {pack}, published {date}").format(
                pack=pack.id, date=long_date(pack.published)
            )
        )
        self.status.setToolTip(
            _("{title}. Content hash {hash}. Click to see or change the rules.").format(
                title=pack.title, hash=pack.short_hash
            )
        )
        self.status.setAccessibleName(self.status.text())

    def _tell_problem(self) -> None:
        QMessageBox.warning(
            self.window,
            _("Rules"),
            _("The rule pack chosen earlier cannot be used: {problem}").format(
                problem=self.problem
            ),
        )

    # ------------------------------------------------------------------ Settings → Rules

    def open_rules(self) -> None:
        dialog = RulesDialog(self.window)
        self.dialog = dialog
        dialog.table.itemSelectionChanged.connect(lambda: self._show_details(dialog))
        self._fill(dialog)
        dialog.use_button.clicked.connect(lambda: self._use_selected(dialog))
        dialog.install_button.clicked.connect(lambda: self._install(dialog))
        dialog.exec()
        self.dialog = None

    def _packs(self) -> list[RulePack]:
        packs = []
        for pack_id in available_packs():
            try:
                packs.append(load_rule_pack(pack_id))
            except RulePackError:
                log.warning("an installed rule pack cannot be read; not listed")
        return packs

    def _fill(self, dialog: RulesDialog) -> None:
        packs = self._packs()
        self.listed = packs
        in_use = pack_in_use()
        rows = [
            (
                pack.id,
                long_date(pack.published),
                pack.title,
                _("built in") if pack.origin == BUILT_IN else _("installed"),
                pack.short_hash,
            )
            for pack in packs
        ]
        bold = next((i for i, p in enumerate(packs) if p.id == in_use), -1)
        dialog.set_rows(rows, bold)
        current = load_rule_pack()
        dialog.in_use_label.setText(
            _("In use: {pack}, published {date} (content hash {hash}).").format(
                pack=current.id, date=long_date(current.published), hash=current.short_hash
            )
        )
        if bold >= 0:
            dialog.table.selectRow(bold)

    def _selected(self, dialog: RulesDialog) -> RulePack | None:
        rows = dialog.table.selectionModel().selectedRows()
        return self.listed[rows[0].row()] if rows else None

    def _show_details(self, dialog: RulesDialog) -> None:
        pack = self._selected(dialog)
        if pack is None:
            dialog.details.setPlainText("")
            return
        facts = pack_facts(pack)
        facts["hash"] = pack.content_hash
        width = max(len(k) for k in facts)
        dialog.details.setPlainText("\n".join(f"{k:<{width}}  {v}" for k, v in facts.items()))
        dialog.use_button.setEnabled(pack.id != pack_in_use())

    def _use_selected(self, dialog: RulesDialog) -> None:
        pack = self._selected(dialog)
        if pack is None or pack.id == pack_in_use():
            return
        count = self.repo.count()
        answer = QMessageBox.question(
            dialog,
            _("Rules"),
            ngettext(
                "Use {pack} from now on? Termijn recomputes the dates of {count} case and shows "
                "what changed.",
                "Use {pack} from now on? Termijn recomputes the dates of all {count} cases and "
                "shows what changed.",
                count,
            ).format(pack=pack.id, count=count),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        dialog.accept()
        paths, pack_id = self.paths, pack.id
        self.recompute(lambda: self._choose(paths, pack_id), quiet=False)

    @staticmethod
    def _choose(paths: AppPaths, pack_id: str) -> None:
        choose_pack(paths, pack_id)

    def _install(self, dialog: RulesDialog) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            dialog, _("Install a rule pack"), str(Path.home()), _("Rule packs (*.toml)")
        )
        if not path:
            return
        try:
            pack = install_pack(Path(path), self.paths)
        except InstallError as exc:
            self._refused(dialog, exc)
            return
        except RulePackError as exc:  # unreadable file, or texts file missing
            QMessageBox.warning(dialog, _("Install a rule pack"), str(exc))
            return
        log.info("installed rule pack %s", pack.id)
        self._fill(dialog)
        QMessageBox.information(
            dialog,
            _("Install a rule pack"),
            _(
                "Installed {pack}, published {date}. Select it and choose Use this pack to "
                "compute with it."
            ).format(pack=pack.id, date=long_date(pack.published)),
        )

    def _refused(self, dialog: RulesDialog, exc: InstallError) -> None:
        problems = [str(p) for p in exc.problems]
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(_("… and {count} more").format(count=len(problems) - len(shown)))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Install a rule pack"), "", parent=dialog)
        if problems:
            box.setText(_("This pack was not installed: it has problems."))
            box.setDetailedText("\n".join(problems))
            box.setInformativeText("\n".join(shown))
        else:
            box.setText(_("This pack was not installed: {reason}").format(reason=str(exc)))
        self.refusal = box  # tests read it
        box.exec()

    # ------------------------------------------------------------------ recompute and report

    def law_changed(self) -> None:
        """A pending change was switched in Settings (already saved): recompute and report."""
        self.recompute(None, quiet=False)

    def refresh_stale(self) -> None:
        """After start: cases cached under other law (an upgrade, a change elsewhere)."""
        if self.repo.stale_count() == 0:
            return
        self.recompute(None, quiet=True)

    def recompute(self, switch: Callable[[], None] | None, *, quiet: bool) -> None:
        """Snapshot, switch, recompute with progress, then show the change report.

        `quiet`: show the report only when something changed (a status message otherwise).
        """
        if not self.tasks.start_busy(_("Recomputing every case with the new rules…")):
            QTimer.singleShot(500, lambda: self.recompute(switch, quiet=quiet))  # after the task
            return
        from desktop.lawchange import recompute_with_report  # on use: not at start-up

        repo, today = self.repo, self.repo.today()
        run_task(
            lambda report: recompute_with_report(repo, today, switch, report),
            lambda result: self._recomputed(result, quiet),
            self.tasks.failed,
            pool=self.tasks.pool,
            on_progress=self.tasks.progress,
        )

    def _recomputed(self, report: ChangeReport, quiet: bool) -> None:
        # The report module brings ReportLab (its PDF): loaded when a report is made, not at start.
        from desktop.documents.change_report import summary

        self.last_report = report
        self.tasks.end_busy(summary(report, current_language()))
        self.retranslate_ui()
        self.signals.cases_changed.emit()
        if report.changes or not quiet:
            self.show_report(report)

    def show_report(self, report: ChangeReport) -> None:
        from desktop.documents.change_report import report_rows, summary

        lang = current_language()
        dialog = ChangeReportDialog(self.window)
        dialog.summary.setText(summary(report, lang))
        dialog.set_rows(
            [
                (
                    "\n".join(x for x in (row.reference, row.applicant, row.procedure) if x),
                    row.before,
                    row.after,
                    row.also.replace("; ", "\n"),
                )
                for row in report_rows(report, lang)
            ]
        )
        dialog.csv_button.clicked.connect(lambda: self._export(dialog, report, "csv"))
        dialog.pdf_button.clicked.connect(lambda: self._export(dialog, report, "pdf"))
        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = dialog
        # Not modal: the user can open the cases it lists while it stays on screen.
        dialog.finished.connect(lambda _result: self._report_closed(dialog))
        dialog.show()

    def _report_closed(self, dialog: ChangeReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None
        dialog.deleteLater()

    def _export(self, dialog: ChangeReportDialog, report: ChangeReport, kind: str) -> None:
        from desktop.documents.change_report import build_change_report, write_csv

        lang = current_language()
        name = f"termijn-changes-{report.today.isoformat()}.{kind}"
        filters = _("CSV files (*.csv)") if kind == "csv" else _("PDF files (*.pdf)")
        path, _filter = QFileDialog.getSaveFileName(
            dialog, _("Export the change report"), str(Path.home() / name), filters
        )
        if not path:
            return
        target = Path(path)
        try:
            if kind == "csv":
                write_csv(report, target, lang)
            else:
                target.write_bytes(build_change_report(report, lang))
        except OSError as exc:
            QMessageBox.warning(
                dialog,
                _("Export the change report"),
                _("The report could not be written: {problem}").format(
                    problem=exc.strerror or str(exc)
                ),
            )
            return
        self.window.statusBar().showMessage(
            _("Change report written to {path}.").format(path=str(target)), 10_000
        )
