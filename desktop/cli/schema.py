"""`termijn schema`: print the JSON Schema of a case file (docs/case-format.md explains it)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.core.schema import case_file_schema


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a case file",
        description="Print the JSON Schema (draft 2020-12) that the files of compute, notice, "
        "checklist and cases import follow. docs/case-format.md explains every field, with "
        "an example for each procedure and event type.",
    )
    parser.set_defaults(func=run)


def run(_args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(case_file_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0
