"""Issue 16 item 7: records with one text are one document; Prodigy answers and annotator fields decide the layer."""
from __future__ import annotations

import json

from annotator.services.importing import import_paths

TEXT = "At least 21 people were killed, the UN said on Monday."


def at(phrase: str, label: str) -> dict:
    start = TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label}


def lines(write, name, *records):
    return write(name, "".join(json.dumps(r) + "\n" for r in records))


def layer(store, annotator):
    (doc,) = list(store.iter_documents())
    return sorted((doc.text[s.start:s.end], s.label) for s in store.spans(doc.id, annotator))


def test_two_records_with_one_text_are_one_document_and_their_spans_join(store, write):
    said, un = at("said", "ATTRIBUTION"), at("UN", "ACTOR")
    path = lines(write, "two.jsonl", {"text": TEXT, "spans": [at("21", "FIGURE")]},
                 {"text": TEXT, "spans": [said, un], "relations": [{"head_span": said, "child_span": un,
                                                                   "label": "SOURCE"}]})
    report = import_paths(store, [path], annotator="alice")
    assert not report.errors and report.documents_added == 1 and report.relations_added == 1
    assert layer(store, "alice") == [("21", "FIGURE"), ("UN", "ACTOR"), ("said", "ATTRIBUTION")]


def test_the_same_in_a_json_array(store, write):
    path = write("two.json", json.dumps([{"text": TEXT, "spans": [at("UN", "ACTOR")]},
                                         {"text": TEXT, "spans": [at("UN", "ACTOR"), at("21", "FIGURE")]}]))
    report = import_paths(store, [path], annotator="alice")
    assert not report.errors and report.spans_added == 2


def test_prodigy_db_out_goes_to_each_annotators_layer_and_leaves_rejects_out(store, write):
    path = lines(write, "db-out.jsonl",
                 {"text": TEXT, "spans": [at("UN", "ACTOR")], "answer": "accept", "_annotator_id": "news-alice",
                  "_session_id": "news-alice", "_input_hash": 1, "_task_hash": 2},
                 {"text": TEXT, "spans": [at("21", "FIGURE")], "answer": "accept", "_session_id": "news-bob"},
                 {"text": TEXT, "spans": [at("said", "ATTRIBUTION")], "answer": "reject", "_annotator_id": "news-bob"},
                 {"text": TEXT, "spans": [at("Monday", "FIGURE")], "answer": "ignore", "_annotator_id": "news-bob"})
    report = import_paths(store, [path])
    assert not report.errors, report.errors
    assert store.document_count() == 1
    assert layer(store, "news-alice") == [("UN", "ACTOR")]
    assert layer(store, "news-bob") == [("21", "FIGURE")]
    summary = report.summary()
    assert "1 Prodigy records answered 'reject' (not imported)" in summary
    assert "1 Prodigy records answered 'ignore' (not imported)" in summary
    assert "mapped into layer 'news-alice': 1 document, 1 span" in summary


def test_annotator_given_on_the_command_line_wins_over_the_records(store, write):
    path = lines(write, "db-out.jsonl", {"text": TEXT, "spans": [at("UN", "ACTOR")], "_annotator_id": "news-bob"})
    import_paths(store, [path], annotator="alice")
    assert store.annotators() == ["alice"]


def test_a_record_naming_the_gold_layer_is_one_line(store, write):
    path = lines(write, "db-out.jsonl", {"text": TEXT, "spans": [at("UN", "ACTOR")], "_annotator_id": "Gold"},
                 {"text": TEXT + " More.", "spans": [], "_annotator_id": "ok"})
    report = import_paths(store, [path])
    assert len(report.errors) == 1 and "_annotator_id" in report.errors[0] and "reviewers'" in report.errors[0]
    assert store.document_count() == 1
