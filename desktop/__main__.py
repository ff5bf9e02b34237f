"""`python -m desktop`: the same command line as `termijn` (the window is `termijn-gui`)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
