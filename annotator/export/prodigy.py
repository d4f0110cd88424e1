"""Prodigy's JSONL: tokens, spans with inclusive token_end, relations by head/child tokens and spans, answer accept.

A record is {"text", "meta", "tokens", "spans", "relations", "answer": "accept"} (the language
in meta.lang; Prodigy shows meta in the corner of the card), with
`_annotator_id`/`_session_id` naming the layer (not for gold, a layer no import may write).
`tokens` are spaCy's (whitespace tokens included, as Prodigy's own tokenizer gives them);
each span has code-point `start`/`end` of the tokens it covers (Prodigy wants spans on token
boundaries), `token_start` and the *inclusive* `token_end`, the label, and our `attrs`,
`note`, `unsure` as extra keys (Prodigy keeps keys it does not know). A relation's `head` and
`child` are the last token of its end spans, with `head_span`/`child_span` and its `label`.
A span covering only whitespace touches no token and cannot be written: the report counts it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.model import GOLD
from annotator.export.options import ExportItem, ExportOptions, Placed

_SPLITTERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _span(p: Placed) -> dict[str, Any]:
    return {"start": p.start, "end": p.end, "token_start": p.token_start, "token_end": p.token_end - 1, "label": p.label}


def record_of(item: ExportItem, layer: str) -> dict[str, Any]:
    d, tokens = item.document, item.tokens
    text = d.text
    starts, ends, spaces = tokens.starts.tolist(), tokens.ends.tolist(), tokens.trailing_space.tolist()
    toks = [{"text": text[s:e], "start": s, "end": e, "id": i, "ws": bool(w)}
            for i, (s, e, w) in enumerate(zip(starts, ends, spaces))]
    placed = [p for p in item.spans if p.token_end > p.token_start]
    spans = []
    for p in placed:
        extra = {"attrs": dict(p.span.attrs)} if p.span.attrs else {}
        if p.span.note:
            extra["note"] = p.span.note
        if p.span.unsure:
            extra["unsure"] = True
        spans.append({**_span(p), **extra})
    by_id = {p.span.id: p for p in placed}
    relations = [{"head": by_id[r.head_id].token_end - 1, "child": by_id[r.child_id].token_end - 1,
                  "head_span": _span(by_id[r.head_id]), "child_span": _span(by_id[r.child_id]), "label": r.label}
                 for r in sorted(item.relations, key=lambda r: (r.head_id, r.child_id, r.label))
                 if r.head_id in by_id and r.child_id in by_id]
    record: dict[str, Any] = {"text": text, "meta": {"title": d.title, **dict(d.meta), "lang": d.lang}, "tokens": toks,
                              "spans": spans, "relations": relations, "answer": "accept"}
    if layer != GOLD:
        record["_annotator_id"] = record["_session_id"] = layer
    return record


class ProdigyWriter:
    """One .jsonl file in Prodigy's conventions (what `prodigy db-in` reads)."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._path, self._layer = path, options.source
        self._file = path.open("w", encoding="utf-8", newline="\n")

    def write(self, item: ExportItem) -> None:
        self._file.write(json.dumps(record_of(item, self._layer), ensure_ascii=False).translate(_SPLITTERS) + "\n")

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> ProdigyWriter:
    return ProdigyWriter(path, options, labels)
