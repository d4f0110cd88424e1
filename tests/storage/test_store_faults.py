"""The store under faults: a rolled-back transaction leaves no cached state behind."""
from __future__ import annotations

import pytest

from annotator.core.model import NewArticle, Span
from annotator.services.labelling import LabellingService
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE


class DiskFull(Exception):
    """Stands for the write that failed (a full disk) after the annotator row was made."""


def test_an_annotator_made_in_a_rolled_back_transaction_is_not_cached(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    doc = store.document(1)
    with pytest.raises(DiskFull):
        with store.transaction():  # the first edit of a new annotator fails half-way
            store.annotator_id("dana")
            raise DiskFull
    assert store.annotators() == []
    changes = LabellingService(store, "dana").add(doc, 13, 20, "ACTOR", exact=True)
    assert [(s.start, s.end) for s in changes.added] == [(13, 20)]
    assert [(s.start, s.end, s.annotator) for s in store.spans(doc.id)] == [(13, 20, "dana")]


def test_a_failed_first_edit_then_labels_work(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    service = LabellingService(store, "erin")
    with pytest.raises(Exception):
        with store.transaction():
            store.add_span(Span(1, 13, 20, "ACTOR", annotator="erin"))
            store.add_span(Span(1, 13, 20, "NO_SUCH_LABEL", annotator="erin"))
    assert store.spans(1) == []
    service.add(store.document(1), 0, 4, "FIGURE", exact=True)
    assert [(s.start, s.label) for s in store.spans(1, "erin")] == [(0, "FIGURE")]


def test_names_are_normalised_by_the_store_as_typed_names_are(store):
    assert store.annotator_id(" anna\u00a0") == store.annotator_id("anna")
    assert store.annotators() == ["anna"]


def test_another_connection_sees_no_phantom_annotator(project_path):
    with ProjectStore(project_path) as first:
        with pytest.raises(DiskFull):
            with first.transaction():
                first.annotator_id("fay")
                raise DiskFull
        with ProjectStore(project_path) as second:
            assert second.annotators() == []


def test_a_project_path_under_a_file_is_one_line_not_a_traceback(tmp_path):
    from annotator.core.errors import ProjectError

    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ProjectError, match="cannot be opened or created") as info:
        ProjectStore(tmp_path / "notes.txt" / "p.annotator.db")
    assert "\n" not in str(info.value)
