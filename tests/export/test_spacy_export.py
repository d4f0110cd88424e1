"""spaCy DocBin export, read back with spaCy's own DocBin and trained on by `spacy train`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from tests.helpers.export_corpus import CRLF, EMOJI, EXAMPLE, SYNDICATED, Corpus


def read(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def by_text(docs: list) -> dict:
    return {d.text: d for d in docs}


def ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_corpus_file_has_every_span_in_sc_and_a_flat_layer_in_ents(corpus: Corpus, tmp_path: Path):
    report = export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "out", "alice"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["corpus.spacy", "report.json"]
    docs = by_text(read(tmp_path / "out" / "corpus.spacy"))
    assert len(docs) == 4 and report.documents["corpus"] == 4  # "Hama" is in progress: skipped
    example = docs[EXAMPLE]
    assert sorted((s.text, s.label_) for s in example.spans["sc"]) == sorted([
        ("350,000", "FIGURE"), ("Some 350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib", "LOCATION"),
        ("Idlib province", "LOCATION"), ("UN", "ACTOR"), ("said", "ATTRIBUTION")])
    # flattening: the longer of two overlapping spans wins
    assert ents(example) == [("Some 350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib province", "LOCATION"),
                             ("UN", "ACTOR"), ("said", "ATTRIBUTION")]
    assert all(t.ent_iob_ in ("B", "I", "O") for t in example)  # outside is "O", not missing
    assert report.flattened_by_label == {"FIGURE": 1, "LOCATION": 1}


def test_emoji_arabic_and_crlf_origin_offsets_land_on_the_right_tokens(corpus: Corpus, tmp_path: Path):
    export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "out", "alice"))
    docs = by_text(read(tmp_path / "out" / "corpus.spacy"))
    assert ents(docs[EMOJI]) == [("Rescuers", "ACTOR"), ("21", "FIGURE"), ("Saraqeb", "LOCATION"),
                                 ("قال", "ATTRIBUTION"), ("21", "FIGURE"), ("إدلب", "LOCATION")]
    lf = CRLF.replace("\r\n", "\n")
    assert lf in docs and "\r" not in "".join(docs)
    assert [(e.text, e.label_) for e in docs[lf].ents] == [
        ("UN", "ACTOR"), ("said", "ATTRIBUTION"), ("40", "FIGURE"), ("Ariha", "LOCATION"),
        ("Rescuers", "ACTOR"), ("12", "FIGURE")]


def test_misaligned_spans_grow_to_their_tokens_and_are_listed(corpus: Corpus, tmp_path: Path):
    report = export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "out", "alice"))
    doc = by_text(read(tmp_path / "out" / "corpus.spacy"))[SYNDICATED]
    assert ("Syrians", "ACTOR") in ents(doc) and ("Idlib", "LOCATION") in ents(doc)
    listed = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["misaligned"]
    assert listed["count"] == report.misaligned_count == 2
    assert {(m["text"], m["exported_as"]["text"]) for m in listed["listed"]} == {("yrians", "Syrians"),
                                                                                 ("Idlib ", "Idlib")}
    assert all(str(corpus.ids["Idlib exodus (AFP)"]) in m["message"] for m in listed["listed"])


def test_split_writes_three_files_and_keeps_a_group_together(corpus: Corpus, tmp_path: Path):
    options = ExportOptions("spacy", tmp_path / "out", "alice", split=(0.5, 0.25, 0.25), seed=3)
    report = export_corpus(corpus.store, options)
    found = {name: [d.text for d in read(tmp_path / "out" / f"{name}.spacy")] for name in ("train", "dev", "test")}
    assert sum(map(len, found.values())) == 4
    assert {name: len(texts) for name, texts in found.items()} == {s: report.documents[s] for s in found}
    [home] = [name for name, texts in found.items() if EXAMPLE in texts]
    assert SYNDICATED in found[home]  # one story from two outlets: never in two splits
    assert not (tmp_path / "out" / "corpus.spacy").exists()


def test_a_layer_with_nothing_done_is_refused_in_one_line(corpus: Corpus, tmp_path: Path):
    from annotator.export import ExportError

    with pytest.raises(ExportError, match="none of the 5 documents is adjudicated"):
        export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "out", "gold"))
    assert not (tmp_path / "out").exists()


def test_spacy_train_runs_on_the_export(corpus: Corpus, tmp_path: Path):
    export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "data", "alice", split=(0.5, 0.25, 0.25)))
    config = tmp_path / "config.cfg"
    run = [sys.executable, "-m", "spacy"]
    made = subprocess.run([*run, "init", "config", str(config), "--lang", "en", "--pipeline", "ner",
                           "--optimize", "efficiency", "--force"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    # dev may be empty in so small a split: evaluate on train, which is enough to prove it reads
    trained = subprocess.run(
        [*run, "train", str(config), "--output", str(tmp_path / "model"),
         "--paths.train", str(tmp_path / "data" / "train.spacy"), "--paths.dev", str(tmp_path / "data" / "train.spacy"),
         "--training.max_steps", "10", "--training.eval_frequency", "5"],
        capture_output=True, text=True, timeout=240)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    nlp = spacy.load(tmp_path / "model" / "model-last")
    assert set(nlp.get_pipe("ner").labels) <= {"ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"}
    assert nlp.get_pipe("ner").labels  # labels came from the exported ents
