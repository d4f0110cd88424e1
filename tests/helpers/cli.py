"""Run the command line as a user does: `python -m annotator ...` in a child process."""
from __future__ import annotations

import os
import subprocess
import sys


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m annotator ARGS` with this environment (plus `env`), its output as text."""
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)
