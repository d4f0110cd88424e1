"""What review did to one annotator's spans: kept, relabelled, resized or removed, and gold spans missed.

Spans are (start, end, label) triples in code points, half-open. Per document, each of the
annotator's spans is, in this order of precedence:

- kept: gold has the same range and label;
- relabelled: gold has the same range under another label;
- resized: gold has a span of the same label that overlaps it with another range;
- removed: none of these.

A gold span is missed when no span of the annotator is equal to it, has its range, or
overlaps it with its label. Precision and recall per label are exact-match figures of
annotator.core.evaluation (the ones `annotator evaluate` prints), over the same documents.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from annotator.core.agreement_measures import Triple
from annotator.core.evaluation import Evaluation

OUTCOMES = ("kept", "relabelled", "resized", "removed")


@dataclass(frozen=True, slots=True)
class DocumentFeedback:
    """One adjudicated document: each of the annotator's spans with its outcome, and the gold spans missed."""

    document_id: int
    title: str
    outcomes: tuple[tuple[Triple, str, Triple | None], ...]  # (span, outcome, the gold span it became)
    missed: tuple[Triple, ...]

    def counts(self) -> Counter[str]:
        found = Counter(outcome for _, outcome, _ in self.outcomes)
        found["missed"] = len(self.missed)
        return found


def compare_with_gold(document_id: int, title: str, mine: Iterable[Triple], gold: Iterable[Triple]) -> DocumentFeedback:
    """Classify `mine` against `gold` on one document (see the module docstring)."""
    mine, gold = sorted(set(mine)), sorted(set(gold))
    gold_set = set(gold)
    by_range: dict[tuple[int, int], list[Triple]] = {}
    for g in gold:
        by_range.setdefault((g[0], g[1]), []).append(g)
    outcomes = []
    for span in mine:
        outcomes.append((span, *_outcome(span, gold_set, by_range, gold)))
    explained = {g for _, outcome, g in outcomes if g is not None}
    missed = tuple(g for g in gold if g not in explained and not _related(g, mine))
    return DocumentFeedback(document_id, title, tuple(outcomes), missed)


def _outcome(span: Triple, gold_set: set[Triple], by_range: dict[tuple[int, int], list[Triple]],
             gold: list[Triple]) -> tuple[str, Triple | None]:
    if span in gold_set:
        return "kept", span
    same_range = by_range.get((span[0], span[1]))
    if same_range:
        return "relabelled", same_range[0]
    resized = [g for g in gold if g[2] == span[2] and g[0] < span[1] and span[0] < g[1]]
    if resized:
        return "resized", min(resized, key=lambda g: abs(g[0] - span[0]) + abs(g[1] - span[1]))
    return "removed", None


def _related(g: Triple, mine: list[Triple]) -> bool:
    return any((m[0], m[1]) == (g[0], g[1]) or (m[2] == g[2] and m[0] < g[1] and g[0] < m[1]) for m in mine)


@dataclass
class AnnotatorFeedback:
    """Feedback over every adjudicated document of one annotator."""

    annotator: str
    labels: list[str]
    documents: list[DocumentFeedback] = field(default_factory=list)
    evaluation: Evaluation = field(default_factory=Evaluation)

    def add(self, document: DocumentFeedback, mine: Iterable[Triple], gold: Iterable[Triple]) -> None:
        self.documents.append(document)
        self.evaluation.add(mine, gold)

    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter({k: 0 for k in (*OUTCOMES, "missed")})
        for doc in self.documents:
            total.update(doc.counts())
        return total

    def to_json(self) -> dict[str, Any]:
        def span(t: Triple | None) -> dict[str, Any] | None:
            return None if t is None else {"start": t[0], "end": t[1], "label": t[2]}
        scores = self.evaluation.per_label("exact")
        return {
            "annotator": self.annotator,
            "documents": [{"id": d.document_id, "title": d.title, "counts": dict(d.counts()),
                           "spans": [{"span": span(s), "outcome": o, "gold": span(g)} for s, o, g in d.outcomes],
                           "missed": [span(g) for g in d.missed]} for d in self.documents],
            "totals": dict(self.totals()),
            "per_label": {name: s.to_json() for name, s in scores.items()},
            "overall": self.evaluation.overall("exact").to_json(),
        }
