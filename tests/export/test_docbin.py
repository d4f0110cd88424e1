"""The streaming DocBin writer writes what spaCy's DocBin reads, the same content as DocBin itself."""
from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin, Span

from annotator.export import docbin
from annotator.export.docbin import ATTRS, DocBinWriter, adler32_combine
from annotator.nlp.tokenizer import blank_nlp

TEXTS = ["Some 350,000 Syrians 🚀 fled Idlib.", "قال المرصد السوري إن 21 مدنياً قتلوا في إدلب.",
         "The UN said\n\n  12 died.", "x"]


def make(count: int) -> list[tuple]:
    """(doc with ents and spans set the spaCy way, ents, span group) for `count` documents."""
    nlp = blank_nlp()
    rng = random.Random(7)
    out = []
    for i in range(count):
        doc = nlp.make_doc(f"{TEXTS[i % len(TEXTS)]} {rng.randint(0, 10**6)}")
        n = len(doc)
        ents = [(0, 1, "ACTOR")] + ([(2, n, "FIGURE")] if n > 2 else [])
        group = [(0, n, "LOCATION"), (0, 1, "ACTOR"), (0, 1, "ACTOR")] if i % 3 else []
        doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
        doc.spans["sc"] = [Span(doc, a, b, label=label) for a, b, label in group]
        out.append((doc, ents, [(a, b, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), lab) for a, b, lab in group]))
    return out


def signature(doc) -> tuple:
    return (doc.text, [t.whitespace_ for t in doc], [(e.start, e.end, e.label_) for e in doc.ents],
            [t.ent_iob_ for t in doc], {k: [(s.start, s.end, s.label_) for s in g] for k, g in doc.spans.items()})


@pytest.mark.parametrize("count", [0, 1, 400])
def test_spacy_reads_back_what_its_own_docbin_would_hold(tmp_path: Path, count: int, monkeypatch):
    monkeypatch.setattr(docbin, "_CHUNK", 2000)  # small chunks: 400 documents cross many of them
    items = make(count)
    writer = DocBinWriter(tmp_path / "x.spacy", ["ACTOR"])
    for doc, ents, group in items:
        writer.add(doc, ents, {"sc": group})
    writer.close()
    vocab = spacy.blank("en").vocab  # a fresh vocab: every string must come from the file
    ours = DocBin().from_disk(tmp_path / "x.spacy")
    theirs = DocBin(attrs=ATTRS, docs=[doc for doc, _, _ in items])
    assert ours.span_groups == theirs.span_groups  # byte for byte what doc.spans.to_bytes() gives
    assert [t.tolist() for t in ours.tokens] == [t.tolist() for t in theirs.tokens]
    assert [signature(d) for d in ours.get_docs(vocab)] == [signature(doc) for doc, _, _ in items]


def test_a_doc_without_span_groups_reads_back_without_any(tmp_path: Path):
    doc = blank_nlp().make_doc("Rescuers said.")
    writer = DocBinWriter(tmp_path / "x.spacy")
    writer.add(doc)
    writer.close()
    [back] = DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("en").vocab)
    assert back.text == "Rescuers said." and dict(back.spans) == {} and [t.ent_iob_ for t in back] == ["O"] * 3


def test_discard_leaves_no_file(tmp_path: Path):
    writer = DocBinWriter(tmp_path / "x.spacy")
    for doc, ents, group in make(3):
        writer.add(doc, ents, {"sc": group})
    writer.discard()
    assert list(tmp_path.iterdir()) == []


def test_adler32_combine_matches_zlib():
    rng = random.Random(1)
    for _ in range(200):
        a, b = rng.randbytes(rng.randint(0, 40)), rng.randbytes(rng.choice([0, 1, 65521, 70000, rng.randint(0, 9)]))
        assert adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_the_export_knows_spacys_attribute_ids_and_string_hashes_without_importing_spacy():
    from spacy.strings import hash_string as spacy_hash
    from spacy.tokens import DocBin

    from annotator.export.docbin import ATTR_IDS, hash_string

    assert list(ATTR_IDS) == DocBin(attrs=ATTRS).attrs
    for text in ("", "ACTOR", "LOCATION", "ATTRIBUTION", "a" * 7, "b" * 8, "c" * 9, "حلب", "Ёлка 🚀", "x" * 100):
        assert hash_string(text) == spacy_hash(text), text
