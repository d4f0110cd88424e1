"""Relations between two spans of one layer: read, add, restore under their id, delete.

Each write is one transaction with its change-log entry. The schema decides which relation
types may link which labels; both ends must be spans of the same document and layer.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable, Sequence

from annotator.core.errors import ConflictError, SpanError
from annotator.core.relation import Relation
from annotator.core.schema import Schema
from annotator.storage.project_store import ProjectStore, now

_COLUMNS = "r.id, r.document_id, a.name, r.head_id, r.child_id, r.label, r.version, r.updated_at"


def _relation(row: Sequence[Any]) -> Relation:
    return Relation(row[1], row[3], row[4], row[5], annotator=row[2], id=row[0], version=row[6], updated_at=row[7])


def relations(store: ProjectStore, document_id: int, annotator: str | None = None) -> list[Relation]:
    """Relations of one document: one annotator's layer, or every layer when None."""
    sql = (f"SELECT {_COLUMNS} FROM relations r JOIN annotators a ON a.id = r.annotator_id"
           " WHERE r.document_id = ?")
    params: list[Any] = [document_id]
    if annotator is not None:
        sql += " AND a.name = ?"
        params.append(annotator)
    return [_relation(r) for r in store.db.execute(sql + " ORDER BY r.id", params)]


def relations_of_documents(store: ProjectStore, annotator: str, ids: Sequence[int]) -> dict[int, list[Relation]]:
    """One layer's relations of many documents, in a query per 500 documents."""
    out: dict[int, list[Relation]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        rows = store.db.execute(
            f"SELECT {_COLUMNS} FROM relations r JOIN annotators a ON a.id = r.annotator_id"
            f" WHERE a.name = ? AND r.document_id IN ({','.join('?' * len(chunk))}) ORDER BY r.id",
            [annotator, *chunk])
        for row in rows:
            out[row[1]].append(_relation(row))
    return out


def relations_touching(store: ProjectStore, span_ids: Iterable[int]) -> list[Relation]:
    """Relations with either end among `span_ids` (those a deletion of the spans takes along)."""
    ids = list(span_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM relations r JOIN annotators a ON a.id = r.annotator_id"
        f" WHERE r.head_id IN ({marks}) OR r.child_id IN ({marks}) ORDER BY r.id", [*ids, *ids])
    return [_relation(r) for r in rows]


def check_relation(store: ProjectStore, relation: Relation, schema: Schema | None = None) -> None:
    """SpanError unless both ends exist in one layer of the document and the schema allows the link."""
    head, child = store.span(relation.head_id), store.span(relation.child_id)
    for end, span_id, span in (("head", relation.head_id, head), ("child", relation.child_id, child)):
        if span is None or span.document_id != relation.document_id:
            raise SpanError(f"{relation.label} relation of document {relation.document_id}: its {end} "
                            f"(span {span_id}) is not a span of that document")
        if span.annotator != relation.annotator:
            raise SpanError(f"{relation.label} relation: its {end} (span {span_id}) belongs to {span.annotator}'s "
                            f"layer, not {relation.annotator}'s")
    assert head is not None and child is not None
    (schema or store.schema()).check_relation(relation.label, head.label, child.label)


def add_relation(store: ProjectStore, relation: Relation, schema: Schema | None = None) -> Relation:
    """Store a new relation (checked against the schema); returns it with id and version."""
    return _insert(store, relation, schema, keep_id=False)


def restore_relation(store: ProjectStore, relation: Relation, schema: Schema | None = None) -> Relation:
    """Put back a deleted relation under its old id (undo of a delete, redo of an add)."""
    return _insert(store, relation, schema, keep_id=relation.id is not None)


def _insert(store: ProjectStore, relation: Relation, schema: Schema | None, keep_id: bool) -> Relation:
    ann = store.annotator_id(relation.annotator)
    stamp = now()
    with store.transaction():
        check_relation(store, relation, schema)
        try:
            cur = store.db.execute(
                "INSERT INTO relations (id, document_id, annotator_id, head_id, child_id, label, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (relation.id if keep_id else None, relation.document_id, ann, relation.head_id, relation.child_id,
                 relation.label, stamp, stamp))
        except sqlite3.IntegrityError:
            raise ConflictError(f"document {relation.document_id} already has this {relation.label} link "
                                f"(span {relation.head_id} to span {relation.child_id})") from None
        store.log(relation.annotator, "restore_relation" if keep_id else "add_relation", relation.document_id,
                  relation.head_id, relation=cur.lastrowid, head=relation.head_id, child=relation.child_id,
                  label=relation.label)
    return relation.with_(id=cur.lastrowid, version=1, updated_at=stamp)


def delete_relation(store: ProjectStore, relation: Relation) -> None:
    """Delete a relation as the caller saw it (same version), or ConflictError."""
    with store.transaction():
        cur = store.db.execute("DELETE FROM relations WHERE id = ? AND version = ?", (relation.id, relation.version))
        if cur.rowcount != 1:
            raise ConflictError(f"the {relation.label} link {relation.id} of document {relation.document_id} was "
                                "changed or removed in another window; reload the document")
        store.log(relation.annotator, "delete_relation", relation.document_id, relation.head_id,
                  relation=relation.id, head=relation.head_id, child=relation.child_id, label=relation.label)
