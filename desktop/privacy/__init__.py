"""Privacy: encrypted case files, hand-over bundles, and the rights of the people in the file."""
