"""CoNLL export, read back by spaCy's own `ner` converter: the same entities as the spaCy export."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from tests.helpers.export_corpus import Corpus
from tests.helpers.spacy_readers import convert, token_ents


@pytest.mark.parametrize("scheme", ["iob2", "bilou"])
def test_spacy_converter_yields_exactly_the_exported_entities(corpus: Corpus, tmp_path: Path, scheme: str):
    export_corpus(corpus.store, ExportOptions("conll", tmp_path / "conll", "alice", scheme=scheme))
    export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "spacy", "alice"))
    converted = convert(tmp_path / "conll" / "corpus.conll", tmp_path / "converted")
    exported = list(DocBin().from_disk(tmp_path / "spacy" / "corpus.spacy").get_docs(spacy.blank("en").vocab))
    assert len(converted) == len(exported) == 4  # one Doc per -DOCSTART-, in the same order
    for ours, back in zip(exported, converted):
        assert [t.text for t in back] == [t.text for t in ours if not t.is_space]  # whitespace tokens left out
        assert token_ents(back) == token_ents(ours)
    assert sum(len(d.ents) for d in converted) == 24


def test_layout_docstart_blank_lines_and_tags(corpus: Corpus, tmp_path: Path):
    export_corpus(corpus.store, ExportOptions("conll", tmp_path / "iob", "alice"))
    export_corpus(corpus.store, ExportOptions("conll", tmp_path / "bilou", "alice", scheme="bilou"))
    iob = (tmp_path / "iob" / "corpus.conll").read_text(encoding="utf-8")
    bilou = (tmp_path / "bilou" / "corpus.conll").read_text(encoding="utf-8")
    assert iob.count("-DOCSTART- -X- O O\n\n") == 4 and "\r" not in iob
    lines = iob.splitlines()
    assert all(line.split()[1:3] == ["-X-", "_"] and len(line.split()) == 4
               for line in lines if line and not line.startswith("-DOCSTART-"))
    iob, bilou = (text.replace(" -X- _ ", " ") for text in (iob, bilou))  # token and tag, to read below
    assert "Idlib B-LOCATION\nprovince I-LOCATION\n" in iob
    assert "Idlib B-LOCATION\nprovince L-LOCATION\n" in bilou and "Syrians U-ACTOR\n" in bilou
    assert "Syrians B-ACTOR\n" in iob and not any(t.startswith(("U-", "L-")) for t in iob.split())
    # a sentence break by punctuation and by the CRLF-origin line break of the headline
    assert "Ariha O\nshelling O\n\nThe O\nUN B-ACTOR\n" in iob
    assert ". O\n\nRescuers B-ACTOR\n" in iob


def test_a_sentence_never_ends_inside_an_entity(store, tmp_path: Path):
    from annotator.core.model import Span, Status
    from annotator.services.importing import import_paths

    text = "The monitor said fighting in Idlib.\nProvince and nearby towns went on."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    import_paths(store, [path])
    [summary] = store.summaries("alice")
    start = text.index("Idlib")
    store.add_span(Span(summary.id, start, text.index(" and"), "LOCATION", annotator="alice"))
    store.set_status(summary.id, "alice", Status.DONE)
    export_corpus(store, ExportOptions("conll", tmp_path / "out", "alice"))
    conll = (tmp_path / "out" / "corpus.conll").read_text(encoding="utf-8").replace(" -X- _ ", " ")
    assert "Idlib B-LOCATION\n. I-LOCATION\nProvince I-LOCATION\nand O\n" in conll
    [back] = convert(tmp_path / "out" / "corpus.conll", tmp_path / "converted")
    assert token_ents(back) == [(("Idlib", ".", "Province"), "LOCATION")]
