"""Precision, recall and F1 per label, by exact and by overlap match."""
from __future__ import annotations

from annotator.core.evaluation import Evaluation


def test_exact_and_overlap_counts():
    ev = Evaluation(["ACTOR", "FIGURE"])
    ev.add(predicted=[(0, 5, "ACTOR"), (10, 14, "FIGURE"), (20, 25, "ACTOR")],
           reference=[(0, 5, "ACTOR"), (8, 14, "FIGURE"), (30, 33, "FIGURE")])
    exact, overlap = ev.per_label("exact"), ev.per_label("overlap")
    assert (exact["ACTOR"].tp, exact["ACTOR"].fp, exact["ACTOR"].fn) == (1, 1, 0)
    assert (exact["FIGURE"].tp, exact["FIGURE"].fp, exact["FIGURE"].fn) == (0, 1, 2)
    assert (overlap["FIGURE"].tp, overlap["FIGURE"].fp, overlap["FIGURE"].fn) == (1, 0, 1)
    assert ev.overall().precision == 1 / 3 and ev.overall().recall == 1 / 3
    assert ev.overall("overlap").f1 == 2 * 2 / (2 * 2 + 1 + 1)


def test_one_long_prediction_cannot_match_two_reference_spans():
    ev = Evaluation(["ACTOR"])
    ev.add([(0, 20, "ACTOR")], [(0, 5, "ACTOR"), (10, 15, "ACTOR")])
    assert ev.overall("overlap").tp == 1 and ev.overall("overlap").fn == 1


def test_nothing_to_measure_is_none_not_zero_and_json_has_the_issue_shape():
    ev = Evaluation(["ACTOR", "LOCATION"])
    ev.add([], [(0, 3, "ACTOR")])
    data = ev.to_json()
    assert set(data) >= {"per_label", "overall", "overlap"}
    assert data["per_label"]["LOCATION"] == {"precision": None, "recall": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
    assert data["per_label"]["ACTOR"]["precision"] is None and data["per_label"]["ACTOR"]["recall"] == 0.0
    assert data["overall"]["f1"] == 0.0


def test_labels_outside_the_schema_are_still_counted():
    ev = Evaluation(["ACTOR"])
    ev.add([(0, 3, "WEAPON")], [])
    assert ev.per_label()["WEAPON"].fp == 1
