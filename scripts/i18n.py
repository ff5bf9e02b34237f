"""Maintain the one gettext catalog: extract, update, set Dutch texts, compile (all under a lock).

Usage:
    python scripts/i18n.py update          # extract messages from desktop/ and merge into nl
    python scripts/i18n.py set FILE.json   # {"English msgid": "Nederlandse tekst", ...} into nl
                                           # (a plural: {"1 case": ["1 zaak", "{n} zaken"]})
    python scripts/i18n.py compile         # .po -> desktop/locale/<lang>/LC_MESSAGES/termijn.mo
    python scripts/i18n.py check           # untranslated / fuzzy entries in nl (exit 1 if any)
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "termijn.pot"
LANGS = ("nl",)


def po_path(lang: str) -> Path:
    return ROOT / "translations" / lang / "LC_MESSAGES" / "termijn.po"


@contextmanager
def locked():
    lock = ROOT / "translations" / ".lock"
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # helpers may edit the catalog at the same time
        yield


def run_pybabel(*args: str) -> None:
    # -q is a global pybabel option: it must come before the command, not after it.
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", *args], check=True, cwd=ROOT
    )


def update() -> None:
    run_pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "N_",
        "-k",
        "both",  # desktop/documents/errors.py: one message in English and Dutch
        "-c",
        "TRANSLATORS:",
        "--no-location",
        "--sort-output",
        "--width=100",  # as set_texts writes: an update then changes only what changed
        "-o",
        str(POT),
        "desktop",
    )
    for lang in LANGS:
        if po_path(lang).exists():
            run_pybabel(
                "update",
                "--no-fuzzy-matching",
                "--width=100",
                "-i",
                str(POT),
                "-d",
                "translations",
                "-D",
                "termijn",
                "-l",
                lang,
            )
        else:
            run_pybabel("init", "-i", str(POT), "-d", "translations", "-D", "termijn", "-l", lang)


def set_texts(source: Path) -> None:
    texts = json.loads(source.read_text(encoding="utf-8"))
    path = po_path("nl")
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    unknown = []
    for msgid, msgstr in texts.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        # A plural entry (ngettext) takes a list: the Dutch singular and plural.
        message.string = tuple(msgstr) if isinstance(msgstr, list) else msgstr
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    if unknown:
        print("not in the catalog (run update first?):", *unknown, sep="\n  ", file=sys.stderr)


def compile_all() -> None:
    for lang in LANGS:
        path = po_path(lang)
        if not path.exists():
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        out = ROOT / "desktop" / "locale" / lang / "LC_MESSAGES" / "termijn.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


def check() -> int:
    with po_path("nl").open("rb") as fh:
        catalog = read_po(fh, locale="nl")

    def empty(string: str | tuple[str, ...]) -> bool:
        return not all(string) if isinstance(string, tuple) else not string

    bad = [m.id for m in catalog if m.id and (empty(m.string) or m.fuzzy)]
    for msgid in bad:
        print("untranslated:", msgid)
    return 1 if bad else 0


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    with locked():
        if command == "update":
            update()
        elif command == "set":
            set_texts(Path(sys.argv[2]))
        elif command == "compile":
            compile_all()
        elif command == "check":
            return check()
        else:
            print(__doc__, file=sys.stderr)
            return 2
        if command in ("update", "set"):
            compile_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
