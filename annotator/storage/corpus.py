"""Whole-corpus reads for exports: one layer's statuses and spans, streamed by document."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Iterator

from annotator.core.model import Document, Span, Status
from annotator.storage.project_store import _SPAN_COLUMNS, ProjectStore, _span

_BATCH = 256  # documents per query: few round trips, and memory holds one batch of texts


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document without its text: enough to select and split a corpus."""

    id: int
    sha256: str
    group: str  # the "group" metadata value (one story from several outlets), "" when none
    status: Status
    lang: str = "en"  # the document's language (ISO 639-1)


def document_refs(store: ProjectStore, annotator: str) -> Iterator[DocumentRef]:
    """Every document in id order with `annotator`'s status (todo when they never touched it).

    Reads only; an annotator unknown to the project is not created (all of its statuses are todo).
    """
    cursor = store.db.execute(
        "SELECT d.id, d.sha256, json_extract(d.meta, '$.group'), coalesce(st.status, 'todo'), d.lang"
        " FROM documents d LEFT JOIN statuses st ON st.document_id = d.id"
        " AND st.annotator_id = (SELECT id FROM annotators WHERE name = ?) ORDER BY d.id", (annotator,))
    while rows := cursor.fetchmany(1024):
        for r in rows:
            yield DocumentRef(r[0], r[1], "" if r[2] is None else str(r[2]), Status(r[3]), r[4])


def iter_layer(store: ProjectStore, annotator: str, ids: Iterable[int]) -> Iterator[tuple[Document, list[Span]]]:
    """(document, spans of `annotator` sorted by start, end, label) for `ids`, in the order given.

    Two queries per batch of documents instead of two per document; only one batch of
    texts is in memory at a time.
    """
    batch: list[int] = []
    for doc_id in ids:
        batch.append(doc_id)
        if len(batch) >= _BATCH:
            yield from _batch(store, annotator, batch)
            batch = []
    if batch:
        yield from _batch(store, annotator, batch)


def _batch(store: ProjectStore, annotator: str, ids: list[int]) -> Iterator[tuple[Document, list[Span]]]:
    marks = ",".join("?" * len(ids))
    docs = {r[0]: Document(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in store.db.execute(
        f"SELECT id, text, title, sha256, source, meta, imported_at, lang FROM documents WHERE id IN ({marks})", ids)}
    spans: dict[int, list[Span]] = {i: [] for i in ids}
    rows = store.db.execute(
        f"SELECT {_SPAN_COLUMNS} FROM spans s JOIN annotators a ON a.id = s.annotator_id"
        f" WHERE a.name = ? AND s.document_id IN ({marks})"
        " ORDER BY s.document_id, s.start_offset, s.end_offset, s.label", [annotator, *ids])
    for row in rows:
        spans[row[1]].append(_span(row))
    for doc_id in ids:
        if doc_id in docs:  # a document deleted meanwhile is simply not there any more
            yield docs[doc_id], spans[doc_id]
