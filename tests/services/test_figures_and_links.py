"""A FIGURE gets its numbers when it is made; links between spans of a layer, undoable."""
from __future__ import annotations

import pytest

from annotator.core.errors import SpanError
from annotator.core.model import NewArticle
from annotator.services.labelling import LabellingService

TEXT = ("At least 21 people were killed and up to 80,000 fled, the UN said. Between 800 and 1,000 "
        "were detained and dozens are missing, officials said.")


@pytest.fixture
def service(store):
    store.import_articles([NewArticle(text=TEXT, title="t")])
    return LabellingService(store, "alice"), store.document(store.summaries("alice")[0].id)


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_a_figure_made_by_key_reads_its_qualifier(service):
    svc, doc = service
    [span] = svc.add(doc, *_at("21"), "FIGURE").added
    assert dict(span.attrs) == {"low": 21, "precision": "at_least"}
    assert dict(svc.spans(doc.id)[0].attrs) == {"low": 21, "precision": "at_least"}


def test_label_all_reads_each_figure(service):
    svc, doc = service
    ranges = [_at("80,000"), _at("Between 800 and 1,000"), _at("dozens")]
    added = svc.add_ranges(doc, ranges, "FIGURE").added
    assert [dict(s.attrs) for s in added] == [
        {"high": 80_000, "precision": "at_most"},
        {"low": 800, "high": 1000, "precision": "range"},
        {"low": 12, "precision": "vague"},
    ]


def test_other_labels_get_no_numbers(service):
    svc, doc = service
    [span] = svc.add(doc, *_at("UN"), "ACTOR").added
    assert dict(span.attrs) == {}


def test_relabelling_keeps_fitting_attributes_and_reads_a_new_figure(service):
    svc, doc = service
    [span] = svc.add(doc, *_at("21"), "ACTOR").added
    span = svc.set_attribute(span, "type", "civilians").updated[0]
    changes = svc.relabel(doc, span, "FIGURE")
    assert changes == {"label": "FIGURE", "attrs": {"low": 21, "precision": "at_least"}}
    assert svc.relabel(doc, span, "LOCATION") == {"label": "LOCATION", "attrs": {}}


def test_set_attribute_is_checked_against_the_schema(service):
    svc, doc = service
    [span] = svc.add(doc, *_at("21"), "FIGURE").added
    span = svc.set_attribute(span, "category", "killed").updated[0]
    assert span.attrs["category"] == "killed"
    with pytest.raises(SpanError, match="'killled' is not one of"):
        svc.set_attribute(span, "category", "killled")
    span = svc.set_attribute(span, "low", None).updated[0]
    assert "low" not in span.attrs and svc.spans(doc.id)[0].attrs == span.attrs


def test_deleting_a_span_takes_its_links_and_undo_brings_them_back(service):
    svc, doc = service
    said = svc.add(doc, *_at("said"), "ATTRIBUTION").added[0]
    un = svc.add(doc, *_at("UN"), "ACTOR").added[0]
    fig = svc.add(doc, *_at("80,000"), "FIGURE").added[0]
    source = svc.link(said, un, "SOURCE").relations_added[0]
    claim = svc.link(said, fig, "CLAIM").relations_added[0]
    gone = svc.delete([said])
    assert set(gone.relations_removed) == {source, claim}
    assert svc.relations(doc.id) == []
    back = svc.restore(list(gone.removed), gone.relations_removed)
    assert {r.id for r in back.relations_added} == {source.id, claim.id}
    assert {r.label for r in svc.relations(doc.id)} == {"SOURCE", "CLAIM"}


def test_unlink_and_relink(service):
    svc, doc = service
    said = svc.add(doc, *_at("said"), "ATTRIBUTION").added[0]
    un = svc.add(doc, *_at("UN"), "ACTOR").added[0]
    link = svc.link(said, un, "SOURCE").relations_added[0]
    svc.unlink([link])
    assert svc.relations(doc.id) == []
    svc.relink([link])
    assert [r.id for r in svc.relations(doc.id)] == [link.id]


def test_a_relabel_that_would_break_a_link_is_refused(service):
    svc, doc = service
    said = svc.add(doc, *_at("said"), "ATTRIBUTION").added[0]
    un = svc.add(doc, *_at("UN"), "ACTOR").added[0]
    svc.link(said, un, "SOURCE")
    with pytest.raises(SpanError, match="has a SOURCE link that a LOCATION cannot have"):
        svc.relabel(doc, un, "LOCATION")
    assert svc.relabel(doc, un, "ACTOR")["label"] == "ACTOR"
