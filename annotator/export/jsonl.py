"""JSON Lines: one article a line with text, metadata and every span; `annotator import` reads it back.

A record is {"text", "title", "meta", "spans", "_id", "_sha256", "_source"}. Spans keep
their stored code-point offsets (start, end) whatever the tokens, so the file is lossless;
token_start/token_end (half-open, spaCy token indices, whitespace tokens counted) are the
tokens the span touches, both null for a span covering only whitespace (it touches none);
note, unsure and attrs travel with each span. Keys starting with "_" are provenance that
import ignores. A re-import gives back text, title, metadata and the spans' ranges and
labels (not yet their notes, unsure flags or attrs).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.export.model import ExportItem, ExportOptions

# Line separators that json.dumps leaves raw with ensure_ascii=False but str.splitlines()
# (which our importer and many readers use) splits on: escape them to keep one record a line.
_SPLITTERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def record_of(item: ExportItem) -> dict[str, Any]:
    d = item.document
    spans = [{"start": p.span.start, "end": p.span.end, "token_start": p.token_start if p.placed else None,
              "token_end": p.token_end if p.placed else None,
              "label": p.label, "annotator": p.span.annotator, "note": p.span.note, "unsure": p.span.unsure,
              "attrs": dict(p.span.attrs)} for p in item.spans]
    return {"text": d.text, "title": d.title, "meta": dict(d.meta), "spans": spans,
            "_id": d.id, "_sha256": d.sha256, "_source": d.source}


class JsonlWriter:
    """One .jsonl file, a record a line, UTF-8."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._path = path
        self._file = path.open("w", encoding="utf-8", newline="\n")

    def write(self, item: ExportItem) -> None:
        line = json.dumps(record_of(item), ensure_ascii=False).translate(_SPLITTERS)
        self._file.write(line + "\n")

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> JsonlWriter:
    return JsonlWriter(path, options, labels)
