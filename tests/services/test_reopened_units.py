"""Gold stays true: an annotator's later change inside an adjudicated unit reopens exactly that unit."""
from __future__ import annotations

import pytest

from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.core.units import Action, UnitKind
from annotator.services.adjudication import Adjudication
from annotator.services.merge import merge_files
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE
from tests.helpers.store_builders import tick


def at(phrase: str, label: str) -> tuple[int, int, str]:
    start = ARTICLE.index(phrase)
    return (start, start + len(phrase), label)


def span_of(store: ProjectStore, doc: int, who: str, phrase: str) -> Span:
    start = ARTICLE.index(phrase)
    return next(s for s in store.spans(doc, who) if s.start == start and s.end == start + len(phrase))


@pytest.fixture
def adjudicated(store):
    """alice and bob agree on 350,000, Syrians and UN; disagree on Idlib; every unit decided."""
    store.import_articles([NewArticle(text=ARTICLE, title="Idlib")])
    doc = store.summaries("alice")[0].id
    for name in ("alice", "bob"):
        for phrase, label in (("350,000", "FIGURE"), ("Syrians", "ACTOR"), ("UN", "ACTOR")):
            store.add_span(Span(doc, *at(phrase, label), annotator=name))
        store.set_status(doc, name, Status.DONE)
    store.add_span(Span(doc, *at("Idlib", "LOCATION"), annotator="alice"))
    store.add_span(Span(doc, *at("Idlib province", "LOCATION"), annotator="bob"))
    review = Adjudication(store, "rita")
    review.accept_unanimous(doc)
    review.take(doc, at("Idlib province", "LOCATION")[:2], "alice")
    assert review.is_adjudicated(doc)
    return review, doc


def states(review: Adjudication, doc: int) -> dict[str, str]:
    """Unit text -> "decided" / "reopened" / "open"."""
    return {ARTICLE[u.start:u.end]: "decided" if u.decided else ("reopened" if u.reopened else "open")
            for u in review.units(doc)}


def gold(store: ProjectStore, doc: int) -> list[tuple[str, str]]:
    return [(ARTICLE[s.start:s.end], s.label) for s in store.spans(doc, GOLD)]


def test_a_relabel_inside_a_unanimous_unit_reopens_that_unit_only(adjudicated):
    review, doc = adjudicated
    store = review.store
    store.update_span(span_of(store, doc, "bob", "Syrians"), label="LOCATION")
    assert states(review, doc) == {"350,000": "decided", "Syrians": "reopened", "Idlib province": "decided",
                                   "UN": "decided"}
    syrians = next(u for u in review.units(doc) if ARTICLE[u.start:u.end] == "Syrians")
    assert syrians.kind is UnitKind.LABEL and syrians.reopened.action is Action.UNANIMOUS
    assert not review.settle(doc)  # opening review does not mark it adjudicated again
    assert store.status(doc, GOLD) is Status.IN_PROGRESS
    assert ("Syrians", "ACTOR") in gold(store, doc)  # the outdated gold stays until decided again
    review.take(doc, syrians.key, "bob")
    assert review.is_adjudicated(doc) and ("Syrians", "LOCATION") in gold(store, doc)
    assert ("Syrians", "ACTOR") not in gold(store, doc)


def test_a_resize_reopens_the_unit_it_touches_under_its_new_range(adjudicated):
    review, doc = adjudicated
    store = review.store
    un = span_of(store, doc, "alice", "UN")
    store.update_span(un, start=un.start - len("the "))  # alice widens "UN" to "the UN"
    assert states(review, doc)["the UN"] == "reopened" and not review.settle(doc)
    assert states(review, doc)["Syrians"] == "decided"


def test_a_deleted_span_reopens_its_unit_and_a_unit_gone_entirely_leaves_gold_to_take_out(adjudicated):
    review, doc = adjudicated
    store = review.store
    store.delete_span(span_of(store, doc, "bob", "350,000"))
    units = {ARTICLE[u.start:u.end]: u for u in review.units(doc)}
    assert units["350,000"].kind is UnitKind.MISSING and units["350,000"].reopened is not None
    store.delete_span(span_of(store, doc, "alice", "350,000"))  # nobody has it now, gold still does
    units = {ARTICLE[u.start:u.end]: u for u in review.units(doc)}
    assert units["350,000"].kind is UnitKind.UNANIMOUS and units["350,000"].candidates[0].spans == ()
    assert not review.settle(doc)
    change = review.accept_unanimous(doc)  # everyone agrees: no span there
    assert change.removed == (at("350,000", "FIGURE"),) and change.adjudicated
    assert ("350,000", "FIGURE") not in gold(store, doc)
    review.undo(change)
    assert ("350,000", "FIGURE") in gold(store, doc) and not review.is_adjudicated(doc)


def test_a_new_span_inside_a_decided_unit_reopens_it(adjudicated):
    review, doc = adjudicated
    store = review.store
    store.add_span(Span(doc, *at("Idlib", "ACTOR"), annotator="bob"))  # nested in bob's LOCATION
    assert states(review, doc)["Idlib province"] == "reopened"
    assert sum(v == "decided" for v in states(review, doc).values()) == 3


def test_accept_unanimous_takes_a_reopened_unit_only_when_it_is_unanimous_again(adjudicated):
    review, doc = adjudicated
    store = review.store
    for who in ("alice", "bob"):
        store.update_span(span_of(store, doc, who, "Syrians"), label="LOCATION")  # both change their minds
    store.update_span(span_of(store, doc, "bob", "UN"), label="LOCATION")  # only bob
    change = review.accept_unanimous(doc)
    assert change.added == (at("Syrians", "LOCATION"),)
    assert states(review, doc)["UN"] == "reopened" and not change.adjudicated


def test_a_merged_newer_layer_reopens_the_units_it_changes(adjudicated, tmp_path):
    review, doc = adjudicated
    store = review.store
    laptop_path = tmp_path / "bob-laptop.db"
    with ProjectStore(laptop_path) as laptop:
        laptop.import_articles([NewArticle(text=ARTICLE, title="Idlib")])
        other = laptop.summaries("bob")[0].id
        tick()
        for phrase, label in (("350,000", "FIGURE"), ("Syrians", "ACTOR"), ("UN", "ACTOR"),
                              ("Idlib", "LOCATION")):  # bob now says "Idlib", not "Idlib province"
            laptop.add_span(Span(other, *at(phrase, label), annotator="bob"))
        laptop.set_status(other, "bob", Status.DONE)
    merge_files(store, [laptop_path])
    assert states(review, doc) == {"350,000": "decided", "Syrians": "decided", "Idlib": "reopened", "UN": "decided"}
    assert store.status(doc, GOLD) is Status.IN_PROGRESS and not review.settle(doc)


def test_the_queue_marks_a_reopened_document_but_not_one_merely_in_progress(adjudicated):
    review, doc = adjudicated
    store = review.store
    [entry] = review.queue()
    assert entry.adjudicated and not entry.reopened
    store.import_articles([NewArticle(text="The UN said 21 died.", title="partly")])
    partly = next(s.id for s in store.summaries("alice") if s.title == "partly")
    for name in ("alice", "bob"):
        store.add_span(Span(partly, 4, 6, "ACTOR", annotator=name))
        store.add_span(Span(partly, 12, 14, "FIGURE", annotator=name))
        store.set_status(partly, name, Status.DONE)
    store.add_span(Span(partly, 7, 11, "ATTRIBUTION", annotator="bob"))
    review.take(partly, (4, 6), "alice")  # review begun, not finished: open, not reopened
    store.update_span(span_of(store, doc, "bob", "UN"), label="LOCATION")
    entries = {e.id: e for e in review.queue()}
    assert (entries[doc].adjudicated, entries[doc].reopened) == (False, True)
    assert (entries[partly].adjudicated, entries[partly].reopened) == (False, False)
