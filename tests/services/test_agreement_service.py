from __future__ import annotations

import pytest

from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.nlp.tokenizer import token_offsets
from annotator.nlp.tokenizer import token_offsets_many
from annotator.services.agreement import measure_agreement
from tests.helpers.projects import ARTICLE

SECOND = "Rebels said 21 civilians were killed near Saraqeb."


def test_bulk_offsets_are_the_one_tokenizer_s_offsets():
    texts = [ARTICLE, "🚀 Rescuers  said\n\n350,000 fled إدلب.", "", "   \n", "x"]
    for text, (starts, ends) in zip(texts, token_offsets_many(texts)):
        assert list(zip(starts.tolist(), ends.tolist())) == token_offsets(text)


def _label(store, doc: int, text: str, annotator: str, phrase: str, label: str) -> None:
    start = text.index(phrase)
    store.add_span(Span(doc, start, start + len(phrase), label, annotator=annotator))


@pytest.fixture
def labelled(store):
    store.import_articles([NewArticle(text=ARTICLE, title="Idlib"), NewArticle(text=SECOND, title="Saraqeb")])
    first, second = (d.id for d in store.summaries("alice"))
    for name in ("alice", "bob"):
        _label(store, first, ARTICLE, name, "Syrians", "ACTOR")
        _label(store, first, ARTICLE, name, "Idlib" if name == "alice" else "Idlib province", "LOCATION")
        store.set_status(first, name, Status.DONE)
    _label(store, second, SECOND, "alice", "Rebels", "ACTOR")
    store.set_status(second, "alice", Status.DONE)
    _label(store, second, SECOND, "bob", "Saraqeb", "LOCATION")  # bob is still at work on it
    _label(store, first, ARTICLE, GOLD, "UN", "ACTOR")  # the reviewer's layer is no annotator
    store.set_status(first, GOLD, Status.DONE)
    return store, first, second


def test_agreement_compares_only_documents_both_marked_done(labelled):
    store, first, _ = labelled
    report = measure_agreement(store)
    [pair] = report.pairs
    assert (pair.a, pair.b, pair.documents) == ("alice", "bob", 1)
    assert pair.exact_f1 == 0.5 and pair.overlap_f1 == 1.0
    assert [d.id for d in report.documents] == [first]


def test_progress_is_reported_for_a_worker_thread(labelled):
    store, _, second = labelled
    store.set_status(second, "bob", Status.DONE)
    seen: list[tuple[int, int]] = []
    report = measure_agreement(store, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2) and report.pairs[0].documents == 2
