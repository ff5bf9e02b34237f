"""Termijn: offline case organiser for IND decision terms, Notices of Default and penalties."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("termijn")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
