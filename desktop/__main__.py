"""`python -m desktop`: subcommands go to the CLI, no subcommand starts the window."""

import sys


def first_command(args: list[str]) -> str | None:
    """The first word that is not an option (nor the value of `--data-dir`)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--data-dir":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> int:
    from desktop.cli import SUBCOMMANDS

    args = sys.argv[1:]
    if first_command(args) in SUBCOMMANDS or any(a in ("-h", "--help", "--version") for a in args):
        from desktop.cli import main as cli_main

        return cli_main(args)
    from desktop.app import main as app_main  # imported lazily: the CLI needs no display

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
