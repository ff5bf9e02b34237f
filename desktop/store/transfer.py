"""Import and export of case files as JSON: validate everything first, then all or nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.casefile import CaseFile, parse_case_file
from desktop.core.errors import CaseInputError
from desktop.core.jsontext import JsonTextError, load_json_file
from desktop.core.limits import check_text
from desktop.core.parse import parse_date
from desktop.store import codec
from desktop.store.damage import UnreadableCaseError
from desktop.store.duplicates import split_duplicates
from desktop.store.records import NoticeProof
from desktop.store.repository import CaseRepository

MAX_REPORTED = 50  # problems listed before "and N more"


class ImportFileError(ValueError):
    """The file cannot be imported; `problems` names each bad record and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:MAX_REPORTED]
        more = len(self.problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more else "")
        super().__init__(f"nothing imported, {len(self.problems)} problem(s): {text}")


def _proof(data: object, where: str) -> NoticeProof:
    if not isinstance(data, Mapping):
        raise CaseInputError(None, where, "expected an object")
    texts = {}
    for key in ("tracking_number", "fax_report"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise CaseInputError(None, f"{where}.{key}", "expected text")
        # Limited like every other text: a proof prints on the Notice's file copy.
        texts[key] = check_text(value or "", f"{where}.{key}", key)
    days = {}
    for key in ("posted", "delivered"):
        value = data.get(key)
        days[key] = None if value is None else parse_date(value, f"{where}.{key}")
    return NoticeProof(posted=days["posted"], delivered=days["delivered"], **texts)


def parse_record(data: object, index: int) -> tuple[CaseFile, dict[int, NoticeProof]]:
    """One exported case object: the case file and its notices' proofs (keyed by event index)."""
    case_file = parse_case_file(data, index)
    proofs: dict[int, NoticeProof] = {}
    assert isinstance(data, Mapping)
    for i, event in enumerate(data.get("events") or []):
        if isinstance(event, Mapping) and event.get("proof") is not None:
            where = f"events[{i}].proof"
            if event.get("type") != "notice":
                raise CaseInputError(index, where, "only a notice has a proof of receipt")
            try:
                proofs[i] = _proof(event["proof"], where)
            except CaseInputError as exc:
                raise exc.with_index(index) from None
    return case_file, proofs


def read_records(data: object) -> list[tuple[CaseFile, dict[int, NoticeProof]]]:
    """Validate a parsed export (a case object or a list); ImportFileError names every bad one."""
    records = data if isinstance(data, list) else [data]
    parsed: list[tuple[CaseFile, dict[int, NoticeProof]]] = []
    problems: list[str] = []
    for index, record in enumerate(records):
        try:
            parsed.append(parse_record(record, index))
        except CaseInputError as exc:
            problems.append(str(exc))
    if problems:
        raise ImportFileError(problems)
    return parsed


def read_file(path: Path) -> list[tuple[CaseFile, dict[int, NoticeProof]]]:
    """Read and validate an export file through the one JSON boundary (`desktop.core.jsontext`).

    Size, encoding, nesting, long numbers, duplicate keys and lone surrogates are refused with
    the CLI's words, as an ImportFileError naming the file; a file that cannot be opened stays
    an OSError (the caller knows the path; the disk said why).
    """
    try:
        data = load_json_file(path)
    except JsonTextError as exc:
        raise ImportFileError([f"{path.name}: {exc}"]) from None
    except CaseInputError as exc:
        raise ImportFileError([str(exc)]) from None
    return read_records(data)


def import_file(repo: CaseRepository, path: Path) -> list[int]:
    """Import every case of `path` in one transaction, or none; returns the new ids."""
    records = read_file(path)
    return repo.save_many([cf for cf, _ in records], [proofs for _, proofs in records])


@dataclass(frozen=True, slots=True)
class ImportReport:
    ids: list[int]  # the cases added
    skipped: int  # cases the store (or the file itself, earlier) already had


def import_new(repo: CaseRepository, path: Path) -> ImportReport:
    """Like `import_file`, but a case Termijn already has (see `duplicates`) is skipped."""
    records = read_file(path)
    new, known = split_duplicates(repo, (cf for cf, _ in records))
    kept = [records[i] for i in new]
    ids = repo.save_many([cf for cf, _ in kept], [proofs for _, proofs in kept]) if kept else []
    return ImportReport(ids, len(known))


def export_records(
    repo: CaseRepository,
    ids: Sequence[int] | None = None,
    *,
    unreadable: list[UnreadableCaseError] | None = None,
) -> list[dict[str, Any]]:
    """The export objects of the given cases (default: every case not in the bin), by id.

    A case that cannot be read raises UnreadableCaseError; with a list `unreadable`, it is left
    out and added there instead (the caller decides whether a partial export is wanted).
    """
    if ids is None:
        with repo.db.reading() as conn:
            rows = conn.execute("SELECT id FROM case_file WHERE deleted = 0 ORDER BY id")
            ids = [int(row[0]) for row in rows]
    out = []
    for case_id in ids:
        try:
            stored = repo.get(case_id)
        except UnreadableCaseError as exc:
            if unreadable is None:
                raise
            unreadable.append(exc)
            continue
        by_index = {
            stored.event_ids.index(event_id): proof
            for event_id, proof in stored.notice_proofs.items()
        }
        out.append(codec.case_json(stored.case_file, by_index))
    return out


def write_json(path: Path, data: object) -> None:
    """Write atomically and owner-only: the file holds personal data."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
