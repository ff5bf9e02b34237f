"""Entry script of the frozen app: `termijn-gui` opens the window, `termijn` is the command line."""

import sys
from pathlib import Path


def main() -> int:
    # Both executables freeze this one script; the name tells them apart (termijn-gui[.exe]).
    if Path(sys.executable).stem.endswith("-gui"):
        from desktop.app import main as window

        return window()
    from desktop.cli import main as command_line

    return command_line()


if __name__ == "__main__":
    sys.exit(main())
