"""StorageError: the environment's fault (disk full, read-only, corrupt, too new), said plainly."""

from __future__ import annotations

import errno
import shutil
from enum import StrEnum
from pathlib import Path

from desktop.i18n import N_, _

# What Termijn was doing, as the end of "Termijn could not …" (Dutch: "… te openen").
OPEN = N_("open the case file")
READ = N_("read the case file")
SAVE = N_("save the changes")
BACKUP = N_("make a backup")
RESTORE = N_("restore the backup")  # the action of `backup.restore`


class Problem(StrEnum):
    FULL = "full"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    NOT_A_DATABASE = "not_a_database"
    TOO_NEW = "too_new"
    MISSING = "missing"
    IO = "io"
    DAMAGED_CASE = "damaged_case"  # one case's row (damage.UnreadableCaseError), not the file


_WHAT = {
    Problem.FULL: N_("the disk is full"),
    Problem.READ_ONLY: N_("the folder or file cannot be written to"),
    Problem.LOCKED: N_("another program kept the case file busy for too long"),
    Problem.CORRUPT: N_("the case file is damaged"),
    Problem.NOT_A_DATABASE: N_("this is not a Termijn case file"),
    Problem.TOO_NEW: N_("the case file was written by a newer version of Termijn"),
    Problem.MISSING: N_("the file does not exist"),
    Problem.IO: N_("the disk reported a read or write error"),
    Problem.DAMAGED_CASE: N_("a case in it holds a value Termijn cannot read"),
}

_TODO = {
    Problem.FULL: N_("Free some space and try again; nothing saved before is lost."),
    Problem.READ_ONLY: N_(
        "Check that the folder is yours and writable (or choose another with --data-dir); "
        "nothing saved before is lost."
    ),
    Problem.LOCKED: N_("Close other Termijn windows or commands and try again; nothing is lost."),
    Problem.CORRUPT: N_("Termijn has not changed the file."),
    Problem.NOT_A_DATABASE: N_("Termijn has not changed the file."),
    Problem.TOO_NEW: N_("Update Termijn to open it; Termijn has not changed the file."),
    Problem.MISSING: N_("Check the file name."),
    Problem.IO: N_("Check the disk, then try again; Termijn has not changed the file."),
    Problem.DAMAGED_CASE: N_("Termijn has not changed that case; the others are not affected."),
}


def describe(problem: Problem) -> str:
    """What the problem is, in a few words, in the current language: "the disk is full"."""
    return _(_WHAT[problem])


class StorageError(Exception):
    """A problem with the case file a user can act on; `str()` is the whole message.

    Attributes:
        problem: what kind of problem.
        path: the file concerned.
        backup: the newest good backup, offered for a damaged file (or None).
    """

    def __init__(
        self,
        problem: Problem,
        path: Path,
        *,
        detail: str = "",
        backup: Path | None = None,
        action: str = "",
    ) -> None:
        self.problem = problem
        self.path = path
        self.detail = detail
        self.backup = backup
        self.action = action
        super().__init__(self.message)

    @property
    def message(self) -> str:
        # In the language of the moment it is shown (the window may switch languages).
        text = _("Termijn could not {action}: {what} ({path})").format(
            action=_(self.action or OPEN), what=describe(self.problem), path=self.path
        )
        if self.detail:
            text += f" [{self.detail}]"
        text += ". " + _(_TODO[self.problem])
        # Offering a backup only makes sense for the case file itself, not during a restore.
        if self.problem in (Problem.CORRUPT, Problem.NOT_A_DATABASE) and self.action != RESTORE:
            if self.backup is not None:
                text += " " + _(
                    "The newest good backup is {backup}; restore it with: termijn restore {backup}"
                ).format(backup=self.backup)
            else:
                text += " " + _("No good backup was found; keep the file and ask for help.")
        return text

    def __str__(self) -> str:
        return self.message


# Less free space than this where the file lives, and an I/O error is the disk being full:
# SQLite says "disk I/O error" when it cannot grow its shared-memory index or a temporary file.
NEARLY_FULL = 1 << 20


def disk_is_full(place: Path | None) -> bool:
    """Whether the file system holding `place` (or its nearest existing parent) is full."""
    if place is None:
        return False
    for candidate in (place, *place.parents):
        try:
            return shutil.disk_usage(candidate).free < NEARLY_FULL
        except OSError:
            continue
    return False


def problem_of(exc: BaseException, place: Path | None = None) -> Problem | None:
    """Map a driver (or OS) error to a Problem, or None if it is a bug rather than the disk.

    `place` (the file or folder concerned) lets an I/O error on a full disk say so.
    """
    problem = _problem_of(exc)
    if problem in (Problem.IO, Problem.READ_ONLY) and disk_is_full(place):
        return Problem.FULL
    return problem


def _problem_of(exc: BaseException) -> Problem | None:
    from desktop.store.engine import Error, classify

    if isinstance(exc, Error):
        return classify(exc)
    if isinstance(exc, PermissionError):
        return Problem.READ_ONLY
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return Problem.FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return Problem.READ_ONLY
        return Problem.IO
    return None
