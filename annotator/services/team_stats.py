"""The team view's figures per annotator: progress, active hours, speed, agreement, precision/recall vs gold."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import GOLD
from annotator.services.agreement import measure_agreement
from annotator.services.feedback import annotator_feedback
from annotator.services.team import Progress, progress
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts


@dataclass
class AnnotatorStats:
    name: str
    progress: Progress
    active_seconds: float = 0.0
    spans: int = 0
    agreement: dict[str, float | None] = field(default_factory=dict)  # other annotator -> exact F1, shared documents
    shared: dict[str, int] = field(default_factory=dict)  # other annotator -> documents both labelled
    precision: float | None = None  # against gold, exact, on adjudicated documents they labelled
    recall: float | None = None
    gold_documents: int = 0

    @property
    def hours(self) -> float:
        return self.active_seconds / 3600

    @property
    def spans_per_hour(self) -> float | None:
        return self.spans / self.hours if self.active_seconds > 0 else None

    def to_json(self) -> dict[str, Any]:
        r = (lambda x: None if x is None else round(x, 4))
        return {**self.progress.to_json(), "active_hours": round(self.hours, 4), "spans": self.spans,
                "spans_per_hour": r(self.spans_per_hour), "agreement": {k: r(v) for k, v in self.agreement.items()},
                "shared_documents": self.shared, "precision": r(self.precision), "recall": r(self.recall),
                "gold_documents": self.gold_documents}


def team_stats(store: ProjectStore) -> list[AnnotatorStats]:
    """One row per annotator (gold left out), in name order."""
    table = progress(store)
    seconds: dict[str, float] = {}
    for (_, name), s in ts.active_seconds(store).items():
        seconds[name] = seconds.get(name, 0.0) + s
    spans = ts.span_counts(store)
    names = sorted(n for n in set(store.annotators()) | set(table) if n != GOLD)
    rows = {n: AnnotatorStats(n, table.get(n, Progress(n)), seconds.get(n, 0.0), spans.get(n, 0)) for n in names}
    for pair in measure_agreement(store).pairs:
        for a, b in ((pair.a, pair.b), (pair.b, pair.a)):
            if a in rows:
                rows[a].agreement[b] = pair.exact_f1
                rows[a].shared[b] = pair.documents
    for row in rows.values():
        fb = annotator_feedback(store, row.name)
        overall = fb.evaluation.overall("exact")
        row.precision, row.recall, row.gold_documents = overall.precision, overall.recall, len(fb.documents)
    return list(rows.values())
