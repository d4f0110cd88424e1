"""Reviewers' decisions on relations (take into gold, or reject), with provenance, undoable.

A decision names the relation by its ends' ranges and labels and its type, so it survives
the gold spans being taken out and put back by span decisions.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from annotator.storage.project_store import ProjectStore, now

Triple = tuple[int, int, str]
RelationKey = tuple[Triple, Triple, str]  # head, child, relation type


@dataclass(frozen=True, slots=True)
class RelationDecision:
    id: int
    document_id: int
    key: RelationKey
    action: str  # "take" or "reject"
    reviewer: str
    decided_at: str
    agreed: tuple[str, ...]
    undone: bool


_COLUMNS = ("id, document_id, head_start, head_end, head_label, child_start, child_end, child_label, label, action,"
            " reviewer, decided_at, agreed, undone_at")


def _decision(row: Sequence) -> RelationDecision:
    key = ((row[2], row[3], row[4]), (row[5], row[6], row[7]), row[8])
    return RelationDecision(row[0], row[1], key, row[9], row[10], row[11], tuple(json.loads(row[12])), row[13] is not None)


def insert(store: ProjectStore, document_id: int, key: RelationKey, action: str, reviewer: str,
           agreed: Sequence[str]) -> int:
    (hs, he, hl), (cs, ce, cl), label = key
    cur = store.db.execute(
        "INSERT INTO relation_decisions (document_id, head_start, head_end, head_label, child_start, child_end,"
        " child_label, label, action, reviewer, decided_at, agreed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document_id, hs, he, hl, cs, ce, cl, label, action, reviewer, now(), json.dumps(list(agreed))))
    return cur.lastrowid


def in_force(store: ProjectStore, document_id: int) -> dict[RelationKey, RelationDecision]:
    """The latest decision not undone for each relation of the document."""
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM relation_decisions WHERE document_id = ? AND undone_at IS NULL"
                            " ORDER BY id", (document_id,))
    return {d.key: d for d in map(_decision, rows)}


def get(store: ProjectStore, decision_id: int) -> RelationDecision | None:
    row = store.db.execute(f"SELECT {_COLUMNS} FROM relation_decisions WHERE id = ?", (decision_id,)).fetchone()
    return _decision(row) if row else None


def set_undone(store: ProjectStore, decision_id: int, undone: bool) -> None:
    store.db.execute("UPDATE relation_decisions SET undone_at = ? WHERE id = ?", (now() if undone else None, decision_id))
