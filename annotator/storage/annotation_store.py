"""Storing what imported records carry beyond their spans: attributes, notes, flags and relations.

Runs in the import's transaction, after the spans went in (INSERT OR IGNORE): spans are found
again by range and label, which are unique in a layer. A record that gave attributes sets them;
numbers read from a FIGURE's text only fill a span that has no attributes yet, so an
annotator's corrections survive a re-import of the same file. One UPDATE statement and one
INSERT statement for the whole batch, each run over many rows.
"""
from __future__ import annotations

import json
from typing import Any, Sequence

from annotator.core.annotations import RecordAnnotations
from annotator.core.model import NewArticle, text_sha256
from annotator.storage.project_store import ProjectStore, now

_UPDATE = (
    "UPDATE spans SET attrs = coalesce(?1, attrs), note = coalesce(?2, note), unsure = coalesce(?3, unsure),"
    " provenance = coalesce(?6, provenance), updated_at = ?4, version = version + 1 WHERE id = ?5"
    " AND (coalesce(?1, attrs) IS NOT attrs OR coalesce(?2, note) IS NOT note OR coalesce(?3, unsure) IS NOT unsure"
    " OR coalesce(?6, provenance) IS NOT provenance)")


def store_annotations(store: ProjectStore, annotator: str, articles: Sequence[NewArticle]) -> int:
    """Apply the annotations of `articles` to `annotator`'s layer; returns relations added."""
    carrying = [(text_sha256(a.text), a.annotations) for a in articles if a.annotations is not None]
    if not carrying:
        return 0
    ann = store.annotator_id(annotator)
    stamp = now()
    updates: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    with store.transaction():
        docs = _doc_ids(store, [sha for sha, _ in carrying])
        for sha, record in carrying:
            _collect(store, ann, docs[sha], record, stamp, updates, links)
        store.db.conn.executemany(_UPDATE, updates)
        before = store.db.conn.total_changes
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO relations (document_id, annotator_id, head_id, child_id, label, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", links)
        return store.db.conn.total_changes - before


def _doc_ids(store: ProjectStore, shas: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(shas), 500):
        chunk = shas[i:i + 500]
        out.update(store.db.execute(
            f"SELECT sha256, id FROM documents WHERE sha256 IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def _collect(store: ProjectStore, ann: int, doc: int, record: RecordAnnotations, stamp: str,
             updates: list[tuple[Any, ...]], links: list[tuple[Any, ...]]) -> None:
    """The UPDATE rows (attrs, note, unsure or None to keep, time, id) and relation rows of one record."""
    ids = {(s, e, label): (i, attrs) for i, s, e, label, attrs in store.db.execute(
        "SELECT id, start_offset, end_offset, label, attrs FROM spans WHERE document_id = ? AND annotator_id = ?",
        (doc, ann))}
    parsed = set(record.parsed)
    for n, span in enumerate(record.spans):
        span_id, stored = ids[span.key]
        attrs = provenance = None
        if span.attrs is not None and (n not in parsed or stored == "{}"):
            attrs = json.dumps(dict(span.attrs), ensure_ascii=False)
            provenance = json.dumps(dict(span.provenance), ensure_ascii=False) if span.provenance else None
        elif span.provenance and n not in parsed:
            provenance = json.dumps(dict(span.provenance), ensure_ascii=False)
        if attrs is not None or provenance is not None or span.note is not None or span.unsure is not None:
            updates.append((attrs, span.note, None if span.unsure is None else int(span.unsure), stamp, span_id,
                            provenance))
    links.extend((doc, ann, ids[record.spans[h].key][0], ids[record.spans[c].key][0], name, stamp, stamp)
                 for h, c, name in record.relations)
