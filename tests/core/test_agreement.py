from __future__ import annotations

import json
import math
import random
from collections import Counter

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import (
    OUTSIDE, LayeredDocument, SpanColumns, cohen_kappa, compute_agreement, document_disagreement, exact_matches, f1,
    nominal_alpha, overlap_matches, token_labels,
)

LABELS = ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
# "a b c d e f g h": eight one-letter tokens at 0, 2, 4, ... (whitespace is never a token)
STARTS = list(range(0, 16, 2))
ENDS = [s + 1 for s in STARTS]


def doc(layers, doc_id=1, starts=STARTS, ends=ENDS) -> LayeredDocument:
    return LayeredDocument(doc_id, f"doc {doc_id}", starts, ends, layers)


def only_pair(report):
    [pair] = report.pairs
    return pair


def test_identical_layers_agree_fully():
    layer = [(0, 3, "ACTOR"), (6, 7, "LOCATION"), (10, 11, "FIGURE")]
    report = compute_agreement([doc({"alice": layer, "bob": list(layer)})], LABELS)
    p = only_pair(report)
    assert (p.a, p.b, p.documents) == ("alice", "bob", 1)
    assert p.exact_f1 == p.overlap_f1 == p.token_kappa == 1.0
    for label in ("ACTOR", "LOCATION", "FIGURE"):
        assert p.per_label[label].exact_f1 == p.per_label[label].token_kappa == 1.0
    assert report.alpha == 1.0
    assert [(d.id, d.disagreement) for d in report.documents] == [(1, 0.0)]


def test_disjoint_layers_give_the_hand_computed_values():
    # alice: token 0 ACTOR; bob: token 2 LOCATION; 8 tokens. Table: (A,O)=1 (O,L)=1 (O,O)=6.
    report = compute_agreement([doc({"alice": [(0, 1, "ACTOR")], "bob": [(4, 5, "LOCATION")]})], LABELS)
    p = only_pair(report)
    assert p.exact_f1 == 0.0 and p.overlap_f1 == 0.0
    # po = 6/8, pe = (7*7)/64  ->  kappa = (48/64 - 49/64) / (15/64) = -1/15
    assert p.token_kappa == pytest.approx(-1 / 15)
    # ACTOR vs not: po = 7/8 = pe  ->  0
    assert p.per_label["ACTOR"].token_kappa == pytest.approx(0.0)
    assert p.per_label["ACTOR"].exact_f1 == 0.0
    # a label nobody used has no figure, not a made-up one
    assert p.per_label["FIGURE"] == type(p.per_label["FIGURE"])(None, None, None)
    # alpha: n = 16 values, n_O = 14; observed disagreement 2 + 2; 1 - 15 * 4 / (256 - 198) = -1/29
    assert report.alpha == pytest.approx(-1 / 29)
    assert report.documents[0].disagreement == 1.0


def test_boundary_disagreement_overlaps_but_does_not_match_exactly():
    # alice "a b" ACTOR, bob "b" ACTOR. Table: (A,A)=1 (A,O)=1 (O,O)=6
    p = only_pair(compute_agreement([doc({"alice": [(0, 3, "ACTOR")], "bob": [(2, 3, "ACTOR")]})], LABELS))
    assert (p.exact_f1, p.overlap_f1) == (0.0, 1.0)
    # po = 7/8, pe = (2*1 + 6*7)/64 = 44/64  ->  (56 - 44) / (64 - 44) = 0.6
    assert p.token_kappa == pytest.approx(0.6)


def test_overlap_matching_is_one_to_one_and_maximal():
    # one long span cannot match two short ones
    assert overlap_matches([(0, 7, "ACTOR")], [(0, 1, "ACTOR"), (4, 5, "ACTOR")]) == {"ACTOR": 1}
    assert f1(1, 1, 2) == pytest.approx(2 / 3)
    # greedy in text order would pair (0,9) with (2,3) and leave (2,3) of a alone; the maximum is 2
    a = [(0, 9, "ACTOR"), (2, 3, "ACTOR")]
    b = [(2, 3, "ACTOR"), (8, 9, "ACTOR")]
    assert overlap_matches(a, b) == {"ACTOR": 2}
    # different labels never match; touching is not overlapping
    assert overlap_matches([(0, 5, "ACTOR")], [(0, 5, "LOCATION"), (5, 9, "ACTOR")]) == {}
    assert exact_matches([(0, 5, "ACTOR"), (6, 8, "FIGURE")], [(0, 5, "ACTOR"), (6, 8, "ACTOR")]) == {"ACTOR": 1}


def test_f1_of_two_empty_sides_is_undefined_and_json_stays_valid():
    assert f1(0, 0, 0) is None
    report = compute_agreement([doc({"alice": [], "bob": []})], LABELS)
    p = only_pair(report)
    assert p.documents == 1 and p.exact_f1 is None and p.token_kappa is None and report.alpha is None
    text = json.dumps(report.to_json(), allow_nan=False)
    assert json.loads(text)["pairs"][0]["exact_f1"] is None
    assert report.documents[0].disagreement == 0.0  # two empty layers agree


def test_one_annotator_document_is_left_out_of_pair_figures():
    both = doc({"alice": [(0, 1, "ACTOR")], "bob": [(0, 1, "ACTOR")]}, doc_id=1)
    alone = doc({"alice": [(4, 5, "LOCATION")]}, doc_id=2)
    report = compute_agreement([both, alone], LABELS)
    p = only_pair(report)
    assert p.documents == 1 and p.exact_f1 == 1.0 and p.per_label["LOCATION"].exact_f1 is None
    assert [d.id for d in report.documents] == [1]


def test_pairs_count_only_the_documents_both_labelled():
    d1 = doc({"alice": [(0, 1, "ACTOR")], "bob": [(0, 1, "ACTOR")], "carol": [(2, 3, "ACTOR")]}, doc_id=1)
    d2 = doc({"alice": [(0, 1, "ACTOR")], "carol": [(0, 1, "ACTOR")]}, doc_id=2)
    report = compute_agreement([d1, d2], LABELS)
    figures = {(p.a, p.b): (p.documents, p.exact_f1) for p in report.pairs}
    assert figures == {("alice", "bob"): (1, 1.0), ("alice", "carol"): (2, 0.5), ("bob", "carol"): (1, 0.0)}
    # doc 1: pairs score 1, 0, 0 -> disagreement 2/3; doc 2 agrees
    assert [(d.id, round(d.disagreement, 6)) for d in report.documents] == [(1, round(2 / 3, 6)), (2, 0.0)]


def test_token_labels_rule():
    # nested spans: the one starting first (then the longer) keeps the shared token
    assert token_labels([(2, 3, "FIGURE"), (0, 5, "ACTOR")], STARTS, ENDS) == {0: "ACTOR", 1: "ACTOR", 2: "ACTOR"}
    # a span that cuts into a token still labels it; whitespace between tokens is not a token
    assert token_labels([(1, 3, "ACTOR")], STARTS, ENDS) == {1: "ACTOR"}
    assert token_labels([(0, 1, "ACTOR")], [], []) == {}


def test_document_disagreement_is_one_minus_mean_pairwise_exact_f1():
    same = [(0, 1, "ACTOR")]
    assert document_disagreement({"a": same, "b": same, "c": [(2, 3, "ACTOR")]}) == pytest.approx(2 / 3)
    assert document_disagreement({"a": same}) == 0.0


def _random_corpus(seed: int, annotators=("a", "b", "c"), docs: int = 120) -> list[LayeredDocument]:
    rng = random.Random(seed)
    out = []
    for d in range(docs):
        n = rng.randint(3, 40)
        starts = [i * 6 for i in range(n)]
        ends = [s + rng.randint(1, 5) for s in starts]
        base, i = [], 0
        while i < n - 2:
            if rng.random() < 0.4:
                width = rng.randint(1, 2)
                base.append((starts[i], ends[i + width - 1], rng.choice(LABELS)))
                i += width
            i += 1
        layers = {}
        for name in annotators:
            if rng.random() < 0.15:
                continue  # this annotator did not label the document
            layer = []
            for s, e, label in base:
                r = rng.random()
                if r < 0.1:
                    continue
                layer.append((s, e + 6 if r < 0.2 and e + 6 <= ends[-1] else e, rng.choice(LABELS) if r > 0.9 else label))
                if r > 0.95:  # nested and repeated spans: the rules for shared tokens and duplicates
                    layer += [(s, ends[starts.index(s)], rng.choice(LABELS)), layer[-1]]
            layers[name] = layer
        out.append(LayeredDocument(d, "t", starts, ends, layers))
    return out


def _token_sequences(docs, a, b):
    ya, yb = [], []
    for d in docs:
        if a in d.layers and b in d.layers:
            ta, tb = (token_labels(d.layers[x], d.starts, d.ends) for x in (a, b))
            ya += [ta.get(i, "O") for i in range(len(d.starts))]
            yb += [tb.get(i, "O") for i in range(len(d.starts))]
    return ya, yb


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kappa_equals_scikit_learn(seed):
    docs = _random_corpus(seed)
    report = compute_agreement(docs, LABELS)
    assert len(report.pairs) == 3
    for p in report.pairs:
        ya, yb = _token_sequences(docs, p.a, p.b)
        assert p.token_kappa == pytest.approx(cohen_kappa_score(ya, yb), abs=1e-12)
        for label in LABELS:
            expected = cohen_kappa_score([y == label for y in ya], [y == label for y in yb])
            assert p.per_label[label].token_kappa == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_alpha_equals_the_krippendorff_package(seed):
    docs = _random_corpus(seed)
    codes = {OUTSIDE: 0, **{label: i + 1 for i, label in enumerate(LABELS)}}
    rows: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    for d in docs:
        if len(d.layers) < 2:
            continue
        tokens = {name: token_labels(layer, d.starts, d.ends) for name, layer in d.layers.items()}
        for i in range(len(d.starts)):
            for name, row in rows.items():
                row.append(codes[tokens[name].get(i, OUTSIDE)] if name in tokens else math.nan)
    expected = krippendorff.alpha(reliability_data=np.array(list(rows.values())), level_of_measurement="nominal")
    assert compute_agreement(docs, LABELS).alpha == pytest.approx(expected, abs=1e-12)


def test_nominal_alpha_and_kappa_on_small_direct_inputs():
    units = [("x", "x"), ("x", "y"), ("y", "y"), ("y", "y", "x"), ("x",)]
    data = np.array([[0, 0, 1, 1, 0], [0, 1, 1, 1, np.nan], [np.nan, np.nan, np.nan, 0, np.nan]], dtype=float)
    assert nominal_alpha(units) == pytest.approx(krippendorff.alpha(reliability_data=data,
                                                                    level_of_measurement="nominal"))
    assert nominal_alpha([("x", "x"), ("x", "x")]) is None  # one value only: undefined
    assert cohen_kappa({}) is None
    assert cohen_kappa({("x", "x"): 5}) is None


@pytest.mark.parametrize("seed", [4, 5])
def test_corpus_tally_equals_the_definitions_document_by_document(seed):
    """The batched array counting must give what the plain definitions give (600 documents: 3 batches)."""
    docs = _random_corpus(seed, docs=600)
    report = compute_agreement(docs, LABELS)
    for p in report.pairs:
        shared = [d for d in docs if p.a in d.layers and p.b in d.layers]
        exact = sum((exact_matches(d.layers[p.a], d.layers[p.b]) for d in shared), Counter())
        overlap = sum((overlap_matches(d.layers[p.a], d.layers[p.b]) for d in shared), Counter())
        size_a = sum((Counter(lab for _, _, lab in set(d.layers[p.a])) for d in shared), Counter())
        size_b = sum((Counter(lab for _, _, lab in set(d.layers[p.b])) for d in shared), Counter())
        assert p.documents == len(shared)
        for label in LABELS:
            assert p.per_label[label].exact_f1 == pytest.approx(f1(exact[label], size_a[label], size_b[label]))
            assert p.per_label[label].overlap_f1 == pytest.approx(f1(overlap[label], size_a[label], size_b[label]))
    expected = {d.id: document_disagreement(d.layers) for d in docs if len(d.layers) >= 2}
    assert {d.id: d.disagreement for d in report.documents} == pytest.approx(expected)
    values = [d.disagreement for d in report.documents]
    assert values == sorted(values, reverse=True)


def test_chains_that_need_the_bipartite_search_inside_a_corpus():
    a = [(0, 9, "ACTOR"), (2, 3, "ACTOR"), (10, 11, "FIGURE")]
    b = [(2, 3, "ACTOR"), (8, 9, "ACTOR"), (10, 13, "FIGURE"), (12, 13, "FIGURE")]
    p = only_pair(compute_agreement([doc({"a": a, "b": b})], LABELS))
    assert p.per_label["ACTOR"].overlap_f1 == 1.0  # 2 matches of 2 + 2
    assert p.per_label["FIGURE"].overlap_f1 == pytest.approx(2 / 3)  # 1 match of 1 + 2
    assert p.per_label["ACTOR"].exact_f1 == 0.5


def test_layers_may_come_column_by_column():
    docs = _random_corpus(6)
    as_columns = [LayeredDocument(d.id, d.title, d.starts, d.ends,
                                  {n: SpanColumns(*zip(*layer)) if layer else SpanColumns([], [], [])
                                   for n, layer in d.layers.items()}) for d in docs]
    assert compute_agreement(as_columns, LABELS) == compute_agreement(docs, LABELS)


def test_a_label_outside_the_project_list_is_still_reported():
    report = compute_agreement([doc({"a": [(0, 1, "WEAPON")], "b": [(0, 1, "WEAPON")]})], LABELS)
    assert only_pair(report).per_label["WEAPON"].exact_f1 == 1.0
    assert list(only_pair(report).per_label)[:4] == LABELS
