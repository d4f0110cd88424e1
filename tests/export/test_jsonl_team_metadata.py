"""JSONL export carries note threads (replies per span, document notes) and active time (as provenance)."""
from __future__ import annotations

import json
from pathlib import Path

from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.services import notes
from annotator.storage import team_store as ts
from tests.helpers.export_corpus import Corpus


def test_replies_notes_and_time_travel_in_the_record(corpus: Corpus, tmp_path: Path):
    store, doc = corpus.store, corpus.ids["Saraqeb"]
    span = store.spans(doc, "alice")[0]
    notes.reply(store, doc, "alice", span.key, "rev", "keep the whole name")
    notes.reply(store, doc, "alice", span.key, "alice", "done")
    notes.reply(store, doc, "alice", None, "rev", "the date is in the headline")
    notes.reply(store, doc, "bob", None, "rev", "not alice's: stays out")
    stretch = ts.start_stretch(store, doc, "alice")
    ts.set_stretch_seconds(store, stretch, 95.5)
    ts.set_stretch_seconds(store, ts.start_stretch(store, doc, "bob"), 7)
    export_corpus(store, ExportOptions("jsonl", tmp_path / "out", "alice"))
    recs = {json.loads(line)["title"]: json.loads(line) for line in
            (tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()}
    rec = recs["Saraqeb"]
    first = next(s for s in rec["spans"] if (s["start"], s["end"], s["label"]) == span.key)
    assert [(r["author"], r["text"]) for r in first["replies"]] == [("rev", "keep the whole name"), ("alice", "done")]
    assert all("replies" not in s for s in rec["spans"] if s is not first)
    assert [n["text"] for n in rec["notes"]] == ["the date is in the headline"]
    assert rec["_active_seconds"] == 95.5
    assert all("notes" not in r and "_active_seconds" not in r for t, r in recs.items() if t != "Saraqeb")
