"""Computing, storing and showing suggestions; evaluating a source or a layer."""
from __future__ import annotations

import json

from annotator.core.model import Span
from annotator.core.suggestion import Suggestion
from annotator.export.options import ExportOptions
from annotator.export.run import export_corpus
from annotator.services.evaluation import evaluate
from annotator.services.suggestions import run_suggest, set_memory_shared, shown_suggestions
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss


def test_suggest_stores_rules_and_memory_and_never_touches_a_layer(labelled_project, tmp_path):
    with ProjectStore(labelled_project) as store:
        before = store.stats()
        ids = ss.documents_to_suggest(store, todo=False)
        run = run_suggest(store, ("rules", "memory"), ids, annotator="alice")  # memory: gold and her layer
        assert run.documents == 14 and run.per_source["rules"] > 0 and run.per_source["memory"] > 0
        assert store.stats() == before  # no span, no annotator, no status changed
        made_by = dict(store.db.execute("SELECT source, made_by FROM suggestions GROUP BY source").fetchall())
        assert made_by["rules"].startswith("rules of annotator ") and "strings" in made_by["memory"]
        report = export_corpus(store, ExportOptions(format="jsonl", out=tmp_path / "out", source="alice",
                                                    status="all"))
    exported = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text().splitlines()]
    assert sum(len(r["spans"]) for r in exported) == before["spans"] == 14 * 4
    assert all(s["annotator"] == "alice" for r in exported for s in r["spans"]) and report


def test_todo_documents_and_what_an_annotator_is_shown(labelled_project):
    with ProjectStore(labelled_project) as store:
        todo = ss.documents_to_suggest(store, todo=True, annotator="alice")
        assert todo == [13, 14]  # alice marked the first 12 done
        assert ss.documents_to_suggest(store, todo=True, annotator="bob") == list(range(1, 15))
        set_memory_shared(store, True)  # bob is suggested alice's strings only when the project shares memory
        run_suggest(store, ("rules", "memory"), todo)
        doc = store.document(13)
        for_bob = shown_suggestions(store, 13, ("rules", "memory"), "bob")
        assert {doc.text[s.start:s.end] for s in for_bob} == {"Rebels", "said", "87", "Aleppo"}
        assert [s.source for s in for_bob if doc.text[s.start:s.end] == "said"] == ["rules"]  # once, rules first
        assert shown_suggestions(store, 13, ("rules", "memory"), "alice") == []  # her layer has them all
        ss.reject(store, 13, "bob", next(s for s in for_bob if s.label == "FIGURE"))
        store.add_span(Span(13, for_bob[0].start, for_bob[0].end, for_bob[0].label, annotator="bob"))
        assert {doc.text[s.start:s.end] for s in shown_suggestions(store, 13, ("rules", "memory"), "bob")} == {
            "said", "Aleppo"}


def test_evaluating_memory_leaves_each_document_out_of_its_own_memory(labelled_project):
    with ProjectStore(labelled_project) as store:
        result = evaluate(store, "memory", "alice")
        figures = result.per_label()["FIGURE"]
        assert figures.tp == 0 and figures.fn == 12  # every number occurs once: nothing else remembers it
        assert result.per_label()["ACTOR"].recall == 1.0  # actors recur across documents


def test_evaluating_a_layer_against_another(labelled_project):
    with ProjectStore(labelled_project) as store:
        for doc in store.iter_documents():
            for s in store.spans(doc.id, "alice"):
                if s.label != "LOCATION":
                    store.add_span(Span(doc.id, s.start, s.end, s.label, annotator="bob"))
        result = evaluate(store, "bob", "alice")
    assert result.documents == 12
    assert result.per_label()["LOCATION"].recall == 0.0 and result.per_label()["ACTOR"].f1 == 1.0
    assert result.overall().precision == 1.0


def test_rules_evaluated_against_a_layer(labelled_project):
    with ProjectStore(labelled_project) as store:
        result = evaluate(store, "rules", "alice")
    assert result.per_label()["FIGURE"].f1 == 1.0 and result.per_label()["ATTRIBUTION"].f1 == 1.0
    assert result.per_label()["ACTOR"].recall == 0.0


def test_suggestion_to_json_has_the_issue_shape():
    assert Suggestion(0, 3, "FIGURE", "rules", attrs={"low": 3}).to_json() == {
        "start": 0, "end": 3, "label": "FIGURE", "source": "rules", "attrs": {"low": 3}}
    assert Suggestion(0, 3, "ACTOR", "model", 0.91234).to_json()["score"] == 0.9123


def test_evaluating_against_a_layer_with_nothing_labelled_is_one_line(labelled_project):
    import pytest

    from annotator.core.errors import AnnotatorError

    with ProjectStore(labelled_project) as store, pytest.raises(AnnotatorError, match="'gold' has labelled no"):
        evaluate(store, "rules", "gold")


def test_suggest_over_an_empty_project_and_odd_texts(tmp_path):
    from annotator.core.model import NewArticle

    with ProjectStore(tmp_path / "empty.db") as store:
        assert run_suggest(store, ("rules", "memory"), []).documents == 0
        store.import_articles([NewArticle(text=t, title=str(i)) for i, t in enumerate(
            ["\u200b", "\U0001F680\U0001F680 12 people, officials said.", "x" * 100_000, "\n\n\n."])])
        run = run_suggest(store, ("rules", "memory"), ss.documents_to_suggest(store, todo=False))
        assert run.documents == 4
        found = dict(ss.stored_suggestions(store, [2], ("rules",)))[2]
        text = store.document(2).text
        assert [text[s.start:s.end] for s in found] == ["12", "said"]
