"""Hatch build hook: compile the gettext catalogs into every wheel, even from a clean clone.

The `.mo` files are built, not committed (.gitignore), so hatchling would not see them. This hook
compiles each `translations/<lang>/LC_MESSAGES/termijn.po` (fuzzy entries left out, as
`scripts/i18n.py compile` does) into a temporary folder and force-includes the result as
`desktop/locale/<lang>/LC_MESSAGES/termijn.mo`, where `desktop.resources.locale_dir()` looks.
Editable installs read `desktop/locale/` of the checkout (`make catalogs`), so they are skipped.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "termijn"


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        sources = sorted(Path(self.root, "translations").glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if not sources:
            raise RuntimeError(
                "no translations/*/LC_MESSAGES/termijn.po: is this a full source tree?"
            )
        self._tmp = Path(tempfile.mkdtemp(prefix="termijn-catalogs-"))
        for po in sources:
            lang = po.parent.parent.name
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            mo = self._tmp / lang / f"{DOMAIN}.mo"
            mo.parent.mkdir(parents=True)
            with mo.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = f"desktop/locale/{lang}/LC_MESSAGES/{DOMAIN}.mo"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
