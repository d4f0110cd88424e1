"""Whole-corpus reads of what layers carry beyond spans (attributes, relations), for agreement.

Two scans for the corpus (spans with attributes, relations with their ends), then span keys
only of the documents that have any: a corpus without attributes or relations costs little.
"""
from __future__ import annotations

import json
from typing import Iterator, Mapping

from annotator.core.attribute_agreement import Key, LayerExtras, Link
from annotator.storage.project_store import ProjectStore

_CHUNK = 500


def layer_extras(store: ProjectStore, labelled: Mapping[int, tuple[str, ...]]) -> Iterator[dict[str, LayerExtras]]:
    """Per document with attributes or relations: {annotator: LayerExtras} of the annotators who labelled it."""
    attrs: dict[tuple[int, str], dict[Key, dict]] = {}
    for doc, name, s, e, label, raw in store.db.execute(
            "SELECT s.document_id, a.name, s.start_offset, s.end_offset, s.label, s.attrs FROM spans s"
            " JOIN annotators a ON a.id = s.annotator_id WHERE s.attrs != '{}'"):
        if name in labelled.get(doc, ()):
            attrs.setdefault((doc, name), {})[(s, e, label)] = json.loads(raw)
    links: dict[tuple[int, str], set[Link]] = {}
    for doc, name, *ends, kind in store.db.execute(
            "SELECT r.document_id, a.name, h.start_offset, h.end_offset, h.label, c.start_offset, c.end_offset,"
            " c.label, r.label FROM relations r JOIN annotators a ON a.id = r.annotator_id"
            " JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id"):
        if name in labelled.get(doc, ()):
            links.setdefault((doc, name), set()).add((tuple(ends[:3]), tuple(ends[3:]), kind))  # type: ignore[arg-type]
    docs = sorted({doc for doc, _ in attrs} | {doc for doc, _ in links})
    for i in range(0, len(docs), _CHUNK):
        chunk = docs[i:i + _CHUNK]
        keys: dict[tuple[int, str], set[Key]] = {}
        for doc, name, s, e, label in store.db.execute(
                "SELECT s.document_id, a.name, s.start_offset, s.end_offset, s.label FROM spans s"
                f" JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id IN ({','.join('?' * len(chunk))})",
                chunk):
            keys.setdefault((doc, name), set()).add((s, e, label))
        for doc in chunk:
            yield {name: LayerExtras(attrs.get((doc, name), {}), frozenset(keys.get((doc, name), ())),
                                     frozenset(links.get((doc, name), ())))
                   for name in labelled[doc]}
