"""Settings kept in the case file: language, rule flags, representative details."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from desktop.core.casefile import Representative, representative_of, representative_to_json
from desktop.store.repository import FLAGS_SETTING, CaseRepository

log = logging.getLogger("termijn.ui")

LANGUAGE = "ui.language"
FLAGS = FLAGS_SETTING  # the store computes cached key dates with these flags
REPRESENTATIVE = "notice.representative"
LAST_FOLDER = "ui.last_folder"


class Preferences:
    def __init__(self, repo: CaseRepository) -> None:
        self._repo = repo

    def language(self) -> str | None:
        value = self._repo.get_setting(LANGUAGE)
        return value if value in ("en", "nl") else None

    def set_language(self, lang: str) -> None:
        self._repo.set_setting(LANGUAGE, lang)

    def flags(self) -> frozenset[str]:
        return self._repo.flags()

    def set_flags(self, flags: frozenset[str]) -> None:
        self._repo.set_flags(flags)

    def representative(self) -> Representative | None:
        raw = self._repo.get_setting(REPRESENTATIVE)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise TypeError(type(data).__name__)
            # The JSON form of the case file: a missing relation is None, never the text "None".
            return representative_of(data) if data else None
        except (ValueError, TypeError):
            log.warning("representative setting unreadable; ignored")
            return None

    def set_representative(self, rep: Representative | None) -> None:
        data = {} if rep is None else representative_to_json(rep)
        self._repo.set_setting(REPRESENTATIVE, json.dumps(data, ensure_ascii=False))

    def last_folder(self) -> Path | None:
        """The folder a letter was last saved in, while it still exists."""
        raw = self._repo.get_setting(LAST_FOLDER)
        folder = Path(raw) if raw else None
        return folder if folder is not None and folder.is_dir() else None

    def set_last_folder(self, folder: Path) -> None:
        self._repo.set_setting(LAST_FOLDER, str(folder))
