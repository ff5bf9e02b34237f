"""The window: views build widgets, controllers decide, models adapt (the only Qt importer)."""
