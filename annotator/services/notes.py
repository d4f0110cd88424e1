"""Note threads: a span's note (its first entry) and the replies to it, or a document's notes.

The reviewer answers in review mode, the annotator sees the answer on the span; merge and
bundles carry the entries by id, so no entry is ever duplicated.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import normalise_name
from annotator.storage import ProjectStore
from annotator.storage import note_store as ns
from annotator.storage.note_store import NoteEntry

SpanKey = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Thread:
    """A span's (or a document's) thread: the span's own note first (if any), then entries, oldest first."""

    document_id: int
    layer: str
    span: SpanKey | None
    note: str  # the span's note as its annotator wrote it ("" when none, or a document thread)
    entries: tuple[NoteEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document_id, "layer": self.layer,
                "span": None if self.span is None else {"start": self.span[0], "end": self.span[1], "label": self.span[2]},
                "note": self.note, "replies": [entry_json(e) for e in self.entries]}


def entry_json(e: NoteEntry) -> dict[str, Any]:
    return {"id": e.id, "author": e.author, "at": e.written_at, "text": e.text}


def reply(store: ProjectStore, document_id: int, layer: str, span: SpanKey | None, author: str, text: str) -> NoteEntry:
    """Add `author`'s entry to the thread of `layer`'s span (or of the document when `span` is None)."""
    text = text.strip()
    if not text:
        raise AnnotatorError(f"document {document_id}: an empty reply is not a note")
    author = normalise_name(author, "a note's author")
    layer = normalise_name(layer)
    store.document(document_id)  # an unknown document is one line
    if span is not None and span not in {s.key for s in store.spans(document_id, layer)}:
        raise AnnotatorError(f"document {document_id}: {layer!r} has no span {span[2]} [{span[0]}, {span[1]})")
    return ns.add_entry(store, document_id, layer, span, author, text)


def threads(store: ProjectStore, document_id: int, layer: str | None = None) -> list[Thread]:
    """Every thread on a document (one layer's, or all): spans with a note or replies, then document threads."""
    entries: dict[tuple[str, SpanKey | None], list[NoteEntry]] = {}
    for e in ns.entries(store, document_id, layer):
        key = None if e.start is None else (e.start, e.end, e.label)
        entries.setdefault((e.layer, key), []).append(e)
    out = []
    for span in store.spans(document_id, layer):
        found = entries.pop((span.annotator, span.key), [])
        if span.note or found:
            out.append(Thread(document_id, span.annotator, span.key, span.note, tuple(found)))
    for (name, key), found in sorted(entries.items(), key=lambda kv: (kv[0][0], kv[0][1] or (-1, -1, ""))):
        out.append(Thread(document_id, name, key, "", tuple(found)))  # document threads, and spans since gone
    return out


def thread_of(store: ProjectStore, document_id: int, layer: str, span: SpanKey | None) -> Thread:
    """The one thread of a span (or the document's, for `layer`), empty when none."""
    for t in threads(store, document_id, layer):
        if t.span == span:
            return t
    note = next((s.note for s in store.spans(document_id, layer) if s.key == span), "") if span else ""
    return Thread(document_id, layer, span, note, ())
