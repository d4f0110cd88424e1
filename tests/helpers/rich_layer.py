"""A rich layer (attributes, notes, unsure, relations, emoji, a span across a line break) and its exports, for round trips."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from annotator.storage import relation_store as rs

FIRST = "At least 21 people were killed in Idlib, the UN said on Monday.\n"
SECOND = "🚀 Rescuers said 12 died\nin Saraqeb, according to the White Helmets."


def _at(text: str, phrase: str, label: str, **extra) -> dict:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label, **extra}


def rich_records() -> list[dict]:
    fig = _at(FIRST, "21", "FIGURE", attrs={"category": "killed"}, note="toll from the UN", unsure=True)
    un = _at(FIRST, "UN", "ACTOR", attrs={"type": "international organisation"})
    said = _at(FIRST, "said", "ATTRIBUTION")
    idlib = _at(FIRST, "Idlib", "LOCATION", attrs={"type": "region or province"})
    rescuers, said2 = _at(SECOND, "Rescuers", "ACTOR"), _at(SECOND, "said", "ATTRIBUTION")
    twelve = _at(SECOND, "12", "FIGURE", attrs={"category": "killed"})
    across = _at(SECOND, "died\nin Saraqeb", "LOCATION")  # crosses a line break on purpose
    return [
        {"text": FIRST, "title": "Idlib", "spans": [fig, un, said, idlib], "relations": [
            {"head_span": said, "child_span": un, "label": "SOURCE"},
            {"head_span": said, "child_span": fig, "label": "CLAIM"}]},
        {"text": SECOND, "title": "Saraqeb", "spans": [rescuers, said2, twelve, across], "relations": [
            {"head_span": said2, "child_span": rescuers, "label": "SOURCE"}]},
    ]


def layer_content(store: ProjectStore, annotator: str) -> dict[str, tuple]:
    """text -> (sorted spans as (start, end, label, attrs, note, unsure), sorted relations by span text)."""
    out = {}
    for doc in store.iter_documents():
        spans = store.spans(doc.id, annotator)
        by_id = {s.id: (s.start, s.end, s.label) for s in spans}
        out[doc.text] = (
            sorted((s.start, s.end, s.label, json.dumps(dict(s.attrs), sort_keys=True), s.note, s.unsure) for s in spans),
            sorted((by_id[r.head_id], r.label, by_id[r.child_id]) for r in rs.relations(store, doc.id, annotator)))
    return out


@pytest.fixture
def rich(tmp_path: Path) -> ProjectStore:
    """A project whose layer alice holds rich_records()."""
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rich_records()), encoding="utf-8")
    with ProjectStore(tmp_path / "rich.annotator.db") as store:
        report = import_paths(store, [path], annotator="alice")
        assert not report.errors, report.errors
        yield store


def export(store: ProjectStore, fmt: str, out: Path) -> Path:
    export_corpus(store, ExportOptions(format=fmt, out=out, source="alice", status="all"))
    return out


@pytest.fixture
def fresh(tmp_path: Path) -> ProjectStore:
    with ProjectStore(tmp_path / "fresh.annotator.db") as store:
        yield store
