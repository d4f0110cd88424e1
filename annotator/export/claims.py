"""The claims table: one CSV row per FIGURE with its numbers, category, cue, source and sentence.

Figures, cues and sources are found through the schema (core/claims.py). Several cues or
sources share a cell, joined by " | "; no link, an empty cell. UTF-8 with a byte-order mark, so spreadsheets open Arabic or accented text as written.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.claims import claims_of
from annotator.core.schema import Schema
from annotator.export.conll import sentence_starts
from annotator.export.options import ExportItem, ExportOptions

if TYPE_CHECKING:
    from spacy.tokens import Doc

COLUMNS = ("document_id", "title", "date", "url", "figure", "low", "high", "precision", "category",
           "cue", "source", "source_type", "sentence")


class ClaimsWriter:
    """One claims.csv, a row per figure."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        from spacy.pipeline import Sentencizer

        self._schema = options.schema
        self._sentencizer = Sentencizer()
        self._path = path
        self._file = path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._file)
        self._csv.writerow(COLUMNS)

    def write(self, item: ExportItem) -> None:
        for row in rows_of(item, self._schema, self._sentencizer):
            self._csv.writerow(row)

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


def rows_of(item: ExportItem, schema: Schema | None, sentencizer: object) -> list[list[Any]]:
    """The rows of one document, figures in text order."""
    claims = claims_of([p.span for p in item.spans], item.relations, schema) if schema is not None else []
    if not claims:
        return []
    text, meta = item.document.text, item.document.meta
    sentences = _sentences(item.doc, sentencizer)
    rows = []
    for claim in claims:
        fig = claim.figure
        rows.append([item.document.id, item.document.title, meta.get("date", ""), meta.get("url", ""),
                     text[fig.start:fig.end], fig.attrs.get("low", ""), fig.attrs.get("high", ""),
                     fig.attrs.get("precision", ""), fig.attrs.get("category", ""),
                     _join(text[c.start:c.end] for c in claim.cues),
                     _join(text[s.start:s.end] for s in claim.sources),
                     _join(str(s.attrs.get("type", "")) for s in claim.sources),
                     _sentence(text, sentences, fig.start)])
    return rows


def _sentences(doc: "Doc", sentencizer: object) -> list[int]:
    """Character offsets where sentences start."""
    starts = sentence_starts(doc, [], sentencizer)
    return [doc[i].idx for i, start in enumerate(starts) if start or i == 0]


def _sentence(text: str, starts: list[int], offset: int) -> str:
    begin = max((s for s in starts if s <= offset), default=0)
    end = min((s for s in starts if s > offset), default=len(text))
    return " ".join(text[begin:end].split())


def _join(values: Any) -> str:
    return " | ".join(dict.fromkeys(v for v in values if v))


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> ClaimsWriter:
    return ClaimsWriter(path, options, labels)
