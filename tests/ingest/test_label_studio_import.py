"""Label Studio JSON and JSON-MIN exports in: layers by completed_by, regions, per-region extras, relations, predictions."""
from __future__ import annotations

import json

from annotator.services.importing import import_paths
from annotator.storage.suggestion_store import stored_suggestions

TEXT = "🚀 At least 21 people were killed, the UN said on Monday."


def region(rid: str, phrase: str, label: str, utf16: bool = False) -> dict:
    start = TEXT.index(phrase)
    shift = 1 if utf16 else 0  # the rocket is two UTF-16 units, as a browser counts
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start + shift, "end": start + len(phrase) + shift, "text": phrase, "labels": [label]}}


def per_region(rid: str, name: str, kind: str, value) -> dict:
    return {"id": rid, "from_name": name, "to_name": "text", "type": kind, "value": {kind: value}}


def task() -> dict:
    alice = [region("a1", "21", "FIGURE"), region("a2", "UN", "ACTOR"), region("a3", "said", "ATTRIBUTION"),
             per_region("a1", "category", "choices", ["killed"]), per_region("a1", "note", "textarea", ["toll"]),
             per_region("a2", "mood", "choices", ["calm"]),
             {"from_id": "a2", "to_id": "a3", "type": "relation", "direction": "left", "labels": ["SOURCE"]},
             {"from_id": "a3", "to_id": "a1", "type": "relation", "direction": "right", "labels": []}]
    bob = [region("b1", "UN", "ACTOR", utf16=True)]
    return {"id": 7, "data": {"text": TEXT, "title": "Monday"}, "annotations": [
        {"id": 1, "completed_by": {"id": 3, "email": "alice@example.org"}, "result": alice, "was_cancelled": False},
        {"id": 2, "completed_by": 4, "result": bob, "was_cancelled": False},
        {"id": 3, "completed_by": 5, "result": [region("c1", "Monday", "FIGURE")], "was_cancelled": True}],
        "predictions": [{"model_version": "v1", "score": 0.5, "result": [region("p1", "21", "FIGURE")]}]}


def spans(store, annotator):
    (doc,) = list(store.iter_documents())
    return sorted((doc.text[s.start:s.end], s.label, dict(s.attrs).get("category"), s.note or None)
                  for s in store.spans(doc.id, annotator))


def test_a_label_studio_export_goes_to_each_annotators_layer(store, write):
    report = import_paths(store, [write("export.json", json.dumps([task()]))])
    assert not report.errors, report.errors
    assert spans(store, "alice@example.org") == [("21", "FIGURE", "killed", "toll"), ("UN", "ACTOR", None, None),
                                                 ("said", "ATTRIBUTION", None, None)]
    assert spans(store, "label-studio-user-4") == [("UN", "ACTOR", None, None)]  # UTF-16 offsets moved
    assert store.annotators() == ["alice@example.org", "label-studio-user-4"]  # the cancelled one is not a layer
    assert report.relations_added == 1  # SOURCE turned round: said -> UN; the unlabelled link left out
    summary = report.summary()
    assert "1 Label Studio annotations that were cancelled" in summary
    assert "1 Label Studio choices 'mood' (the schema gives ACTOR no such attribute)" in summary
    assert "1 Label Studio relations without a label" in summary
    assert "1 prediction stored as model suggestions" in summary
    (doc,) = list(store.iter_documents())
    ((_, found),) = list(stored_suggestions(store, [doc.id], ["model"]))
    assert [(TEXT[s.start:s.end], s.label, s.score) for s in found] == [("21", "FIGURE", 0.5)]


def test_annotator_on_the_command_line_takes_every_annotation(store, write):
    import_paths(store, [write("export.json", json.dumps([task()]))], annotator="carol")
    assert store.annotators() == ["carol"]
    assert [s[:2] for s in spans(store, "carol")] == [("21", "FIGURE"), ("UN", "ACTOR"), ("said", "ATTRIBUTION")]


def test_json_min_regions_and_annotator(store, write):
    un = TEXT.index("UN")
    record = {"id": 7, "text": TEXT, "label": [{"start": un, "end": un + 2, "text": "UN", "labels": ["ACTOR"]}],
              "annotator": "dan@example.org", "annotation_id": 9, "lead_time": 3.2}
    report = import_paths(store, [write("min.json", json.dumps([record]))])
    assert not report.errors, report.errors
    assert spans(store, "dan@example.org") == [("UN", "ACTOR", None, None)]


def test_a_bad_task_is_one_line_and_the_rest_imports(store, write):
    bad = {"id": 8, "data": {"text": "Other text."}, "annotations": [
        {"completed_by": 4, "result": [{"id": "x", "type": "labels", "value": {"start": 0, "end": 99,
                                                                              "labels": ["ACTOR"]}}]}]}
    path = write("export.json", json.dumps([task(), bad]))
    report = import_paths(store, [path])
    assert report.errors == [f"{path}: task 2, annotation 1: region 'x' [0, 99) is outside the text (length 11)"]
    assert store.document_count() == 1


def test_hostile_tasks_are_one_line_each(store, write):
    good = task()
    hostile = [1, "x", {"data": {"n": 5}, "annotations": []}, {"data": {"text": "T"}, "annotations": {"a": 1}},
               {"data": {"text": "Two words."}, "annotations": [{"completed_by": 1, "result": "no"}]},
               {"data": {"text": "Two words."}, "annotations": [{"result": [{"id": "a", "type": "labels",
                                                                            "value": {"start": 0, "end": 3}}]}]},
               {"data": {"text": "Two words."}, "annotations": [{"completed_by": "\x00", "result": []}]}]
    path = write("export.json", json.dumps([good, *hostile]))
    report = import_paths(store, [path])
    assert len(report.errors) == len(hostile), report.errors
    assert all(e.startswith(f"{path}: task ") and "\n" not in e for e in report.errors)
    assert store.document_count() == 1
