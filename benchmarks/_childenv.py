"""The environment of a benchmark's child process: bytecode cached, as in an installed copy."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_PYCACHE = tempfile.mkdtemp(prefix="termijn-bench-pyc-")
atexit.register(shutil.rmtree, _PYCACHE, ignore_errors=True)


def installed_env(**extra: str) -> dict[str, str]:
    """A child's environment with bytecode cached, as in every installed copy of Termijn.

    pip compiles the wheel's modules and PyInstaller ships bytecode, so a user's start-up never
    compiles Termijn's ~160 modules from source. PYTHONDONTWRITEBYTECODE (set in some shells and
    sandboxes) would make every child do exactly that while the bare baseline, whose libraries
    pip compiled, does not: the cache goes to a folder of this run's own instead.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE
    return {**env, **extra}
