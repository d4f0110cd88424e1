"""Claims: each figure with the cues that report it and the sources those cues name.

Found through the schema, not label names: a figure is a span of a label with low, high and
precision; its cues are the heads of relations pointing at it (CLAIM by default); a cue's
sources are the children of its relations that are not figures (SOURCE by default).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from annotator.core.model import Span
from annotator.core.relation import Relation
from annotator.core.schema import Schema


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure, the cues reporting it and the sources they name (each possibly empty)."""

    figure: Span
    cues: tuple[Span, ...] = ()
    sources: tuple[Span, ...] = ()


def claims_of(spans: Sequence[Span], relations: Sequence[Relation], schema: Schema) -> list[Claim]:
    """The claims of one layer of one document, figures in text order."""
    by_id = {s.id: s for s in spans}
    heads: dict[int, list[int]] = {}
    children: dict[int, list[int]] = {}
    for r in relations:
        heads.setdefault(r.child_id, []).append(r.head_id)
        children.setdefault(r.head_id, []).append(r.child_id)
    out = []
    for fig in sorted((s for s in spans if schema.reads_figures(s.label)), key=lambda s: (s.start, s.end)):
        cues = [by_id[h] for h in dict.fromkeys(heads.get(fig.id, [])) if h in by_id]  # type: ignore[arg-type]
        sources = [by_id[c] for cue in cues for c in children.get(cue.id, [])  # type: ignore[arg-type]
                   if c in by_id and c != fig.id and not schema.reads_figures(by_id[c].label)]
        out.append(Claim(fig, tuple(sorted(cues, key=lambda s: s.start)),
                         tuple(sorted(dict.fromkeys(sources), key=lambda s: s.start))))
    return out
