"""Whole processes, cold: run Python code in a fresh interpreter, time it, read its own peak memory."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

# The yardstick: a script that only tokenizes the project's texts with spaCy's blank English.
TOKENIZE_ONLY = (
    "import sqlite3, spacy\n"
    "conn = sqlite3.connect(sys.argv[1])\n"
    "nlp = spacy.blank('en')\n"
    "texts = (t for (t,) in conn.execute('SELECT text FROM documents ORDER BY id'))\n"
    "print(sum(len(doc) for doc in nlp.pipe(texts)))\n"
)
RUN_ANNOTATOR = "import runpy\nrunpy.run_module('annotator', run_name='__main__')\n"
# The child reports its own peak, VmHWM of this program's memory: ru_maxrss would carry over the
# forking parent's peak through exec on Linux.
_WRAP = ("import sys\ntry:\n{body}finally:\n"
         "    sys.stderr.write('\\nPEAK_RSS_KB=' + [l.split()[1] for l in open('/proc/self/status')"
         " if l.startswith('VmHWM')][0] + '\\n')\n")


def run(code: str, args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of `code` run by a fresh interpreter; raises if it fails."""
    body = "".join("    " + line + "\n" for line in code.splitlines())
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAP.format(body=body), *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=os.environ.copy())
    elapsed = time.perf_counter() - t0
    err = proc.stderr.decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, int(re.findall(r"PEAK_RSS_KB=(\d+)", err)[-1]) / 1024


def annotator(project: Path, *args: str) -> tuple[float, float]:
    """`annotator --project PROJECT ARGS...` as a user runs it."""
    return run("sys.argv = ['annotator'] + sys.argv[1:]\n" + RUN_ANNOTATOR, ["--project", str(project), *args])


def tokenize_only(project: Path) -> tuple[float, float]:
    return run(TOKENIZE_ONLY, [str(project)])


def best_of(runs: int, measure) -> tuple[float, float]:
    """The fastest of `runs` (a shared machine only ever adds time), and the largest peak."""
    results = [measure() for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)
