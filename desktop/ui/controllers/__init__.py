"""Controllers: connect signals, call the repository and the core, hold every decision."""
