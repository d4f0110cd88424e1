"""Relations decided into gold once both ends are gold spans: take or reject, provenance, undo."""
from __future__ import annotations

import pytest

from annotator.core.errors import ConflictError
from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.core.relation import Relation
from annotator.services.adjudication import Adjudication
from annotator.services.relation_review import RelationReview
from annotator.storage import relation_store as rs
from tests.helpers.projects import ARTICLE


def key(phrase: str, label: str) -> tuple[int, int, str]:
    start = ARTICLE.index(phrase)
    return (start, start + len(phrase), label)


@pytest.fixture
def project(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    doc = store.summaries("alice")[0].id
    for who, source in (("alice", "UN"), ("bob", "UN"), ("carol", "Syrians")):
        made = {}
        for phrase, label in (("said", "ATTRIBUTION"), ("UN", "ACTOR"), ("Syrians", "ACTOR"), ("350,000", "FIGURE")):
            s, e, _ = key(phrase, label)
            made[phrase] = store.add_span(Span(doc, s, e, label, annotator=who))
        rs.add_relation(store, Relation(doc, made["said"].id, made[source].id, "SOURCE", annotator=who))
        if who != "carol":
            rs.add_relation(store, Relation(doc, made["said"].id, made["350,000"].id, "CLAIM", annotator=who))
        store.set_status(doc, who, Status.DONE)
    return store, doc


def test_a_relation_is_decided_once_both_ends_are_gold(project):
    store, doc = project
    review = RelationReview(store, "rita")
    source_un = (key("said", "ATTRIBUTION"), key("UN", "ACTOR"), "SOURCE")
    assert any(c.key == source_un for c in review.candidates(doc))
    assert {c.key[2]: c.ready for c in review.candidates(doc)} == {"SOURCE": False, "CLAIM": False}
    with pytest.raises(ConflictError, match="both its ends must be in the gold layer"):
        review.take(doc, source_un)
    Adjudication(store, "rita").accept_unanimous(doc)  # every span is unanimous here
    by_key = {c.key: c for c in review.candidates(doc)}
    assert by_key[source_un].ready and by_key[source_un].annotators == ("alice", "bob")
    decision = review.take(doc, source_un)
    gold = {s.id: s.key for s in store.spans(doc, GOLD)}
    assert [(gold[r.head_id], gold[r.child_id], r.label) for r in rs.relations(store, doc, GOLD)] == [source_un]
    by_key = {c.key: c for c in review.candidates(doc)}
    d = by_key[source_un].decision
    assert (d.id, d.action, d.reviewer, d.agreed) == (decision, "take", "rita", ("alice", "bob"))
    carol_source = (key("said", "ATTRIBUTION"), key("Syrians", "ACTOR"), "SOURCE")
    review.reject(doc, carol_source)
    assert {c.key: c.decision.action for c in review.candidates(doc) if c.decision} == {
        source_un: "take", carol_source: "reject"}
    with pytest.raises(ConflictError, match="decided already"):
        review.take(doc, carol_source)
    review.undo(decision)
    assert rs.relations(store, doc, GOLD) == []
    assert {c.key: c.decision for c in review.candidates(doc)}[source_un] is None
    review.redo(decision)
    assert len(rs.relations(store, doc, GOLD)) == 1
    actions = [r[0] for r in store.db.execute("SELECT action FROM changes ORDER BY id")]
    assert actions.count("decide_relation") == 2 and "undo_relation_decision" in actions
