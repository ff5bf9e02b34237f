"""Settings and language: the settings dialog, the Language menu, and what each remembers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.core.casefile import Representative
from desktop.core.rulepack import load_rule_pack
from desktop.i18n import current_language
from desktop.paths import AppPaths
from desktop.ui.controllers.preferences import Preferences
from desktop.ui.controllers.validation import FieldError, check_email
from desktop.ui.language import LanguageSwitcher
from desktop.ui.signals import AppSignals
from desktop.ui.views.dialogs import SettingsDialog
from desktop.ui.views.main_window import MainWindow


class SettingsController(QObject):
    """Opens Settings; switches and remembers the language; tells everyone when flags change."""

    def __init__(
        self,
        window: MainWindow,
        prefs: Preferences,
        paths: AppPaths,
        signals: AppSignals,
        language: LanguageSwitcher,
        backup_now: Callable[[], None],
        restore_backup: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.prefs = prefs
        self.paths = paths
        self.signals = signals
        self.language = language
        self.backup_now = backup_now
        self.restore_backup = restore_backup
        self.dialog: SettingsDialog | None = None  # tests reach it while it is open
        # Other features' sections (the calendar): each fills the dialog and saves on accept.
        self.extensions: list[Callable[[SettingsDialog], object]] = []

    def set_language(self, lang: str) -> None:
        self.language.apply(lang)
        self.prefs.set_language(lang)

    def sync_language_menu(self) -> None:
        lang = current_language()
        for action in self.window.language_group.actions():
            action.setChecked(action.data() == lang)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.window)
        dialog.data_location.setText(str(self.paths.data))
        dialog.language_combo.addItem("English", "en")
        dialog.language_combo.addItem("Nederlands", "nl")
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(current_language()))
        rep = self.prefs.representative() or Representative(name="")
        dialog.rep_name.setText(rep.name)
        dialog.rep_organisation.setText(rep.organisation)
        dialog.rep_address.setPlainText(rep.address)
        dialog.rep_phone.setText(rep.phone)
        dialog.rep_email.setText(rep.email)
        flags = self.prefs.flags()
        lang = current_language()
        for name, flag in load_rule_pack().flags.items():
            check = dialog.add_flag(name)
            check.setText(flag.label.get(lang))
            check.setChecked(name in flags)
        dialog.backup_button.clicked.connect(self.backup_now)
        dialog.restore_button.clicked.connect(lambda: (dialog.reject(), self.restore_backup()))
        dialog.buttons.accepted.connect(lambda: self._accept(dialog, flags))
        for extend in self.extensions:
            extend(dialog)
        self.dialog = dialog
        dialog.exec()

    def _accept(self, dialog: SettingsDialog, flags: frozenset[str]) -> None:
        try:
            email = check_email(dialog.rep_email.text())
            dialog.rep_email_field.set_error("")
        except FieldError as exc:
            dialog.rep_email_field.set_error(str(exc))
            dialog.rep_email.setFocus()
            return
        dialog.accept()
        self.prefs.set_representative(
            Representative(
                name=dialog.rep_name.text().strip(),
                organisation=dialog.rep_organisation.text().strip(),
                address=dialog.rep_address.toPlainText().strip(),
                phone=dialog.rep_phone.text().strip(),
                email=email,
            )
        )
        chosen = frozenset(n for n, c in dialog.flag_checks.items() if c.isChecked())
        if chosen != flags:
            self.prefs.set_flags(chosen)
            self.signals.flags_changed.emit()
        new_lang = dialog.language_combo.currentData()
        if new_lang != current_language():
            self.set_language(new_lang)
