"""Agreement measures defined in plain Python: span F1, Cohen's kappa, Krippendorff's alpha.

These are the definitions (and the reference the corpus-scale tally in
annotator.core.agreement is tested against). Spans are (start, end, label) tuples in code
points, half-open; tokens are sorted (starts, ends) with whitespace tokens left out; the
token label "" means outside any span. Undefined figures are None, never NaN.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Hashable, Iterable, Mapping, Sequence

Triple = tuple[int, int, str]
OUTSIDE = ""  # token label of "no span"; label names start with a letter, so it cannot clash


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
        out[label] = max_matching(ranges_a, by_label_b[label])
    return +out


def max_matching(ranges_a: Sequence[tuple[int, int]], ranges_b: Sequence[tuple[int, int]]) -> int:
    """Maximum bipartite matching of overlapping ranges (Kuhn's augmenting paths; lists are short)."""
    if not ranges_a or not ranges_b:
        return 0
    sorted_b = sorted(set(ranges_b))
    starts_b = [s for s, _ in sorted_b]
    longest = max(e - s for s, e in sorted_b)
    edges: list[list[int]] = []
    for s, e in sorted(set(ranges_a)):
        # only b ranges starting after s - longest can reach back to s
        lo, hi = bisect_left(starts_b, s - longest + 1), bisect_left(starts_b, e)
        edges.append([j for j in range(lo, hi) if sorted_b[j][1] > s])
    owner: list[int] = [-1] * len(sorted_b)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(1 for i in range(len(edges)) if edges[i] and augment(i, set()))


def span_order(span: Triple) -> tuple[int, int, str]:
    """Which of one annotator's overlapping spans gives a shared token its label: the first by this key."""
    return (span[0], -span[1], span[2])


def token_labels(spans: Iterable[Triple], starts: Sequence[int], ends: Sequence[int]) -> dict[int, str]:
    """Token index -> label for the tokens spans touch; tokens left out are outside ("")."""
    out: dict[int, str] = {}
    for s, e, label in sorted(spans, key=span_order):
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


@dataclass
class AlphaTally:
    """Running sums for nominal alpha = 1 - (n-1) D / (n^2 - sum n_c^2), unit by unit."""

    totals: Counter[Hashable] = field(default_factory=Counter)  # n_c: pairable values per category
    disagreement: Counter[int] = field(default_factory=Counter)  # m -> sum of (m^2 - sum count_c^2)

    def add_unit(self, counts: Mapping[Hashable, int]) -> None:
        m = sum(counts.values())
        if m < 2:
            return  # a unit with one value cannot be paired
        self.totals.update(counts)
        self.disagreement[m] += m * m - sum(c * c for c in counts.values())

    def value(self) -> float | None:
        n = sum(self.totals.values())
        spread = n * n - sum(c * c for c in self.totals.values())
        if n < 2 or spread == 0:
            return None  # fewer than two distinct values: alpha is undefined
        observed = sum(d / (m - 1) for m, d in self.disagreement.items())
        return 1 - (n - 1) * observed / spread


def nominal_alpha(units: Iterable[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha (nominal) of units given as the values their coders gave."""
    tally = AlphaTally()
    for unit in units:
        tally.add_unit(Counter(unit))
    return tally.value()


def disagreement_score(pair_f1: Sequence[float | None]) -> float:
    """1 - mean of a document's pairwise exact F1 (None, two empty layers, counts as agreement)."""
    return 1.0 - sum(1.0 if s is None else s for s in pair_f1) / len(pair_f1) if pair_f1 else 0.0


def document_disagreement(layers: Mapping[str, Sequence[Triple]]) -> float:
    """Disagreement of one document's layers, from spans alone (no tokens needed)."""
    return disagreement_score([
        f1(sum(exact_matches(layers[a], layers[b]).values()), len(set(layers[a])), len(set(layers[b])))
        for a, b in combinations(sorted(layers), 2)])
