"""Every command in the README's shell blocks runs as written: no traceback, the exit it names.

Each command runs in bash, in a copy of the checkout (what a command writes lands there), with a
temporary HOME and data folder, no display (offscreen, and the window quits once shown:
TERMIJN_QUIT_AFTER_SHOWN), and the PATH of a newcomer: .venv/bin only after the README's own
`. .venv/bin/activate`.

An HTML comment right before a block marks what cannot run here, by the command's start:
    <!-- readme-test
    skip make test: it runs this very suite
    slow make app: minutes; .ci/run runs it (TERMIJN_README_ALL=1)
    exit 2 termijn compute broken.json: bad input, as the text says
    -->
`*` stands for every command of the block.
"""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ALL = os.environ.get("TERMIJN_README_ALL", "") not in ("", "0")
BLOCK = re.compile(
    r"(?:<!--\s*readme-test\s*\n(?P<marks>.*?)-->\s*\n)?```(?:sh|bash|shell|console)\n(?P<body>.*?)```",
    re.S,
)


@dataclass
class Command:
    line: str  # the command as written (continuations joined)
    number: int  # its line in README.md
    skip: str = ""  # why it does not run here
    slow: str = ""  # runs only with TERMIJN_README_ALL=1 (.ci/run)
    exit: int = 0
    prelude: list[str] = field(default_factory=list)  # activation lines before it


def commands() -> list[Command]:
    text = README.read_text(encoding="utf-8")
    found: list[Command] = []
    activation: list[str] = []
    for match in BLOCK.finditer(text):
        marks = [m.strip() for m in (match["marks"] or "").splitlines() if m.strip()]
        first_line = text.count("\n", 0, match.start("body")) + 1
        logical: list[tuple[int, str]] = []
        pending = ""
        for offset, raw in enumerate(match["body"].splitlines()):
            if pending:
                pending += " " + raw.strip()
            else:
                start, pending = first_line + offset, raw.strip()
            if pending.endswith("\\"):
                pending = pending[:-1].rstrip()
                continue
            if pending and not pending.startswith("#"):
                logical.append((start, pending))
            pending = ""
        used = set()
        for number, line in logical:
            command = Command(line, number, prelude=list(activation))
            for mark in marks:
                kind, _, rest = mark.partition(" ")
                if kind == "exit":
                    code, _, rest = rest.partition(" ")
                prefix, _, reason = rest.partition(":")
                if prefix.strip() != "*" and not line.startswith(prefix.strip()):
                    continue
                used.add(mark)
                if kind == "skip":
                    command.skip = reason.strip() or "marked skip"
                elif kind == "slow":
                    command.slow = reason.strip() or "marked slow"
                elif kind == "exit":
                    command.exit = int(code)
            found.append(command)
            if re.match(r"(\.|source) \S*activate\b", line):
                activation.append(line)
        unused = set(marks) - used
        assert not unused, f"README marks that match no command: {unused}"
    return found


COMMANDS = commands()


def test_the_readme_has_commands_and_marks_few():
    assert len(COMMANDS) >= 15
    marked = [c for c in COMMANDS if c.skip or c.slow]
    assert len(marked) < len(COMMANDS) / 2, [c.line for c in marked]
    assert all(len(c.skip or c.slow) > 10 for c in marked), "each mark says why"


# What a clean clone does not have: version control, environments, builds, caches.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "dist", "build", "locale", "__pycache__", "*.egg-info", ".*_cache",
    ".hypothesis",
)  # fmt: skip


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """One reader's session, shared by the commands in the README's order: a copy of the
    checkout, a home and a data folder.

    With TERMIJN_README_ALL=1 the copy gets its own .venv, made by the README's first
    `make run` as on a clean clone; otherwise .venv is a link to this checkout's, which must
    be installed and current (make test), so no command reinstalls it into the copy.
    """
    root = tmp_path_factory.mktemp("readme")
    folder = root / "checkout"
    shutil.copytree(ROOT, folder, ignore=NOT_IN_A_CLONE, symlinks=True)
    if not ALL:
        venv = ROOT / ".venv"
        installed = venv / ".installed"
        if (
            not installed.exists()
            or installed.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime
        ):
            pytest.fail("the checkout's .venv is missing or older than pyproject.toml: make venv")
        (folder / ".venv").symlink_to(venv)
    (root / "home").mkdir()
    return root


def newcomer_path() -> str:
    """PATH without any virtual environment's bin folder (pytest may run from one)."""
    parts = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(p for p in parts if p and not (Path(p) / "activate").exists())


@pytest.mark.parametrize("command", COMMANDS, ids=[f"L{c.number}: {c.line}" for c in COMMANDS])
def test_readme_command_runs_as_written(command, session):
    if command.skip:
        pytest.skip(command.skip)
    if command.slow and not ALL:
        pytest.skip(f"{command.slow} (TERMIJN_README_ALL=1 runs it)")
    env = {
        "PATH": newcomer_path(),
        "HOME": str(session / "home"),
        "LANG": "en_GB.UTF-8",
        "TERMIJN_DATA_DIR": str(session / "data"),
        "TERMIJN_QUIT_AFTER_SHOWN": "1",
        "QT_QPA_PLATFORM": "offscreen",
        # The pip cache of the real HOME: installing from scratch again would only be slower.
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
    }
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})  # index, certs
    script = "\n".join([*command.prelude, command.line])
    proc = subprocess.run(
        ["bash", "-c", script],
        cwd=session / "checkout",
        env=env,
        capture_output=True,
        text=True,
        timeout=1800 if command.slow else 300,
    )
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output[-3000:]
    assert proc.returncode == command.exit, (
        f"README line {command.number}: `{command.line}` exited {proc.returncode}:\n"
        + output[-3000:]
    )


def test_readme_names_every_top_level_folder_and_desktop_module_group():
    text = README.read_text(encoding="utf-8")
    layout = text.split("## Project layout", 1)[1]
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.splitlines() or [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]
    folders = {p.split("/")[0] for p in tracked if "/" in p}
    groups = {p.split("/")[1] for p in tracked if p.startswith("desktop/") and p.count("/") >= 2}
    for folder in sorted(folders):
        assert re.search(rf"^{re.escape(folder)}/ ", layout, re.M), f"no {folder}/ in the layout"
    desktop = re.split(r"\n\S", layout.split("\ndesktop/", 1)[1], maxsplit=1)[0]  # its lines
    for group in sorted(groups):
        assert re.search(rf"^\s+{group}/ ", desktop, re.M), f"no desktop/{group}/ in the layout"
    assert shutil.which("bash")


def test_readme_names_the_data_log_and_cache_folders_termijn_uses(tmp_path, monkeypatch):
    # The Linux defaults as platformdirs gives them, written with ~ as the README does.
    if not sys.platform.startswith("linux"):
        pytest.skip("the README's ~ paths are Linux's")
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TERMIJN_DATA_DIR"):
        monkeypatch.delenv(variable, raising=False)
    from desktop.paths import app_paths

    paths = app_paths()
    text = README.read_text(encoding="utf-8")
    for folder in (paths.data, paths.logs, paths.cache):
        shown = "~/" + str(folder.relative_to(tmp_path))
        assert f"`{shown}`" in text, f"the README does not name {shown}"
