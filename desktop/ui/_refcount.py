"""Keep None, True and False alive despite a refcount bug in this PySide6 build on Python 3.11."""

from __future__ import annotations

import ctypes
import sys

# PySide6 6.12 on CPython 3.11 drops one reference to None/True/False on some calls (a Python
# `index.data()` returning None, QStandardItem set-up, Signal.emit returning True). After a few
# hundred thousand such calls the singleton's count reaches zero and CPython aborts with
# "deallocating None". CPython 3.12+ makes these objects immortal; here we emulate that by
# giving each a count no session can exhaust.
_HEADROOM = 1 << 40


def pin_singletons() -> None:
    if sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
