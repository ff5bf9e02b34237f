"""The SQLite file format as the checks read it: header, size, write-ahead log; layouts compared.

Everything here only reads. `checks.check_file` runs these before any connection that could
write (even setting the journal mode writes), so a file that fails is left byte for byte.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import N_, _
from desktop.store.engine import Shape

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_FRAME_HEADER = 24
_KINDS = {
    "table": N_("database table"),
    "view": N_("database view"),
    "trigger": N_("database trigger"),
}
_SHOWN = 3  # names listed in a layout message before "and N more"
_NAME_CHARS = 40  # a hostile file may name a table with a megabyte of text


@dataclass(frozen=True)
class Header:
    """The fields of the 100-byte SQLite header these checks need."""

    page_size: int
    pages: int | None  # the in-header page count; None where the writer did not keep it
    application_id: int


def read_header(data: bytes) -> Header | None:
    """The header of an SQLite file, or None if `data` does not start like one."""
    if len(data) < HEADER_SIZE or not data.startswith(SQLITE_HEADER):
        return None
    (raw_size,) = struct.unpack_from(">H", data, 16)
    page_size = 65536 if raw_size == 1 else raw_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return None
    change_counter, pages = struct.unpack_from(">II", data, 24)
    (valid_for,) = struct.unpack_from(">I", data, 92)
    (application_id,) = struct.unpack_from(">i", data, 68)
    # SQLite trusts the in-header size only when "version-valid-for" equals the change counter
    # (writers before 3.7.0 did not keep it); so do we.
    valid = pages if pages and valid_for == change_counter else None
    return Header(page_size, valid, application_id)


def wal_pages(wal: Path, page_size: int) -> set[int] | None:
    """Pages the write-ahead log holds (frames of its current generation), or None if it has none.

    An absent, empty or foreign log holds nothing SQLite would read. Checksums are left to
    SQLite; the salts tell this generation's frames from an older one's.
    """
    try:
        with wal.open("rb") as handle:
            head = handle.read(_WAL_HEADER)
            if len(head) < _WAL_HEADER:
                return None
            magic, _version, size, _seq, salt1, salt2 = struct.unpack_from(">6I", head)
            if magic not in _WAL_MAGIC or size != page_size:
                return None
            pages: set[int] = set()
            while True:
                frame = handle.read(_FRAME_HEADER)
                if len(frame) < _FRAME_HEADER:
                    break
                page, _commit, fsalt1, fsalt2 = struct.unpack_from(">4I", frame)
                if (fsalt1, fsalt2) != (salt1, salt2):
                    break
                pages.add(page)
                handle.seek(page_size, 1)
    except OSError:
        return None
    return pages or None


def size_problem(file_size: int, header: Header, wal: set[int] | None, page_count: int) -> str:
    """Why the file's size does not fit its header, or "" if it does.

    `page_count` is SQLite's own count in one read snapshot (the header's, or the log's). Without
    a log the file must be exactly that many pages long: a copy cut short reads as zeros in
    SQLite, and quick_check can pass over a zeroed row. With a log, every page past the end of
    the file must be in it.
    """
    size = header.page_size
    if file_size % size:
        return _(
            "the file is {size} bytes, not a whole number of {page}-byte pages: it was cut short "
            "or added to"
        ).format(size=file_size, page=size)
    if wal is None:
        expected = page_count * size
        if file_size != expected:
            return _("the file is {size} bytes but its header says {expected}").format(
                size=file_size, expected=expected
            )
        return ""
    missing = [p for p in range(file_size // size + 1, page_count + 1) if p not in wal]
    if missing:
        return _(
            "the file is {size} bytes and its write-ahead log lacks page {page}: it was cut short"
        ).format(size=file_size, page=missing[0])
    return ""


def _name(text: str) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text[:_NAME_CHARS])
    return shown + ("…" if len(text) > _NAME_CHARS else "")


def _listed(what: str, names: Iterable[str]) -> str:
    items = sorted(names)
    shown = ", ".join(_name(n) for n in items[:_SHOWN])
    more = " " + _("and {n} more").format(n=len(items) - _SHOWN) if len(items) > _SHOWN else ""
    return f"{what} {shown}{more}"


def layout_problem(found: Shape, expected: Shape, *, exact: bool) -> str:
    """What differs between the file's layout and its version's, or "" if nothing does.

    `exact=False` (a newer minor version) allows additions: newer minors only add.
    """
    problems = []
    missing = [n for n in expected if n not in found]
    if missing:
        problems.append(_listed(_("missing table"), missing))
    extra = [n for n in found if n not in expected]
    if exact and extra:
        kinds = {found[n][0] for n in extra}
        named = "/".join(sorted(_(_KINDS.get(kind, kind)) for kind in kinds))
        problems.append(_listed(_("unexpected {kinds}").format(kinds=named), extra))
    for name, (kind, cols) in sorted(expected.items()):
        if name not in found:
            continue
        found_kind, found_cols = found[name]
        if found_kind != kind:
            problems.append(
                _("{name} is a {found}, not a {expected}").format(
                    name=_name(name),
                    found=_(_KINDS.get(found_kind, found_kind)),
                    expected=_(_KINDS.get(kind, kind)),
                )
            )
            continue
        if cols - found_cols:
            problems.append(
                _listed(_("{table}: missing column").format(table=name), cols - found_cols)
            )
        if exact and found_cols - cols:
            problems.append(
                _listed(_("{table}: unexpected column").format(table=name), found_cols - cols)
            )
    return "; ".join(problems)
