"""Printable documents: the Notice of Default (ingebrekestelling), its checklist and the pack."""
