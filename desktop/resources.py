"""Find files shipped with Termijn (fonts, icons, catalogs) in the installed package or checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_ROOT = Path(str(resources.files("desktop")))
_CHECKOUT_ROOT = _PACKAGE_ROOT.parent


def resource_path(*parts: str) -> Path:
    """A shipped resource: `desktop/resources/...` in a wheel, `resources/...` in a checkout."""
    for base in (_PACKAGE_ROOT / "resources", _CHECKOUT_ROOT / "resources"):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"Termijn resource missing: {'/'.join(parts)}")


def locale_dir() -> Path:
    """Compiled gettext catalogs (built by `scripts/i18n.py compile`, packaged in the wheel)."""
    return _PACKAGE_ROOT / "locale"
