"""Exports every reader takes: column-position readers, seqeval's strict BILOU, odd tokens, odd spans."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from annotator.core.model import NewArticle, Span, Status
from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.storage import ProjectStore
from tests.helpers.export_corpus import Corpus
from tests.helpers.spacy_readers import convert, token_ents


def conll2003_loader(path: Path) -> list[dict[str, list[str]]]:
    """What the conll2003 dataset loader does with a file: split each line on " ", take columns by position."""
    examples, current = [], {"tokens": [], "pos_tags": [], "chunk_tags": [], "ner_tags": []}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-") or line == "" or line == "\n":
                if current["tokens"]:
                    examples.append(current)
                    current = {"tokens": [], "pos_tags": [], "chunk_tags": [], "ner_tags": []}
            else:
                splits = line.split(" ")
                current["tokens"].append(splits[0])
                current["pos_tags"].append(splits[1])
                current["chunk_tags"].append(splits[2])
                current["ner_tags"].append(splits[3].rstrip())
    if current["tokens"]:
        examples.append(current)
    return examples


def test_a_column_position_reader_gets_every_token_and_tag(corpus: Corpus, tmp_path: Path):
    export_corpus(corpus.store, ExportOptions("conll", tmp_path / "out", "alice"))
    export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "spacy", "alice"))
    examples = conll2003_loader(tmp_path / "out" / "corpus.conll")
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(tmp_path / "spacy" / "corpus.spacy").get_docs(spacy.blank("en").vocab))
    tokens = [t for e in examples for t in e["tokens"]]
    tags = [t for e in examples for t in e["ner_tags"]]
    assert tokens == [t.text for d in docs for t in d if not t.is_space]
    expected = [(f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ != "O" else "O") for d in docs for t in d
                if not t.is_space]
    assert tags == expected and sum(t.startswith("B-") for t in tags) == 24
    assert {p for e in examples for p in e["pos_tags"]} == {"-X-"}
    assert {c for e in examples for c in e["chunk_tags"]} == {"_"}


def test_seqeval_strict_bilou_reads_adjacent_single_token_entities_apart(store: ProjectStore, tmp_path: Path):
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    from seqeval.scheme import BILOU

    text = "UN Syrians said."  # two single-token entities side by side: U-ACTOR U-ACTOR
    store.import_articles([NewArticle(text=text, title="adjacent")])
    [doc] = store.summaries("alice")
    for start, end in ((0, 2), (3, 10)):
        store.add_span(Span(doc.id, start, end, "ACTOR", annotator="alice"))
    store.set_status(doc.id, "alice", Status.DONE)
    export_corpus(store, ExportOptions("conll", tmp_path / "out", "alice", scheme="bilou"))
    [example] = conll2003_loader(tmp_path / "out" / "corpus.conll")
    assert example["ner_tags"] == ["U-ACTOR", "U-ACTOR", "O", "O"]
    with pytest.warns(UserWarning, match="U-ACTOR"):  # the default reader knows no U-: one entity of two
        assert len(seqeval.get_entities(example["ner_tags"])) == 1
    from seqeval.scheme import Entities

    entities = Entities([example["ner_tags"]], BILOU).entities[0]
    assert [(e.tag, e.start, e.end) for e in entities] == [("ACTOR", 0, 1), ("ACTOR", 1, 2)]


def test_a_docstart_token_inside_an_article_is_listed(store: ProjectStore, tmp_path: Path):
    text = "The log read -DOCSTART- before 21 people died.\nThen -DOCSTART-, again."
    store.import_articles([NewArticle(text=text, title="odd")])
    [doc] = store.summaries("alice")
    store.add_span(Span(doc.id, text.index("21"), text.index("21") + 2, "FIGURE", annotator="alice"))
    store.set_status(doc.id, "alice", Status.DONE)
    report = export_corpus(store, ExportOptions("conll", tmp_path / "out", "alice"))
    written = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    listed = written["docstart_tokens"]["listed"]
    assert [(d["document_id"], d["start"], d["text"]) for d in listed] == [
        (doc.id, text.index("-DOCSTART-"), "-DOCSTART-"), (doc.id, text.rindex("-DOCSTART-"), "-DOCSTART-")]
    assert "2 tokens starting with -DOCSTART-" in report.summary()
    [back] = convert(tmp_path / "out" / "corpus.conll", tmp_path / "converted")  # spaCy still reads one Doc
    assert token_ents(back) == [(("21",), "FIGURE")]
    jsonl = export_corpus(store, ExportOptions("jsonl", tmp_path / "jsonl", "alice"))
    assert json.loads((tmp_path / "jsonl" / "report.json").read_text())["docstart_tokens"] is None
    assert "DOCSTART" not in jsonl.summary()


def test_report_messages_quote_span_text_exactly(store: ProjectStore, tmp_path: Path):
    text = "Rescuers said 21\tpeople  died in\nIdlib today."
    store.import_articles([NewArticle(text=text, title="spaces")])
    [doc] = store.summaries("alice")
    start = text.index("21")
    store.add_span(Span(doc.id, start, text.index("people") + 3, "FIGURE", annotator="alice"))  # "21\tpeo"
    store.add_span(Span(doc.id, text.index("in\n") + 1, text.index("Idlib") + 3, "LOCATION", annotator="alice"))
    store.set_status(doc.id, "alice", Status.DONE)
    export_corpus(store, ExportOptions("conll", tmp_path / "out", "alice"))
    listed = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["misaligned"]["listed"]
    messages = [m["message"] for m in listed]
    assert '"21\\tpeo" does not fall on token boundaries' in messages[0]
    assert '(its tokens are [14, 23) "21\\tpeople")' in messages[0]
    assert '"n\\nIdl" does not fall' in messages[1] and '(its tokens are [30, 38) "in\\nIdlib")' in messages[1]


def test_jsonl_gives_a_whitespace_only_span_no_token_range(store: ProjectStore, tmp_path: Path):
    text = "Rescuers said  21 died."
    store.import_articles([NewArticle(text=text, title="gap")])
    [doc] = store.summaries("alice")
    gap = text.index("  ")
    store.add_span(Span(doc.id, gap, gap + 2, "FIGURE", annotator="alice"))  # only whitespace
    store.add_span(Span(doc.id, 0, 8, "ACTOR", annotator="alice"))
    store.set_status(doc.id, "alice", Status.DONE)
    export_corpus(store, ExportOptions("jsonl", tmp_path / "out", "alice"))
    [record] = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text().splitlines()]
    ranges = {(s["start"], s["end"]): (s["token_start"], s["token_end"]) for s in record["spans"]}
    assert ranges == {(gap, gap + 2): (None, None), (0, 8): (0, 1)}
