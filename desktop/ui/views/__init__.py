"""Windows and dialogs: layout only, every string set in retranslate_ui()."""
