"""Inter-annotator agreement over a corpus: span F1, token Cohen's kappa, Krippendorff's alpha.

Inputs are plain values: spans as (start, end, label) tuples in code points, half-open (or a
layer as SpanColumns), and token offsets as two lists or arrays (starts, ends) with whitespace
tokens left out. Definitions (plain-Python reference code in agreement_measures):

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

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, combinations
from typing import Any, Iterable, Mapping, NamedTuple, Sequence, Union

import numpy as np  # comes with spaCy; per-token counting of 10,000 documents in Python alone is too slow

from annotator.core.agreement_measures import (
    OUTSIDE, AlphaTally, Triple, binary_table, cohen_kappa, document_disagreement,
    exact_matches, f1, max_matching, nominal_alpha, overlap_matches, token_labels,
)

__all__ = [
    "OUTSIDE", "AgreementReport", "DocumentDisagreement", "LabelAgreement", "LayeredDocument", "PairAgreement",
    "SpanColumns", "Triple", "binary_table", "cohen_kappa", "compute_agreement", "document_disagreement",
    "exact_matches", "f1", "nominal_alpha", "overlap_matches", "token_labels",
]


class SpanColumns(NamedTuple):
    """A layer column by column: how a store hands over millions of spans without a tuple each."""

    starts: Sequence[int]
    ends: Sequence[int]
    labels: Sequence[str]


Layer = Union[Sequence[Triple], SpanColumns]


@dataclass(frozen=True, slots=True)
class LayeredDocument:
    """One document as agreement sees it: its tokens and the layer of each annotator who labelled it."""

    id: int
    title: str
    starts: Sequence[int]  # token start offsets, code points, whitespace tokens left out
    ends: Sequence[int]
    layers: Mapping[str, Layer]


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
    attributes: dict[str, Any] = field(default_factory=dict)  # "LABEL.attr" -> AttributeAgreement
    relations: Any = None  # RelationAgreement (annotator.core.attribute_agreement), or None when not measured


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
                "attributes": {name: {"items": v.items, "observed": _round(v.observed), "kappa": _round(v.kappa)}
                               for name, v in p.attributes.items()},
                "relations": None if p.relations is None else {
                    "a": p.relations.a, "b": p.relations.b, "matched": p.relations.matched,
                    "f1": _round(p.relations.f1)},
            } for p in self.pairs],
            "alpha": _round(self.alpha),
            "documents": [{"id": d.id, "title": d.title, "disagreement": _round(d.disagreement)}
                          for d in self.documents],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


# -- corpus-scale tally: the definitions of agreement_measures, counted with arrays ----------
# Documents are taken in batches laid end to end in one coordinate space (each shifted past
# the previous one), so a batch costs a few dozen array operations however many documents it
# holds; per document there is only set arithmetic for exact matches.
_BATCH = 256


class _Codes:
    """Label <-> small integer, 0 = outside; grows when a label outside the project's list turns up."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        self.name_rank = np.zeros(0, dtype=np.int64)  # code -> rank of the label name (span_order's tie-break)
        self.add([OUTSIDE, *labels])

    def add(self, labels: Iterable[str]) -> None:
        new = [label for label in dict.fromkeys(labels) if label not in self.index]
        if new:
            for label in new:
                self.index[label] = len(self.names)
                self.names.append(label)
            by_name = sorted(range(len(self.names)), key=self.names.__getitem__)
            self.name_rank = np.empty(len(self.names), dtype=np.int64)
            self.name_rank[by_name] = np.arange(len(self.names))


_EMPTY = np.zeros(0, dtype=np.int64)


def _empty() -> np.ndarray:
    return _EMPTY


@dataclass
class _Column:
    """One annotator's spans across a batch, in global coordinates once place() has run."""

    has: np.ndarray                                # per document: labelled it
    doc: np.ndarray                                # per span: index of its document in the batch
    s: np.ndarray
    e: np.ndarray
    c: np.ndarray                                  # label codes
    band_s: np.ndarray = field(default_factory=_empty)  # s, e shifted by code * stride: each label its own
    band_e: np.ndarray = field(default_factory=_empty)  # band, so spans of two labels never meet
    tokens: np.ndarray = field(default_factory=_empty)  # label code per token (the token_labels rule)

    @classmethod
    def of(cls, batch: Sequence[LayeredDocument], name: str, codes: _Codes) -> "_Column":
        layers = [doc.layers.get(name) for doc in batch]  # None: did not label that document
        columns = {i: _columns(layer) for i, layer in enumerate(layers) if layer is not None}
        filled = [i for i, c in columns.items() if len(c.starts)]
        starts, ends, labels = (list(chain.from_iterable(columns[i][k] for i in filled)) for k in range(3))
        codes.add(set(labels))
        return cls(np.array([layer is not None for layer in layers], dtype=bool),
                   np.repeat(np.array(filled, dtype=np.int64), [len(columns[i].starts) for i in filled]),
                   np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64),
                   np.fromiter(map(codes.index.__getitem__, labels), np.int64, len(labels)))

    def place(self, base: np.ndarray, stride: int, codes: _Codes, t_starts: np.ndarray, t_ends: np.ndarray) -> None:
        s, e = self.s + base[self.doc], self.e + base[self.doc]
        order = np.lexsort((codes.name_rank[self.c], -e, s))  # span_order: start, longer first, label name
        s, e, c, doc = s[order], e[order], self.c[order], self.doc[order]
        keep = np.ones(len(s), dtype=bool)  # a span listed twice counts once (equal spans are adjacent now)
        keep[1:] = (s[1:] != s[:-1]) | (e[1:] != e[:-1]) | (c[1:] != c[:-1])
        self.s, self.e, self.c, self.doc = s[keep], e[keep], c[keep], doc[keep]
        self.band_s, self.band_e = self.s + self.c * stride, self.e + self.c * stride
        self.tokens = _paint(self.s, self.e, self.c, t_starts, t_ends)


def _columns(layer: Layer) -> SpanColumns:
    if isinstance(layer, SpanColumns):
        return layer
    return SpanColumns(*zip(*layer)) if len(layer) else SpanColumns((), (), ())


def _paint(s: np.ndarray, e: np.ndarray, c: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Label code of each token; spans come in span_order (see agreement_measures), the first touching a token wins."""
    out = np.zeros(len(starts), dtype=np.int64)
    first = np.searchsorted(ends, s, side="right")  # as token_labels: tokens the span touches
    count = np.maximum(np.searchsorted(starts, e, side="left") - first, 0)
    total = int(count.sum())
    if total == 0:
        return out
    # token index of every (span, token) piece, and the span's rank in span_order
    offset = np.repeat(first - (np.cumsum(count) - count), count) + np.arange(total)
    rank = np.repeat(np.arange(len(s)), count)
    winner = np.full(len(starts), len(s))
    np.minimum.at(winner, offset, rank)
    covered = winner < len(s)
    out[covered] = c[winner[covered]]
    return out


@dataclass(frozen=True, slots=True)
class _Matches:
    exact: dict[int, int]        # label code -> spans equal in both layers
    exact_per_doc: np.ndarray    # document index -> spans equal in both layers
    overlap: Counter[int]        # label code -> overlapping spans matched one to one


def _match(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...], stride: int, n_docs: int,
           n_codes: int) -> _Matches:
    """Exact and overlap matches of two layers given as (band starts, band ends, documents).

    Both sides are sorted together once. Equal neighbours are exact matches (each side holds a
    span once). Overlap splits the sorted spans into chains of overlapping ones: a chain with
    one span on a side matches once (the lone span overlaps something of the other side);
    only chains with two or more spans on both sides need the bipartite search.
    """
    s, e, doc = (np.concatenate([x, y]) for x, y in zip(a, b))
    side = np.concatenate([np.zeros(len(a[0]), np.int64), np.ones(len(b[0]), np.int64)])
    order = np.lexsort((e, s))
    s, e, doc, side = s[order], e[order], doc[order], side[order]
    same = (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    exact = _nonzero(np.bincount(s[1:][same] // stride, minlength=n_codes))
    exact_per_doc = np.bincount(doc[1:][same], minlength=n_docs)
    if len(a[0]) == 0 or len(b[0]) == 0:
        return _Matches(exact, exact_per_doc, Counter())
    new_chain = np.ones(len(s), dtype=bool)
    new_chain[1:] = s[1:] >= np.maximum.accumulate(e)[:-1]
    chain_of = np.cumsum(new_chain) - 1
    in_b = np.bincount(chain_of, weights=side).astype(np.int64)
    in_a = np.bincount(chain_of) - in_b
    code = s[new_chain] // stride
    overlap = Counter(_nonzero(np.bincount(code[(in_a >= 1) & (in_b >= 1) & ((in_a == 1) | (in_b == 1))],
                                           minlength=n_codes)))
    for k in np.flatnonzero((in_a >= 2) & (in_b >= 2)).tolist():
        member = chain_of == k
        ranges, sides = list(zip(s[member].tolist(), e[member].tolist())), side[member].tolist()
        overlap[int(code[k])] += max_matching([r for r, d in zip(ranges, sides) if d == 0],
                                              [r for r, d in zip(ranges, sides) if d == 1])
    return _Matches(exact, exact_per_doc, overlap)


@dataclass
class _PairTally:
    documents: int = 0
    exact: Counter[int] = field(default_factory=Counter)    # by label code
    overlap: Counter[int] = field(default_factory=Counter)
    size_a: Counter[int] = field(default_factory=Counter)
    size_b: Counter[int] = field(default_factory=Counter)
    tokens: Counter[tuple[int, int]] = field(default_factory=Counter)  # (code of a, code of b) -> tokens

    def add(self, a: _Column, b: _Column, tok_doc: np.ndarray, n_codes: int, stride: int,
            f1_sum: np.ndarray, pair_count: np.ndarray) -> None:
        """Count the batch's documents both labelled; add each one's exact F1 to f1_sum."""
        both = a.has & b.has
        self.documents += int(both.sum())
        in_a, in_b, tok = both[a.doc], both[b.doc], both[tok_doc]
        self.size_a.update(_nonzero(np.bincount(a.c[in_a], minlength=n_codes)))
        self.size_b.update(_nonzero(np.bincount(b.c[in_b], minlength=n_codes)))
        found = _match((a.band_s[in_a], a.band_e[in_a], a.doc[in_a]), (b.band_s[in_b], b.band_e[in_b], b.doc[in_b]),
                       stride, len(both), n_codes)
        self.exact.update(found.exact)
        self.overlap.update(found.overlap)
        self.tokens.update({divmod(cell, n_codes): n for cell, n in _nonzero(
            np.bincount(a.tokens[tok] * n_codes + b.tokens[tok], minlength=n_codes * n_codes)).items()})
        sizes = np.bincount(a.doc[in_a], minlength=len(both)) + np.bincount(b.doc[in_b], minlength=len(both))
        doc_f1 = np.where(sizes > 0, 2 * found.exact_per_doc / np.maximum(sizes, 1), 1.0)  # two empty layers agree
        f1_sum[both] += doc_f1[both]
        pair_count[both] += 1

    def result(self, a: str, b: str, names: Sequence[str]) -> PairAgreement:
        table = {(names[x], names[y]): c for (x, y), c in self.tokens.items()}
        exact, overlap, size_a, size_b = ({names[k]: n for k, n in t.items()}
                                          for t in (self.exact, self.overlap, self.size_a, self.size_b))
        per_label = {
            label: LabelAgreement(
                f1(exact.get(label, 0), size_a.get(label, 0), size_b.get(label, 0)),
                f1(overlap.get(label, 0), size_a.get(label, 0), size_b.get(label, 0)),
                cohen_kappa(binary_table(table, label)))
            for label in names[1:]}
        total_a, total_b = sum(size_a.values()), sum(size_b.values())
        return PairAgreement(
            a, b, self.documents, f1(sum(exact.values()), total_a, total_b),
            f1(sum(overlap.values()), total_a, total_b), cohen_kappa(table), per_label)


def _nonzero(counts: np.ndarray) -> dict[int, int]:
    return {int(i): int(counts[i]) for i in np.flatnonzero(counts)}


@dataclass
class _CorpusTally:
    codes: _Codes
    pairs: dict[tuple[str, str], _PairTally] = field(default_factory=dict)
    alpha: AlphaTally = field(default_factory=AlphaTally)
    ranking: list[DocumentDisagreement] = field(default_factory=list)

    def add_batch(self, batch: Sequence[LayeredDocument]) -> None:
        names = sorted({name for doc in batch for name in doc.layers})
        columns = {name: _Column.of(batch, name, self.codes) for name in names}
        extent = np.array([int(doc.ends[-1]) if len(doc.ends) else 0 for doc in batch], dtype=np.int64)
        for col in columns.values():
            np.maximum.at(extent, col.doc, col.e)  # a span may end past the last token
        base = np.concatenate([[0], np.cumsum(extent + 1)[:-1]]).astype(np.int64)
        stride = int(extent.sum()) + len(batch) + 1
        tok_doc = np.repeat(np.arange(len(batch)), [len(doc.starts) for doc in batch])
        t_starts = np.concatenate([np.asarray(d.starts, dtype=np.int64) for d in batch] + [_EMPTY]) + base[tok_doc]
        t_ends = np.concatenate([np.asarray(d.ends, dtype=np.int64) for d in batch] + [_EMPTY]) + base[tok_doc]
        for col in columns.values():
            col.place(base, stride, self.codes, t_starts, t_ends)
        n_codes = len(self.codes.names)
        f1_sum, pair_count = np.zeros(len(batch)), np.zeros(len(batch))
        for a, b in combinations(names, 2):
            self.pairs.setdefault((a, b), _PairTally()).add(columns[a], columns[b], tok_doc, n_codes, stride,
                                                            f1_sum, pair_count)
        self._add_alpha([columns[n] for n in names], tok_doc, n_codes)
        disagreement = (1.0 - f1_sum / pair_count).tolist()  # as disagreement_score(): 1 - mean pair F1
        self.ranking.extend(DocumentDisagreement(doc.id, doc.title, d, tuple(sorted(doc.layers)))
                            for doc, d in zip(batch, disagreement))

    def _add_alpha(self, columns: list[_Column], tok_doc: np.ndarray, n_codes: int) -> None:
        """Every token one unit, valued by each annotator who labelled its document."""
        n = len(tok_doc)
        values = np.stack([col.tokens for col in columns])
        present = np.stack([col.has[tok_doc] for col in columns])
        per_token = np.bincount((np.arange(n) * n_codes + values)[present], minlength=n * n_codes)
        per_token = per_token.reshape(n, n_codes)
        m = present.sum(axis=0)
        spread = m * m - (per_token * per_token).sum(axis=1)
        for size in np.unique(m).tolist():
            self.alpha.disagreement[size] += int(spread[m == size].sum())
        for code, count in _nonzero(per_token.sum(axis=0)).items():
            self.alpha.totals[self.codes.names[code]] += count


def compute_agreement(documents: Iterable[LayeredDocument], labels: Sequence[str]) -> AgreementReport:
    """Pair figures, alpha and the disagreement ranking over documents with two or more layers."""
    tally = _CorpusTally(_Codes(labels))
    batch: list[LayeredDocument] = []
    for doc in documents:
        if len(doc.layers) < 2:
            continue  # one annotator: nothing to compare
        batch.append(doc)
        if len(batch) == _BATCH:
            tally.add_batch(batch)
            batch = []
    if batch:
        tally.add_batch(batch)
    pairs = [t.result(*key, tally.codes.names) for key, t in sorted(tally.pairs.items())]
    tally.ranking.sort(key=lambda d: (-d.disagreement, d.id))
    return AgreementReport(pairs, tally.alpha.value(), tally.ranking)
