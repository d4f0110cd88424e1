"""Training the project's model: enough documents, held-out scores, stored in the file, refused when stale."""
from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.suggestions import Suggester, load_project_model
from annotator.services.training import MIN_DOCUMENTS, train_model
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.suggest.pipeline import ModelError, TrainingSettings
from tests.helpers.projects import make_labelled_project

QUICK = TrainingSettings(epochs=2)


def test_too_few_labelled_documents_says_how_many(tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 14, done=4)  # 4 done; the other 10 only have spans
    with ProjectStore(path) as store, pytest.raises(AnnotatorError) as err:
        train_model(store, "alice", QUICK)
    assert f"has 4 labelled documents; training needs at least {MIN_DOCUMENTS}" in str(err.value)


def test_unknown_layer_and_gold_without_adjudication(labelled_project):
    with ProjectStore(labelled_project) as store:
        with pytest.raises(AnnotatorError, match="no layer called 'zed'"):
            train_model(store, "zed", QUICK)
        with pytest.raises(AnnotatorError, match="'gold' has 0 labelled"):
            train_model(store, "gold", QUICK)


def test_training_stores_a_model_that_predicts_and_reports_held_out_scores(labelled_project):
    steps = []
    with ProjectStore(labelled_project) as store:
        result = train_model(store, "alice", QUICK, progress=lambda d, t, what: steps.append((d, t)))
        assert (result.documents, result.held_out) == (12, 2)  # the 2 never marked done are not used
        assert set(result.scores["per_label"]) == {"ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"}
        assert "held out" in result.summary()
        assert steps and steps[-1][0] == steps[-1][1]
        stored = ss.load_model(store)
        assert stored.source_layer == "alice" and stored.held_out == 2
    with ProjectStore(labelled_project) as store:  # a fresh connection reads the model from the file
        doc = next(store.iter_documents())
        found = Suggester(store, ["model"]).compute([doc])[doc.id]["model"]
        assert all(s.source == "model" and 0 <= s.start < s.end <= len(doc.text) for s in found)


def test_a_model_from_another_spacy_version_is_refused_in_one_line(labelled_project):
    with ProjectStore(labelled_project) as store:
        train_model(store, "alice", TrainingSettings(epochs=1))
        store.db.execute("UPDATE suggestion_models SET spacy_version = '2.3.9'")
        with pytest.raises(ModelError) as err:
            load_project_model(store)
    message = str(err.value)
    assert "spaCy 2.3.9" in message and "train it again" in message and "\n" not in message


def test_unreadable_model_bytes_are_refused_not_a_traceback(labelled_project):
    with ProjectStore(labelled_project) as store:
        train_model(store, "alice", TrainingSettings(epochs=1))
        store.db.execute("UPDATE suggestion_models SET pipeline = x'00ff00ff'")
        with pytest.raises(ModelError, match="cannot be read"):
            load_project_model(store)


def test_no_model_says_so(labelled_project):
    with ProjectStore(labelled_project) as store, pytest.raises(ModelError, match="has no trained model yet"):
        Suggester(store, ["model"])


def test_overlapping_misaligned_and_blank_spans_do_not_break_training():
    from annotator.suggest.pipeline import predict, train_pipeline

    text = "Syrian government forces shelled Idlib,  the UN said.\U0001F680"
    spans = [(0, 24, "ACTOR"), (0, 6, "LOCATION"),  # nested: the longer one is learned
             (34, 37, "LOCATION"),  # "dli": inside a token, grows to "Idlib"
             (38, 40, "ACTOR"),  # ", " only punctuation and whitespace
             (45, 47, "ACTOR"), (48, 52, "ATTRIBUTION")]
    nlp = train_pipeline([(text, spans), ("", []), ("   ", [])], ["ACTOR", "LOCATION", "ATTRIBUTION"],
                         TrainingSettings(epochs=1))
    for found in predict(nlp, [text, "", "\n"]):
        assert all(0 <= s.start < s.end for s in found)
