"""Hand-over bundles: one case's JSON, its documents and a manifest of sha256 sums, in one zip.

Layout of a `.termijn` file (a zip, or that zip sealed to a passphrase, see `sealed.py`):

    manifest.json      format, version, when, redaction (left out, masked), documents, and the
                       name, size and sha256 of every other member
    case.json          the case in Termijn's case format (docs/case-format.md)
    documents/NAME     the documents that go with it (Notices, proofs), as they were

Reading checks everything before anything is used: the zip's members are exactly the manifest's
files, each with its size and sum; a changed, added or missing member refuses the whole bundle.
The sums catch a damaged or edited file; a sealed bundle also proves nobody changed it on the way
(GCM), which sums alone cannot.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop.core.errors import CaseInputError
from desktop.core.jsontext import JsonTextError, load_json
from desktop.privacy import sealed
from desktop.privacy.redact import redact

FORMAT = "termijn-bundle"
VERSION = 1
SUFFIX = ".termijn"
CASE = "case.json"
MANIFEST = "manifest.json"
DOCUMENTS = "documents/"
SEAL_CONTENT = "bundle"
# Bounds on what a bundle may hold, checked before a member is read (a zip bomb stops there).
MAX_BUNDLE_BYTES = 512 << 20
MAX_MEMBER_BYTES = 256 << 20
MAX_TOTAL_BYTES = 768 << 20
MAX_MEMBERS = 500
MAX_MANIFEST_BYTES = 4 << 20
_SAFE = re.compile(r"[^\w.\- ()]+")


class BundleError(ValueError):
    """The bundle cannot be used; the message says what is wrong with it."""


@dataclass(frozen=True, slots=True)
class Document:
    """A file handed over with the case, and what the store recorded about it (if anything)."""

    name: str
    data: bytes
    kind: str = ""
    language: str = ""
    created: str = ""  # ISO 8601, when the store recorded it


@dataclass(frozen=True, slots=True)
class Bundle:
    case: dict[str, Any]
    documents: tuple[Document, ...]
    manifest: dict[str, Any]
    sealed: bool = False

    @property
    def redacted(self) -> bool:
        return bool(self.manifest.get("redacted"))

    @property
    def left_out(self) -> list[str]:
        return [str(p) for p in self.manifest.get("left_out", [])]

    @property
    def masked(self) -> list[str]:
        return [str(p) for p in self.manifest.get("masked", [])]


@dataclass(frozen=True, slots=True)
class Contents:
    """What goes into a bundle: the case object (export form) and its documents."""

    case: Mapping[str, Any]
    documents: Sequence[Document] = ()
    # Documents the store knows of that are not in the bundle (not found, or redacted away).
    missing: Sequence[Mapping[str, str]] = field(default=())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """A file name without folders or characters other systems refuse, never empty."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE.sub("_", base).strip(" .")
    return cleaned[:120] or "document"


def _unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            stem, dot, ext = name.rpartition(".")
            candidate = f"{stem} ({n}).{ext}" if dot else f"{name} ({n})"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def build(
    contents: Contents,
    *,
    redacted: bool = False,
    keep: Iterable[str] = (),
    passphrase: str | None = None,
    now: datetime | None = None,
    cost: sealed.Cost | None = None,
) -> bytes:
    """The bytes of a bundle file; redacted by the allow-list when `redacted`.

    A redacted bundle carries no documents: a PDF cannot be redacted field by field, so every
    document is listed as left out (the recipient knows it exists).
    """
    case: Mapping[str, Any] = contents.case
    left: list[str] = []
    masked: list[str] = []
    documents = list(contents.documents)
    missing = [dict(m) for m in contents.missing]
    if redacted:
        result = redact(case, keep)
        case, left, masked = result.data, list(result.left_out), list(result.masked)
        missing += [_record(d) | {"reason": "redacted"} for d in documents]
        documents = []
    case_bytes = (json.dumps(case, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    names = _unique(safe_name(d.name) for d in documents)
    members = [(CASE, case_bytes)] + [
        (DOCUMENTS + name, d.data) for name, d in zip(names, documents, strict=True)
    ]
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "redacted": redacted,
        "left_out": left,
        "masked": masked,
        "documents": [
            _record(d) | {"file": DOCUMENTS + name}
            for name, d in zip(names, documents, strict=True)
        ]
        + missing,
        "files": [{"name": n, "size": len(b), "sha256": _digest(b)} for n, b in members],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        for name, data in members:
            archive.writestr(name, data)
    data = buffer.getvalue()
    if passphrase:
        return sealed.seal(data, passphrase, content=SEAL_CONTENT, cost=cost)
    return data


def _record(document: Document) -> dict[str, str]:
    return {
        "name": safe_name(document.name),
        "kind": document.kind,
        "language": document.language,
        "created": document.created,
        "sha256": _digest(document.data),
    }


def needs_passphrase(data: bytes) -> bool:
    return sealed.is_sealed(data)


def read(data: bytes, passphrase: str | None = None) -> Bundle:
    """Open and verify a bundle's bytes; BundleError says why one cannot be used.

    The case JSON is returned as parsed JSON; the caller validates it as a case (the same
    parser as every other input).
    """
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(f"larger than {MAX_BUNDLE_BYTES >> 20} MiB: not a Termijn bundle")
    was_sealed = sealed.is_sealed(data)
    if was_sealed:
        if not passphrase:
            raise BundleError("the bundle is encrypted: its passphrase is needed")
        try:
            data = sealed.unseal(data, passphrase, content=SEAL_CONTENT)
        except sealed.SealError as exc:
            raise BundleError(str(exc)) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_archive(archive, was_sealed)
    except zipfile.BadZipFile:
        raise BundleError("not a Termijn bundle (not a zip file), or damaged") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        raise BundleError(f"the bundle cannot be read: {exc}") from None


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise BundleError(f"{info.filename} is larger than {limit >> 20} MiB")
    with archive.open(info) as handle:
        data = handle.read(limit + 1)  # the size in the header may lie; the data cannot
    if len(data) > limit:
        raise BundleError(f"{info.filename} is larger than {limit >> 20} MiB")
    return data


def _read_archive(archive: zipfile.ZipFile, was_sealed: bool) -> Bundle:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BundleError(f"more than {MAX_MEMBERS} files in it: not a Termijn bundle")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise BundleError("a file name appears twice in it: it was changed after it was made")
    by_name = {i.filename: i for i in infos}
    if MANIFEST not in by_name:
        raise BundleError("no manifest.json: not a Termijn bundle")
    try:
        manifest = json.loads(_member(archive, by_name[MANIFEST], MAX_MANIFEST_BYTES))
    except (UnicodeDecodeError, ValueError):
        raise BundleError("its manifest is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError("its manifest is not a Termijn bundle's")
    if manifest.get("version") != VERSION:
        raise BundleError(
            f"bundle format {manifest.get('version')!r}; this Termijn reads format {VERSION}"
        )
    listed = _listed_files(manifest)
    extra = sorted(set(by_name) - set(listed) - {MANIFEST})
    absent = sorted(set(listed) - set(by_name))
    if extra or absent:
        what = "; ".join(
            p
            for p in (
                f"not in its manifest: {', '.join(extra)}" if extra else "",
                f"missing: {', '.join(absent)}" if absent else "",
            )
            if p
        )
        raise BundleError(f"its files do not match its manifest ({what}): refused")
    if CASE not in listed:
        raise BundleError("no case.json in its manifest: not a Termijn bundle")
    total = 0
    contents: dict[str, bytes] = {}
    for name, (size, digest) in listed.items():
        data = _member(archive, by_name[name], MAX_MEMBER_BYTES)
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise BundleError(f"more than {MAX_TOTAL_BYTES >> 20} MiB in all")
        if len(data) != size or _digest(data) != digest:
            raise BundleError(f"{name} was changed after the bundle was made (its sum differs)")
        contents[name] = data
    try:
        # The same input boundary as every case read: size, UTF-8, depth, numbers, surrogates.
        case = load_json(contents[CASE])
    except (JsonTextError, CaseInputError) as exc:
        raise BundleError(f"case.json: {exc}") from None
    if not isinstance(case, dict):
        raise BundleError("case.json holds no case object")
    documents = []
    for record in manifest.get("documents") or []:
        if isinstance(record, dict) and isinstance(record.get("file"), str):
            name = record["file"]
            if name not in contents or not name.startswith(DOCUMENTS):
                raise BundleError(f"its manifest names a document it does not hold: {name}")
            documents.append(
                Document(
                    name=safe_name(name.removeprefix(DOCUMENTS)),
                    data=contents[name],
                    kind=str(record.get("kind") or ""),
                    language=str(record.get("language") or ""),
                    created=str(record.get("created") or ""),
                )
            )
    return Bundle(case, tuple(documents), manifest, was_sealed)


def _listed_files(manifest: Mapping[str, Any]) -> dict[str, tuple[int, str]]:
    files = manifest.get("files")
    if not isinstance(files, list):
        raise BundleError("its manifest lists no files")
    listed: dict[str, tuple[int, str]] = {}
    for entry in files:
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
        ):
            raise BundleError("its manifest has a damaged file entry")
        name = entry["name"]
        document = name.removeprefix(DOCUMENTS)
        if name != CASE and not (name.startswith(DOCUMENTS) and safe_name(document) == document):
            raise BundleError(f"its manifest names a file Termijn does not write: {name[:80]}")
        if name in listed:
            raise BundleError(f"its manifest lists {name} twice")
        listed[name] = (entry["size"], entry["sha256"].lower())
    return listed
