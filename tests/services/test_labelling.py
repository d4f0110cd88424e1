"""LabellingService on a real project file: snapping, and edits that are all or nothing."""
from __future__ import annotations

import pytest

from annotator.core.errors import ConflictError
from annotator.core.model import NewArticle
from annotator.services.labelling import LabellingService
from annotator.storage import ProjectStore

TEXT = "The UN said the UN and the UN agreed."


@pytest.fixture
def service(store):
    store.import_articles([NewArticle(text=TEXT, title="t")])
    svc = LabellingService(store, "alice")
    return svc, store.document(store.summaries("alice")[0].id)


def test_a_selection_snaps_to_tokens_and_trims_punctuation(service):
    svc, doc = service
    changes = svc.add(doc, TEXT.index("greed"), len(TEXT), "ATTRIBUTION")  # inside a word, up to the "."
    [span] = changes.added
    assert TEXT[span.start:span.end] == "agreed"


def test_undoing_label_all_is_all_or_nothing(service, project_path):
    """Another window relabels the middle hit: the undo refuses whole and leaves every span."""
    svc, doc = service
    hits = svc.find_all(doc, "UN")
    added = svc.add_ranges(doc, hits, "ACTOR").added
    assert len(added) == 3
    with ProjectStore(project_path) as other:
        middle = other.span(added[1].id)
        other.update_span(middle, label="LOCATION")
    with pytest.raises(ConflictError, match="another window"):
        svc.delete(list(added), "fields")  # what undo of 'label all matches' does
    assert [(s.label) for s in svc.spans(doc.id)] == ["ACTOR", "LOCATION", "ACTOR"]


def test_a_direct_edit_needs_the_version_it_was_shown(service, project_path):
    svc, doc = service
    [span] = svc.add_ranges(doc, [(4, 6)], "ACTOR").added
    with ProjectStore(project_path) as other:
        other.update_span(other.span(span.id), note="checked")
    with pytest.raises(ConflictError):
        svc.update(span, label="LOCATION")  # `span` is the version this window showed
    assert svc.spans(doc.id)[0].label == "ACTOR"
