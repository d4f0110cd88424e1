from __future__ import annotations

import json

import pytest

from annotator.core.errors import ConflictError, SpanError
from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.core.units import Action, UnitKind
from annotator.services.adjudication import Adjudication
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE

# Some 350,000 Syrians, mostly women and children, have fled Idlib province since early
# December, the UN said on Thursday.


def at(phrase: str, label: str) -> tuple[int, int, str]:
    start = ARTICLE.index(phrase)
    return (start, start + len(phrase), label)


def add(store: ProjectStore, doc: int, annotator: str, phrase: str, label: str, **kw) -> None:
    s, e, _ = at(phrase, label)
    store.add_span(Span(doc, s, e, label, annotator=annotator, **kw))


@pytest.fixture
def reviewed(store):
    """One article labelled by alice, bob and carol (all done), with every kind of unit."""
    store.import_articles([NewArticle(text=ARTICLE, title="Idlib")])
    doc = store.summaries("alice")[0].id
    for name in ("alice", "bob", "carol"):
        add(store, doc, name, "350,000", "FIGURE")  # unanimous
        add(store, doc, name, "UN", "ACTOR")        # unanimous
    add(store, doc, "alice", "Idlib", "LOCATION")   # boundary
    add(store, doc, "bob", "Idlib province", "LOCATION", note="province is part of the name?")
    add(store, doc, "carol", "Idlib", "LOCATION")
    add(store, doc, "alice", "said", "ATTRIBUTION")  # missing (carol)
    add(store, doc, "bob", "said", "ATTRIBUTION", unsure=True)
    add(store, doc, "alice", "Syrians", "ACTOR")     # label
    add(store, doc, "bob", "Syrians", "LOCATION")
    add(store, doc, "carol", "Syrians", "ACTOR")
    for name in ("alice", "bob", "carol"):
        store.set_status(doc, name, Status.DONE)
    return Adjudication(store, "rita"), doc


def gold(store: ProjectStore, doc: int) -> list[tuple[str, str]]:
    return [(ARTICLE[s.start:s.end], s.label) for s in store.spans(doc, GOLD)]


def unit_at(review: Adjudication, doc: int, phrase: str):
    start = ARTICLE.index(phrase)
    return next(u for u in review.units(doc) if u.start <= start < u.end)


def test_units_show_every_annotator_and_what_they_flagged(reviewed):
    review, doc = reviewed
    units = review.units(doc)
    assert [(ARTICLE[u.start:u.end], u.kind) for u in units] == [
        ("350,000", UnitKind.UNANIMOUS), ("Syrians", UnitKind.LABEL), ("Idlib province", UnitKind.BOUNDARY),
        ("UN", UnitKind.UNANIMOUS), ("said", UnitKind.MISSING)]
    assert all(u.annotators == ("alice", "bob", "carol") for u in units)
    idlib, said = units[2], units[4]
    assert [(s.annotator, s.note) for s in idlib.flagged] == [("bob", "province is part of the name?")]
    assert [(s.annotator, s.unsure) for s in said.flagged] == [("bob", True)]


def test_take_writes_gold_with_provenance(reviewed):
    review, doc = reviewed
    unit = unit_at(review, doc, "Idlib")
    change = review.take(doc, unit.key, "alice")
    assert change.added == (at("Idlib", "LOCATION"),) and change.removed == () and not change.adjudicated
    assert gold(review.store, doc) == [("Idlib", "LOCATION")]
    decision = unit_at(review, doc, "Idlib").decision
    assert decision is not None and decision.id == change.decisions[0]
    assert (decision.action, decision.agreed, decision.reviewer) == (Action.TAKE, ("alice", "carol"), "rita")
    assert decision.spans == (at("Idlib", "LOCATION"),) and decision.decided_at
    row = review.store.db.execute("SELECT reviewer, agreed, unit_start, unit_end FROM decisions").fetchone()
    assert (row[0], json.loads(row[1]), (row[2], row[3])) == ("rita", ["alice", "carol"], unit.key)


def test_reject_and_edit(reviewed):
    review, doc = reviewed
    said = unit_at(review, doc, "said")
    review.reject(doc, said.key)
    assert unit_at(review, doc, "said").decision.agreed == ("carol",)  # carol made no span there
    syrians = unit_at(review, doc, "Syrians")
    review.accept_edited(doc, syrians.key, [at("Syrians", "ACTOR")])
    assert unit_at(review, doc, "Syrians").decision.agreed == ("alice", "carol")
    with pytest.raises(SpanError, match="outside unit"):
        review.accept_edited(doc, syrians.key, [at("UN", "ACTOR")])
    with pytest.raises(SpanError, match="outside unit"):  # overlapping the unit is not enough
        review.accept_edited(doc, syrians.key, [at("Syrians, mostly", "ACTOR")])
    assert gold(review.store, doc) == [("Syrians", "ACTOR")]


def test_accept_all_unanimous_takes_them_in_one_undoable_step(reviewed):
    review, doc = reviewed
    change = review.accept_unanimous(doc)
    assert len(change.decisions) == 2
    assert gold(review.store, doc) == [("350,000", "FIGURE"), ("UN", "ACTOR")]
    decided = [u for u in review.units(doc) if u.decided]
    assert [u.decision.action for u in decided] == [Action.UNANIMOUS] * 2
    assert decided[0].decision.agreed == ("alice", "bob", "carol")
    assert not review.accept_unanimous(doc)  # nothing left to take: an empty change
    undone = review.undo(change)
    assert sorted(undone.removed) == sorted(change.added) and gold(review.store, doc) == []
    assert not any(u.decided for u in review.units(doc))


def test_undo_and_redo_of_a_decision_that_replaced_another(reviewed):
    review, doc = reviewed
    key = unit_at(review, doc, "Idlib").key
    first = review.take(doc, key, "alice")
    second = review.take(doc, key, "bob")  # the reviewer changes their mind
    assert gold(review.store, doc) == [("Idlib province", "LOCATION")]
    assert second.removed == (at("Idlib", "LOCATION"),)
    with pytest.raises(ConflictError, match="undo the later changes first"):
        review.undo(first)
    review.undo(second)
    assert gold(review.store, doc) == [("Idlib", "LOCATION")]
    assert unit_at(review, doc, "Idlib").decision.id == first.decisions[0]  # the first is in force again
    review.undo(first)
    assert gold(review.store, doc) == [] and not unit_at(review, doc, "Idlib").decided
    review.redo(first)
    review.redo(second)
    assert gold(review.store, doc) == [("Idlib province", "LOCATION")]
    with pytest.raises(ConflictError, match="in force"):
        review.redo(second)
    actions = [r[0] for r in review.store.db.execute("SELECT action FROM changes WHERE annotator = 'rita'")]
    assert actions == ["decide", "decide", "undo_decision", "undo_decision", "redo_decision", "redo_decision"]


def test_document_is_adjudicated_when_every_unit_is_decided(reviewed):
    review, doc = reviewed
    store = review.store
    review.accept_unanimous(doc)
    review.take(doc, unit_at(review, doc, "Syrians").key, "alice")
    review.take(doc, unit_at(review, doc, "Idlib").key, "bob")
    assert not review.is_adjudicated(doc) and store.status(doc, GOLD) is not Status.DONE
    last = review.take(doc, unit_at(review, doc, "said").key, "alice")
    assert last.adjudicated and review.is_adjudicated(doc)
    assert store.status(doc, GOLD) is Status.DONE  # what `export --source gold` relies on
    assert gold(store, doc) == [("350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib province", "LOCATION"),
                                ("UN", "ACTOR"), ("said", "ATTRIBUTION")]
    undone = review.undo(last)
    assert not undone.adjudicated and store.status(doc, GOLD) is Status.IN_PROGRESS


def test_gold_takes_the_annotators_attributes_but_not_their_notes(reviewed):
    review, doc = reviewed
    key = unit_at(review, doc, "Idlib").key
    review.take(doc, key, "bob")
    [span] = review.store.spans(doc, GOLD)
    assert span.note == "" and not span.unsure


def test_a_unit_that_no_longer_exists_is_a_conflict(reviewed):
    review, doc = reviewed
    key = unit_at(review, doc, "said").key
    [bobs] = [s for s in review.store.spans(doc, "bob") if s.label == "ATTRIBUTION"]
    review.store.update_span(bobs, start=bobs.start - len("UN "))  # bob widens it: the unit changes
    with pytest.raises(ConflictError, match="reload"):
        review.reject(doc, key)


def test_queue_ranks_by_disagreement_and_leaves_single_layers_out(reviewed):
    review, doc = reviewed
    store = review.store
    store.import_articles([NewArticle(text="The UN said 21 died.", title="agreed"),
                           NewArticle(text="Rebels said so.", title="alone")])
    agreed, alone = (d.id for d in store.summaries("alice")[1:])
    for name in ("alice", "bob"):
        store.add_span(Span(agreed, 4, 6, "ACTOR", annotator=name))
        store.set_status(agreed, name, Status.DONE)
    store.add_span(Span(alone, 0, 6, "ACTOR", annotator="alice"))
    store.set_status(alone, "alice", Status.DONE)
    store.add_span(Span(alone, 0, 6, "ACTOR", annotator="bob"))  # bob has not finished: not labelled
    queue = review.queue()
    assert [(e.id, e.annotators) for e in queue] == [(doc, ("alice", "bob", "carol")), (agreed, ("alice", "bob"))]
    assert queue[0].disagreement > queue[1].disagreement == 0.0
    assert not any(e.adjudicated for e in queue)
    review.accept_unanimous(agreed)
    assert [e.adjudicated for e in review.queue()] == [False, True]


def test_layers_without_statuses_count_where_the_annotator_made_spans(store):
    """A team that imports layers from files and never marks documents done still gets review."""
    store.import_articles([NewArticle(text=ARTICLE, title="t", spans=(at("Syrians", "ACTOR"),))], annotator="ann")
    store.import_articles([NewArticle(text=ARTICLE, title="t", spans=(at("Syrians", "LOCATION"),))], annotator="ben")
    review = Adjudication(store, "rita")
    [entry] = review.queue()
    assert entry.annotators == ("ann", "ben")
    [unit] = review.units(entry.id)
    assert unit.kind is UnitKind.LABEL


def test_a_layer_changed_after_adjudication_reopens_it_until_review_settles_it(reviewed):
    """An annotator's late edit (or a merge) may make new units: gold is no longer done."""
    review, doc = reviewed
    store = review.store
    review.accept_unanimous(doc)
    for phrase, who in (("Syrians", "alice"), ("Idlib", "bob"), ("said", "alice")):
        review.take(doc, unit_at(review, doc, phrase).key, who)
    assert store.status(doc, GOLD) is Status.DONE
    add(store, doc, "carol", "Thursday", "ACTOR")  # a new span: a new undecided unit
    assert store.status(doc, GOLD) is Status.IN_PROGRESS
    assert not review.settle(doc)  # the new unit is open: stays reopened
    review.reject(doc, unit_at(review, doc, "Thursday").key)
    assert store.status(doc, GOLD) is Status.DONE
    note_only = store.spans(doc, "carol")[0]
    store.update_span(note_only, note="late note")  # a note changes no unit: adjudication stands
    assert store.status(doc, GOLD) is Status.DONE
    [thursday] = [s for s in store.spans(doc, "carol") if s.label == "ACTOR" and ARTICLE[s.start:s.end] == "Thursday"]
    store.delete_span(thursday)  # its unit disappears, every remaining unit is still decided
    assert store.status(doc, GOLD) is Status.IN_PROGRESS
    assert review.settle(doc) and store.status(doc, GOLD) is Status.DONE


def test_taking_a_version_takes_its_attributes_and_an_edited_figure_gets_its_numbers(reviewed):
    review, doc = reviewed
    store = review.store
    [alice_idlib] = [s for s in store.spans(doc, "alice") if s.label == "LOCATION"]
    store.update_span(alice_idlib, attrs={"type": "region or province"})
    review.take(doc, unit_at(review, doc, "Idlib").key, "alice")
    [gold_idlib] = store.spans(doc, GOLD)
    assert dict(gold_idlib.attrs) == {"type": "region or province"}
    for span in [s for s in store.spans(doc) if s.label == "FIGURE" and s.annotator != "alice"]:
        store.delete_span(span)
    [alice_fig] = [s for s in store.spans(doc, "alice") if s.label == "FIGURE"]
    store.update_span(alice_fig, label="ACTOR")  # so nobody made the FIGURE the reviewer makes
    figure = unit_at(review, doc, "350,000")
    review.accept_edited(doc, figure.key, [at("350,000", "FIGURE")])  # "Some" before it
    [fig] = [s for s in store.spans(doc, GOLD) if s.label == "FIGURE"]
    assert dict(fig.attrs) == {"low": 350_000, "high": 350_000, "precision": "approximate"}


def test_spans_agreed_with_attributes_that_differ_are_left_to_the_reviewer(store):
    store.import_articles([NewArticle(text=ARTICLE, title="Idlib")])
    doc = store.summaries("alice")[0].id
    add(store, doc, "alice", "350,000", "FIGURE", attrs={"category": "displaced", "low": 350000})
    add(store, doc, "bob", "350,000", "FIGURE", attrs={"category": "refugees", "low": 350000})
    for name in ("alice", "bob"):
        store.set_status(doc, name, Status.DONE)
    review = Adjudication(store, "rita")
    assert not review.accept_unanimous(doc)  # same span, other category: not agreed, left open
    [unit] = review.units(doc)
    review.accept_edited(doc, unit.key, [at("350,000", "FIGURE")])
    assert dict(store.spans(doc, GOLD)[0].attrs) == {"low": 350000}  # only what both gave
    review.take(doc, unit.key, "bob")  # the reviewer picks bob's version: his category comes along
    assert dict(store.spans(doc, GOLD)[0].attrs) == {"category": "refugees", "low": 350000}
