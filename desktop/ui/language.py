"""Switch the language at run time: gettext, Babel and Qt's own stock-dialog translations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from desktop.i18n import LOCALES, current_language, set_language

log = logging.getLogger("termijn.ui")


class LanguageSwitcher(QObject):
    """Owns the active language; windows connect `language_changed` to their retranslate_ui().

    Signals:
        language_changed(str): the new language code ("en" or "nl").
    """

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qt_translator: QTranslator | None = None

    @property
    def language(self) -> str:
        return current_language()

    def apply(self, lang: str) -> None:
        """Set `lang` everywhere and tell every window, even when it is already current."""
        set_language(lang)  # raises MissingCatalogError before anything changes
        QLocale.setDefault(QLocale(LOCALES[lang]))
        self._install_qt_catalog(lang)
        log.info("language set to %s", lang)
        self.language_changed.emit(lang)

    def _install_qt_catalog(self, lang: str) -> None:
        # Stock dialogs (QMessageBox buttons, QFileDialog) translate through qtbase_<lang>.qm.
        app = QCoreApplication.instance()
        if app is None:
            return
        if self._qt_translator is not None:
            app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if lang == "en":
            return
        translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)
            self._qt_translator = translator
        else:
            log.warning("Qt's own %s translations were not found in %s", lang, folder)
