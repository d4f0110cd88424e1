"""A document's language at import and after a change: stored, tokenized by its own blank pipeline, said in one line."""
from __future__ import annotations

import json
import logging
import sqlite3

from annotator.core.model import NewArticle, Span
from annotator.nlp import tokens as nlp_tokens
from annotator.nlp.tokenizer import blank_nlp
from annotator.services.importing import import_paths
from annotator.services.languages import change_language, language_counts, set_default_language
from annotator.storage import ProjectStore, token_store
from annotator.storage.language_store import language_of

FR = "Au moins 12 civils ont été tués dans le bombardement du marché, selon les autorités locales d'Idlib."
AR = "قال مسؤول محلي إن أكثر من 30 شخصا قتلوا في القصف الذي استهدف السوق يوم الاثنين."
EN = "At least 12 civilians were killed in the shelling of the market, the spokesman said."


def _records(write, *records):
    return write("a.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records))


def test_import_takes_lang_from_metadata_else_detects_else_the_default(store, write):
    set_default_language(store, "uk")
    path = _records(write, {"text": EN, "lang": "es"}, {"text": FR}, {"text": AR}, {"text": "12 — 14"},
                    {"text": "Bonjour 2", "meta": {"lang": "klingon"}})
    report = import_paths(store, [path])
    langs = [language_of(store, i) for i in store.document_ids("alice")]
    assert langs == ["es", "fr", "ar", "uk", "uk"]
    assert report.errors == ["a.jsonl: article 'Bonjour 2': unknown language code 'klingon' (not ISO 639-1); "
                             "the project default uk is used"]
    assert "languages uk 2, es 1, fr 1, ar 1" in report.summary()
    assert language_counts(store) == {"uk": 2, "ar": 1, "es": 1, "fr": 1}


def test_each_document_is_tokenized_by_its_languages_pipeline_and_stored_under_that_tag(store):
    store.import_articles([NewArticle(text=FR, title="fr", lang="fr"), NewArticle(text=EN, title="en")])
    fr_id, en_id = store.document_ids("alice")
    assert nlp_tokens.fill_missing(store, helpers=0) == 2
    fr_tokens, en_tokens = nlp_tokens.tokens_of(store, [fr_id, en_id])
    assert fr_tokens.lang == "fr" and en_tokens.lang == "en"
    assert fr_tokens.pairs() == [(t.idx, t.idx + len(t)) for t in blank_nlp("fr")(FR) if not t.is_space]
    assert "d'" in [FR[s:e] for s, e in fr_tokens.pairs()]  # French elision: English keeps "d'Idlib" whole
    assert "d'Idlib" in [t.text for t in blank_nlp("en")(FR)]
    tags = dict(store.db.execute("SELECT document_id, made_by FROM tokens").fetchall())
    assert tags[fr_id].split("; ")[1] == "fr" and tags[en_id].split("; ")[1] == "en"
    assert fr_tokens.to_doc(FR).vocab is blank_nlp("fr").vocab


def test_changing_the_language_retokenizes_the_document_and_says_what_moved(store):
    store.import_articles([NewArticle(text=FR, title="fr", lang="en")])
    (doc,) = store.document_ids("alice")
    start = FR.index("d'Idlib")
    span = store.add_span(Span(doc, start, start + len("d'Idlib"), "LOCATION", annotator="alice"))
    before = nlp_tokens.document_tokens(store, doc)
    change = change_language(store, doc, "FR")
    assert (change.old, change.new) == ("en", "fr")
    assert change.tokens_after == change.tokens_before + 1 and change.boundaries_moved == 2
    assert change.spans_off_tokens == ()  # "d'Idlib" still starts and ends on token boundaries
    assert "language en -> fr; re-tokenized" in change.summary()
    after = nlp_tokens.document_tokens(store, doc)
    assert after.lang == "fr" and len(after) == len(before) + 1
    assert store.spans(doc) == [span]  # a person's spans never move
    moved = change_language(store, doc, "en")
    assert moved.boundaries_moved == 2 and language_of(store, doc) == "en"


def test_a_span_that_no_longer_sits_on_tokens_is_named(store):
    store.import_articles([NewArticle(text=FR, title="fr", lang="fr")])
    (doc,) = store.document_ids("alice")
    start = FR.index("Idlib")
    store.add_span(Span(doc, start, start + 5, "LOCATION", annotator="alice"))
    change = change_language(store, doc, "en")
    assert [s.start for s in change.spans_off_tokens] == [start]
    assert f"1 span no longer on token boundaries (kept as they are; exports grow them to whole tokens): " \
           f"[{start}, {start + 5}) LOCATION (alice)" in change.summary()


def test_an_unknown_code_is_refused_in_one_line(store):
    store.import_articles([NewArticle(text=FR, title="fr")])
    (doc,) = store.document_ids("alice")
    try:
        change_language(store, doc, "xyz")
    except Exception as exc:  # noqa: BLE001 - the type is the project's one error hierarchy
        assert str(exc) == f"document {doc}: unknown language code 'xyz'; give an ISO 639-1 code such as en, fr, ar, uk"
    else:
        raise AssertionError("an unknown code was stored")


def test_a_language_without_a_blank_pipeline_is_tokenized_by_xx_and_said_once(store, write, caplog):
    path = _records(write, {"text": "Akan text 12", "lang": "ak"}, {"text": "Another 13", "lang": "ak"})
    other = write("b.jsonl", json.dumps({"text": "Akan once more 14", "lang": "ak"}))
    with caplog.at_level(logging.WARNING):
        report = import_paths(store, [path, other])  # two files, one import: one line
    said = [e for e in report.errors if "no blank pipeline for language 'ak'" in e]
    assert len(said) == 1 and said[0].endswith("its documents are tokenized by the multilingual tokenizer (xx)")
    assert "\n" not in said[0] and report.errors == said
    tokens = nlp_tokens.tokens_of(store, store.document_ids("alice"))
    assert [t.lang for t in tokens] == ["ak", "ak", "ak"] and blank_nlp("ak").lang == "xx"
    assert tokens[0].pairs() == [(t.idx, t.idx + len(t)) for t in blank_nlp("xx")("Akan text 12")]
    assert sum("'ak'" in r.getMessage() for r in caplog.records) <= 1  # the log: once per process
    again = import_paths(store, [write("c.jsonl", json.dumps({"text": "Akan at last 15", "lang": "ak"}))])
    assert [e for e in again.errors if "'ak'" in e] == said  # the next import says it again, once
    assert import_paths(store, [write("d.jsonl", json.dumps({"text": EN, "lang": "en"}))]).errors == []


def test_a_project_from_before_reads_its_documents_as_english_and_keeps_their_tokens(project_path):
    with ProjectStore(project_path) as store:
        store.import_articles([NewArticle(text=EN, title="en")])
        nlp_tokens.fill_missing(store, helpers=0)
    conn = sqlite3.connect(project_path)  # the file as schema 9 left it: no language column
    conn.execute("ALTER TABLE documents DROP COLUMN lang")
    conn.execute("DROP TRIGGER IF EXISTS note_entries_follow_span")
    for table in ("note_entries", "activity", "assignments"):  # migrations 11-13 came later too
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with ProjectStore(project_path) as store:
        assert store.schema_version >= 10
        (doc,) = store.document_ids("alice")
        assert language_of(store, doc) == "en" and store.document(doc).lang == "en"
        assert token_store.untokenized_count(store, nlp_tokens.tokenizer_tag()) == 0
