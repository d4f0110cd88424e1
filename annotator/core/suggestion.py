"""Suggestion: a span a source proposes (rules, project memory, a trained model); never part of a layer."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

from annotator.core.errors import SpanError
from annotator.core.provenance import accepted

SOURCES = ("rules", "memory", "model")  # in the order suggestions are computed and shown


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed label on [start, end) (Python code points, half-open) of a document."""

    start: int
    end: int
    label: str
    source: str
    score: float | None = None  # the model's confidence; rules and memory give none
    attrs: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    made_by: str = field(default="", hash=False, compare=False)  # for the model: which stored model proposed it

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise SpanError(f"suggestion [{self.start}, {self.end}) {self.label} is empty or reversed")
        if self.source not in SOURCES:
            raise SpanError(f"unknown suggestion source {self.source!r}: one of {', '.join(SOURCES)}")

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)

    def span_attrs(self) -> dict[str, Any]:
        """Attributes of the span an accepted suggestion becomes: its own (where it came from is provenance)."""
        return dict(self.attrs)

    def provenance(self, model: str = "") -> dict[str, str]:
        """Provenance of the span an accepted suggestion becomes: this source, accepted now (UTC), and
        for the model, which stored model proposed it (`made_by`: its training time and spaCy version)."""
        at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        return accepted(self.source, at, self.attrs, (model or self.made_by) if self.source == "model" else "")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label, "source": self.source}
        if self.score is not None:
            out["score"] = round(self.score, 4)
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out


def without_overlaps(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Keep, of suggestions that overlap, the earliest source (rules, memory, model), then the longer."""
    rank = {s: i for i, s in enumerate(SOURCES)}
    starts: list[int] = []  # kept ranges, sorted and disjoint: a bisect finds the neighbours
    kept: list[Suggestion] = []
    for s in sorted(suggestions, key=lambda s: (rank[s.source], -(s.end - s.start), s.start)):
        i = bisect_right(starts, s.start)
        if (i == 0 or kept[i - 1].end <= s.start) and (i == len(kept) or s.end <= kept[i].start):
            starts.insert(i, s.start)
            kept.insert(i, s)
    return kept
