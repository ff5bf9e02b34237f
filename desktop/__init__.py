"""Termijn: offline case organiser for IND decision terms, Notices of Default and penalties."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `__version__` on first use: importlib.metadata costs ~25 ms of the window's cold start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("termijn")
        except PackageNotFoundError:  # running from a checkout that was never installed
            found = "0.0.0+checkout"
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
