"""The claims table: one CSV row per FIGURE with its numbers, category, cue, source and sentence.

Figures, cues and sources are found through the schema (core/claims.py). Several cues or
sources share a cell, joined by " | "; no link, an empty cell. UTF-8 with a byte-order mark, so
spreadsheets open Arabic or accented text as written.

A text cell a spreadsheet would read as a formula (CWE-1236: it begins with =, +, -, @, a tab or
a carriage return, or their full-width forms) is written with a single quote in front, as
OWASP's CSV-injection guidance describes, so it is read as text; numbers are written as numbers.
The `sentence` is the figure's sentence by the CoNLL export's rule (export.conll.sentence_starts:
spaCy's sentencizer and line breaks, never inside an entity), its text exactly as in the article
(only the whitespace around it left out).
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

COLUMNS = ("document_id", "title", "lang", "date", "url", "figure", "low", "high", "precision", "category",
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
            self._csv.writerow([spreadsheet_safe(cell) for cell in row])

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
    sentences = _sentences(item.doc, item.ents, sentencizer)
    rows = []
    for claim in claims:
        fig = claim.figure
        rows.append([item.document.id, item.document.title, item.document.lang, meta.get("date", ""),
                     meta.get("url", ""),
                     text[fig.start:fig.end], fig.attrs.get("low", ""), fig.attrs.get("high", ""),
                     fig.attrs.get("precision", ""), fig.attrs.get("category", ""),
                     _join(text[c.start:c.end] for c in claim.cues),
                     _join(text[s.start:s.end] for s in claim.sources),
                     _join(str(s.attrs.get("type", "")) for s in claim.sources),
                     _sentence(text, sentences, fig.start)])
    return rows


def _sentences(doc: "Doc", ents: Any, sentencizer: object) -> list[int]:
    """Character offsets where sentences start, by the CoNLL export's rule."""
    starts = sentence_starts(doc, ents, sentencizer)
    return [doc[i].idx for i, start in enumerate(starts) if start or i == 0]


def _sentence(text: str, starts: list[int], offset: int) -> str:
    begin = max((s for s in starts if s <= offset), default=0)
    end = min((s for s in starts if s > offset), default=len(text))
    return text[begin:end].strip()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(cell: Any) -> Any:
    """A text cell that a spreadsheet would take for a formula, quoted so it is read as text (OWASP)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _join(values: Any) -> str:
    return " | ".join(dict.fromkeys(v for v in values if v))


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> ClaimsWriter:
    return ClaimsWriter(path, options, labels)
