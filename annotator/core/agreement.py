"""Inter-annotator agreement maths: span F1, token Cohen's kappa, Krippendorff's alpha (pure Python).

Inputs are plain values: spans as (start, end, label) tuples in code points, half-open, and
token offsets as two lists (starts, ends) with whitespace tokens left out. Definitions:

- exact F1 of a pair: 2 * |spans equal in start, end and label| / (|A| + |B|), pooled over
  every document both labelled (micro average). None when neither side has a span.
- overlap F1: the same with matches of equal label that overlap, paired one to one (a
  maximum bipartite matching, so one long span cannot match two short ones).
- token kappa: Cohen's kappa over one pooled table of per-token labels ("" = outside). A token
  takes the label of a span that touches it; where one annotator's spans overlap, the span
  starting first (then the longer, then the label name) wins. Per label: the same tokens,
  binary (that label or not). None when undefined (no tokens, or both annotators gave every
  token the same single value).
- alpha: Krippendorff's alpha, nominal, every token a unit, valued by each annotator who
  labelled its document. None when fewer than two distinct values occur.
- document disagreement: 1 - mean exact F1 over the pairs that labelled it (two empty layers
  agree), so 0 = everyone made the same spans, 1 = no span in common.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable, Mapping, Sequence

Triple = tuple[int, int, str]
OUTSIDE = ""  # token label of "no span"; label names start with a letter, so it cannot clash


@dataclass(frozen=True, slots=True)
class LayeredDocument:
    """One document as agreement sees it: its tokens and the layer of each annotator who labelled it."""

    id: int
    title: str
    starts: Sequence[int]  # token start offsets, code points, whitespace tokens left out
    ends: Sequence[int]
    layers: Mapping[str, Sequence[Triple]]


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    exact_f1: float | None
    overlap_f1: float | None
    token_kappa: float | None


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Agreement of annotators a and b over the documents both labelled."""

    a: str
    b: str
    documents: int
    exact_f1: float | None
    overlap_f1: float | None
    token_kappa: float | None
    per_label: dict[str, LabelAgreement]


@dataclass(frozen=True, slots=True)
class DocumentDisagreement:
    id: int
    title: str
    disagreement: float
    annotators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgreementReport:
    pairs: list[PairAgreement]
    alpha: float | None
    documents: list[DocumentDisagreement]  # most disagreement first

    def to_json(self) -> dict[str, Any]:
        """The --json shape; undefined figures are null, never NaN."""
        return {
            "pairs": [{
                "a": p.a, "b": p.b, "documents": p.documents, "exact_f1": _round(p.exact_f1),
                "overlap_f1": _round(p.overlap_f1), "token_kappa": _round(p.token_kappa),
                "per_label": {name: {"exact_f1": _round(v.exact_f1), "overlap_f1": _round(v.overlap_f1),
                                     "token_kappa": _round(v.token_kappa)} for name, v in p.per_label.items()},
            } for p in self.pairs],
            "alpha": _round(self.alpha),
            "documents": [{"id": d.id, "title": d.title, "disagreement": _round(d.disagreement)}
                          for d in self.documents],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


# -- building blocks ------------------------------------------------------------------------
def f1(matches: int, size_a: int, size_b: int) -> float | None:
    """2m / (|A| + |B|); None when both sides are empty (nothing to agree on)."""
    total = size_a + size_b
    return None if total == 0 else 2 * matches / total


def exact_matches(a: Iterable[Triple], b: Iterable[Triple]) -> Counter[str]:
    """Spans in both layers with the same start, end and label, counted per label."""
    return Counter(label for _, _, label in set(a) & set(b))


def overlap_matches(a: Sequence[Triple], b: Sequence[Triple]) -> Counter[str]:
    """Per label, the most pairs of overlapping same-label spans matched one to one."""
    out: Counter[str] = Counter()
    by_label_b: dict[str, list[tuple[int, int]]] = {}
    for s, e, label in b:
        by_label_b.setdefault(label, []).append((s, e))
    by_label_a: dict[str, list[tuple[int, int]]] = {}
    for s, e, label in a:
        if label in by_label_b:
            by_label_a.setdefault(label, []).append((s, e))
    for label, ranges_a in by_label_a.items():
        out[label] = _max_matching(ranges_a, by_label_b[label])
    return +out


def _max_matching(ranges_a: list[tuple[int, int]], ranges_b: list[tuple[int, int]]) -> int:
    """Maximum bipartite matching of overlapping ranges (Kuhn's augmenting paths; lists are short)."""
    ranges_b = sorted(set(ranges_b))
    starts_b = [s for s, _ in ranges_b]
    longest = max(e - s for s, e in ranges_b)
    edges: list[list[int]] = []
    for s, e in sorted(set(ranges_a)):
        # only b ranges starting after s - longest can reach back to s
        lo, hi = bisect_left(starts_b, s - longest + 1), bisect_left(starts_b, e)
        edges.append([j for j in range(lo, hi) if ranges_b[j][1] > s])
    owner: list[int] = [-1] * len(ranges_b)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(1 for i in range(len(edges)) if edges[i] and augment(i, set()))


def token_labels(spans: Iterable[Triple], starts: Sequence[int], ends: Sequence[int]) -> dict[int, str]:
    """Token index -> label for the tokens spans touch; tokens left out are outside ("")."""
    out: dict[int, str] = {}
    for s, e, label in sorted(spans, key=lambda t: (t[0], -t[1], t[2])):
        for t in range(bisect_right(ends, s), bisect_left(starts, e)):
            out.setdefault(t, label)  # the first span (by start, longest) keeps a shared token
    return out


def cohen_kappa(table: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's kappa of a confusion table {(label of a, label of b): tokens}."""
    n = sum(table.values())
    if n == 0:
        return None
    agree = sum(c for (x, y), c in table.items() if x == y)
    row: Counter[str] = Counter()
    col: Counter[str] = Counter()
    for (x, y), c in table.items():
        row[x] += c
        col[y] += c
    expected = sum(row[k] * col[k] for k in row) / (n * n)
    if expected == 1.0:
        return None  # both gave every token one and the same value: kappa is 0/0
    return (agree / n - expected) / (1 - expected)


def binary_table(table: Mapping[tuple[str, str], int], label: str) -> dict[tuple[str, str], int]:
    """Collapse a confusion table to `label` versus everything else."""
    out: Counter[tuple[str, str]] = Counter()
    for (x, y), c in table.items():
        out[(label if x == label else OUTSIDE, label if y == label else OUTSIDE)] += c
    return dict(out)


def nominal_alpha(units: Iterable[Sequence[Any]]) -> float | None:
    """Krippendorff's alpha (nominal) of units given as the values their coders gave."""
    pattern: Counter[tuple[Any, ...]] = Counter(tuple(u) for u in units)
    return _alpha_from_patterns(pattern)


def _alpha_from_patterns(patterns: Mapping[tuple[Any, ...], int]) -> float | None:
    """Alpha from {values of one unit: how many units had them}: 1 - (n-1) D / (n^2 - sum n_c^2)."""
    totals: Counter[Any] = Counter()
    observed = 0.0  # sum over units of (m^2 - sum count_c^2) / (m - 1)
    for values, times in patterns.items():
        m = len(values)
        if m < 2:
            continue  # a unit with one value cannot be paired
        counts = Counter(values)
        for value, c in counts.items():
            totals[value] += c * times
        observed += times * (m * m - sum(c * c for c in counts.values())) / (m - 1)
    n = sum(totals.values())
    spread = n * n - sum(c * c for c in totals.values())
    if n < 2 or spread == 0:
        return None
    return 1 - (n - 1) * observed / spread


# -- the whole computation ------------------------------------------------------------------
@dataclass
class _PairTally:
    documents: int = 0
    exact: Counter[str] = field(default_factory=Counter)
    overlap: Counter[str] = field(default_factory=Counter)
    size_a: Counter[str] = field(default_factory=Counter)
    size_b: Counter[str] = field(default_factory=Counter)
    tokens: Counter[tuple[str, str]] = field(default_factory=Counter)

    def result(self, a: str, b: str, labels: Sequence[str]) -> PairAgreement:
        per_label = {
            label: LabelAgreement(
                f1(self.exact[label], self.size_a[label], self.size_b[label]),
                f1(self.overlap[label], self.size_a[label], self.size_b[label]),
                cohen_kappa(binary_table(self.tokens, label)))
            for label in labels}
        total_a, total_b = sum(self.size_a.values()), sum(self.size_b.values())
        return PairAgreement(
            a, b, self.documents, f1(sum(self.exact.values()), total_a, total_b),
            f1(sum(self.overlap.values()), total_a, total_b), cohen_kappa(self.tokens), per_label)


def document_disagreement(layers: Mapping[str, Sequence[Triple]]) -> float:
    """1 - mean pairwise exact F1 of one document's layers (two empty layers agree fully)."""
    pairs = list(combinations(sorted(layers), 2))
    if not pairs:
        return 0.0
    total = 0.0
    for a, b in pairs:
        score = f1(sum(exact_matches(layers[a], layers[b]).values()), len(layers[a]), len(layers[b]))
        total += 1.0 if score is None else score
    return 1.0 - total / len(pairs)


def compute_agreement(documents: Iterable[LayeredDocument], labels: Sequence[str]) -> AgreementReport:
    """Pair figures, alpha and the disagreement ranking over documents with two or more layers."""
    tallies: dict[tuple[str, str], _PairTally] = {}
    patterns: Counter[tuple[str, ...]] = Counter()
    ranking: list[DocumentDisagreement] = []
    seen_labels: set[str] = set()
    for doc in documents:
        names = sorted(doc.layers)
        if len(names) < 2:
            continue  # one annotator: nothing to compare
        tokens = {n: token_labels(doc.layers[n], doc.starts, doc.ends) for n in names}
        for a, b in combinations(names, 2):
            _tally_pair(tallies.setdefault((a, b), _PairTally()), doc.layers[a], doc.layers[b],
                        tokens[a], tokens[b], len(doc.starts))
        _tally_alpha(patterns, [tokens[n] for n in names], len(doc.starts))
        for n in names:
            seen_labels.update(label for _, _, label in doc.layers[n])
        ranking.append(DocumentDisagreement(doc.id, doc.title, document_disagreement(doc.layers), tuple(names)))
    all_labels = list(labels) + sorted(seen_labels - set(labels))
    pairs = [tallies[key].result(*key, all_labels) for key in sorted(tallies)]
    ranking.sort(key=lambda d: (-d.disagreement, d.id))
    return AgreementReport(pairs, _alpha_from_patterns(patterns), ranking)


def _tally_pair(t: _PairTally, a: Sequence[Triple], b: Sequence[Triple],
                tokens_a: dict[int, str], tokens_b: dict[int, str], n_tokens: int) -> None:
    t.documents += 1
    t.size_a.update(label for _, _, label in set(a))
    t.size_b.update(label for _, _, label in set(b))
    t.exact.update(exact_matches(a, b))
    t.overlap.update(overlap_matches(a, b))
    touched = tokens_a.keys() | tokens_b.keys()
    t.tokens.update((tokens_a.get(i, OUTSIDE), tokens_b.get(i, OUTSIDE)) for i in touched)
    t.tokens[(OUTSIDE, OUTSIDE)] += n_tokens - len(touched)  # the many untouched tokens, counted at once


def _tally_alpha(patterns: Counter[tuple[str, ...]], layers: list[dict[int, str]], n_tokens: int) -> None:
    touched = set().union(*(layer.keys() for layer in layers))
    patterns.update(tuple(sorted(layer.get(i, OUTSIDE) for layer in layers)) for i in touched)
    patterns[(OUTSIDE,) * len(layers)] += n_tokens - len(touched)
