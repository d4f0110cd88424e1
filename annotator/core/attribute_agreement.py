"""Agreement on what spans carry: attribute values on exactly matched spans, and relations.

Per annotator pair, over the documents both labelled:

- attributes: for each attribute of a label ("FIGURE.category"), the items are the spans both
  annotators made identically (same start, end and label) where at least one of them gave the
  attribute a value; observed agreement is the share of items with equal values (a missing
  value counts as its own value), Cohen's kappa is taken over the same items. None when there
  are no items (kappa also when undefined: one single value throughout).
- relations: F1 of relations, a relation of one annotator matching one of the other when both
  ends match exactly (start, end, label) and the relation type is the same. None when neither
  made a relation.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Iterable, Mapping

from annotator.core.agreement_measures import cohen_kappa, f1

Key = tuple[int, int, str]
Link = tuple[Key, Key, str]  # head, child, relation type
_MISSING = "\u2205"  # stands for "no value" in the kappa table


@dataclass(frozen=True, slots=True)
class LayerExtras:
    """What one annotator's layer of one document carries beyond its spans."""

    attrs: Mapping[Key, Mapping[str, Any]]  # spans with attributes only
    spans: frozenset[Key]
    relations: frozenset[Link]


@dataclass(frozen=True, slots=True)
class AttributeAgreement:
    items: int
    observed: float | None
    kappa: float | None


@dataclass(frozen=True, slots=True)
class RelationAgreement:
    a: int
    b: int
    matched: int
    f1: float | None


class _PairTally:
    def __init__(self) -> None:
        self.tables: dict[str, Counter[tuple[str, str]]] = {}
        self.sizes = [0, 0, 0]  # relations of a, of b, matched

    def add(self, x: LayerExtras, y: LayerExtras) -> None:
        for key in x.spans & y.spans:
            ax, ay = x.attrs.get(key, {}), y.attrs.get(key, {})
            for name in set(ax) | set(ay):
                table = self.tables.setdefault(f"{key[2]}.{name}", Counter())
                table[(_value(ax.get(name)), _value(ay.get(name)))] += 1
        self.sizes[0] += len(x.relations)
        self.sizes[1] += len(y.relations)
        self.sizes[2] += len(x.relations & y.relations)

    def result(self) -> tuple[dict[str, AttributeAgreement], RelationAgreement]:
        attrs = {}
        for name, table in sorted(self.tables.items()):
            n = sum(table.values())
            same = sum(c for (p, q), c in table.items() if p == q)
            attrs[name] = AttributeAgreement(n, same / n if n else None, cohen_kappa(table))
        a, b, m = self.sizes
        return attrs, RelationAgreement(a, b, m, f1(m, a, b))


def _value(v: Any) -> str:
    return _MISSING if v is None else repr(v)  # repr: 21 and "21" are not the same answer


def extras_agreement(documents: Iterable[Mapping[str, LayerExtras]]
                     ) -> dict[tuple[str, str], tuple[dict[str, AttributeAgreement], RelationAgreement]]:
    """Per pair (names sorted) of annotators who labelled a document: attribute and relation agreement."""
    tallies: dict[tuple[str, str], _PairTally] = {}
    for layers in documents:
        for a, b in combinations(sorted(layers), 2):
            tallies.setdefault((a, b), _PairTally()).add(layers[a], layers[b])
    return {pair: t.result() for pair, t in sorted(tallies.items())}
