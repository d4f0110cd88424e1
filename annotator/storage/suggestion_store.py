"""Suggestion tables of a project (migration 8): proposed spans, rejections, the trained model.

All of it is derived: dropping these rows loses nothing a person did. Suggestions are
replaced per (document, source) in one transaction, so a run that fails leaves the previous
ones whole.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

from annotator.core.errors import ProjectError
from annotator.core.model import GOLD
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.core.suggestion import Suggestion
from annotator.storage.project_store import ProjectStore, now

MODEL_NAME = "model"  # one model per project: training again replaces it


@dataclass(frozen=True, slots=True)
class StoredModel:
    """The project's trained pipeline (spaCy bytes) and what made it."""

    source_layer: str
    labels: tuple[str, ...]
    spacy_version: str
    pipeline: bytes
    scores: Mapping[str, Any]
    documents: int
    held_out: int
    seconds: float
    trained_at: str


def replace_suggestions(store: ProjectStore, source: str, by_document: Mapping[int, Sequence[Suggestion]],
                        made_by: str = "") -> int:
    """Make `by_document` the only suggestions of `source` on those documents; returns rows written."""
    stamp = now()
    rows = [(doc, s.source, s.start, s.end, s.label, s.score,
             json.dumps(dict(s.attrs), ensure_ascii=False) if s.attrs else "{}", made_by, stamp)
            for doc, found in by_document.items() for s in found if s.source == source]
    ids = list(by_document)
    with store.transaction():
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            store.db.execute(f"DELETE FROM suggestions WHERE source = ? AND document_id IN ({','.join('?' * len(chunk))})",
                             [source, *chunk])
        store.db.conn.executemany(
            "INSERT OR REPLACE INTO suggestions (document_id, source, start_offset, end_offset, label, score, attrs,"
            " made_by, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def stored_suggestions(store: ProjectStore, ids: Iterable[int],
                       sources: Sequence[str]) -> Iterator[tuple[int, list[Suggestion]]]:
    """(document id, its stored suggestions of `sources` sorted by position) for each of `ids`."""
    ids = list(ids)
    marks = ",".join("?" * len(sources))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        found: dict[int, list[Suggestion]] = {d: [] for d in chunk}
        rows = store.db.execute(
            "SELECT document_id, start_offset, end_offset, label, source, score, attrs, made_by FROM suggestions"
            f" WHERE source IN ({marks}) AND document_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY document_id, start_offset, end_offset, label", [*sources, *chunk])
        for doc, start, end, label, source, score, attrs, made_by in rows:
            found[doc].append(Suggestion(start, end, label, source, score, json.loads(attrs) if attrs != "{}" else {},
                                         made_by if source == "model" and isinstance(made_by, str) else ""))
        yield from found.items()


def suggestion_count(store: ProjectStore, source: str | None = None) -> int:
    if source is None:
        return store.db.execute("SELECT count(*) FROM suggestions").fetchone()[0]
    return store.db.execute("SELECT count(*) FROM suggestions WHERE source = ?", (source,)).fetchone()[0]


# -- rejections -------------------------------------------------------------------------------
def reject(store: ProjectStore, document_id: int, annotator: str, suggestion: Suggestion) -> None:
    """Remember that `annotator` rejected `suggestion` on this document (it is not shown to them again)."""
    ann = store.annotator_id(annotator)
    with store.transaction():
        store.db.execute(
            "INSERT OR REPLACE INTO rejected_suggestions VALUES (?, ?, ?, ?, ?, ?, ?)",
            (document_id, ann, suggestion.start, suggestion.end, suggestion.label, suggestion.source, now()))


def unreject(store: ProjectStore, document_id: int, annotator: str, suggestion: Suggestion) -> None:
    """Forget a rejection (its undo)."""
    with store.transaction():
        store.db.execute(
            "DELETE FROM rejected_suggestions WHERE document_id = ? AND annotator_id = ? AND start_offset = ?"
            " AND end_offset = ? AND label = ?",
            (document_id, store.annotator_id(annotator), suggestion.start, suggestion.end, suggestion.label))


def rejected(store: ProjectStore, document_id: int, annotator: str) -> set[tuple[int, int, str]]:
    """(start, end, label) of the suggestions `annotator` rejected on a document; reading creates nothing."""
    rows = store.db.execute(
        "SELECT r.start_offset, r.end_offset, r.label FROM rejected_suggestions r"
        " JOIN annotators a ON a.id = r.annotator_id WHERE r.document_id = ? AND a.name = ?",
        (document_id, annotator))
    return {tuple(r) for r in rows}  # type: ignore[misc]


# -- project memory ---------------------------------------------------------------------------
SHARED_MEMORY = "shared_memory"  # project_meta key: "1" when memory draws on every annotator's layer


def labelled_strings(store: ProjectStore, annotator: str | None = None, *, every_layer: bool = False,
                     document_id: int | None = None) -> list[tuple[str, str, bool, int]]:
    """(text, label, from gold, count) of the strings labelled in gold and in `annotator`'s layer (every
    layer with `every_layer`), over the project or one document. Reading creates no annotator."""
    where, params = ["1"], []
    if not every_layer:
        where, params = ["a.name IN (?, ?)"], [GOLD, annotator if annotator is not None else GOLD]
    if document_id is not None:
        where.append("s.document_id = ?")
        params.append(document_id)
    rows = store.db.execute(
        "SELECT substr(d.text, s.start_offset + 1, s.end_offset - s.start_offset) AS t, s.label,"
        " a.name = ? AS g, count(*) FROM spans s JOIN documents d ON d.id = s.document_id"
        f" JOIN annotators a ON a.id = s.annotator_id WHERE {' AND '.join(where)} GROUP BY t, s.label, g",
        [GOLD, *params])
    return [(t, label, bool(g), n) for t, label, g, n in rows]


def memory_shared(store: ProjectStore) -> bool:
    """Whether the project's memory draws on every annotator's layer (else gold and one's own only)."""
    return store.meta(SHARED_MEMORY) == "1"


def set_memory_shared(store: ProjectStore, shared: bool) -> None:
    store.set_meta(SHARED_MEMORY, "1" if shared else "0")


# -- the trained model ------------------------------------------------------------------------
def save_model(store: ProjectStore, model: StoredModel) -> None:
    """Store the project's model, replacing the one before."""
    with store.transaction():
        store.db.execute(
            "INSERT OR REPLACE INTO suggestion_models (name, source_layer, labels, spacy_version, pipeline, scores,"
            " documents, held_out, seconds, trained_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (MODEL_NAME, model.source_layer, json.dumps(list(model.labels)), model.spacy_version, model.pipeline,
             json.dumps(model.scores), model.documents, model.held_out, model.seconds, model.trained_at))
        store.log(model.source_layer, "train_model", documents=model.documents, held_out=model.held_out)


def load_model(store: ProjectStore) -> StoredModel | None:
    """The stored model with its metadata checked (a colleague's file is untrusted): ProjectError in one line."""
    row = store.db.execute(
        "SELECT source_layer, labels, spacy_version, pipeline, scores, documents, held_out, seconds, trained_at"
        " FROM suggestion_models WHERE name = ?", (MODEL_NAME,)).fetchone()
    if row is None:
        return None
    labels, scores = _json_column(row[1], "labels"), _json_column(row[4], "scores")
    if not (isinstance(labels, list) and all(isinstance(x, str) for x in labels) and isinstance(scores, dict)
            and all(isinstance(row[i], str) for i in (0, 2, 8)) and isinstance(row[3], bytes)
            and all(type(row[i]) is int for i in (5, 6)) and isinstance(row[7], (int, float))):
        raise ProjectError(f"{store.path.name}: the stored model's metadata is not what this version writes; "
                           "train it again with `annotator train`")
    return StoredModel(row[0], tuple(labels), row[2], bytes(row[3]), scores, row[5], row[6], row[7], row[8])


def _json_column(text: Any, what: str) -> Any:
    try:
        return strict_loads(text) if isinstance(text, str) else None
    except StrictJSONError:
        return None


def model_version(store: ProjectStore) -> str | None:
    """When the stored model was trained (None: no model); cheap, without reading its bytes."""
    row = store.db.execute("SELECT trained_at FROM suggestion_models WHERE name = ?", (MODEL_NAME,)).fetchone()
    return row[0] if row else None


# -- which documents --------------------------------------------------------------------------
def documents_to_suggest(store: ProjectStore, todo: bool, annotator: str | None = None) -> list[int]:
    """Every document, or those still to do: not done or skipped by `annotator` (by anyone but
    gold, when no annotator is named). Reading creates no annotator."""
    if not todo:
        return [r[0] for r in store.db.execute("SELECT id FROM documents ORDER BY id")]
    if annotator is None:
        sql = ("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM statuses st JOIN annotators a"
               " ON a.id = st.annotator_id WHERE st.document_id = d.id AND a.name != ?"
               " AND st.status IN ('done', 'skipped')) ORDER BY d.id")
        return [r[0] for r in store.db.execute(sql, (GOLD,))]
    sql = ("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM statuses st JOIN annotators a"
           " ON a.id = st.annotator_id WHERE st.document_id = d.id AND a.name = ?"
           " AND st.status IN ('done', 'skipped')) ORDER BY d.id")
    return [r[0] for r in store.db.execute(sql, (annotator,))]


def layer_keys(store: ProjectStore, document_id: int, annotator: str) -> set[tuple[int, int, str]]:
    """(start, end, label) of one annotator's spans on a document; reading creates nothing."""
    rows = store.db.execute(
        "SELECT s.start_offset, s.end_offset, s.label FROM spans s JOIN annotators a ON a.id = s.annotator_id"
        " WHERE s.document_id = ? AND a.name = ?", (document_id, annotator))
    return {tuple(r) for r in rows}  # type: ignore[misc]
