"""The suggestions table, rejections and the stored model: their own tables, never a layer."""
from __future__ import annotations

from annotator.core.model import NewArticle
from annotator.core.suggestion import Suggestion
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.storage.migrations import LATEST


def test_replacing_keeps_other_sources_and_documents(store: ProjectStore):
    store.import_articles([NewArticle(text="Rebels said 21 died.", title="a"), NewArticle(text="UN said.", title="b")])
    ss.replace_suggestions(store, "rules", {1: [Suggestion(7, 11, "ATTRIBUTION", "rules")],
                                            2: [Suggestion(3, 7, "ATTRIBUTION", "rules")]})
    ss.replace_suggestions(store, "memory", {1: [Suggestion(0, 6, "ACTOR", "memory")]})
    ss.replace_suggestions(store, "rules", {1: [Suggestion(12, 14, "FIGURE", "rules", attrs={"low": 21})]})
    found = dict(ss.stored_suggestions(store, [1, 2], ("rules", "memory")))
    assert [(s.key, s.source, dict(s.attrs)) for s in found[1]] == [
        ((0, 6, "ACTOR"), "memory", {}), ((12, 14, "FIGURE"), "rules", {"low": 21})]
    assert [s.key for s in found[2]] == [(3, 7, "ATTRIBUTION")]
    assert store.stats()["spans"] == 0 and store.annotators() == []  # nothing entered a layer


def test_rejections_are_per_annotator_and_undoable(store: ProjectStore):
    store.import_articles([NewArticle(text="Rebels said 21 died.", title="a")])
    s = Suggestion(12, 14, "FIGURE", "rules")
    ss.reject(store, 1, "alice", s)
    assert ss.rejected(store, 1, "alice") == {(12, 14, "FIGURE")} and ss.rejected(store, 1, "bob") == set()
    ss.unreject(store, 1, "alice", s)
    assert ss.rejected(store, 1, "alice") == set()


def test_deleting_a_document_takes_its_suggestions(store: ProjectStore):
    store.import_articles([NewArticle(text="Rebels said 21 died.", title="a")])
    ss.replace_suggestions(store, "rules", {1: [Suggestion(7, 11, "ATTRIBUTION", "rules")]})
    store.db.execute("DELETE FROM documents")
    assert ss.suggestion_count(store) == 0


def test_a_new_model_replaces_the_old_one(project_path):
    with ProjectStore(project_path) as store:
        assert store.schema_version == LATEST and ss.load_model(store) is None
        for n in (1, 2):
            ss.save_model(store, ss.StoredModel("alice", ("ACTOR",), "3.7.0", bytes([n]) * 10, {"f1": n}, 12, 3,
                                                1.5, f"2026-01-0{n}"))
    with ProjectStore(project_path) as store:
        model = ss.load_model(store)
        assert model.pipeline == bytes([2]) * 10 and model.scores == {"f1": 2} and model.labels == ("ACTOR",)
        assert store.db.execute("SELECT count(*) FROM suggestion_models").fetchone()[0] == 1
