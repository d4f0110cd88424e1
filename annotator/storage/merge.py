"""Merging another project file into this one: read it read-only, copy documents and newer layers.

A layer is one annotator's spans and status on one document. Its time is its latest change:
the newest of its spans' updated_at, its status' updated_at, the change log's span and status
entries for it, and the time of the layer a merge brought in. Per layer (documents matched by
text sha256, annotators by name): a layer this project lacks is copied; a layer whose incoming
time is strictly newer replaces this project's layer as a whole (spans, notes, unsure flags,
status); otherwise this project's layer is kept. Merging the same file again finds every
layer "not newer" and changes nothing. The gold layer is never merged, so a merge never
overwrites it. Times are compared as UTC ISO text, so laptops need roughly right clocks.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.model import is_gold
from annotator.storage.merge_checks import check_source
from annotator.storage.migrations import APPLICATION_ID, LATEST
from annotator.storage.project_store import ProjectStore
from annotator.core.wording import plural

LayerKey = tuple[int, str]  # (document id in its own file, annotator name)
_LAYER_ACTIONS = ("('add_span', 'update_span', 'delete_span', 'restore_span', 'status', 'add_relation',"
                  " 'delete_relation', 'restore_relation')")
_SPAN_COLUMNS = "start_offset, end_offset, label, attrs, note, unsure, created_at, updated_at, version, provenance"


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What merging one file did."""

    source: str
    documents_added: int = 0
    documents_matched: int = 0
    layers_added: int = 0
    layers_replaced: int = 0
    layers_kept: int = 0
    gold_layers_skipped: int = 0
    labels_added: tuple[str, ...] = ()

    def summary(self) -> str:
        text = (f"{self.source}: {plural(self.documents_added, 'new document')}, {self.documents_matched} matched; "
                f"layers: {self.layers_added} added, {self.layers_replaced} replaced by newer, "
                f"{self.layers_kept} kept (this project's as new or newer)")
        if self.gold_layers_skipped:
            text += f"; {plural(self.gold_layers_skipped, 'gold layer')} not merged"
        if self.labels_added:
            text += f"; new label(s) {', '.join(self.labels_added)}"
        return text


@dataclass
class SourceProject:
    """Everything a merge needs from another project file, read in one go."""

    path: Path
    labels: list[tuple[Any, ...]] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)
    documents: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # id -> (sha256, text, title, ..., lang)
    spans: dict[LayerKey, list[tuple[Any, ...]]] = field(default_factory=dict)
    statuses: dict[LayerKey, tuple[str, str]] = field(default_factory=dict)
    times: dict[LayerKey, str] = field(default_factory=dict)
    span_ids: dict[LayerKey, list[int]] = field(default_factory=dict)  # ids in that file, as `spans`
    relations: dict[LayerKey, list[tuple[Any, ...]]] = field(default_factory=dict)  # (head id, child id, ...)
    schema_rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # schema 7: its tables


def read_source(path: str | Path) -> SourceProject:
    """Read a project file without changing it (opened read-only, never migrated); refuse non-projects."""
    path = Path(path)
    if not path.exists():
        raise ProjectError(f"{path}: no such project file")
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    if not path.is_file():  # a FIFO or device: opening it would wait forever
        raise ProjectError(f"{path}: is not a regular file, not a project file")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        # One read transaction: every query sees the same snapshot, even while another
        # window writes to that file, so layer times always belong to the spans read.
        conn.execute("BEGIN")
        _check(conn, path)
        src = _read(conn, path)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: not a project file ({exc})") from None
    finally:
        conn.close()  # ends the read transaction; nothing was written
    check_source(src)
    return src


def _check(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID or version < 1:
        raise ProjectError(f"{path}: is not an annotator project")
    if version > LATEST:
        raise ProjectError(f"{path}: made by a newer version of the annotator (schema {version}, "
                           f"this version reads up to {LATEST}); upgrade to merge it")


def _read(conn: sqlite3.Connection, path: Path) -> SourceProject:
    src = SourceProject(path)
    src.labels = conn.execute(
        "SELECT name, colour, key, description, guideline FROM labels ORDER BY position").fetchall()
    src.annotators = [r[0] for r in conn.execute("SELECT name FROM annotators ORDER BY name")]
    has_lang = any(r[1] == "lang" for r in conn.execute("PRAGMA table_info(documents)"))
    lang = "lang" if has_lang else "'en'"  # schema 9 and older: every document was read as English
    src.documents = {r[0]: r[1:] for r in conn.execute(
        f"SELECT id, sha256, text, title, source, meta, imported_at, {lang} FROM documents")}
    has_provenance = any(r[1] == "provenance" for r in conn.execute("PRAGMA table_info(spans)"))
    columns = ", ".join(f"s.{c.strip()}" if c.strip() != "provenance" or has_provenance else "'{}'"
                        for c in _SPAN_COLUMNS.split(","))  # schema 8 and older: provenance among the attrs
    for row in conn.execute(f"SELECT s.document_id, a.name, {columns}, s.id FROM spans s"
                            " JOIN annotators a ON a.id = s.annotator_id ORDER BY s.id"):
        src.spans.setdefault((row[0], row[1]), []).append(row[2:-1])
        src.span_ids.setdefault((row[0], row[1]), []).append(row[-1])
    _read_relations(conn, src)
    src.statuses = {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
        "SELECT st.document_id, a.name, st.status, st.updated_at FROM statuses st"
        " JOIN annotators a ON a.id = st.annotator_id")}
    src.times = layer_times(conn)
    return src


def _read_relations(conn: sqlite3.Connection, src: SourceProject) -> None:
    """Relations and the schema tables of a file of schema 7 or later (older files have none)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'relations'").fetchone():
        return
    for row in conn.execute("SELECT r.document_id, a.name, r.head_id, r.child_id, r.label, r.created_at,"
                            " r.updated_at, r.version FROM relations r JOIN annotators a ON a.id = r.annotator_id"):
        src.relations.setdefault((row[0], row[1]), []).append(row[2:])
    src.schema_rows = {table: conn.execute(f"SELECT * FROM {table}").fetchall()
                       for table in ("label_attributes", "relation_types")}


def layer_times(conn: sqlite3.Connection) -> dict[LayerKey, str]:
    """(document id, annotator) -> time of the latest change of that layer, in one pass over the file."""
    parts = [
        "SELECT s.document_id, a.name, max(s.updated_at) FROM spans s JOIN annotators a ON a.id = s.annotator_id"
        " GROUP BY s.document_id, a.name",
        "SELECT st.document_id, a.name, st.updated_at FROM statuses st JOIN annotators a ON a.id = st.annotator_id",
        "SELECT document_id, annotator, max(at) FROM changes WHERE document_id IS NOT NULL"
        f" AND action IN {_LAYER_ACTIONS} GROUP BY document_id, annotator",
    ]
    has_merged = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'merged_layers'").fetchone()
    if has_merged:  # schema 2 and later remember the times of merged-in layers
        parts.append("SELECT m.document_id, a.name, m.layer_time FROM merged_layers m"
                     " JOIN annotators a ON a.id = m.annotator_id")
    times: dict[LayerKey, str] = {}
    for doc, name, at in conn.execute(" UNION ALL ".join(parts)):
        if at is not None and (doc, name) in times:
            times[(doc, name)] = max(times[(doc, name)], at)
        elif at is not None:
            times[(doc, name)] = at
    return times


def merge_source(store: ProjectStore, src: SourceProject) -> MergeResult:
    """Merge one read source into `store`; call inside store.transaction()."""
    labels_added = _merge_labels(store, src)
    _merge_schema_rows(store, src, labels_added)
    doc_ids, added = _merge_documents(store, src)
    for name in src.annotators:
        if not is_gold(name):
            store.annotator_id(name)  # an annotator with no layer yet still comes along
    local_times = layer_times(store.db.conn)
    counts = {"added": 0, "replaced": 0, "kept": 0, "gold": 0}
    for key in sorted(src.times.keys() | src.spans.keys()):
        doc, name = key
        if doc not in doc_ids:
            continue  # the change log remembers a document since deleted from that file
        if is_gold(name):
            counts["gold"] += 1
            continue
        local = local_times.get((doc_ids[doc], name))
        incoming = src.times.get(key, "")
        if local is not None and incoming <= local:
            counts["kept"] += 1
            continue
        _copy_layer(store, src, key, doc_ids[doc], incoming)
        counts["added" if local is None else "replaced"] += 1
    result = MergeResult(str(src.path), added, len(src.documents) - added, counts["added"], counts["replaced"],
                         counts["kept"], counts["gold"], tuple(labels_added))
    store.log("", "merge", file=str(src.path), documents_added=added, layers_added=counts["added"],
              layers_replaced=counts["replaced"], layers_kept=counts["kept"])
    return result


def _merge_labels(store: ProjectStore, src: SourceProject) -> list[str]:
    """Labels this project lacks come along (a shortcut key already in use is left empty)."""
    have = {r[0]: r[1] for r in store.db.execute("SELECT name, key FROM labels")}
    keys = {k for k in have.values() if k}
    position = store.db.execute("SELECT coalesce(max(position), -1) FROM labels").fetchone()[0]
    added = []
    for name, colour, key, description, guideline in src.labels:
        if name in have:
            continue
        position += 1
        key = "" if key in keys else key
        keys.add(key)
        store.db.execute("INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?)",
                         (name, colour, key, description, guideline, position))
        added.append(name)
    return added


def _merge_schema_rows(store: ProjectStore, src: SourceProject, labels_added: list[str]) -> None:
    """Relation types this project lacks come along, and the attributes of labels that just came."""
    keys = {k for (k,) in store.db.execute("SELECT key FROM relation_types WHERE key != ''")}
    for name, head, child, key, position in src.schema_rows.get("relation_types", []):
        if store.db.execute("SELECT 1 FROM relation_types WHERE name = ?", (name,)).fetchone() is None:
            store.db.execute("INSERT INTO relation_types VALUES (?, ?, ?, ?, ?)",
                             (name, head, child, "" if key in keys else key, position))  # a key in use stays here's
            keys.add(key)
    for row in src.schema_rows.get("label_attributes", []):
        if row[0] in labels_added:
            store.db.execute("INSERT OR IGNORE INTO label_attributes VALUES (?, ?, ?, ?, ?)", row)


def _merge_documents(store: ProjectStore, src: SourceProject) -> tuple[dict[int, int], int]:
    """Insert documents this project lacks, in the language that file gives them; map every source
    document id to a local one (a document this project has keeps the language it has here)."""
    cur = store.db.conn.executemany(
        "INSERT OR IGNORE INTO documents (sha256, text, title, source, meta, imported_at, lang)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        list(src.documents.values()))
    added = max(cur.rowcount, 0)  # rows inserted by the statement itself, not by its triggers
    by_sha = dict(store.db.execute("SELECT sha256, id FROM documents").fetchall())
    return {doc: by_sha[row[0]] for doc, row in src.documents.items()}, added


def _copy_layer(store: ProjectStore, src: SourceProject, key: LayerKey, local_doc: int, layer_time: str) -> None:
    """This project's layer becomes the incoming one: spans with their times and versions, and status."""
    if is_gold(key[1]):  # checked by the caller too: a merge never writes the gold layer
        raise ProjectError(f"{src.path}: refusing to merge into the gold layer")
    ann = store.annotator_id(key[1])
    db = store.db.conn
    db.execute("DELETE FROM spans WHERE document_id = ? AND annotator_id = ?", (local_doc, ann))
    db.execute("DELETE FROM statuses WHERE document_id = ? AND annotator_id = ?", (local_doc, ann))
    spans = src.spans.get(key, [])
    db.executemany(f"INSERT INTO spans (document_id, annotator_id, {_SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                   " ?, ?, ?, ?)", [(local_doc, ann, *row) for row in spans])
    _copy_relations(store, src, key, local_doc, ann)
    if key in src.statuses:
        db.execute("INSERT INTO statuses VALUES (?, ?, ?, ?)", (local_doc, ann, *src.statuses[key]))
    db.execute("INSERT OR REPLACE INTO merged_layers VALUES (?, ?, ?, ?)", (local_doc, ann, layer_time, str(src.path)))
    store.log(key[1], "merge_layer", local_doc, file=str(src.path), spans=len(spans), layer_time=layer_time)


def _copy_relations(store: ProjectStore, src: SourceProject, key: LayerKey, local_doc: int, ann: int) -> None:
    """The layer's relations, their ends mapped to the spans just copied (range and label are unique in a layer)."""
    if key not in src.relations:
        return
    local = {tuple(r[1:]): r[0] for r in store.db.execute(
        "SELECT id, start_offset, end_offset, label FROM spans WHERE document_id = ? AND annotator_id = ?",
        (local_doc, ann))}
    ids = {src_id: local[tuple(row[:3])] for src_id, row in zip(src.span_ids[key], src.spans[key])}
    store.db.conn.executemany(
        "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at, updated_at, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(local_doc, ann, ids[head], ids[child], *rest) for head, child, *rest in src.relations[key]])
