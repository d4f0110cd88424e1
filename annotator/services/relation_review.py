"""Deciding relations into the gold layer: once both ends of an annotator's relation are gold
spans, the reviewer takes it (a gold relation between those spans) or rejects it; each
decision keeps reviewer, time and the annotators who made that relation, and undoes.
"""
from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import ConflictError
from annotator.core.model import GOLD, Span
from annotator.core.relation import Relation
from annotator.storage import ProjectStore
from annotator.storage import relation_review_store as decisions
from annotator.storage import relation_store
from annotator.storage.relation_review_store import RelationDecision, RelationKey


@dataclass(frozen=True, slots=True)
class RelationCandidate:
    """A relation some annotators made, whether its ends are both in gold, and its decision."""

    key: RelationKey
    annotators: tuple[str, ...]
    ready: bool  # both ends are gold spans: it can be decided
    decision: RelationDecision | None  # in force and still true of the gold layer, else None


class RelationReview:
    """The reviewer's decisions on relations of one project."""

    def __init__(self, store: ProjectStore, reviewer: str) -> None:
        self.store, self.reviewer = store, reviewer

    def candidates(self, document_id: int) -> list[RelationCandidate]:
        spans = {s.id: s for s in self.store.spans(document_id)}
        made: dict[RelationKey, set[str]] = {}
        gold_links: set[RelationKey] = set()
        for r in relation_store.relations(self.store, document_id):
            if r.head_id in spans and r.child_id in spans:
                key = (spans[r.head_id].key, spans[r.child_id].key, r.label)
                if r.annotator == GOLD:
                    gold_links.add(key)
                else:
                    made.setdefault(key, set()).add(r.annotator)
        gold = {s.key for s in spans.values() if s.annotator == GOLD}
        current = decisions.in_force(self.store, document_id)
        out = []
        for key, who in sorted(made.items()):
            decision = current.get(key)
            if decision is not None and decision.action == "take" and key not in gold_links:
                decision = None  # its gold relation went with a gold span a later span decision took out
            out.append(RelationCandidate(key, tuple(sorted(who)), key[0] in gold and key[1] in gold, decision))
        return out

    def take(self, document_id: int, key: RelationKey) -> int:
        """A gold relation between the gold spans at both ends; returns the decision id."""
        return self._decide(document_id, key, "take")

    def reject(self, document_id: int, key: RelationKey) -> int:
        return self._decide(document_id, key, "reject")

    def _decide(self, document_id: int, key: RelationKey, action: str) -> int:
        with self.store.transaction():
            candidate = next((c for c in self.candidates(document_id) if c.key == key), None)
            if candidate is None or not candidate.ready:
                raise ConflictError(f"the {key[2]} relation of document {document_id} cannot be decided yet: "
                                    "both its ends must be in the gold layer first")
            if candidate.decision is not None:
                raise ConflictError(f"the {key[2]} relation is decided already ({candidate.decision.action}); "
                                    "undo that decision first")
            if action == "take":
                self._put_in(document_id, key)
            decision = decisions.insert(self.store, document_id, key, action, self.reviewer, candidate.annotators)
            self.store.log(self.reviewer, "decide_relation", document_id, decision=decision, how=action,
                           relation=[list(key[0]), list(key[1]), key[2]], agreed=list(candidate.annotators))
        return decision

    def undo(self, decision_id: int) -> None:
        self._flip(decision_id, undo=True)

    def redo(self, decision_id: int) -> None:
        self._flip(decision_id, undo=False)

    def _flip(self, decision_id: int, *, undo: bool) -> None:
        with self.store.transaction():
            d = decisions.get(self.store, decision_id)
            if d is None or d.undone is undo:
                raise ConflictError(f"relation decision {decision_id} is {'missing' if d is None else 'not in force'}")
            if d.action == "take":
                if undo:
                    for link in self._gold_links(d.document_id, d.key):
                        relation_store.delete_relation(self.store, link)
                else:
                    self._put_in(d.document_id, d.key)
            decisions.set_undone(self.store, decision_id, undo)
            self.store.log(self.reviewer, "undo_relation_decision" if undo else "redo_relation_decision",
                           d.document_id, decision=decision_id)

    def _gold_span(self, document_id: int, key: tuple[int, int, str]) -> Span:
        found = next((s for s in self.store.spans(document_id, GOLD) if s.key == key), None)
        if found is None:
            raise ConflictError(f"{key[2]} [{key[0]}, {key[1]}) is not in the gold layer of document {document_id} "
                                "any more; reload the review")
        return found

    def _put_in(self, document_id: int, key: RelationKey) -> None:
        head, child = self._gold_span(document_id, key[0]), self._gold_span(document_id, key[1])
        relation_store.add_relation(self.store, Relation(document_id, head.id, child.id, key[2], annotator=GOLD))

    def _gold_links(self, document_id: int, key: RelationKey) -> list[Relation]:
        spans = {s.id: s.key for s in self.store.spans(document_id, GOLD)}
        return [r for r in relation_store.relations(self.store, document_id, GOLD)
                if (spans.get(r.head_id), spans.get(r.child_id), r.label) == key]
