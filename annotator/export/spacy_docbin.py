"""spaCy format: DocBin files; every span in doc.spans["sc"], the flattened layer in doc.ents.

Attributes and relations travel in doc.user_data (the file is written as DocBin with
store_user_data=True writes it), keyed by the span's character offsets *and* label, so two
spans on one range keep their own values (spaCy's Span._ would share one):

  ("annotator", "attrs", start_char, end_char, label) -> {attribute: value}
  ("annotator", "provenance", start_char, end_char, label) -> {source, accepted_at, figure, ...}
  ("annotator", "relations") -> ((head start_char, end_char, label, child start_char, end_char, label, TYPE), ...)
  ("annotator", "lang") -> the document's language (ISO 639-1): train with spacy.blank(lang)'s config

The offsets are those of the span in doc.spans["sc"] (grown to tokens when it was misaligned).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.export.docbin import DocBinWriter
from annotator.export.options import ExportItem, ExportOptions

SPANS_KEY = "sc"  # spaCy's default spans_key, which spancat trains on


class SpacyWriter:
    """One .spacy file, written from the document's stored token arrays: no spaCy Doc, no tokenizing."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._bin = DocBinWriter(path, labels, store_user_data=True)

    def write(self, item: ExportItem) -> None:
        spans = [(p.token_start, p.token_end, p.start, p.end, p.label) for p in item.spans if p.placed]
        ents = [(p.token_start, p.token_end, p.label) for p in item.ents]
        t = item.tokens
        self._bin.add_arrays(item.document.text, t.orths, t.trailing_space, t.starts, t.ends, ents, {SPANS_KEY: spans},
                             user_data_of(item))

    def close(self) -> None:
        self._bin.close()

    def discard(self) -> None:
        self._bin.discard()


def user_data_of(item: ExportItem) -> dict[Any, Any]:
    """doc.user_data for one document: each placed span's attributes, and the relations between them."""
    data: dict[Any, Any] = {("annotator", "lang"): item.document.lang}
    ends = {p.span.id: (p.start, p.end, p.label) for p in item.spans if p.placed}
    for p in item.spans:
        if p.placed and p.span.attrs:
            data[("annotator", "attrs", p.start, p.end, p.label)] = dict(p.span.attrs)
        if p.placed and p.span.provenance:  # the tool's metadata, never mixed with the attributes
            data[("annotator", "provenance", p.start, p.end, p.label)] = dict(p.span.provenance)
    links = sorted((*ends[r.head_id], *ends[r.child_id], r.label) for r in item.relations
                   if r.head_id in ends and r.child_id in ends)
    if links:
        data[("annotator", "relations")] = links
    return data


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> SpacyWriter:
    return SpacyWriter(path, options, labels)
