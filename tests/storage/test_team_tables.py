"""The team's tables: an older project gains them on open; a reply follows its span when it is resized."""
from __future__ import annotations

import sqlite3

from annotator.core.model import NewArticle, Span
from annotator.services import notes
from annotator.services.team import assigned_first
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts
from annotator.storage.migrations import LATEST, MIGRATIONS, create_schema

TEXT = "Government forces retook the village of Kafr Nabl on Sunday."


def test_a_schema_8_project_gains_the_team_tables_and_keeps_its_spans(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    saved = dict(MIGRATIONS)
    try:
        for n in [n for n in MIGRATIONS if n > 8]:
            del MIGRATIONS[n]
        create_schema(conn)
    finally:
        MIGRATIONS.clear()
        MIGRATIONS.update(saved)
    conn.execute("INSERT INTO project_meta VALUES ('created_at', 'x')")
    conn.close()
    with ProjectStore(path) as store:
        assert store.schema_version == LATEST
        store.import_articles([NewArticle(text=TEXT, title="t")])
        ts.record_assignments(store, {1: ("ana",)})
        assert ts.assignments(store) == {1: ("ana",)}


def test_a_reply_follows_its_span_when_resized_or_relabelled(tmp_path):
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_articles([NewArticle(text=TEXT, title="t")])
        span = store.add_span(Span(1, 0, 10, "ACTOR", annotator="ana", note="forces too?"))
        notes.reply(store, 1, "ana", span.key, "rev", "yes, the whole phrase")
        span = store.update_span(span, end=18)
        span = store.update_span(span, label="LOCATION")
        [thread] = notes.threads(store, 1, "ana")
        assert thread.span == (0, 18, "LOCATION") and thread.note == "forces too?"
        assert [e.text for e in thread.entries] == ["yes, the whole phrase"]
        other = store.add_span(Span(1, 0, 10, "ACTOR", annotator="ben"))
        store.update_span(other, end=18)  # another layer's span with the same range moves nothing of ana's
        assert [t.layer for t in notes.threads(store, 1)] == ["ana"]


def test_the_document_list_puts_the_assignment_first(tmp_path):
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_articles([NewArticle(text=f"{TEXT} {i}", title=str(i)) for i in range(6)])
        assert assigned_first(store, "ana", [1, 2, 3, 4, 5, 6]) == [1, 2, 3, 4, 5, 6]
        ts.record_assignments(store, {5: ("ana",), 2: ("ana", "ben"), 3: ("ben",)})
        assert assigned_first(store, "ana", [1, 2, 3, 4, 5, 6]) == [2, 5, 1, 3, 4, 6]
        assert assigned_first(store, "ben", [6, 3, 2]) == [3, 2, 6]
