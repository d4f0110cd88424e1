"""Checking a project file: SQLite's own integrity and foreign-key checks, then our invariants.

Each problem is one line naming the table, document or span. The quick form (what the app
runs on opening a project) uses SQLite's quick_check and the validator on spans alone, and stops
after a few problems.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Iterator

from annotator.core.errors import SpanError
from annotator.core.schema import Schema, SchemaError
from annotator.core.validation import Finding, LayerSpan, layer_findings
from annotator.core.model import GOLD, Status, normalise_name, text_sha256
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.storage.project_store import ProjectStore
from annotator.storage.schema_store import read_schema

_STATUSES = tuple(s.value for s in Status)


def sqlite_problems(store: ProjectStore, quick: bool = False) -> Iterator[str]:
    """SQLite's integrity (or quick) check and foreign-key check, one line per problem."""
    pragma = "quick_check(20)" if quick else "integrity_check(200)"
    for (row,) in _rows(store, f"PRAGMA {pragma}"):
        if row != "ok":
            yield f"{store.path}: SQLite integrity: {row}"
    for table, rowid, parent, _ in _rows(store, "PRAGMA foreign_key_check"):
        yield f"{store.path}: {table} row {rowid} refers to a missing row of {parent}"


def invariant_problems(store: ProjectStore, quick: bool = False) -> Iterator[str]:
    """Our own rules. Quick (on opening): statuses valid, names normalised, and every layer's spans
    (offsets inside their text, labels declared, no duplicate) through the one validator
    (core.validation), without reading attributes or relations. Full: also every text against its
    sha256, metadata as strict JSON, the schema tables as this version writes them, and every
    layer with its attributes, provenance and relations through the validator, so each stored row
    an import or merge would refuse is reported."""
    where = str(store.path)
    marks = ", ".join("?" * len(_STATUSES))
    for doc, ann, status in _rows(store, f"SELECT document_id, annotator_id, status FROM statuses"
                                         f" WHERE status NOT IN ({marks})", _STATUSES):
        yield f"{where}: document {doc}, annotator {ann}: status {status!r} is not one of {', '.join(_STATUSES)}"
    for (name,) in _rows(store, "SELECT name FROM annotators"):
        if not _normal(name):
            yield f"{where}: annotator {name!r} is not a name this version accepts"
    if not quick:
        for doc, sha, text, meta in _rows(store, "SELECT id, sha256, text, meta FROM documents"):
            if not isinstance(text, str) or sha != text_sha256(text):
                yield f"{where}: document {doc}: its sha256 does not match its text"
            if not _json_object(meta):
                yield f"{where}: document {doc}: metadata is not a JSON object this version can export"
    try:
        schema = read_schema(store.db.conn)
    except (SchemaError, SpanError) as exc:
        yield f"{where}: {exc}; the layers cannot be checked against it"
        return
    for layer in layer_findings_of(store, schema, quick):
        for finding in layer.findings:
            yield f"{where}: document {layer.document}, layer {layer.name!r}: {finding.problem}"


@dataclass(frozen=True, slots=True)
class StoredLayer:
    """What the validator found in one stored layer, with the row ids its findings' indices point to."""

    document: int
    annotator: int
    name: str
    span_ids: list[int]
    spans: list[LayerSpan]
    relation_ids: list[int]
    findings: list[Finding]


def layer_findings_of(store: ProjectStore, schema: Schema, quick: bool = False) -> Iterator[StoredLayer]:
    """Every stored layer that has a problem, read a layer at a time in span id order. `quick`: only
    the spans' offsets, labels and duplicates (no attributes, provenance or relations are read)."""
    links: dict[tuple[int, int], list[tuple[Any, Any, Any, Any]]] = {}
    if not quick:
        for rid, doc, ann, head, child, label in _rows(store, "SELECT id, document_id, annotator_id, head_id, child_id,"
                                                              " label FROM relations ORDER BY id"):
            links.setdefault((doc, ann), []).append((rid, head, child, label))
    names = dict(_rows(store, "SELECT id, name FROM annotators"))
    lengths = dict(_rows(store, "SELECT id, length(text) FROM documents"))  # once a document, not once a span
    columns = "NULL, NULL" if quick else "attrs, provenance"
    rows = _rows(store, f"SELECT document_id, annotator_id, id, start_offset, end_offset, label, {columns} FROM spans"
                        " ORDER BY document_id, annotator_id, id")
    seen = set()
    for (doc, ann), group in groupby(rows, key=lambda r: (r[0], r[1])):
        group = list(group)
        seen.add((doc, ann))
        spans = ([LayerSpan(r[3], r[4], r[5], None, None) for r in group] if quick else
                 [LayerSpan(r[3], r[4], r[5], _json(r[6]), _json(r[7])) for r in group])
        layer_links = links.get((doc, ann), [])
        ids = [r[2] for r in group]
        findings = layer_findings(schema, lengths.get(doc) or 0, spans, [link[1:] for link in layer_links], ids)
        if findings:
            yield StoredLayer(doc, ann, str(names.get(ann, ann)), ids, spans, [link[0] for link in layer_links],
                              findings)
    for (doc, ann), rest in links.items():  # relations of a layer that has no span at all
        if (doc, ann) not in seen:
            findings = layer_findings(schema, 0, [], [link[1:] for link in rest], [])
            if findings:
                yield StoredLayer(doc, ann, str(names.get(ann, ann)), [], [], [link[0] for link in rest], findings)


def _json(text: object) -> object:
    """Stored JSON as strictly as an import reads it; what does not parse is passed on as not an object."""
    try:
        return strict_loads(text) if isinstance(text, str) else text
    except StrictJSONError as exc:
        return f"not valid JSON: {exc}"


def gold_done_documents(store: ProjectStore) -> list[int]:
    """Documents whose gold layer says done (adjudicated); the service checks them against decisions."""
    return [r[0] for r in _rows(store, "SELECT st.document_id FROM statuses st JOIN annotators a"
                                       " ON a.id = st.annotator_id WHERE a.name = ? AND st.status = 'done'", (GOLD,))]


def _rows(store: ProjectStore, sql: str, params: tuple = ()) -> list[tuple]:
    try:
        return store.db.execute(sql, params).fetchall()
    except sqlite3.DatabaseError as exc:  # a damaged file: the check reports, it does not crash
        return [(f"cannot read ({exc})",)] if sql.startswith("PRAGMA") and "check(" in sql else []


def _json_object(text: object) -> bool:
    try:
        return isinstance(text, str) and isinstance(strict_loads(text), dict)
    except StrictJSONError:
        return False


def _normal(name: object) -> bool:
    try:
        return isinstance(name, str) and normalise_name(name) == name
    except SpanError:
        return False
