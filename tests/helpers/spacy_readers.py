"""spaCy's own readers run on what we export: the CoNLL converter, and entities as token tuples."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin


def convert(conll: Path, out: Path) -> list:
    """`python -m spacy convert FILE OUT --converter ner`, then the Docs it wrote."""
    out.mkdir()
    done = subprocess.run([sys.executable, "-m", "spacy", "convert", str(conll), str(out), "--converter", "ner"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return list(DocBin().from_disk(out / f"{conll.stem}.spacy").get_docs(spacy.blank("en").vocab))


def token_ents(doc) -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(t.text for t in e), e.label_) for e in doc.ents]
