"""doccano's JSONL: sequence labelling ("label": [[start, end, LABEL]]), or entities and relations.

A document with relations is written in doccano's relation-extraction shape: "entities" as
{id, label, start_offset, end_offset} and "relations" as {id, from_id, to_id, type}; one without
relations in the sequence-labelling shape. Offsets are the spans' own code points (doccano
counts characters the same way). Other keys ("title", "meta", the language in meta.lang) are
metadata to doccano.
Attributes, notes and the unsure flag have no place in doccano's formats and are not written.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.export.options import ExportItem, ExportOptions

_SPLITTERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def record_of(item: ExportItem) -> dict[str, Any]:
    d = item.document
    spans = [p.span for p in item.spans]
    out: dict[str, Any] = {"text": d.text, "title": d.title, "meta": {**dict(d.meta), "lang": d.lang}}
    number = {s.id: n for n, s in enumerate(spans, 1)}
    relations = sorted((number[r.head_id], number[r.child_id], r.label) for r in item.relations
                       if r.head_id in number and r.child_id in number)
    if not relations:
        out["label"] = [[s.start, s.end, s.label] for s in spans]
        return out
    out["entities"] = [{"id": n, "label": s.label, "start_offset": s.start, "end_offset": s.end}
                       for n, s in enumerate(spans, 1)]
    out["relations"] = [{"id": n, "from_id": h, "to_id": c, "type": label}
                        for n, (h, c, label) in enumerate(relations, 1)]
    return out


class DoccanoWriter:
    """One .jsonl file, a document a line, as doccano's import takes it."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._path = path
        self._file = path.open("w", encoding="utf-8", newline="\n")

    def write(self, item: ExportItem) -> None:
        self._file.write(json.dumps(record_of(item), ensure_ascii=False).translate(_SPLITTERS) + "\n")

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> DoccanoWriter:
    return DoccanoWriter(path, options, labels)
