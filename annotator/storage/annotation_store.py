"""Storing what imported records carry beyond their spans: attributes, notes, flags and relations.

Runs in the import's transaction, after the spans went in (INSERT OR IGNORE): spans are found
again by range and label, which are unique in a layer. A record that gave attributes sets them;
numbers read from a FIGURE's text only fill a span that has no attributes yet, so an
annotator's corrections survive a re-import of the same file.
"""
from __future__ import annotations

import json
from typing import Sequence

from annotator.core.annotations import RecordAnnotations
from annotator.core.model import NewArticle, text_sha256
from annotator.storage.project_store import ProjectStore, now


def store_annotations(store: ProjectStore, annotator: str, articles: Sequence[NewArticle]) -> int:
    """Apply the annotations of `articles` to `annotator`'s layer; returns relations added."""
    carrying = [(text_sha256(a.text), a.annotations) for a in articles if a.annotations is not None]
    if not carrying:
        return 0
    ann = store.annotator_id(annotator)
    added = 0
    with store.transaction():
        for sha, record in carrying:
            added += _apply(store, ann, sha, record)
    return added


def _apply(store: ProjectStore, ann: int, sha: str, record: RecordAnnotations) -> int:
    db = store.db.conn
    doc = db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()[0]
    ids = {(s, e, label): (i, attrs) for i, s, e, label, attrs in db.execute(
        "SELECT id, start_offset, end_offset, label, attrs FROM spans WHERE document_id = ? AND annotator_id = ?",
        (doc, ann))}
    stamp = now()
    for n, span in enumerate(record.spans):
        span_id, stored = ids[span.key]
        sets: dict[str, object] = {}
        if span.attrs is not None and (n not in record.parsed or stored == "{}"):
            sets["attrs"] = json.dumps(dict(span.attrs), ensure_ascii=False)
        if span.note is not None:
            sets["note"] = span.note
        if span.unsure is not None:
            sets["unsure"] = int(span.unsure)
        if sets:
            changed = " OR ".join(f"{k} IS NOT ?" for k in sets)
            db.execute(f"UPDATE spans SET {', '.join(f'{k} = ?' for k in sets)}, updated_at = ?, version = version + 1"
                       f" WHERE id = ? AND ({changed})", (*sets.values(), stamp, span_id, *sets.values()))
    before = db.total_changes
    db.executemany(
        "INSERT OR IGNORE INTO relations (document_id, annotator_id, head_id, child_id, label, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc, ann, ids[record.spans[h].key][0], ids[record.spans[c].key][0], name, stamp, stamp)
         for h, c, name in record.relations])
    return db.total_changes - before
