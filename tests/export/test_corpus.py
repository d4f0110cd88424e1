"""Whole-layer reads of storage/corpus.py on a real project file."""
from __future__ import annotations

from annotator.core.model import Span, Status
from annotator.storage.corpus import document_refs, iter_layer
from tests.helpers.export_corpus import Corpus


def test_refs_carry_status_and_group_without_creating_the_annotator(corpus: Corpus):
    refs = list(document_refs(corpus.store, "alice"))
    assert [r.id for r in refs] == sorted(corpus.ids.values())
    by_id = {r.id: r for r in refs}
    assert by_id[corpus.ids["Hama"]].status is Status.IN_PROGRESS
    assert by_id[corpus.ids["Ariha"]].status is Status.DONE
    assert by_id[corpus.ids["Idlib exodus"]].group == by_id[corpus.ids["Idlib exodus (AFP)"]].group == "idlib-story"
    assert by_id[corpus.ids["Saraqeb"]].group == ""
    assert {r.status for r in document_refs(corpus.store, "nobody")} == {Status.TODO}
    assert "nobody" not in corpus.store.annotators()


def test_iter_layer_streams_one_layer_in_the_order_asked(corpus: Corpus):
    ariha, idlib = corpus.ids["Ariha"], corpus.ids["Idlib exodus"]
    corpus.store.add_span(Span(ariha, 0, 5, "LOCATION", annotator="bob"))
    got = list(iter_layer(corpus.store, "alice", [ariha, idlib]))
    assert [d.id for d, _ in got] == [ariha, idlib]
    for document, spans in got:
        assert spans == corpus.store.spans(document.id, "alice")  # the same values, bob's span not among them
    assert [(s.start, s.label) for _, spans in iter_layer(corpus.store, "bob", [ariha]) for s in spans] == [
        (0, "LOCATION")]


def test_iter_layer_crosses_batches(store, tmp_path):
    from annotator.core.model import NewArticle

    store.import_articles([NewArticle(f"Article {i} said.", f"t{i}", spans=((0, 7, "ACTOR"),)) for i in range(600)],
                          annotator="alice")
    got = list(iter_layer(store, "alice", range(1, 601)))
    assert len(got) == 600 and all(len(spans) == 1 and spans[0].document_id == d.id for d, spans in got)
