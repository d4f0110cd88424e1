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


def _reimported(path: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """(languages of the documents, error lines) after importing `path` into a fresh project."""
    from annotator.services.importing import import_paths
    from annotator.storage import ProjectStore

    with ProjectStore(tmp_path / f"again-{path.name}.db") as other:
        report = import_paths(other, [path], annotator="bob")
        return [other.document(d).lang for d in other.document_ids("bob")], report.errors


def test_conll_carries_each_documents_language_beside_it_and_spacys_converter_still_reads_it(two_languages,
                                                                                          tmp_path: Path):
    from tests.helpers.spacy_readers import convert

    report = export_corpus(two_languages, ExportOptions("conll", tmp_path / "c", "alice"))
    assert report.files == ["corpus.conll", "corpus.documents.tsv"]
    table = (tmp_path / "c" / "corpus.documents.tsv").read_text(encoding="utf-8").splitlines()
    assert table[0] == "document\tlang\tid\tsha256"
    assert [row.split("\t")[:3] for row in table[1:]] == [["1", "fr", "1"], ["2", "en", "2"], ["3", "fr", "3"]]
    docs = convert(tmp_path / "c" / "corpus.conll", tmp_path / "converted")  # spacy convert --converter ner
    assert [[e.text for e in doc.ents] for doc in docs] == [["Idlib"]] * 3
    assert "#" not in [t.text for doc in docs for t in doc]  # no header line read as a token
    langs, errors = _reimported(tmp_path / "c" / "corpus.conll", tmp_path)  # the table is read with its file
    assert langs == ["fr", "en", "fr"] and errors == []
    (tmp_path / "c" / "report.json").unlink()
    langs, errors = _reimported(tmp_path / "c", tmp_path)  # a folder: the table is not imported on its own
    assert langs == ["fr", "en", "fr"] and errors == []


def test_a_comment_line_is_why_the_language_is_not_inside_the_conll_file(tmp_path: Path):
    """spaCy's converter reads every line of a section as a token: `# lang = fr` would be a token '#'."""
    from spacy.training.converters import conll_ner_to_docs

    text = "-DOCSTART- -X- O O\n\n# lang = fr\nIdlib -X- _ B-LOC\n"
    with pytest.raises(ValueError, match="E177"):  # spaCy reads "fr" as the token's tag: ill-formed IOB
        list(conll_ner_to_docs(text, n_sents=0, no_print=True))


def test_brat_carries_each_documents_language_in_its_folder_and_reads_it_back(two_languages, tmp_path: Path):
    export_corpus(two_languages, ExportOptions("brat", tmp_path / "b", "alice"))
    folder = tmp_path / "b" / "corpus"
    table = (folder / "documents.tsv").read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[:2] for row in table[1:]] == [["1", "fr"], ["2", "en"], ["3", "fr"]]
    assert all(not line.startswith("#") for ann in folder.glob("*.ann") for line in ann.read_text().splitlines())
    langs, errors = _reimported(folder, tmp_path)
    assert langs == ["fr", "en", "fr"] and errors == []  # the table is not named as a stray file


def test_claims_have_a_lang_column_and_stay_spreadsheet_safe(store, tmp_path: Path):
    import csv

    text = "=12 morts selon l'ONU, a déclaré l'OCHA."
    store.import_articles([NewArticle(text=text, title="=fr", lang="fr")])
    store.add_span(Span(1, 1, 3, "FIGURE", annotator="alice"))
    store.set_status(1, "alice", Status.DONE)
    export_corpus(store, ExportOptions("claims", tmp_path / "k", "alice"))
    with (tmp_path / "k" / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:3] == ["document_id", "title", "lang"]
    assert (rows[0]["lang"], rows[0]["title"]) == ("fr", "'=fr")  # OWASP: a formula start is quoted


@pytest.mark.parametrize("fmt, where", [("label-studio", ("data",)), ("doccano", ("meta",)), ("prodigy", ("meta",))])
def test_peer_formats_carry_the_language_where_they_keep_metadata_and_read_back(two_languages, tmp_path: Path,
                                                                                fmt, where):
    report = export_corpus(two_languages, ExportOptions(fmt, tmp_path / fmt, "alice"))
    path = tmp_path / fmt / report.files[0]
    text = path.read_text(encoding="utf-8")
    records = json.loads(text) if fmt == "label-studio" else [json.loads(line) for line in text.splitlines()]
    assert [r[where[0]]["lang"] for r in records] == ["fr", "en", "fr"]
    langs, errors = _reimported(path, tmp_path)
    assert langs == ["fr", "en", "fr"] and errors == []


def test_an_unknown_code_in_a_document_table_is_one_line_naming_the_document_and_the_default_is_used(
        two_languages, tmp_path: Path):
    export_corpus(two_languages, ExportOptions("conll", tmp_path / "c", "alice"))
    table = tmp_path / "c" / "corpus.documents.tsv"
    table.write_text(table.read_text(encoding="utf-8").replace("\n1\tfr\t", "\n1\tklingon\t"), encoding="utf-8")
    langs, errors = _reimported(tmp_path / "c" / "corpus.conll", tmp_path)
    assert langs == ["en", "en", "fr"]  # document 1 (French text): the project default, en
    assert errors == ["corpus.conll: article \"Selon l' ONU , au moins 12 civils ont été tués près d' Idlib\": "
                      "unknown language code 'klingon' (not ISO 639-1); the project default en is used"]


def test_the_refusal_names_the_options_it_concerns_for_each_edge_to_word(two_languages, tmp_path: Path):
    with pytest.raises(ExportError) as refused:
        export_corpus(two_languages, ExportOptions("spacy", tmp_path / "out", "alice"))
    assert refused.value.fields == ("lang", "mixed_languages")
    words = refused.value.worded(lambda name, value: f"<{name}={value}>")
    assert words.endswith("choose one with <lang=fr>, or write them together with <mixed_languages=>")
    assert "--lang fr" in str(refused.value)  # str() is the command line's wording


def test_nothing_to_export_for_a_language_says_what_the_language_left_out_not_only_the_status(store,
                                                                                              tmp_path: Path):
    """The trial's false refusal: English not done, the one done document French, --lang en. The
    refusal said none of the 4 documents was done; it names what each filter left out."""
    store.import_articles([NewArticle(text=EN.replace("12", str(n)), title=f"en{n}", lang="en") for n in (12, 13, 14)]
                          + [NewArticle(text=FR, title="fr", lang="fr")])
    french = next(d for d in store.document_ids("alice") if store.document(d).lang == "fr")
    store.set_status(french, "alice", Status.DONE)
    with pytest.raises(ExportError) as refused:
        export_corpus(store, ExportOptions("spacy", tmp_path / "en", "alice", lang="en"))
    assert str(refused.value) == ("nothing to export: none of the 3 documents in en is done in layer 'alice' (mark "
                                  "documents done, or export all statuses: --status all); 1 document in other "
                                  "languages left out by --lang en")
    with pytest.raises(ExportError) as refused:
        export_corpus(store, ExportOptions("spacy", tmp_path / "ar", "alice", lang="ar", status="all"))
    assert str(refused.value) == ("nothing to export: none of the 4 documents is in ar (choose another language "
                                  "than --lang ar)")
