"""Migration 6: stored tokens, indexed list columns and full-text search, also for older projects."""
from __future__ import annotations

import pytest

from annotator.core.model import NewArticle, Span, Status
from annotator.nlp import tokens as nlp_tokens
from annotator.nlp.tokenizer import token_offsets
from annotator.storage import ProjectStore, migrations, token_store

ARTICLES = ["Обстрел Алеппо: Ёлка горит. Émigrés in Zürich.", "قال مُحَمَّد إن 21 قتلوا في حَلَب",
            "Plain ASCII text about Idlib and the UN."]


def test_an_old_project_gets_lengths_search_and_tokens_after_first_open(tmp_path, monkeypatch):
    """A file as the previous version left it (schema 3, articles in it), opened by this one."""
    import sqlite3

    from annotator.core.model import text_sha256
    from annotator.storage import search

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    monkeypatch.setattr(migrations, "MIGRATIONS", {k: v for k, v in migrations.MIGRATIONS.items() if k <= 3})
    migrations.apply_migrations(conn, 0)
    monkeypatch.undo()
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    conn.executemany("INSERT INTO documents (sha256, text, title, imported_at) VALUES (?, ?, ?, 'then')",
                     [(text_sha256(t), t, f"t{i}") for i, t in enumerate(ARTICLES)])
    conn.close()
    with ProjectStore(path) as store:
        assert store.schema_version == migrations.LATEST
        assert [s.length for s in store.summaries("alice")] == [len(t) for t in ARTICLES]
        assert len(store.summaries("alice", search="алеппо")) == 1  # found before indexing, by reading
        assert search.pending_count(store) == 3 and search.index_pending(store) == 3
        assert search.pending_count(store) == 0
        assert len(store.summaries("alice", search="алеппо")) == 1  # and by the index
        assert nlp_tokens.fill_missing(store) == 3


@pytest.mark.parametrize("indexed", [True, False])
def test_search_folds_case_and_accents_in_latin_cyrillic_and_arabic_as_you_type(store, indexed):
    """The same answers from the index and, before it is built, from the queued texts."""
    from annotator.storage.search import index_pending

    store.import_articles([NewArticle(text=t, title=f"t{i}") for i, t in enumerate(ARTICLES)])
    if indexed:
        assert index_pending(store) == 3
    for query in ("алеп", "ёлка", "елка", "EMIGRES", "zur", "محمد", "حلب", "مُحَمَّد", "idl un", "t1"):
        assert len(store.summaries("alice", search=query)) == 1, query
    for query in ("idlib aleppo", "zzz", "\"", "*", "-", "NEAR(", "a OR zz", "dlib", "лепп"):
        assert store.summaries("alice", search=query) == [], query


def test_the_list_filters_by_status_and_counts_spans_per_annotator(store):
    store.import_articles([NewArticle(text=t, title=f"t{i}") for i, t in enumerate(ARTICLES)])
    first, second, third = store.document_ids("alice")
    store.add_span(Span(first, 0, 7, "ACTOR", annotator="alice"))
    store.add_span(Span(first, 8, 14, "LOCATION", annotator="bob"))
    store.set_status(third, "alice", Status.DONE)
    assert store.document_ids("alice", Status.TODO) == [second]
    assert store.document_ids("alice", Status.IN_PROGRESS) == [first]
    assert store.document_ids("alice", Status.DONE, "plain") == [third]
    assert [s.span_count for s in store.summaries_of("alice", [third, first])] == [0, 1]


def test_tokens_are_stored_once_and_remade_for_another_tokenizer(store, monkeypatch):
    store.import_articles([NewArticle(text=t, title=f"t{i}") for i, t in enumerate(ARTICLES)])
    ids = store.document_ids("alice")
    tag = nlp_tokens.tokenizer_tag()
    assert token_store.untokenized_count(store, tag) == 3
    assert nlp_tokens.fill_missing(store) == 3
    assert token_store.untokenized_count(store, tag) == 0
    for doc_id, text in zip(ids, ARTICLES):
        assert nlp_tokens.document_tokens(store, doc_id).pairs() == token_offsets(text)
    calls = []
    monkeypatch.setattr(nlp_tokens, "tokenize_many", lambda texts: calls.append(1) or [])
    nlp_tokens.document_tokens(store, ids[0])  # stored: nothing tokenized
    assert calls == []
    monkeypatch.undo()
    monkeypatch.setattr(nlp_tokens, "SETTINGS", "another-tokenizer")
    nlp_tokens.tokenizer_tag.cache_clear()
    try:
        assert token_store.untokenized_count(store, nlp_tokens.tokenizer_tag()) == 3
        assert nlp_tokens.document_tokens(store, ids[1]).pairs() == token_offsets(ARTICLES[1])
        assert token_store.untokenized_count(store, nlp_tokens.tokenizer_tag()) == 2
    finally:
        monkeypatch.undo()
        nlp_tokens.tokenizer_tag.cache_clear()


def test_a_helper_process_tokenizes_every_other_batch_to_the_same_arrays(store, monkeypatch):
    texts = [f"Report {n}: {n * 7:,} people fled Idlib, the UN said. 🚀 Алеппо  и حلب" for n in range(700)]
    store.import_articles([NewArticle(text=t, title=t[:9]) for t in texts])
    assert nlp_tokens.fill_missing(store, helpers=1) == 700
    tag = nlp_tokens.tokenizer_tag()
    stored = token_store.read_tokens(store, store.document_ids("alice"), tag)
    assert [nlp_tokens.DocTokens.unpack(stored[i]).pack() for i in store.document_ids("alice")] == \
        [t.pack() for t in nlp_tokens.tokenize_many(texts)]


def test_the_windows_fill_tokenizes_in_helper_processes_only_to_the_same_arrays(store, monkeypatch):
    from annotator.services.derived import fill_derived

    texts = [f"Report {n}: {n * 7:,} people fled Idlib, the UN said. 🚀 Алеппо  и حلب" for n in range(nlp_tokens.PARALLEL_FROM)]
    store.import_articles([NewArticle(text=t, title=t[:9]) for t in texts])
    expected = [t.pack() for t in nlp_tokens.tokenize_many(texts)]

    def not_here(items):  # the window's own process: its GUI thread must never wait behind spaCy
        raise AssertionError(f"tokenized {len(items)} documents in the window's process")
    monkeypatch.setattr(nlp_tokens, "tokenize_mixed", not_here)  # a spawned helper has its own, unpatched
    assert fill_derived(store, lambda *_: None, lambda: False) == len(texts)
    tag = nlp_tokens.tokenizer_tag()
    stored = token_store.read_tokens(store, store.document_ids("alice"), tag)
    assert [nlp_tokens.DocTokens.unpack(stored[i]).pack() for i in store.document_ids("alice")] == expected
