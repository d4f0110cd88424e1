"""Disagreement units: annotators' spans grouped where they overlap, classified for the reviewer.

A unit is a connected group of overlapping spans across every annotator who labelled the
document (a span overlaps the group when it shares a code point with any span in it). Each
annotator has one version of the unit: the spans they made there, possibly none. Kinds, the
first that applies:

- missing:   some annotator made no span there;
- boundary:  the versions cover different ranges (labels may differ too);
- label:     same ranges, different labels;
- unanimous: every annotator made exactly the same spans.

A decision is in force for a unit only while the unit is as the reviewer saw it: same
range and the same versions (who made which spans). A later change inside it (relabel,
resize, delete, a new span, a merged layer) reopens the unit; the outdated decision is then
the unit's `reopened`, and its gold spans stay until the unit is decided again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Mapping, Sequence

from annotator.core.model import Span

Triple = tuple[int, int, str]
UnitKey = tuple[int, int]  # (start, end) of a unit: its identity within a document


class UnitKind(str, Enum):
    UNANIMOUS = "unanimous"
    LABEL = "label"
    BOUNDARY = "boundary"
    MISSING = "missing"


class Action(str, Enum):
    """How a reviewer decided a unit."""

    TAKE = "take"            # one annotator's version (and everyone who made the same)
    REJECT = "reject"        # no span in the gold layer here
    EDIT = "edit"            # the reviewer's own spans
    UNANIMOUS = "unanimous"  # taken by "accept all unanimous"


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision of one unit, as stored: provenance and what it did to the gold layer."""

    id: int
    document_id: int
    unit: UnitKey
    action: Action
    spans: tuple[Triple, ...]    # the gold spans decided for the unit
    agreed: tuple[str, ...]      # annotators whose version equals `spans`
    reviewer: str
    decided_at: str
    versions: str | None = None  # the unit's versions when decided (Unit.versions); None: not recorded


@dataclass(frozen=True, slots=True)
class Candidate:
    """One version of a unit, and the annotators who made it."""

    spans: tuple[Triple, ...]    # sorted; () means "no span here"
    annotators: tuple[str, ...]
    sources: tuple[Span, ...]    # the annotators' own spans: notes, unsure flags, attrs


@dataclass(frozen=True, slots=True)
class Unit:
    """A disagreement unit of one document, with every annotator's version of it."""

    document_id: int
    start: int
    end: int
    kind: UnitKind
    candidates: tuple[Candidate, ...]  # most annotators first
    decision: Decision | None = None
    reopened: Decision | None = None   # an earlier decision here that annotators' changes outdated

    @property
    def key(self) -> UnitKey:
        return (self.start, self.end)

    @property
    def versions(self) -> str:
        """Who made which spans here, as canonical JSON: what a decision must still match."""
        return json.dumps([[[list(s) for s in c.spans], list(c.annotators)] for c in self.candidates],
                          ensure_ascii=False, separators=(",", ":"))

    def decided_by(self, decision: Decision) -> bool:
        """Whether `decision` still decides this unit: same range, and same versions when it recorded them."""
        return decision.unit == self.key and decision.versions in (None, self.versions)

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(sorted(a for c in self.candidates for a in c.annotators))

    @property
    def flagged(self) -> tuple[Span, ...]:
        """Annotators' spans in this unit with a note or the unsure flag, for the reviewer to read."""
        return tuple(s for c in self.candidates for s in c.sources if s.note or s.unsure)

    def version_of(self, annotator: str) -> tuple[Triple, ...]:
        for c in self.candidates:
            if annotator in c.annotators:
                return c.spans
        raise KeyError(f"{annotator!r} did not label document {self.document_id}")

    def agreeing(self, spans: Sequence[Triple]) -> tuple[str, ...]:
        """Annotators whose version of this unit is exactly `spans`."""
        wanted = tuple(sorted(set(spans)))
        return next((c.annotators for c in self.candidates if c.spans == wanted), ())


def disagreement_units(document_id: int, layers: Mapping[str, Sequence[Span]]) -> list[Unit]:
    """Units of one document from the layers of the annotators who labelled it (empty layers count)."""
    spans = sorted((s for layer in layers.values() for s in layer), key=lambda s: (s.start, s.end, s.label))
    groups: list[list[Span]] = []
    end = -1
    for span in spans:
        if groups and span.start < end:  # sorted by start: overlapping the group's reach joins it
            groups[-1].append(span)
            end = max(end, span.end)
        else:
            groups.append([span])
            end = span.end
    return [_unit(document_id, group, sorted(layers)) for group in groups]


def _unit(document_id: int, group: list[Span], annotators: list[str]) -> Unit:
    by_annotator: dict[str, list[Span]] = {a: [] for a in annotators}
    for span in group:
        by_annotator.setdefault(span.annotator, []).append(span)
    versions: dict[tuple[Triple, ...], list[str]] = {}
    for name, own in by_annotator.items():
        versions.setdefault(tuple(sorted({s.key for s in own})), []).append(name)
    candidates = tuple(
        Candidate(spans, tuple(sorted(names)), tuple(s for n in sorted(names) for s in by_annotator[n]))
        for spans, names in sorted(versions.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    return Unit(document_id, min(s.start for s in group), max(s.end for s in group),
                _kind(list(versions)), candidates)


def _kind(versions: list[tuple[Triple, ...]]) -> UnitKind:
    if any(not v for v in versions):
        return UnitKind.MISSING
    if len(versions) == 1:
        return UnitKind.UNANIMOUS
    ranges = {frozenset((s, e) for s, e, _ in v) for v in versions}
    return UnitKind.LABEL if len(ranges) == 1 else UnitKind.BOUNDARY
