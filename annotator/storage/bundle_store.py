"""Writing an annotator's bundle: a new project file with their documents, the schema and guidelines,
their own layer and threads, and nothing of anyone else (no other layer, no gold, no suggestions).

The file is made by the ordinary project creation (ProjectStore), filled in one transaction under
a temporary name and renamed when whole, so a bundle on disk is always complete.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Sequence

from annotator.core.errors import ProjectError
from annotator.storage.project_store import ProjectStore
from annotator.storage.schema_store import write_schema
from annotator.storage.team_store import BUNDLE_ANNOTATOR, BUNDLE_OF

_SPAN_COLUMNS = "start_offset, end_offset, label, attrs, note, unsure, created_at, updated_at, version"
_PARTIAL = ".partial"


def write_bundle(store: ProjectStore, path: Path, annotator: str, document_ids: Sequence[int], team: str) -> Path:
    """Write `annotator`'s bundle of `document_ids` to `path` (which must not exist yet)."""
    if path.exists():
        raise ProjectError(f"{path}: exists already; choose another --out folder or move it away")
    partial = path.with_name(path.name + _PARTIAL)
    for leftover in (partial, Path(str(partial) + "-wal"), Path(str(partial) + "-shm")):
        leftover.unlink(missing_ok=True)  # a killed earlier attempt
    bundle = ProjectStore(partial)
    try:
        with bundle.transaction():
            write_schema(bundle.db.conn, store.schema())
            ids = _copy_documents(store, bundle, document_ids)
            _copy_layer(store, bundle, annotator, ids)
            bundle.db.execute("INSERT OR REPLACE INTO project_meta VALUES (?, ?), (?, ?)",
                              (BUNDLE_OF, team, BUNDLE_ANNOTATOR, annotator))
            bundle.log(annotator, "bundle", documents=len(ids))
    except BaseException:
        bundle.close()
        partial.unlink(missing_ok=True)
        raise
    bundle.close()
    os.replace(partial, path)
    return path


def _copy_documents(store: ProjectStore, bundle: ProjectStore, document_ids: Sequence[int]) -> dict[int, int]:
    """The documents, as they are (text, title, source, metadata, import time, language); coordinator id -> bundle id."""
    ids: dict[int, int] = {}
    for doc in sorted(document_ids):
        row = store.db.execute("SELECT sha256, text, title, source, meta, imported_at, lang FROM documents"
                               " WHERE id = ?", (doc,)).fetchone()
        if row is None:
            raise ProjectError(f"{store.path}: no document {doc} to put in a bundle")
        cur = bundle.db.execute("INSERT INTO documents (sha256, text, title, source, meta, imported_at, lang,"
                                " text_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*row, len(row[1])))
        ids[doc] = cur.lastrowid
    return ids


def _copy_layer(store: ProjectStore, bundle: ProjectStore, annotator: str, ids: dict[int, int]) -> None:
    """The annotator's spans, relations, statuses, assignments, threads and active time on those documents."""
    mine = bundle.annotator_id(annotator)
    row = store.db.execute("SELECT id FROM annotators WHERE name = ?", (annotator,)).fetchone()
    if row is None:
        return
    theirs = row[0]
    src, dst = store.db.conn, bundle.db.conn
    for doc, local in ids.items():
        span_ids: dict[int, int] = {}
        for sid, *values in src.execute(f"SELECT id, {_SPAN_COLUMNS} FROM spans WHERE document_id = ? AND"
                                        " annotator_id = ? ORDER BY id", (doc, theirs)):
            cur = dst.execute(f"INSERT INTO spans (document_id, annotator_id, {_SPAN_COLUMNS}) VALUES"
                              " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (local, mine, *values))
            span_ids[sid] = cur.lastrowid
        for head, child, *values in src.execute(
                "SELECT head_id, child_id, label, created_at, updated_at, version FROM relations"
                " WHERE document_id = ? AND annotator_id = ?", (doc, theirs)):
            dst.execute("INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at,"
                        " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (local, mine, span_ids[head], span_ids[child], *values))
        _copy_rows(src, dst, "statuses", "status, updated_at", doc, local, theirs, mine)
        _copy_rows(src, dst, "assignments", "batch, assigned_at", doc, local, theirs, mine)
        _copy_rows(src, dst, "activity", "id, started_at, seconds", doc, local, theirs, mine, first=True)
        for values in src.execute("SELECT id, start_offset, end_offset, label, author, written_at, text FROM"
                                  " note_entries WHERE document_id = ? AND layer_id = ?", (doc, theirs)):
            dst.execute("INSERT INTO note_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (values[0], local, mine, *values[1:]))


def _copy_rows(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, columns: str, doc: int, local: int, theirs: int, mine: int,
               first: bool = False) -> None:
    """Rows of a (document_id, annotator_id, ...) table; with `first` the columns' first one leads."""
    names = [c.strip() for c in columns.split(",")]
    for values in src.execute(f"SELECT {columns} FROM {table} WHERE document_id = ? AND annotator_id = ?",
                              (doc, theirs)):
        if first:
            cols = f"{names[0]}, document_id, annotator_id, {', '.join(names[1:])}"
            row = (values[0], local, mine, *values[1:])
        else:
            cols = f"document_id, annotator_id, {columns}"
            row = (local, mine, *values)
        dst.execute(f"INSERT INTO {table} ({cols}) VALUES ({','.join('?' * len(row))})", row)
