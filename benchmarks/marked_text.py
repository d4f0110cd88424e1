"""Read the benchmark corpora: one article per paragraph, spans marked inline as [F:...] or [A:...]."""
from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).parent / "data"
_MARK = re.compile(r"\[(F|A|ACT|LOC):([^\]]+)\]")
LABELS = {"F": "FIGURE", "A": "ATTRIBUTION", "ACT": "ACTOR", "LOC": "LOCATION"}


def parse(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and its (start, end, label) spans, in code points."""
    text, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(marked):
        text.append(marked[pos:m.start()])
        length += m.start() - pos
        spans.append((length, length + len(m.group(2)), LABELS[m.group(1)]))
        text.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans


def read_corpus(name: str) -> list[tuple[str, list[tuple[int, int, str]]]]:
    paragraphs = [p.strip() for p in (DATA / name).read_text(encoding="utf-8").split("\n\n")]
    return [parse(p) for p in paragraphs if p and not p.startswith("#")]
