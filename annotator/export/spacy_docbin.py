"""spaCy format: DocBin files; every span in doc.spans["sc"], the flattened layer in doc.ents."""
from __future__ import annotations

from pathlib import Path

from annotator.export.docbin import DocBinWriter
from annotator.export.model import ExportItem, ExportOptions

SPANS_KEY = "sc"  # spaCy's default spans_key, which spancat trains on


class SpacyWriter:
    """One .spacy file, written from the document's stored token arrays: no spaCy Doc, no tokenizing."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._bin = DocBinWriter(path, labels)

    def write(self, item: ExportItem) -> None:
        spans = [(p.token_start, p.token_end, p.start, p.end, p.label) for p in item.spans if p.placed]
        ents = [(p.token_start, p.token_end, p.label) for p in item.ents]
        t = item.tokens
        self._bin.add_arrays(item.document.text, t.orths, t.trailing_space, t.starts, t.ends, ents, {SPANS_KEY: spans})

    def close(self) -> None:
        self._bin.close()

    def discard(self) -> None:
        self._bin.discard()


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> SpacyWriter:
    return SpacyWriter(path, options, labels)
