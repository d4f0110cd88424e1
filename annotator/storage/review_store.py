"""Review queries over a ProjectStore: who labelled what, layers in bulk, adjudication decisions.

"Labelled" (the documents agreement compares and review shows): an annotator labelled a
document when their status on it is done. An annotator who has never marked any document
done (a layer imported from files, a team that does not use statuses) counts as having
labelled every document where they made at least one span and did not skip it. The gold
layer is never an annotator here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from annotator.core.agreement import SpanColumns
from annotator.core.model import GOLD, Span
from annotator.core.units import Action, Decision
from annotator.storage.project_store import ProjectStore, now

Triple = tuple[int, int, str]


def labelled_annotators(store: ProjectStore, document_id: int | None = None) -> dict[int, tuple[str, ...]]:
    """Document id -> the annotators who labelled it (sorted), by the rule of this module."""
    only = "" if document_id is None else " AND {}document_id = :doc"  # {} takes a table alias
    params = {"gold": GOLD, "doc": document_id}
    names = dict(store.db.execute("SELECT id, name FROM annotators WHERE name != :gold", params).fetchall())
    out: dict[int, set[str]] = {}
    done = store.db.execute("SELECT document_id, annotator_id FROM statuses WHERE status = 'done'"
                            + only.format(""), params)
    for doc, ann in done:
        if ann in names:
            out.setdefault(doc, set()).add(names[ann])
    ever_done = {r[0] for r in store.db.execute("SELECT DISTINCT annotator_id FROM statuses WHERE status = 'done'")}
    for ann in names.keys() - ever_done:  # annotators who use no statuses: their spans say it
        rows = store.db.execute(
            "SELECT DISTINCT document_id FROM spans s WHERE annotator_id = :ann" + only.format("s.")
            + " AND NOT EXISTS (SELECT 1 FROM statuses k WHERE k.document_id = s.document_id"
            " AND k.annotator_id = :ann AND k.status = 'skipped')", {**params, "ann": ann})
        for (doc,) in rows:
            out.setdefault(doc, set()).add(names[ann])
    return {doc: tuple(sorted(found)) for doc, found in sorted(out.items())}


def iter_layers(store: ProjectStore, labelled: dict[int, tuple[str, ...]], *, with_text: bool = True,
                columns: bool = False, batch: int = 500) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """(id, title, text or "", {annotator: spans}) of each document in `labelled`, its labelled layers only.

    Spans come as (start, end, label) tuples, or with `columns` as one SpanColumns per layer
    (three lists: millions of spans then cost three JSON arrays a layer, not a tuple each).
    """
    ids = sorted(labelled)
    names = dict(store.db.execute("SELECT id, name FROM annotators").fetchall())
    text = "text" if with_text else "''"
    spans = ("json_group_array(start_offset), json_group_array(end_offset), json_group_array(label)" if columns
             else "json_group_array(json_array(start_offset, end_offset, label))")
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        marks = ",".join("?" * len(chunk))
        docs = store.db.execute(f"SELECT id, title, {text} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk)
        empty = SpanColumns([], [], []) if columns else []
        layers: dict[int, dict[str, Any]] = {d: {n: empty for n in labelled[d]} for d in chunk}
        # SQLite builds the JSON and json.loads reads it, both in C: far fewer Python steps per span
        rows = store.db.execute(
            f"SELECT document_id, annotator_id, {spans} FROM spans WHERE document_id IN ({marks})"
            " GROUP BY document_id, annotator_id", chunk)
        for doc, ann, *arrays in rows:
            if names[ann] in layers[doc]:  # spans of annotators who did not label it stay out
                layers[doc][names[ann]] = (SpanColumns(*map(json.loads, arrays)) if columns
                                           else list(map(tuple, json.loads(arrays[0]))))
        for doc, title, body in docs.fetchall():
            yield doc, title, body, layers[doc]


def adjudicated_documents(store: ProjectStore) -> set[int]:
    """Documents whose gold layer has status done (every unit decided); reading creates nothing."""
    rows = store.db.execute(
        "SELECT st.document_id FROM statuses st JOIN annotators a ON a.id = st.annotator_id"
        " WHERE a.name = ? AND st.status = 'done'", (GOLD,)).fetchall()
    return {r[0] for r in rows}


def decided_documents(store: ProjectStore) -> set[int]:
    """Documents with at least one decision in force (not undone): review has started there."""
    return {r[0] for r in store.db.execute("SELECT DISTINCT document_id FROM decisions WHERE undone_at IS NULL")}


# -- adjudication decisions ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A stored decision and what it did to the gold layer, so it can be undone and redone."""

    decision: Decision
    added: tuple[Span, ...]    # gold spans it put in
    removed: tuple[Span, ...]  # gold spans it took out (with notes and attrs, to put back)
    undone: bool


def _span_json(spans: Iterable[Span]) -> str:
    return json.dumps([{"start": s.start, "end": s.end, "label": s.label, "note": s.note,
                        "unsure": s.unsure, "attrs": dict(s.attrs), "provenance": dict(s.provenance)} for s in spans],
                      ensure_ascii=False)


def _spans_from_json(document_id: int, text: str) -> tuple[Span, ...]:
    return tuple(Span(document_id, d["start"], d["end"], d["label"], annotator=GOLD, note=d["note"],
                      unsure=d["unsure"], attrs=d["attrs"], provenance=d.get("provenance", {}))  # older: none
                 for d in json.loads(text))


def insert_decision(store: ProjectStore, document_id: int, unit: tuple[int, int], action: Action,
                    reviewer: str, agreed: Sequence[str], added: Sequence[Span], removed: Sequence[Span],
                    versions: str) -> int:
    """Record a decision and the unit's versions it saw; call inside the transaction that changed the gold layer."""
    cur = store.db.execute(
        "INSERT INTO decisions (document_id, unit_start, unit_end, action, reviewer, decided_at, agreed, added,"
        " removed, versions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document_id, unit[0], unit[1], action.value, reviewer, now(), json.dumps(list(agreed)),
         _span_json(added), _span_json(removed), versions))
    return int(cur.lastrowid)


_DECISION_COLUMNS = ("id, document_id, unit_start, unit_end, action, reviewer, decided_at, agreed, added, removed,"
                     " undone_at, versions")


def _record(row: Sequence[Any]) -> DecisionRecord:
    added = _spans_from_json(row[1], row[8])
    decision = Decision(row[0], row[1], (row[2], row[3]), Action(row[4]), tuple(sorted(s.key for s in added)),
                        tuple(json.loads(row[7])), row[5], row[6], row[11])
    return DecisionRecord(decision, added, _spans_from_json(row[1], row[9]), row[10] is not None)


def decision_record(store: ProjectStore, decision_id: int) -> DecisionRecord | None:
    row = store.db.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE id = ?", (decision_id,)).fetchone()
    return _record(row) if row else None


def current_decisions(store: ProjectStore, document_id: int) -> dict[tuple[int, int], DecisionRecord]:
    """Unit -> its decision in force: the latest one not undone."""
    rows = store.db.execute(
        f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE document_id = ? AND undone_at IS NULL ORDER BY id",
        (document_id,)).fetchall()
    return {(r[2], r[3]): _record(r) for r in rows}


def set_undone(store: ProjectStore, decision_id: int, undone: bool) -> None:
    store.db.execute("UPDATE decisions SET undone_at = ? WHERE id = ?", (now() if undone else None, decision_id))


def gold_spans_overlapping(store: ProjectStore, document_id: int, start: int, end: int) -> list[Span]:
    """Spans of the gold layer of a document that share a code point with [start, end)."""
    return [s for s in store.spans(document_id, GOLD) if s.start < end and start < s.end]


def gold_span(store: ProjectStore, document_id: int, key: Triple) -> Span | None:
    """The gold span with this (start, end, label), if the layer has it."""
    return next((s for s in store.spans(document_id, GOLD) if s.key == key), None)
