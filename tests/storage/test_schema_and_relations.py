"""The schema the project owns and relations between spans, on a real project file."""
from __future__ import annotations

import json
import sqlite3

import pytest

from annotator.assets import default_labels
from annotator.core.errors import ConflictError, SpanError
from annotator.core.model import NewArticle, Span, Status
from annotator.core.relation import Relation
from annotator.core.schema import default_schema
from annotator.storage import ProjectStore
from annotator.storage import relation_store as rs
from annotator.storage.migrations import MIGRATIONS, apply_migrations
from tests.helpers.projects import ARTICLE


def _doc(store: ProjectStore) -> int:
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    return store.summaries("alice")[-1].id


def _span(store, doc, phrase, label, who="alice"):
    start = ARTICLE.index(phrase)
    return store.add_span(Span(doc, start, start + len(phrase), label, annotator=who))


def test_a_new_project_holds_the_default_schema(store):
    assert store.schema() == default_schema(default_labels())
    assert store.schema().relation("CLAIM").child == ("FIGURE",)


def test_an_older_project_gets_the_defaults_when_it_is_upgraded(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    apply_migrations_up_to(conn, 3)
    conn.execute("PRAGMA application_id = 1129202004")
    for i, label in enumerate(default_labels()):
        conn.execute("INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?)",
                     (label.name, label.colour, label.key, label.description, label.guideline, i))
    conn.close()
    with ProjectStore(path) as store:
        assert store.schema() == default_schema(default_labels())


def apply_migrations_up_to(conn: sqlite3.Connection, last: int) -> None:
    saved = dict(MIGRATIONS)
    try:
        for n in [n for n in MIGRATIONS if n > last]:
            del MIGRATIONS[n]
        apply_migrations(conn, 0)
    finally:
        MIGRATIONS.update(saved)


def test_relations_round_trip_and_go_with_either_end(store):
    doc = _doc(store)
    said, un, fig = _span(store, doc, "said", "ATTRIBUTION"), _span(store, doc, "UN", "ACTOR"), \
        _span(store, doc, "350,000", "FIGURE")
    source = rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    claim = rs.add_relation(store, Relation(doc, said.id, fig.id, "CLAIM", annotator="alice"))
    assert (source.id, source.version) != (None, 0)
    assert rs.relations(store, doc, "alice") == [source, claim]
    assert rs.relations(store, doc, "bob") == []
    assert rs.relations_of_documents(store, "alice", [doc]) == {doc: [source, claim]}
    store.delete_span(store.span(un.id))
    assert rs.relations(store, doc) == [claim]
    store.delete_span(store.span(said.id))
    assert rs.relations(store, doc) == []
    actions = [r[0] for r in store.db.execute("SELECT action FROM changes ORDER BY id")]
    assert actions.count("add_relation") == 2


def test_a_relation_the_schema_forbids_or_across_layers_is_refused(store):
    doc = _doc(store)
    said, un, fig = _span(store, doc, "said", "ATTRIBUTION"), _span(store, doc, "UN", "ACTOR"), \
        _span(store, doc, "350,000", "FIGURE")
    bob_un = _span(store, doc, "UN", "ACTOR", "bob")
    with pytest.raises(SpanError, match="from ATTRIBUTION to ACTOR, not from ACTOR to ATTRIBUTION"):
        rs.add_relation(store, Relation(doc, un.id, said.id, "SOURCE", annotator="alice"))
    with pytest.raises(SpanError, match="not from ATTRIBUTION to FIGURE"):
        rs.add_relation(store, Relation(doc, said.id, fig.id, "SOURCE", annotator="alice"))
    with pytest.raises(SpanError, match="belongs to bob's layer"):
        rs.add_relation(store, Relation(doc, said.id, bob_un.id, "SOURCE", annotator="alice"))
    with pytest.raises(SpanError, match="is not a span"):
        rs.add_relation(store, Relation(doc, said.id, 9999, "SOURCE", annotator="alice"))
    with pytest.raises(SpanError, match="itself"):
        Relation(doc, said.id, said.id, "SOURCE")
    rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    with pytest.raises(ConflictError, match="already has"):
        rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    assert len(rs.relations(store, doc)) == 1


def test_a_deleted_relation_comes_back_under_its_id(store):
    doc = _doc(store)
    said, un = _span(store, doc, "said", "ATTRIBUTION"), _span(store, doc, "UN", "ACTOR")
    link = rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    rs.delete_relation(store, link)
    with pytest.raises(ConflictError):
        rs.delete_relation(store, link)
    back = rs.restore_relation(store, link)
    assert back.id == link.id and rs.relations(store, doc) == [back]


def test_a_relation_is_in_the_change_log_with_its_document(store):
    """A relation is part of the layer: its change is in the log with the document."""
    doc = _doc(store)
    said, un = _span(store, doc, "said", "ATTRIBUTION"), _span(store, doc, "UN", "ACTOR")
    rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    row = store.db.execute("SELECT annotator, document_id, payload FROM changes WHERE action = 'add_relation'").fetchone()
    assert row[:2] == ("alice", doc) and json.loads(row[2])["label"] == "SOURCE"
    assert store.status(doc, "alice") is Status.IN_PROGRESS
