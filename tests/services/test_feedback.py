"""What review changed: outcomes and per-label precision/recall, checked against a computation written here."""
from __future__ import annotations

import json
import random

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.services.feedback import annotator_feedback
from annotator.storage import ProjectStore

LABELS = ("ACTOR", "LOCATION", "FIGURE")
TEXT = " ".join(f"word{i}" for i in range(60))


def word_ranges(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for w in text.split(" "):
        out.append((pos, pos + len(w)))
        pos += len(w) + 1
    return out


def random_layer(rng: random.Random, n: int) -> set[tuple[int, int, str]]:
    ranges = word_ranges(TEXT)
    spans = set()
    for _ in range(n):
        i = rng.randrange(len(ranges) - 3)
        j = i + rng.randrange(3)
        spans.add((ranges[i][0], ranges[j][1], rng.choice(LABELS)))
    return spans


def mutate(rng: random.Random, gold: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """An annotator's layer near gold: some spans as they are, relabelled, resized, dropped, or invented."""
    out = set()
    for s, e, label in gold:
        r = rng.random()
        if r < 0.4:
            out.add((s, e, label))
        elif r < 0.55:
            out.add((s, e, rng.choice([x for x in LABELS if x != label])))
        elif r < 0.7:
            out.add((s, e + rng.choice((1, 2)), label))
    return out | random_layer(rng, rng.randrange(3))


def expected(mine: set, gold: set) -> tuple[dict[str, int], dict[str, tuple[int, int, int]]]:
    """The same figures, worked out separately: outcome tallies, and (tp, mine, gold) per label."""
    tally = {"kept": 0, "relabelled": 0, "resized": 0, "removed": 0, "missed": 0}
    for m in mine:
        ranges_in_gold = {(g[0], g[1]) for g in gold}
        same_label_overlaps = [g for g in gold if g[2] == m[2] and not (g[1] <= m[0] or m[1] <= g[0])]
        if m in gold:
            tally["kept"] += 1
        elif (m[0], m[1]) in ranges_in_gold:
            tally["relabelled"] += 1
        elif same_label_overlaps:
            tally["resized"] += 1
        else:
            tally["removed"] += 1
    for g in gold:
        touched = [m for m in mine if (m[0], m[1]) == (g[0], g[1])
                   or (m[2] == g[2] and not (g[1] <= m[0] or m[1] <= g[0]))]
        tally["missed"] += not touched
    per_label = {}
    for label in LABELS:
        a = {m for m in mine if m[2] == label}
        b = {g for g in gold if g[2] == label}
        per_label[label] = (len(a & b), len(a), len(b))
    return tally, per_label


def build(path, seed: int, docs: int = 5):
    rng = random.Random(seed)
    store = ProjectStore(path)
    store.import_articles([NewArticle(text=f"{TEXT} doc{i}", title=f"d{i}") for i in range(docs)])
    layers = {}
    for doc in store.iter_documents():
        gold = random_layer(rng, 8)
        mine = mutate(rng, gold)
        layers[doc.id] = (mine, gold)
        for name, spans in (("ana", mine), (GOLD, gold)):
            for s, e, label in spans:
                store.add_span(Span(doc.id, s, e, label, annotator=name))
        store.set_status(doc.id, "ana", Status.DONE)
        if doc.id != docs:  # the last document is not adjudicated yet: it stays out
            store.set_status(doc.id, GOLD, Status.DONE)
    return store, layers


@pytest.mark.parametrize("seed", range(12))
def test_outcomes_and_scores_match_an_independent_count(tmp_path, seed):
    store, layers = build(tmp_path / "p.db", seed)
    fb = annotator_feedback(store, "ana")
    assert [d.document_id for d in fb.documents] == sorted(layers)[:-1]
    totals = {k: 0 for k in ("kept", "relabelled", "resized", "removed", "missed")}
    per_label = {label: [0, 0, 0] for label in LABELS}
    for doc in fb.documents:
        tally, labels = expected(*layers[doc.document_id])
        assert {k: doc.counts()[k] for k in tally} == tally
        for k in totals:
            totals[k] += tally[k]
        for label, row in labels.items():
            per_label[label] = [x + y for x, y in zip(per_label[label], row)]
    assert dict(fb.totals()) == totals
    scores = fb.evaluation.per_label("exact")
    for label, (tp, n_mine, n_gold) in per_label.items():
        assert scores[label].precision == (tp / n_mine if n_mine else None)
        assert scores[label].recall == (tp / n_gold if n_gold else None)
    store.close()


def test_a_worked_example(tmp_path):
    text = "Rebels of the Free Army shelled Idlib city, killing 12 people near the border."
    store = ProjectStore(tmp_path / "p.db")
    store.import_articles([NewArticle(text=text, title="t")])
    at = lambda phrase: (text.index(phrase), text.index(phrase) + len(phrase))
    for name, spans in {"ana": [("Rebels", "ACTOR"), ("Idlib", "LOCATION"), ("12", "ACTOR"), ("border", "LOCATION")],
                        GOLD: [("Rebels of the Free Army", "ACTOR"), ("Idlib city", "LOCATION"), ("12", "FIGURE"),
                               ("people", "ACTOR")]}.items():
        for phrase, label in spans:
            store.add_span(Span(1, *at(phrase), label, annotator=name))
    store.set_status(1, "ana", Status.DONE)
    store.set_status(1, GOLD, Status.DONE)
    fb = annotator_feedback(store, "ana")
    got = {text[s[0]:s[1]]: o for s, o, _ in fb.documents[0].outcomes}
    assert got == {"Rebels": "resized", "Idlib": "resized", "12": "relabelled", "border": "removed"}
    assert [text[g[0]:g[1]] for g in fb.documents[0].missed] == ["people"]
    data = json.loads(json.dumps(fb.to_json()))
    assert data["totals"] == {"kept": 0, "relabelled": 1, "resized": 2, "removed": 1, "missed": 1}
    assert data["overall"]["precision"] == 0.0


def test_an_unknown_annotator_is_one_line(tmp_path):
    with ProjectStore(tmp_path / "p.db") as store:
        with pytest.raises(AnnotatorError, match="no layer called 'nobody'"):
            annotator_feedback(store, "nobody")
        with pytest.raises(AnnotatorError, match="gold"):
            annotator_feedback(store, "gold")
