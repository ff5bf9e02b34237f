"""A case out of the store into a bundle, and a bundle's case into the store (new or merged)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.casefile import CaseFile
from desktop.core.errors import CaseInputError
from desktop.privacy.bundle import Bundle, BundleError, Contents, Document
from desktop.privacy.merge import merge_case
from desktop.store import codec
from desktop.store.repository import CaseRepository
from desktop.store.search import fold
from desktop.store.transfer import parse_record

_NOT_ALNUM = re.compile(r"[\W_]+")


def case_contents(
    repo: CaseRepository,
    case_id: int,
    *,
    attach: Sequence[Path] = (),
    documents_dir: Path | None = None,
) -> Contents:
    """What a bundle of case `case_id` holds: its JSON, the files attached, and its documents.

    The store keeps a document's name and sha256, not the file; a recorded document goes in
    when a file of that name in `documents_dir` has the recorded sum, and is listed as missing
    otherwise (so the recipient knows it exists).

    Raises:
        KeyError: no such case. OSError: an attached file cannot be read.
    """
    stored = repo.get(case_id)
    by_index = {
        stored.event_ids.index(event_id): proof for event_id, proof in stored.notice_proofs.items()
    }
    case = codec.case_json(stored.case_file, by_index)
    documents = [Document(name=path.name, data=path.read_bytes()) for path in attach]
    missing: list[dict[str, str]] = []
    attached = {hashlib.sha256(d.data).hexdigest() for d in documents}
    for record in repo.documents(case_id):
        if record.sha256 in attached:
            continue
        found = _find_document(documents_dir, record.file_name, record.sha256)
        entry = {
            "kind": record.kind,
            "language": record.language,
            "created": record.created.isoformat(timespec="seconds"),
        }
        if found is None:
            missing.append(
                entry | {"name": record.file_name, "sha256": record.sha256, "reason": "not found"}
            )
        else:
            documents.append(Document(name=record.file_name, data=found, **entry))
            attached.add(record.sha256)
    return Contents(case=case, documents=documents, missing=missing)


def _find_document(folder: Path | None, name: str, digest: str) -> bytes | None:
    if folder is None or not name or Path(name).name != name:
        return None
    try:
        data = (folder / name).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


def parse_bundle_case(bundle: Bundle) -> tuple[CaseFile, dict[int, Any]]:
    """The bundle's case, validated like any imported case (BundleError names the field)."""
    try:
        return parse_record(bundle.case, 0)
    except CaseInputError as exc:
        raise BundleError(f"case.json is not a valid case: {exc}") from None


@dataclass(frozen=True, slots=True)
class Match:
    case_id: int
    why: str  # "same reference", "same V-number", "same name and procedure"


def _v_digits(text: str) -> str:
    return _NOT_ALNUM.sub("", text).casefold().removeprefix("v")


def same_cases(repo: CaseRepository, case_file: CaseFile) -> list[Match]:
    """Cases Termijn holds (bin included) that look like the bundle's: the user must choose."""
    name = fold(case_file.applicant.name)
    v_number = case_file.v_number
    masked = "*" in v_number
    tail = _v_digits(v_number.replace("*", ""))[-4:] if masked else _v_digits(v_number)
    found: dict[int, str] = {}
    with repo.db.reading() as conn:
        rows = conn.execute(
            "SELECT id, reference, v_number, name_key, procedure FROM case_file ORDER BY id"
        ).fetchall()
    for case_id, reference, stored_v, name_key, procedure in rows:
        digits = _v_digits(stored_v or "")
        if case_file.reference and reference == case_file.reference:
            found.setdefault(case_id, "same reference")
        elif tail and digits and (digits.endswith(tail) if masked else digits == tail):
            if not masked or (name and name_key == name):
                found.setdefault(case_id, "same V-number")
        elif name and name_key == name and procedure == case_file.case.procedure.value:
            found.setdefault(case_id, "same name and procedure")
    return [Match(case_id, why) for case_id, why in found.items()]


@dataclass(frozen=True, slots=True)
class Imported:
    case_id: int
    merged: bool
    documents: tuple[Document, ...]  # recorded in the case's documents list


def import_bundle(
    repo: CaseRepository,
    bundle: Bundle,
    *,
    merge_into: int | None = None,
    as_new: bool = False,
) -> Imported:
    """Add the bundle's case as a new case, or merge it into case `merge_into`.

    Never silently: if Termijn holds a case that looks the same and neither is chosen, it
    refuses (the caller asks the user and calls again).

    Raises:
        BundleError: the case is not valid, or the same case exists and no choice was made.
        KeyError: `merge_into` is no case.
    """
    case_file, proofs = parse_bundle_case(bundle)
    if merge_into is None and not as_new:
        matches = same_cases(repo, case_file)
        if matches:
            shown = ", ".join(f"case {m.case_id} ({m.why})" for m in matches[:5])
            raise BundleError(f"Termijn already has this case: {shown}; choose merge or new")
    if merge_into is not None:
        stored = repo.get(merge_into, include_deleted=True)
        by_index = {stored.event_ids.index(e): p for e, p in stored.notice_proofs.items()}
        merged = merge_case(codec.case_json(stored.case_file, by_index), bundle.case, bundle.masked)
        try:
            merged_file, merged_proofs = parse_record(merged, 0)
        except CaseInputError as exc:
            raise BundleError(f"the merged case is not valid: {exc}") from None
        if stored.deleted:
            repo.undelete(merge_into)
        case_id = repo.save(merged_file, merge_into, notice_proofs=merged_proofs)
    else:
        case_id = repo.save(case_file, notice_proofs=proofs)
    _record(repo, case_id, bundle.documents)
    return Imported(case_id, merge_into is not None, bundle.documents)


def _record(repo: CaseRepository, case_id: int, documents: Iterable[Document]) -> None:
    known = {d.sha256 for d in repo.documents(case_id)}
    for document in documents:
        digest = hashlib.sha256(document.data).hexdigest()
        if digest not in known:
            repo.record_document(
                case_id,
                document.kind or "received",
                document.language or "",
                document.data,
                document.name,
            )
            known.add(digest)


def save_documents(documents: Iterable[Document], folder: Path) -> list[Path]:
    """Write the documents into `folder` (owner-only), never over an existing file."""
    from desktop.paths import make_private_dir

    make_private_dir(folder)
    written = []
    for document in documents:
        target = folder / document.name
        n = 1
        while True:
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                n += 1
                stem, dot, ext = document.name.rpartition(".")
                target = folder / (f"{stem} ({n}).{ext}" if dot else f"{document.name} ({n})")
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(document.data)
            written.append(target)
            break
    return written
