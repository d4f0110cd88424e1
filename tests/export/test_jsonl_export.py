"""JSON Lines export: lossless, and `annotator import` reads it back unchanged."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.core.model import Span, Status
from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from tests.helpers.export_corpus import SYNDICATED, Corpus


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def layer(store: ProjectStore, annotator: str) -> dict[str, tuple]:
    """sha256 -> (text, title, meta, spans) of every document, to compare two projects."""
    out = {}
    for doc in store.iter_documents():
        spans = tuple((s.start, s.end, s.label) for s in store.spans(doc.id, annotator))
        out[doc.sha256] = (doc.text, doc.title, dict(doc.meta), spans)
    return out


def test_records_carry_text_metadata_and_every_span(corpus: Corpus, tmp_path: Path):
    corpus.store.add_span(Span(corpus.ids["Idlib exodus"], 0, 4, "FIGURE", annotator="alice", note="qualifier?"))
    export_corpus(corpus.store, ExportOptions("jsonl", tmp_path / "out", "alice"))
    recs = {r["title"]: r for r in records(tmp_path / "out" / "corpus.jsonl")}
    assert set(recs) == {"Idlib exodus", "Idlib exodus (AFP)", "Saraqeb", "Ariha"}
    first = recs["Idlib exodus"]
    assert first["meta"] == {"group": "idlib-story", "url": "https://example.org/1", "file": "articles.jsonl"}
    assert len(first["spans"]) == 8  # overlaps kept: jsonl is not flattened
    some = next(s for s in first["spans"] if s["note"])
    assert first["spans"][some.pop("id")]["note"] == "qualifier?"  # the span's number in the record
    assert some == {"start": 0, "end": 4, "token_start": 0, "token_end": 1, "label": "FIGURE",
                    "annotator": "alice", "note": "qualifier?", "unsure": False, "attrs": {},
                    "provenance": {}}
    cut = next(s for s in recs["Idlib exodus (AFP)"]["spans"] if s["label"] == "ACTOR")
    assert SYNDICATED[cut["start"]:cut["end"]] == "yrians"  # stored offsets kept, tokens grown
    assert (cut["token_start"], cut["token_end"]) == (2, 3)


def test_annotator_import_reads_the_export_back_unchanged(corpus: Corpus, tmp_path: Path):
    export_corpus(corpus.store, ExportOptions("jsonl", tmp_path / "out", "alice", status="all"))
    fresh = tmp_path / "fresh.annotator.db"
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(fresh), "import",
                           str(tmp_path / "out" / "corpus.jsonl"), "--annotator", "alice"],
                          capture_output=True, text=True, timeout=120, env={**os.environ})
    assert done.returncode == 0, done.stderr
    with ProjectStore(fresh, create=False) as back:
        assert layer(back, "alice") == layer(corpus.store, "alice")


def test_line_separators_inside_a_text_stay_inside_one_record(store: ProjectStore, tmp_path: Path):
    text = "Rescuers said\u2028 21 died\x85 in Hama\u2029 today."
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": text, "spans": [{"start": 0, "end": 8, "label": "ACTOR"}]}) + "\n",
                      encoding="utf-8")
    import_paths(store, [source], annotator="alice")
    [doc] = store.iter_documents()
    store.set_status(doc.id, "alice", Status.DONE)
    export_corpus(store, ExportOptions("jsonl", tmp_path / "out", "alice"))
    exported = (tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8")
    assert len(exported.splitlines()) == 1  # str.splitlines() splits on all three
    assert json.loads(exported)["text"] == text
