"""Exports per language: report.json counts, --lang, one language per DocBin unless asked, spaCy's reader aligns it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Corpus

from annotator.core.model import NewArticle, Span, Status
from annotator.export.options import ExportError, ExportOptions
from annotator.export.run import export_corpus

FR = "Selon l'ONU, au moins 12 civils ont été tués près d'Idlib, a déclaré jeudi l'OCHA."
EN = "At least 12 civilians were killed near Idlib, the UN said on Thursday."


@pytest.fixture
def two_languages(store):
    store.import_articles([NewArticle(text=FR, title="fr", lang="fr"), NewArticle(text=EN, title="en", lang="en"),
                           NewArticle(text=FR.replace("12", "14"), title="fr2", lang="fr")])
    for doc in store.document_ids("alice"):
        text = store.document(doc).text
        start = text.index("Idlib")
        store.add_span(Span(doc, start, start + 5, "LOCATION", annotator="alice"))
        store.set_status(doc, "alice", Status.DONE)
    return store


def test_a_docbin_of_two_languages_is_refused_in_one_line(two_languages, tmp_path: Path):
    with pytest.raises(ExportError) as refused:
        export_corpus(two_languages, ExportOptions("spacy", tmp_path / "out", "alice"))
    assert str(refused.value) == ("the documents to export are in 2 languages (fr 2, en 1); a DocBin trains one "
                                  "language's pipeline: choose one with --lang fr, or write them together with "
                                  "--mixed-languages")
    assert not (tmp_path / "out").exists()
    report = export_corpus(two_languages, ExportOptions("spacy", tmp_path / "mixed", "alice", mixed_languages=True))
    assert report.to_json()["languages"] == {"fr": 2, "en": 1}


def test_lang_filters_and_spacys_corpus_reader_aligns_every_token_with_that_languages_pipeline(two_languages,
                                                                                              tmp_path: Path):
    report = export_corpus(two_languages, ExportOptions("spacy", tmp_path / "fr", "alice", lang="fr"))
    written = json.loads((tmp_path / "fr" / "report.json").read_text(encoding="utf-8"))
    assert written["languages"] == {"fr": 2} and written["lang"] == "fr"
    assert written["skipped"]["reasons"] == {"not in fr (en)": 1}
    assert list(written["tool"]["tokenizer"]) == ["fr"] and "'fr'" in written["tool"]["tokenizer"]["fr"]
    assert report.documents["corpus"] == 2
    nlp = spacy.blank("fr")
    examples = list(Corpus(tmp_path / "fr" / "corpus.spacy")(nlp))  # what spacy train reads
    assert len(examples) == 2
    for example in examples:
        assert [t.text for t in example.predicted] == [t.text for t in example.reference]  # one-to-one alignment
        assert [e.text for e in example.reference.ents] == ["Idlib"]
        assert example.reference.user_data[("annotator", "lang")] == "fr"
    english = [t.text for t in spacy.blank("en")(FR)]
    assert [t.text for t in examples[0].reference] != english  # French tokens ("d'", "Idlib"), not English ones


def test_jsonl_carries_the_language_and_reads_back_into_it(two_languages, tmp_path: Path, project_path: Path):
    from annotator.services.importing import import_paths
    from annotator.storage import ProjectStore
    from annotator.storage.language_store import language_of

    export_corpus(two_languages, ExportOptions("jsonl", tmp_path / "j", "alice"))
    records = [json.loads(line) for line in (tmp_path / "j" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["lang"] for r in records] == ["fr", "en", "fr"]
    with ProjectStore(tmp_path / "again.db") as other:
        report = import_paths(other, [tmp_path / "j" / "corpus.jsonl"], annotator="bob")
        assert report.documents_added == 3, report.errors
        assert [language_of(other, d) for d in other.document_ids("x")] == ["fr", "en", "fr"]
        assert all("lang" not in other.document(d).meta for d in other.document_ids("x"))
