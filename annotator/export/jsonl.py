"""JSON Lines: one article a line with text, metadata and every span; `annotator import` reads it back.

A record is {"text", "title", "meta", "spans", "_id", "_sha256", "_source"}. Spans keep
their stored code-point offsets (start, end) whatever the tokens, so the file is lossless;
token_start/token_end (half-open, spaCy token indices, whitespace tokens counted) are the
tokens the span touches (both null for a span covering only whitespace: it touches none); id (the span's number in the record), note, unsure and attrs travel
with each span, and its `provenance` (which tool proposed it, when accepted: core.provenance) under
its own key, never among the attrs, and the record's relations name their ends both by those ids (head, child)
and by range and label (head_span, child_span, as Prodigy writes them). Keys starting with
"_" are provenance (import takes `_source` as the source when there is no "source"). A
re-import gives back text, title, metadata, spans with their attributes, notes and flags,
and relations: export, import, export again writes the same file. Where the layer has them, a
span's note thread goes with it ("replies": author, time, text), the document's threads under
"notes" and the layer's active time on it as provenance ("_active_seconds"); import does not
read those back.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.export.options import ExportItem, ExportOptions

# Line separators that json.dumps leaves raw with ensure_ascii=False but str.splitlines()
# (which our importer and many readers use) splits on: escape them to keep one record a line.
_SPLITTERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def record_of(item: ExportItem) -> dict[str, Any]:
    d = item.document
    spans = [{"id": n, "start": p.span.start, "end": p.span.end, "token_start": p.token_start if p.placed else None,
              "token_end": p.token_end if p.placed else None, "label": p.label, "annotator": p.span.annotator, "note": p.span.note,
              "unsure": p.span.unsure, "attrs": dict(p.span.attrs), "provenance": dict(p.span.provenance)}
             for n, p in enumerate(item.spans)]
    record = {"text": d.text, "title": d.title, "lang": d.lang, "meta": dict(d.meta), "spans": spans,
              "relations": relations_of(item), "_id": d.id, "_sha256": d.sha256, "_source": d.source}
    _add_team(record, item)
    return record


def _add_team(record: dict[str, Any], item: ExportItem) -> None:
    """Note threads (replies per span, the document's notes) and active time (provenance), where there are any."""
    replies = item.team.get("replies", {})
    for span, p in zip(record["spans"], item.spans):
        if p.span.key in replies:
            span["replies"] = replies[p.span.key]
    if item.team.get("notes"):
        record["notes"] = item.team["notes"]
    if item.team.get("active_seconds"):
        record["_active_seconds"] = item.team["active_seconds"]


def relations_of(item: ExportItem) -> list[dict[str, Any]]:
    """The layer's relations, ends by span number and by range and label, in a stable order."""
    number = {p.span.id: n for n, p in enumerate(item.spans)}
    ends = {p.span.id: {"start": p.span.start, "end": p.span.end, "label": p.label} for p in item.spans}
    rows = sorted((number[r.head_id], number[r.child_id], r.label) for r in item.relations
                  if r.head_id in number and r.child_id in number)
    ids = {n: p.span.id for n, p in enumerate(item.spans)}
    return [{"head": h, "child": c, "label": label, "head_span": ends[ids[h]], "child_span": ends[ids[c]]}
            for h, c, label in rows]


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
