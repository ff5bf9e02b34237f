"""Privacy in the window: the lock, hand-over bundles and the Privacy dialog, wired in one place.

`install` adds the menu items (File: Hand over this case…, Import a bundle…, Privacy…; View:
Lock) to the main window and returns the controllers; app.build calls it once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence

from desktop.i18n import _
from desktop.paths import AppPaths
from desktop.privacy.throttle import Throttle
from desktop.store.repository import CaseRepository
from desktop.ui.controllers.handover import HandoverController
from desktop.ui.controllers.lock import LOCK_SETTING, LockController, minutes_from
from desktop.ui.controllers.privacy import PrivacyController

ATTEMPTS_FILE = "unlock-attempts.json"


@dataclass
class PrivacyHooks:
    lock: LockController
    privacy: PrivacyController
    handover: HandoverController
    actions: dict[str, QAction]

    def retranslate_ui(self, _lang: str = "") -> None:
        texts = {
            "handover": _("&Hand over this case…"),
            "import": _("Import a &bundle…"),
            "privacy": _("Pri&vacy…"),
            "lock": _("&Lock Termijn"),
        }
        for key, action in self.actions.items():
            action.setText(texts[key])


def install(
    window: Any,
    controller: Any,
    repo: CaseRepository,
    paths: AppPaths,
    language: Any,
    *,
    check: Callable[[str], bool] | None = None,
) -> PrivacyHooks:
    """Make the controllers and add their menu items to `window` (a MainWindow)."""
    lock = LockController(
        window,
        minutes=minutes_from(repo.get_setting(LOCK_SETTING)),
        check=check,
        throttle=Throttle(paths.cache / ATTEMPTS_FILE),
    )

    def imported(case_id: int) -> None:
        controller.refresh_all()
        controller.open_case(case_id)

    privacy = PrivacyController(window, repo, paths, lock, controller.refresh_all)
    handover = HandoverController(window, repo, lambda: controller.cases.case_id, imported)
    actions = {key: QAction(window) for key in ("handover", "import", "privacy", "lock")}
    actions["lock"].setShortcut(QKeySequence("Ctrl+L"))
    actions["handover"].triggered.connect(handover.export_case)
    actions["import"].triggered.connect(lambda: handover.import_file())
    actions["privacy"].triggered.connect(privacy.open_dialog)
    actions["lock"].triggered.connect(lock.lock)
    before = window.settings_action
    for key in ("handover", "import", "privacy"):
        window.file_menu.insertAction(before, actions[key])
    window.view_menu.addSeparator()
    window.view_menu.addAction(actions["lock"])
    hooks = PrivacyHooks(lock, privacy, handover, actions)
    hooks.retranslate_ui()
    language.language_changed.connect(hooks.retranslate_ui)
    return hooks
