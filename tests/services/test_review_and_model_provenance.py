"""Provenance names the model that proposed an accepted span, and says how review made a gold span."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import GOLD, NewArticle, Status
from annotator.core.suggestion import Suggestion
from annotator.services.adjudication import Adjudication
from annotator.services.check import check_project
from annotator.services.labelling import LabellingService
from annotator.services.suggestions import run_suggest, shown_suggestions
from annotator.services.training import train_model
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.suggest.pipeline import TrainingSettings
from tests.helpers.projects import ARTICLE, make_labelled_project

UN = (ARTICLE.index("the UN") + 4, ARTICLE.index("the UN") + 6)
SYRIANS = (ARTICLE.index("Syrians"), ARTICLE.index("Syrians") + 7)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    path = make_labelled_project(tmp_path_factory.mktemp("model") / "m.annotator.db", 12)
    with ProjectStore(path) as store:
        train_model(store, "alice", TrainingSettings(epochs=2))
    return path


def test_an_accepted_model_suggestion_names_the_stored_model_that_proposed_it(trained, tmp_path):
    path = tmp_path / "copy.annotator.db"
    path.write_bytes(trained.read_bytes())
    with ProjectStore(path) as store:
        trained_at = ss.model_version(store)
        run_suggest(store, ["model"], [d.id for d in store.iter_documents()], annotator="bob")
        docs = list(store.iter_documents())
        found = [(d, s) for d in docs for s in shown_suggestions(store, d.id, ["model"], "bob")]
        assert found, "the model suggests nothing on the text it learned"
        doc, suggestion = found[0]
        assert trained_at in suggestion.made_by  # what the window shows carries its model
        LabellingService(store, "bob").add_spans(doc, [(suggestion.start, suggestion.end, suggestion.label,
                                                        suggestion.span_attrs(), suggestion.provenance())])
        [span] = [s for s in store.spans(doc.id, "bob") if s.key == suggestion.key]
        assert span.provenance["source"] == "model" and trained_at in span.provenance["model"]
        assert span.provenance["model"] == suggestion.made_by and "model" not in span.attrs
        assert check_project(store) == []  # the stamp is provenance this version writes
        store.db.execute("UPDATE suggestion_models SET trained_at = '2027-01-01T00:00:00+00:00'")
        retrained = ss.model_version(store)
        run_suggest(store, ["model"], [doc.id], annotator="carol")
        again = [s for s in shown_suggestions(store, doc.id, ["model"], "carol") if s.key == suggestion.key]
        assert again and retrained in again[0].made_by  # a newer model: its suggestions name it


def test_a_crafted_models_stamp_cannot_make_provenance_check_refuses():
    stamp = "x\n" * 300
    provenance = Suggestion(0, 4, "ACTOR", "model", made_by=stamp).provenance()
    assert provenance["model"].isprintable() and len(provenance["model"]) <= 200
    assert "model" not in Suggestion(0, 4, "ACTOR", "rules", made_by=stamp).provenance()


def _reviewed(path: Path) -> Path:
    """alice accepted a rules suggestion on "UN" (bob typed it); they disagree on the label of "Syrians"."""
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        doc = store.document(1)
        rules = Suggestion(*UN, "ACTOR", "rules")
        LabellingService(store, "alice").add_spans(doc, [(*UN, "ACTOR", {}, rules.provenance())])
        LabellingService(store, "bob").add(doc, *UN, "ACTOR")
        LabellingService(store, "alice").add(doc, *SYRIANS, "ACTOR")
        LabellingService(store, "bob").add(doc, *SYRIANS, "LOCATION")
        for name in ("alice", "bob"):
            store.set_status(1, name, Status.DONE)
    return path


def test_gold_spans_say_how_review_made_them_by_whom_and_when(tmp_path):
    path = _reviewed(tmp_path / "p.db")
    with ProjectStore(path) as store:
        review = Adjudication(store, "rita")
        review.accept_unanimous(1)  # "UN": unanimous although only alice's came from a suggestion
        [un] = store.spans(1, GOLD)
        assert un.provenance["review"] == "unanimous" and un.provenance["decided_by"] == "rita"
        assert un.provenance["decided_at"] and un.provenance["source"] == "rules"  # alice's span it came from
        [open_unit] = [u for u in review.units(1) if not u.decided]
        change = review.take(1, open_unit.key, "bob")
        syrians = next(s for s in store.spans(1, GOLD) if s.start == SYRIANS[0])
        assert syrians.label == "LOCATION" and syrians.provenance["review"] == "take"
        assert "source" not in syrians.provenance  # bob typed it
        review.undo(change)
        edit = review.accept_edited(1, open_unit.key, [(*SYRIANS, "ACTOR")])
        edited = next(s for s in store.spans(1, GOLD) if s.start == SYRIANS[0])
        assert edited.provenance["review"] == "edit" and edited.provenance["decided_by"] == "rita"
        review.undo(edit)
        review.redo(edit)  # a decision made again brings its spans back with their provenance
        again = next(s for s in store.spans(1, GOLD) if s.start == SYRIANS[0])
        assert again.provenance["review"] == "edit"
        assert all(not ({"review", "decided_by", "decided_at"} & set(s.attrs)) for s in store.spans(1, GOLD))
        assert check_project(store) == []


def test_review_provenance_names_a_reviewer_only_as_one_short_line():
    from annotator.core.provenance import provenance_problem, reviewed

    made = reviewed("take", "rita\n" * 100, "2026-01-01T00:00:00.000+00:00", {"source": "memory", "x": "y"})
    assert provenance_problem(made) is None and made["source"] == "memory" and "x" not in made
    assert provenance_problem({"review": "guessed"}) is not None
