"""The law lives in the rule pack: no euro amount, statutory period or citation in program code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROGRAM = ROOT / "desktop"

_NUMBER_WORDS = "two|three|four|six|nine|twelve|fifteen|twee|drie|vier|zes|negen|twaalf|vijftien"
PATTERNS = {
    "citation": re.compile(r"\b(Awb|Vw|Vb|Vc|RWN|Atw|BW|Rv|WBV)\s?\d+[a-z]?(:\d+)?"),
    "article": re.compile(r"\bart(ikel|\.)\s*\d+[a-z]?(:\d+)?\b", re.IGNORECASE),
    "euro amount": re.compile(r"(€|\bEUR)\s?\d|\d\s?(€|euros?\b)", re.IGNORECASE),
    "period": re.compile(
        rf"\b(\d+|{_NUMBER_WORDS})\s+(days?|weeks?|months?|years?|dagen|weken|maanden|jaar)\b",
        re.IGNORECASE,
    ),
}
PERIOD_CALLS = {"timedelta", "relativedelta"}
PERIOD_UNITS = {"days", "weeks", "months", "years"}

# Texts and lengths that look like law but are not: each with the reason it may stay in code.
NOT_LAW = {
    ("desktop/ui/models/due_board.py", "Next 30 days"): "a view's horizon, chosen by the issue",
    ("desktop/ui/views/main_window.py", "next 30 days"): "the same horizon, in the board's help",
    ("desktop/ui/views/calendar_settings.py", "0 days"): "the user's own reminder offsets",
    ("desktop/documents/common.py", "1 week"): "how any Quantity from the pack is written",
    ("desktop/documents/common.py", "1 month"): "how any Quantity from the pack is written",
    ("desktop/feed/live.py", "days=90"): "how long a cancelled event stays in the feed",
    ("desktop/ui/widgets/timeline.py", "days=7"): "the timeline's week grid",
    ("desktop/ui/models/timeline.py", "days=5"): "the timeline's margin around today",
    ("desktop/documents/due_board.py", "days=6"): "a printed week runs Monday to Sunday",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _allowed(path: str, text: str) -> bool:
    return any(path == file and part in text for file, part in NOT_LAW)


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def _period_calls(tree: ast.AST) -> list[tuple[int, str]]:
    """`timedelta(days=14)` and the like: a length written as a number in code."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in PERIOD_CALLS:
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (
                keyword.arg in PERIOD_UNITS
                and isinstance(value, ast.Constant)
                and isinstance(value.value, int)
                and value.value > 1  # one day on is counting, not a period
            ):
                found.append((node.lineno, f"{keyword.arg}={value.value}"))
    return found


def law_in_code(root: Path = PROGRAM) -> list[str]:
    """Every place under `root` where code holds a legal amount, period or citation."""
    problems = []
    for file in sorted(root.rglob("*.py")):
        path = file.relative_to(root.parent).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for line, text in _strings(tree):
            for kind, pattern in PATTERNS.items():
                if pattern.search(text) and not _allowed(path, text):
                    problems.append(f"{path}:{line}: {kind} in {text[:80]!r}")
        for line, text in _period_calls(tree):
            if not _allowed(path, text):
                problems.append(f"{path}:{line}: period {text}")
    return problems


def test_program_code_holds_no_law():
    problems = law_in_code()
    assert not problems, "law written into code; read it from the rule pack:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize(
    "source",
    [
        'TIERS = "€23 a day"',
        'x = _("within two weeks")',
        'BASIS = "Vw 25(2)"',
        'y = "art. 4:17 lid 3"',
        "z = timedelta(days=14)",
        "w = relativedelta(months=6)",
        'v = "binnen 4 weken"',
    ],
)
def test_the_check_finds_law_written_into_code(tmp_path, source):
    package = tmp_path / "desktop"
    package.mkdir()
    (package / "probe.py").write_text(
        f'"""A probe: Awb 4:17 in a docstring is fine."""\n{source}\n'
    )
    assert len(law_in_code(package)) == 1


def test_every_exception_is_still_needed():
    """An exception no code needs any more is removed, so the list cannot hide new law."""
    texts = {}
    for file, part in NOT_LAW:
        tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
        texts[(file, part)] = any(part in t for _l, t in _strings(tree) + _period_calls(tree))
    assert all(texts.values()), [key for key, used in texts.items() if not used]
