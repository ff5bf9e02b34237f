"""`python -m desktop`: the same command line as `termijn` (the window is `termijn-gui`)."""

import sys


def main() -> int:
    try:
        from desktop.cli import main as cli_main

        return cli_main()
    except ModuleNotFoundError as exc:
        if (exc.name or "desktop").startswith("desktop"):
            raise  # our own module missing: a broken install, worth its traceback
        # A Python without Termijn's dependencies, e.g. the system's instead of the project's.
        print(
            f"error: {sys.executable} lacks Termijn's dependencies (no module {exc.name!r}). "
            "In the project folder run `make venv`, then `. .venv/bin/activate` (or call "
            ".venv/bin/termijn directly).",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
