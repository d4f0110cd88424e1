"""Attribute agreement on exactly matched spans and relation F1, per pair, computed by hand."""
from __future__ import annotations

import pytest

from annotator.core.model import NewArticle, Span, Status
from annotator.core.relation import Relation
from annotator.services.agreement import measure_agreement
from annotator.storage import relation_store as rs
from tests.helpers.projects import ARTICLE

# Some 350,000 Syrians, mostly women and children, have fled Idlib province since early
# December, the UN said on Thursday.


def add(store, doc, who, phrase, label, **attrs):
    start = ARTICLE.index(phrase)
    return store.add_span(Span(doc, start, start + len(phrase), label, annotator=who, attrs=attrs))


@pytest.fixture
def doc(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t"), NewArticle(text=ARTICLE + " Again.", title="u")])
    return [d.id for d in store.iter_documents()]


def test_attributes_and_relations_per_pair(store, doc):
    d1, d2 = doc
    layers = {}
    for who, category, actor_type, link in (("alice", "displaced", "civilians", "SOURCE"),
                                            ("bob", "displaced", "militia", "SOURCE"),
                                            ("carol", "refugees", None, None)):
        fig = add(store, d1, who, "350,000", "FIGURE", category=category, low=350000)
        syr = add(store, d1, who, "Syrians", "ACTOR", **({"type": actor_type} if actor_type else {}))
        said = add(store, d1, who, "said", "ATTRIBUTION")
        un = add(store, d1, who, "UN", "ACTOR")
        rs.add_relation(store, Relation(d1, said.id, fig.id, "CLAIM", annotator=who))
        if link:
            rs.add_relation(store, Relation(d1, said.id, un.id, link, annotator=who))
        layers[who] = (fig, syr)
        store.set_status(d1, who, Status.DONE)
    # a second document: alice and bob agree on a category, bob's FIGURE range differs from alice's there
    add(store, d2, "alice", "350,000", "FIGURE", category="killed")
    add(store, d2, "bob", "350,000", "FIGURE", category="killed")
    add(store, d2, "alice", "Idlib", "LOCATION", type="region or province")
    add(store, d2, "bob", "Idlib province", "LOCATION", type="region or province")  # not exact: no item
    for who in ("alice", "bob"):
        store.set_status(d2, who, Status.DONE)

    pairs = {(p.a, p.b): p for p in measure_agreement(store).pairs}
    ab, ac = pairs[("alice", "bob")], pairs[("alice", "carol")]
    # alice/bob: category on two matched FIGUREs, both equal; low equal once (the other: both empty, no item)
    assert ab.attributes["FIGURE.category"].items == 2 and ab.attributes["FIGURE.category"].observed == 1.0
    assert ab.attributes["FIGURE.category"].kappa == 1.0  # displaced/displaced, killed/killed
    assert ab.attributes["FIGURE.low"].items == 1
    assert ab.attributes["ACTOR.type"].observed == 0.0  # civilians / militia
    assert "LOCATION.type" not in ab.attributes  # the spans differ: no exactly matched item
    # alice/carol: category differs; ACTOR type given by alice only (carol's missing value counts)
    assert ac.attributes["FIGURE.category"].observed == 0.0
    assert ac.attributes["ACTOR.type"].items == 1 and ac.attributes["ACTOR.type"].observed == 0.0
    # relations: alice and bob 2 each, both match; carol has only the CLAIM: F1 = 2*1/(2+1)
    assert (ab.relations.a, ab.relations.b, ab.relations.matched, ab.relations.f1) == (2, 2, 2, 1.0)
    assert ac.relations.f1 == pytest.approx(2 / 3)
    data = measure_agreement(store).to_json()["pairs"][0]
    assert data["relations"] == {"a": 2, "b": 2, "matched": 2, "f1": 1.0}
    assert data["attributes"]["FIGURE.category"] == {"items": 2, "observed": 1.0, "kappa": 1.0}
    assert data["attributes"]["FIGURE.low"] == {"items": 1, "observed": 1.0, "kappa": None}  # one value: 0/0


def test_kappa_on_attribute_values(store, doc):
    """Four matched FIGUREs: (killed, killed) x2, (killed, injured), (injured, injured).
    po = 3/4; pe = (3/4 * 2/4) + (1/4 * 2/4) = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2."""
    d1, _ = doc
    phrases = ["350,000", "Syrians", "Idlib", "UN"]
    pairs = [("killed", "killed"), ("killed", "killed"), ("killed", "injured"), ("injured", "injured")]
    for phrase, (x, y) in zip(phrases, pairs):
        add(store, d1, "alice", phrase, "FIGURE", category=x)
        add(store, d1, "bob", phrase, "FIGURE", category=y)
    for who in ("alice", "bob"):
        store.set_status(d1, who, Status.DONE)
    [pair] = measure_agreement(store).pairs
    v = pair.attributes["FIGURE.category"]
    assert (v.items, v.observed) == (4, 0.75) and v.kappa == pytest.approx(0.5)
    assert pair.relations.f1 is None
