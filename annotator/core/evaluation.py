"""Precision, recall and F1 of predicted spans against reference spans, per label and overall.

Spans are (start, end, label) triples in code points. Exact match: same start, end and label.
Overlap match: same label and overlapping ranges, paired one to one (a maximum matching, as
agreement does), so one long prediction cannot count for two reference spans.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from annotator.core.agreement_measures import Triple, exact_matches, overlap_matches

MODES = ("exact", "overlap")


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts of one label (or of all): true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def to_json(self) -> dict[str, Any]:
        r = (lambda x: None if x is None else round(x, 6))
        return {"precision": r(self.precision), "recall": r(self.recall), "f1": r(self.f1),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Evaluation:
    """Running tally over documents, for exact and overlap matching."""

    labels: Sequence[str] = ()
    documents: int = 0
    predicted: dict[str, Counter[str]] = field(default_factory=lambda: {m: Counter() for m in MODES})
    reference: Counter[str] = field(default_factory=Counter)
    matched: dict[str, Counter[str]] = field(default_factory=lambda: {m: Counter() for m in MODES})

    def add(self, predicted: Iterable[Triple], reference: Iterable[Triple]) -> None:
        """Count one document's predicted and reference spans (duplicates count once)."""
        pred, ref = sorted(set(predicted)), sorted(set(reference))
        self.documents += 1
        for mode in MODES:
            self.predicted[mode].update(label for _, _, label in pred)
        self.reference.update(label for _, _, label in ref)
        self.matched["exact"].update(exact_matches(pred, ref))
        self.matched["overlap"].update(overlap_matches(pred, ref))

    def per_label(self, mode: str = "exact") -> dict[str, Scores]:
        names = list(self.labels) + sorted((set(self.reference) | set(self.predicted[mode])) - set(self.labels))
        return {name: self._scores(mode, name) for name in names}

    def overall(self, mode: str = "exact") -> Scores:
        tp = sum(self.matched[mode].values())
        return Scores(tp, sum(self.predicted[mode].values()) - tp, sum(self.reference.values()) - tp)

    def _scores(self, mode: str, label: str) -> Scores:
        tp = self.matched[mode][label]
        return Scores(tp, self.predicted[mode][label] - tp, self.reference[label] - tp)

    def to_json(self) -> dict[str, Any]:
        """`per_label` and `overall` by exact match, the same under `overlap` by overlap match."""
        def block(mode: str) -> dict[str, Any]:
            return {"per_label": {k: v.to_json() for k, v in self.per_label(mode).items()},
                    "overall": self.overall(mode).to_json()}
        return {**block("exact"), "overlap": block("overlap"), "documents": self.documents}
