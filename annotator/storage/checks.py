"""Checking a project file: SQLite's own integrity and foreign-key checks, then our invariants.

Each problem is one line naming the table, document or span. The quick form (what the app
runs on opening a project) uses SQLite's quick_check and stops after a few problems.
"""
from __future__ import annotations

import sqlite3
from typing import Iterator

from annotator.core.errors import SpanError
from annotator.core.model import GOLD, Status, normalise_name, text_sha256
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.storage.project_store import ProjectStore

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
    """Our own rules: spans inside their text, labels known, statuses valid; unless `quick`, also
    every text against its sha256 and every metadata and attribute value as strict JSON."""
    where = str(store.path)
    for span, doc, start, end, length in _rows(store, (
            "SELECT s.id, s.document_id, s.start_offset, s.end_offset, length(d.text) FROM spans s"
            " JOIN documents d ON d.id = s.document_id"
            " WHERE s.start_offset < 0 OR s.end_offset <= s.start_offset OR s.end_offset > length(d.text)"
            " OR typeof(s.start_offset) != 'integer' OR typeof(s.end_offset) != 'integer'")):
        yield f"{where}: span {span} [{start}, {end}) of document {doc} is outside its text (length {length})"
    for span, doc, label in _rows(store, "SELECT id, document_id, label FROM spans"
                                         " WHERE label NOT IN (SELECT name FROM labels)"):
        yield f"{where}: span {span} of document {doc} has label {label!r}, which the project does not declare"
    marks = ", ".join("?" * len(_STATUSES))
    for doc, ann, status in _rows(store, f"SELECT document_id, annotator_id, status FROM statuses"
                                         f" WHERE status NOT IN ({marks})", _STATUSES):
        yield f"{where}: document {doc}, annotator {ann}: status {status!r} is not one of {', '.join(_STATUSES)}"
    for (name,) in _rows(store, "SELECT name FROM annotators"):
        if not _normal(name):
            yield f"{where}: annotator {name!r} is not a name this version accepts"
    if quick:
        return
    for doc, sha, text, meta in _rows(store, "SELECT id, sha256, text, meta FROM documents"):
        if not isinstance(text, str) or sha != text_sha256(text):
            yield f"{where}: document {doc}: its sha256 does not match its text"
        if not _json_object(meta):
            yield f"{where}: document {doc}: metadata is not a JSON object this version can export"
    for span, doc, attrs in _rows(store, "SELECT id, document_id, attrs FROM spans WHERE attrs != '{}'"):
        if not _json_object(attrs):
            yield f"{where}: span {span} of document {doc}: attributes are not a JSON object"


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
