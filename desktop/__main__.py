"""`python -m desktop`: subcommands go to the CLI, no arguments start the window."""

import sys


def main() -> int:
    from desktop.cli import SUBCOMMANDS

    args = sys.argv[1:]
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help", "--version")):
        from desktop.cli import main as cli_main

        return cli_main(args)
    from desktop.app import main as app_main  # imported lazily: the CLI needs no display

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
