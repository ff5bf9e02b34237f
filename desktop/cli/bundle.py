"""`termijn bundle export|import|show`: hand one case over safely, and take one in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli import UsageError
from desktop.cli.cases import repository, storage_errors
from desktop.cli.input import read_file
from desktop.cli.passphrase import BUNDLE_ENV, ask, ask_new
from desktop.privacy import bundle
from desktop.privacy.handover import (
    case_contents,
    import_bundle,
    parse_bundle_case,
    same_cases,
    save_documents,
)
from desktop.privacy.redact import OPTIONAL
from desktop.privacy.safe_write import write_private


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bundle", help="hand a case over as one file (.termijn), or take one in"
    )
    commands = parser.add_subparsers(dest="bundle_command", required=True, metavar="ACTION")

    exporting = commands.add_parser(
        "export",
        help="write one case, its documents and a manifest of sums into a .termijn file",
        description="One case into one file for a lawyer or colleague: the case's JSON, its "
        "documents and a manifest with the sha256 of each. --redact hands over only the fields "
        "on an allow-list (V-numbers masked but for the last 4 characters; notes, tags, dates "
        "of birth, addresses and an appointment's excuse left out) and lists what was left "
        "out. --encrypt seals the file to a passphrase (asked on the terminal, or the first "
        f"line of the file named by {BUNDLE_ENV}); give it to the recipient another way.",
    )
    exporting.add_argument("--case", type=int, required=True, metavar="ID")
    exporting.add_argument("--redact", action="store_true", help="only allow-listed fields")
    exporting.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="FIELD",
        choices=OPTIONAL,
        help=f"with --redact, hand this field over after all (one of: {', '.join(OPTIONAL)})",
    )
    exporting.add_argument(
        "--attach", action="append", default=[], metavar="FILE", help="a file to include"
    )
    exporting.add_argument(
        "--documents",
        metavar="DIR",
        help="where the case's generated documents were saved (each is checked by its sha256)",
    )
    exporting.add_argument("--encrypt", action="store_true", help="seal it to a passphrase")
    exporting.add_argument("-o", "--output", required=True, metavar="FILE.termijn")
    exporting.set_defaults(func=run_export)

    importing = commands.add_parser(
        "import",
        help="add the case of a .termijn file (checked first), as a new case or merged",
        description="Checks every sum first: a changed bundle is refused whole. If Termijn "
        "already has the case, nothing is written until you choose: --merge ID adds what the "
        "bundle brings to that case (nothing stored is lost or replaced by a masked value), "
        "--as-new adds it beside it.",
    )
    importing.add_argument("file", metavar="FILE.termijn")
    choice = importing.add_mutually_exclusive_group()
    choice.add_argument("--merge", type=int, metavar="ID", help="merge into this case")
    choice.add_argument("--as-new", action="store_true", help="add it as a new case")
    importing.add_argument(
        "--documents-to", metavar="DIR", help="save the bundle's documents into this folder"
    )
    importing.set_defaults(func=run_import)

    showing = commands.add_parser(
        "show", help="check a .termijn file and list what it holds and what was left out"
    )
    showing.add_argument("file", metavar="FILE.termijn")
    showing.set_defaults(func=run_show)


def _write(path: Path, data: bytes) -> None:
    """Atomically, owner-only (the file holds personal data); never half a bundle."""
    try:
        write_private(path, data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


@storage_errors
def run_export(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if args.keep and not args.redact:
        raise UsageError("--keep only means something with --redact")
    attach = [Path(a) for a in args.attach]
    for path in attach:
        if not path.is_file():
            raise UsageError(f"--attach {path}: no such file")
    documents = Path(args.documents) if args.documents else None
    if documents is not None and not documents.is_dir():
        raise UsageError(f"--documents {documents}: no such folder")
    passphrase = ask_new("the bundle", BUNDLE_ENV) if args.encrypt else None
    with repository(args) as repo:
        try:
            contents = case_contents(repo, args.case, attach=attach, documents_dir=documents)
        except KeyError:
            raise UsageError(f"--case {args.case}: no such case") from None
        except OSError as exc:
            raise UsageError(f"cannot read an attached file: {exc}") from None
    data = bundle.build(contents, redacted=args.redact, keep=args.keep, passphrase=passphrase)
    _write(output, data)
    included = len(contents.documents) if not args.redact else 0
    print(
        f"wrote {output}: case {args.case}"
        + (", redacted" if args.redact else "")
        + f", {included} document(s)"
        + (", encrypted" if passphrase else "")
    )
    if not passphrase:
        print(
            f"note: {output} is not encrypted: anyone who gets it can read it (--encrypt seals it)",
            file=sys.stderr,
        )
    return 0


def _open(path: Path) -> bundle.Bundle:
    data = read_file(str(path), bundle.MAX_BUNDLE_BYTES, "Termijn bundle")
    passphrase = (
        ask(f"Passphrase of {path.name}: ", BUNDLE_ENV) if bundle.needs_passphrase(data) else None
    )
    try:
        return bundle.read(data, passphrase)
    except bundle.BundleError as exc:
        raise UsageError(f"{path}: {exc}") from None


def run_show(args: argparse.Namespace) -> int:
    path = Path(args.file)
    found = _open(path)
    try:
        case_file, _ = parse_bundle_case(found)
    except bundle.BundleError as exc:
        raise UsageError(f"{path}: {exc}") from None
    manifest = found.manifest
    print(f"{path}: a Termijn bundle made {manifest.get('created')}; every sum checks out")
    print(f"case: {case_file.reference or '(no reference)'}, {case_file.case.procedure.value}")
    print("encrypted: " + ("yes" if found.sealed else "no"))
    print("redacted: " + ("yes" if found.redacted else "no"))
    if found.left_out:
        print("left out: " + ", ".join(found.left_out))
    if found.masked:
        print("masked: " + ", ".join(found.masked))
    for record in manifest.get("documents") or []:
        if isinstance(record, dict):
            state = "included" if record.get("file") else f"not included ({record.get('reason')})"
            print(f"document: {record.get('name')} ({record.get('kind') or 'file'}): {state}")
    return 0


@storage_errors
def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    found = _open(path)
    target = Path(args.documents_to) if args.documents_to else None
    with repository(args) as repo:
        try:
            case_file, _ = parse_bundle_case(found)
            if args.merge is None and not args.as_new:
                matches = same_cases(repo, case_file)
                if matches:
                    shown = "; ".join(f"case {m.case_id} ({m.why})" for m in matches[:3])
                    raise UsageError(
                        f"{path}: Termijn already has this case: {shown}. Nothing was imported: "
                        f"add --merge {matches[0].case_id} or --as-new"
                    )
            done = import_bundle(repo, found, merge_into=args.merge, as_new=args.as_new)
        except bundle.BundleError as exc:
            raise UsageError(f"{path}: {exc}") from None
        except KeyError:
            raise UsageError(f"--merge {args.merge}: no such case") from None
    how = "merged into" if done.merged else "imported as"
    print(f"{how} case {done.case_id}" + (" (redacted bundle)" if found.redacted else ""))
    if target is not None and done.documents:
        try:
            for written in save_documents(done.documents, target):
                print(f"document saved: {written}")
        except OSError as exc:
            raise UsageError(f"cannot save the documents in {target}: {exc}") from None
    elif done.documents:
        print(f"{len(done.documents)} document(s) recorded; --documents-to DIR saves them")
    return 0
