"""The right to erasure: a person's cases, events, documents and audit rows go, for good.

Where the person is the applicant, the whole case goes (its events, document records, audit
rows and calendar rows with it: ON DELETE CASCADE). Where they are someone else's co-applicant,
family member, sponsor or representative, they are taken out of that case, and their name and
V-number are scrubbed from its notes and audit rows (the rest of that case stays). SQLite's
`secure_delete` overwrites the freed space and a checkpoint empties the write-ahead log, so the
plain file keeps no copy either. The erasure is logged without the name (when, how many cases).

Backups made before the erasure still hold the person: `backups_holding` lists them with the
day they age out, and `purge_backups` removes them on request.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.casefile import CaseFile
from desktop.privacy.person import Appearance, Role, Subject, find, roles_in, v_key
from desktop.store import codec, engine
from desktop.store.backup import KEEP_DAILY, backups_newest_first
from desktop.store.repository import CaseRepository
from desktop.store.search import fold

log = logging.getLogger("termijn.privacy")

ERASED = "[erased]"
LOG_SETTING = "privacy.erasures"  # JSON list of what was erased when, without names
_DAILY_NAME = len("termijn-YYYY-MM-DD.sqlite")


@dataclass(frozen=True, slots=True)
class Plan:
    """What erasing a person takes away: shown to the user before anything is done."""

    subject: Subject
    appearances: tuple[Appearance, ...]

    @property
    def whole_cases(self) -> list[int]:
        """Cases the person is the applicant of: erased whole."""
        return sorted({a.case_id for a in self.appearances if a.role is Role.APPLICANT})

    @property
    def removed_from(self) -> list[Appearance]:
        """Other people's cases the person is taken out of."""
        whole = set(self.whole_cases)
        return [a for a in self.appearances if a.case_id not in whole]

    @property
    def empty(self) -> bool:
        return not self.appearances


def plan(repo: CaseRepository, subject: Subject) -> Plan:
    return Plan(subject, tuple(find(repo, subject)))


@dataclass(frozen=True, slots=True)
class Done:
    cases_erased: int
    removed_from: int
    audit_rows_scrubbed: int


def _without(case_file: CaseFile, subject: Subject) -> CaseFile:
    """The case without the person in any role but applicant (their own cases go whole)."""
    drop = {(role, i) for role, i in roles_in(case_file, subject)}
    extra = case_file.particulars
    sponsor = None if (Role.SPONSOR, 0) in drop else extra.sponsor
    family = tuple(
        m for i, m in enumerate(extra.family_members) if (Role.FAMILY_MEMBER, i) not in drop
    )
    return replace(
        case_file,
        co_applicants=tuple(
            p for i, p in enumerate(case_file.co_applicants) if (Role.CO_APPLICANT, i) not in drop
        ),
        representative=None if (Role.REPRESENTATIVE, 0) in drop else case_file.representative,
        particulars=replace(extra, sponsor=sponsor, family_members=family),
        notes=scrub_text(case_file.notes, subject),
    )


def scrub_text(text: str, subject: Subject) -> str:
    """`text` with the person's name and V-number replaced by ERASED (accents and case ignored)."""
    if not text:
        return text
    out = text
    for ident in subject.identifiers():
        out = _replace_folded(out, ident)
    return out


def _replace_folded(text: str, ident: str) -> str:
    """Replace every occurrence of `ident` in `text`, comparing folded (per character)."""
    target = fold(ident).replace(" ", "")
    if not target:
        return text
    # Fold character by character so positions map back to the original text.
    chars = [(i, fold(ch).replace(" ", "")) for i, ch in enumerate(text)]
    folded = "".join(f for _, f in chars)
    starts = []
    pos = 0
    owner = []
    for i, f in chars:
        owner += [i] * len(f)
    while True:
        at = folded.find(target, pos)
        if at < 0:
            break
        starts.append((owner[at], owner[at + len(target) - 1] + 1))
        pos = at + len(target)
    for begin, end in reversed(starts):
        text = text[:begin] + ERASED + text[end:]
    return text


def _scrub_json(value: Any, subject: Subject) -> Any:
    """A JSON value with every object describing the person removed, other texts scrubbed."""
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and describes(value, subject):
            return None
        return {k: _scrub_json(v, subject) for k, v in value.items()}
    if isinstance(value, list):
        items = [_scrub_json(v, subject) for v in value]
        return [
            item
            for item, original in zip(items, value, strict=True)
            if not (item is None and isinstance(original, dict))
        ]
    if isinstance(value, str):
        return scrub_text(value, subject)
    return value


def describes(record: dict[str, Any], subject: Subject) -> bool:
    """Whether a JSON person record (name, date_of_birth, v_number) is the subject."""
    born = record.get("date_of_birth")
    try:
        day = date.fromisoformat(born) if isinstance(born, str) else None
    except ValueError:
        day = None
    v_number = record.get("v_number")
    return subject.matches(
        str(record.get("name") or ""), v_number if isinstance(v_number, str) else None, day
    )


def scrub_audit_text(text: str | None, subject: Subject, applicant: bool = False) -> str | None:
    """An audit value with the person taken out: JSON structurally, any text by replacement."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return scrub_text(text, subject)
    if isinstance(value, dict | list):
        scrubbed = _scrub_json(value, subject)
        if isinstance(value, dict) and scrubbed is None:
            scrubbed = {}
        return json.dumps(scrubbed, ensure_ascii=False, separators=(",", ":"))
    return scrub_text(text, subject) if isinstance(value, str) else text


def erase(repo: CaseRepository, erasing: Plan, *, reason: str = "request") -> Done:
    """Carry out `erasing` in one transaction (all of it or nothing); log it without the name."""
    subject = erasing.subject
    whole = erasing.whole_cases
    partial = sorted({a.case_id for a in erasing.removed_from})
    scrubbed = 0
    with repo.db.writing("erase a person") as conn:
        engine.secure_delete(conn, on=True)  # freed space is overwritten, not left
        for case_id in partial:
            stored = repo_get(conn, case_id)
            kept = _without(stored, subject)
            values = codec.case_values(kept)
            assignments = ", ".join(f"{column} = ?" for column in values)
            conn.execute(
                f"UPDATE case_file SET {assignments} WHERE id = ?", (*values.values(), case_id)
            )
            rows = conn.execute(
                "SELECT id, old, new FROM audit WHERE case_id = ?", (case_id,)
            ).fetchall()
            for audit_id, old, new in rows:
                clean = (scrub_audit_text(old, subject), scrub_audit_text(new, subject))
                if clean != (old, new):
                    conn.execute(
                        "UPDATE audit SET old = ?, new = ? WHERE id = ?", (*clean, audit_id)
                    )
                    scrubbed += 1
            stamp = codec.stamp(datetime.now(UTC).replace(tzinfo=None))
            conn.execute(
                "INSERT INTO audit (at, case_id, field, old, new) VALUES (?, ?, ?, ?, ?)",
                (stamp, case_id, "erasure", None, "a person was removed at their request"),
            )
        for start in range(0, len(whole), 500):
            chunk = whole[start : start + 500]
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM case_file WHERE id IN ({marks})", chunk)
        _log(conn, reason, len(whole), len(partial))
    _flush(repo)
    log.info(
        "erasure (%s): %d case(s) erased, a person removed from %d",
        reason,
        len(whole),
        len(partial),
    )
    return Done(len(whole), len(partial), scrubbed)


def erase_cases(repo: CaseRepository, case_ids: Sequence[int], *, reason: str) -> int:
    """Erase whole cases (retention): every row of theirs, overwritten; logged without names."""
    ids = sorted(set(case_ids))
    with repo.db.writing("erase cases") as conn:
        engine.secure_delete(conn, on=True)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM case_file WHERE id IN ({marks})", chunk)
        _log(conn, reason, len(ids), 0)
    _flush(repo)
    log.info("erasure (%s): %d case(s) erased", reason, len(ids))
    return len(ids)


def repo_get(conn: engine.Connection, case_id: int) -> CaseFile:
    cur = engine.row_cursor(conn)
    row = cur.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
    events = cur.execute(
        "SELECT * FROM case_event WHERE case_id = ? ORDER BY position, id", (case_id,)
    ).fetchall()
    return codec.case_file_of(row, [codec.event_of(r) for r in events])


def _log(conn: engine.Connection, reason: str, erased: int, removed_from: int) -> None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (LOG_SETTING,)).fetchone()
    try:
        entries = json.loads(row[0]) if row else []
    except ValueError:
        entries = []
    entries = entries if isinstance(entries, list) else []
    entries.append(
        {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "reason": reason,
            "cases_erased": erased,
            "removed_from_cases": removed_from,
        }
    )
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (LOG_SETTING, json.dumps(entries)),
    )


def erasure_log(repo: CaseRepository) -> list[dict[str, Any]]:
    raw = repo.get_setting(LOG_SETTING, "[]") or "[]"
    try:
        entries = json.loads(raw)
    except ValueError:
        return []
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _flush(repo: CaseRepository) -> None:
    """Move the write-ahead log into the file and empty it: no old page images stay behind.

    Another process reading at this moment keeps the log alive; it is emptied at their close.
    """
    try:
        with closing(repo.db.raw()) as raw:
            engine.empty_log(raw)
    except engine.Error:
        log.info("the write-ahead log is emptied at the next close instead")


# ------------------------------------------------------------------ backups


@dataclass(frozen=True, slots=True)
class HeldBackup:
    """A backup file that still holds the person, and when it ages out (None: kept)."""

    path: Path
    made: date
    expires: date | None
    cases: int  # how many of its cases name the person


def expiry(path: Path) -> date | None:
    """When a rolling daily backup is pruned at the earliest; None for named backups.

    Termijn keeps the newest KEEP_DAILY daily backups, one per day it is opened: if it is used
    daily, the backup of day D goes on day D + KEEP_DAILY.
    """
    name = path.name
    if len(name) == _DAILY_NAME and name.startswith("termijn-") and name.endswith(".sqlite"):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(name[8:18]) + timedelta(days=KEEP_DAILY)
    return None


def _cases_naming(raw: engine.Connection, subject: Subject) -> int:
    columns = engine.shape(raw).get("case_file", ("", frozenset()))[1]
    rows = engine.row_cursor(raw).execute("SELECT * FROM case_file").fetchall()
    count = 0
    name, number = fold(subject.name), v_key(subject.v_number)
    for row in rows:
        text = row["search_text"] if "search_text" in columns else ""
        if not ((name and name in text) or (number and number in text.replace(" ", ""))):
            continue
        if roles_in(codec.case_file_of(row, []), subject):
            count += 1
    return count


def backups_holding(folder: Path, subject: Subject, key: bytes | None = None) -> list[HeldBackup]:
    """The backups in `folder` with a case naming the person; unreadable ones are skipped.

    `key`: the data folder's key; encrypted backups are read with it, plain ones without.
    """
    from desktop.privacy.vault import is_encrypted_file

    held = []
    for path in backups_newest_first(folder):
        try:
            own = key if is_encrypted_file(path) else None
            with closing(engine.connect_readonly(path, own)) as raw:
                count = _cases_naming(raw, subject)
        except (engine.Error, ValueError, KeyError, TypeError):
            log.info("a backup could not be searched: %s", path.name)
            continue
        if count:
            made = datetime.fromtimestamp(path.stat().st_mtime).date()
            held.append(HeldBackup(path, made, expiry(path), count))
    return held


def purge_backups(backups: Iterable[HeldBackup]) -> list[Path]:
    """Delete the backup files that hold the person (the case file holds everyone else's data).

    The bytes are overwritten with zeros before the file goes, so the disk does not keep them
    where the file system allows it (not on copy-on-write or flash wear levelling: say so).
    """
    removed = []
    for backup in backups:
        path = backup.path
        with contextlib.suppress(OSError):
            size = path.stat().st_size
            with path.open("r+b") as handle:
                handle.write(b"\0" * size)
                handle.flush()
                os.fsync(handle.fileno())
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        for suffix in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        removed.append(path)
    if removed:
        log.info("%d backup(s) holding an erased person were removed", len(removed))
    return removed
