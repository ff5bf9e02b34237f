"""The window: views build widgets, controllers decide, models adapt (the only Qt importer)."""

from desktop.ui._refcount import pin_singletons

pin_singletons()  # before any PySide6 call: see _refcount.py
