from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from annotator.core.errors import ConflictError, ProjectError, SpanError
from annotator.core.model import NewArticle, Span, Status
from annotator.storage import ProjectStore
from annotator.storage.migrations import LATEST
from tests.helpers.projects import ARTICLE


def _doc(store: ProjectStore, text: str = ARTICLE) -> int:
    store.import_articles([NewArticle(text=text, title="t")])
    return store.summaries("alice")[-1].id


def test_new_project_has_default_labels_and_schema(store):
    assert [l.name for l in store.labels()] == ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
    assert [l.key for l in store.labels()] == ["1", "2", "3", "4"]
    assert store.schema_version == LATEST
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_identical_texts_are_stored_once(store):
    r1 = store.import_articles([NewArticle(text=ARTICLE, title="a"), NewArticle(text=ARTICLE, title="b")])
    r2 = store.import_articles([NewArticle(text=ARTICLE, title="c")])
    assert (r1.documents_added, r2.documents_added, r2.documents_existing) == (1, 0, 1)
    assert store.document_count() == 1


def test_spans_round_trip_as_core_values(store):
    doc = _doc(store)
    s = store.add_span(Span(doc, 13, 20, "FIGURE", annotator="alice", note="number", unsure=True))
    assert s.id is not None and s.version == 1
    [back] = store.spans(doc, "alice")
    assert (back.start, back.end, back.label, back.note, back.unsure) == (13, 20, "FIGURE", "number", True)
    assert ARTICLE[back.start:back.end] == "Syrians" or ARTICLE[back.start:back.end]
    assert store.spans(doc, "bob") == []
    assert store.status(doc, "alice") is Status.IN_PROGRESS


def test_span_outside_text_or_with_unknown_label_is_refused(store):
    doc = _doc(store)
    with pytest.raises(SpanError, match="outside the text"):
        store.add_span(Span(doc, 0, len(ARTICLE) + 1, "ACTOR", annotator="alice"))
    with pytest.raises(SpanError, match="unknown label"):
        store.add_span(Span(doc, 0, 4, "PERSON", annotator="alice"))
    assert store.spans(doc) == []


def test_overlapping_and_nested_spans_are_allowed(store):
    doc = _doc(store)
    for start, end, label in [(0, 12, "FIGURE"), (5, 12, "FIGURE"), (5, 21, "ACTOR")]:
        store.add_span(Span(doc, start, end, label, annotator="alice"))
    assert len(store.spans(doc, "alice")) == 3


def test_second_window_cannot_silently_overwrite_an_edit(project_path):
    a, b = ProjectStore(project_path), ProjectStore(project_path)
    doc = _doc(a)
    span = a.add_span(Span(doc, 5, 12, "FIGURE", annotator="alice"))
    [seen_by_b] = b.spans(doc, "alice")
    a.update_span(span, label="ACTOR")
    with pytest.raises(ConflictError, match="another window"):
        b.update_span(seen_by_b, label="LOCATION")
    with pytest.raises(ConflictError):
        b.delete_span(seen_by_b)
    assert [s.label for s in b.spans(doc, "alice")] == ["ACTOR"]
    a.close()
    b.close()


def test_every_edit_is_in_the_append_only_change_log(store):
    doc = _doc(store)
    s = store.add_span(Span(doc, 5, 12, "FIGURE", annotator="alice"))
    s = store.update_span(s, label="ACTOR")
    store.delete_span(s)
    store.set_status(doc, "alice", Status.DONE)
    actions = [r["action"] for r in store.db.query("SELECT action FROM changes ORDER BY id")]
    assert actions[-4:] == ["add_span", "update_span", "delete_span", "status"]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM changes")


def test_reopening_keeps_everything(project_path):
    with ProjectStore(project_path) as s:
        doc = _doc(s)
        s.add_span(Span(doc, 5, 12, "FIGURE", annotator="alice"))
        s.set_status(doc, "alice", Status.DONE)
    with ProjectStore(project_path, create=False) as s:
        assert len(s.spans(doc, "alice")) == 1
        assert s.status(doc, "alice") is Status.DONE


def test_a_file_that_is_not_a_project_is_refused(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ProjectError, match="not an annotator project"):
        ProjectStore(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello, this is not sqlite at all" * 100)
    with pytest.raises(ProjectError, match="not a project file"):
        ProjectStore(junk)
    with pytest.raises(ProjectError, match="no such project"):
        ProjectStore(tmp_path / "missing.db", create=False)


def test_a_project_from_a_newer_schema_is_refused(project_path):
    ProjectStore(project_path).close()
    conn = sqlite3.connect(project_path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(ProjectError, match="newer version"):
        ProjectStore(project_path)


def test_an_older_schema_is_migrated(project_path, monkeypatch):
    from annotator.storage import migrations

    ProjectStore(project_path).close()
    monkeypatch.setitem(migrations.MIGRATIONS, LATEST + 1, "ALTER TABLE documents ADD COLUMN extra TEXT;")
    monkeypatch.setattr(migrations, "LATEST", LATEST + 1)
    from annotator.storage import project_store
    monkeypatch.setattr(project_store, "LATEST", LATEST + 1)
    with ProjectStore(project_path) as s:
        assert s.schema_version == LATEST + 1
        assert "extra" in s.db["documents"].columns_dict


def test_stats_counts(store):
    doc = _doc(store)
    store.add_span(Span(doc, 5, 12, "FIGURE", annotator="alice"))
    store.add_span(Span(doc, 13, 20, "ACTOR", annotator="bob"))
    store.set_status(doc, "bob", Status.DONE)
    st = store.stats()
    assert (st["documents"], st["spans"]) == (1, 2)
    assert st["by_label"] == {"ACTOR": 1, "FIGURE": 1}
    assert st["by_annotator"] == {"alice": 1, "bob": 1}
    assert st["status"]["bob"]["done"] == 1 and st["status"]["alice"]["in_progress"] == 1


def test_killing_a_writer_mid_stream_loses_at_most_the_action_in_flight(project_path):
    """A child process adds spans one by one and is SIGKILLed; the file stays sound."""
    with ProjectStore(project_path) as s:
        doc = _doc(s, "word " * 5000)
    script = textwrap.dedent(f"""
        import sys
        from annotator.core.model import Span
        from annotator.storage import ProjectStore
        s = ProjectStore({str(project_path)!r})
        for i in range(5000):
            s.add_span(Span({doc}, i * 5, i * 5 + 4, "ACTOR", annotator="alice"))
            if i == 50:
                print("started", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"started"
    proc.kill()
    proc.wait()
    with ProjectStore(project_path) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        spans = s.spans(doc, "alice")
        logged = s.db.execute("SELECT count(*) FROM changes WHERE action = 'add_span'").fetchone()[0]
        assert len(spans) == logged >= 51
        assert [sp.start for sp in spans] == [i * 5 for i in range(len(spans))]


def test_two_processes_writing_at_once_both_land(project_path):
    with ProjectStore(project_path) as s:
        doc = _doc(s, "word " * 1000)
    script = textwrap.dedent("""
        import sys
        from annotator.core.model import Span
        from annotator.storage import ProjectStore
        name, offset = sys.argv[1], int(sys.argv[2])
        s = ProjectStore(sys.argv[3])
        for i in range(200):
            s.add_span(Span(int(sys.argv[4]), (offset + i) * 5, (offset + i) * 5 + 4, "ACTOR", annotator=name))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, name, str(off), str(project_path), str(doc)])
             for name, off in (("alice", 0), ("bob", 500))]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with ProjectStore(project_path) as s:
        assert len(s.spans(doc, "alice")) == len(s.spans(doc, "bob")) == 200


def test_search_folds_case_beyond_ascii(store):
    store.import_articles([NewArticle(text="Обстрел Алеппо. Émigrés in Zürich.", title="t")])
    for query in ("алеппо", "ÉMIGRÉS", "ZÜRICH"):
        assert len(store.summaries("alice", search=query)) == 1, query


def test_a_locked_project_is_one_line_not_a_traceback(project_path):
    import sqlite3 as sq

    ProjectStore(project_path).close()
    holder = sq.connect(project_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store = ProjectStore(project_path)
    store.db.conn.execute("PRAGMA busy_timeout = 100")
    try:
        with pytest.raises(ProjectError, match="busy, another window or command is writing"):
            store.set_status(1, "alice", Status.DONE)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
