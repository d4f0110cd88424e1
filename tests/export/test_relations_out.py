"""Attributes and relations out: spaCy user_data, the claims table, brat standoff."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from spacy.tokens import DocBin

from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.nlp.tokenizer import blank_nlp
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore

TEXT = ("At least 21 people were killed in Idlib, the UN said on Monday.\n"
        "Some 350,000 have fled, according to\nthe ministry. Dozens are missing.")


def at(phrase: str, label: str, **extra) -> dict:
    start = TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label, **extra}


@pytest.fixture
def project(store: ProjectStore, tmp_path: Path) -> ProjectStore:
    fig1, fig2, fig3 = at("21", "FIGURE", attrs={"category": "killed"}), at("350,000", "FIGURE"), at("Dozens", "FIGURE")
    un = at("UN", "ACTOR", attrs={"type": "international organisation"}, note="who\nexactly?", unsure=True)
    un_place = at("UN", "LOCATION", attrs={"type": "other"})
    said, according = at("said", "ATTRIBUTION"), at("according to\nthe", "ATTRIBUTION")
    ministry = at("ministry", "ACTOR", attrs={"type": "government"})
    rel = lambda h, c, label: {"head_span": h, "child_span": c, "label": label}  # noqa: E731
    record = {"text": TEXT, "title": "Idlib", "date": "2020-02-20", "url": "https://example.org/idlib",
              "spans": [fig1, fig2, fig3, un, un_place, said, according, ministry, at("Idlib", "LOCATION")],
              "relations": [rel(said, un, "SOURCE"), rel(said, fig1, "CLAIM"), rel(according, fig2, "CLAIM"),
                            rel(according, ministry, "SOURCE")]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert import_paths(store, [path], annotator="alice").errors == []
    return store


def test_spacy_user_data_keeps_attributes_per_label_and_relations(project, tmp_path):
    export_corpus(project, ExportOptions("spacy", tmp_path / "out", "alice", status="all"))
    [doc] = DocBin().from_disk(tmp_path / "out" / "corpus.spacy").get_docs(blank_nlp().vocab)
    values = {(s.text, s.label_): doc.user_data.get(("annotator", "attrs", s.start_char, s.end_char, s.label_))
              for s in doc.spans["sc"]}
    assert values[("UN", "ACTOR")] == {"type": "international organisation"}
    assert values[("UN", "LOCATION")] == {"type": "other"}  # same range, its own values
    assert values[("21", "FIGURE")] == {"category": "killed", "low": 21, "precision": "at_least"}
    assert values[("Dozens", "FIGURE")] == {"low": 12, "precision": "vague"}
    relations = doc.user_data[("annotator", "relations")]
    by_start = {s.start_char: s.text for s in doc.spans["sc"]}
    assert sorted((by_start[r[0]], r[6], by_start[r[3]]) for r in relations) == [
        ("according to\nthe", "CLAIM", "350,000"), ("according to\nthe", "SOURCE", "ministry"),
        ("said", "CLAIM", "21"), ("said", "SOURCE", "UN")]
    assert len(doc.spans["sc"]) == 9 and len(doc.ents) > 0


def test_claims_table_has_a_row_per_figure_with_cue_source_and_sentence(project, tmp_path):
    export_corpus(project, ExportOptions("claims", tmp_path / "out", "alice", status="all"))
    with (tmp_path / "out" / "claims.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["figure"] for r in rows] == ["21", "350,000", "Dozens"]
    first, second, third = rows
    assert {k: first[k] for k in ("title", "date", "url", "low", "high", "precision", "category", "cue",
                                  "source", "source_type")} == {
        "title": "Idlib", "date": "2020-02-20", "url": "https://example.org/idlib", "low": "21", "high": "",
        "precision": "at_least", "category": "killed", "cue": "said", "source": "UN",
        "source_type": "international organisation"}
    assert first["sentence"] == "At least 21 people were killed in Idlib, the UN said on Monday."
    assert (second["low"], second["precision"], second["cue"], second["source"]) == (
        "350000", "approximate", "according to\nthe", "ministry")
    assert (third["cue"], third["source"], third["source_type"], third["low"]) == ("", "", "", "12")
    assert third["sentence"] == "Dozens are missing."


def test_brat_folder_has_txt_ann_and_conf_that_agree(project, tmp_path):
    export_corpus(project, ExportOptions("brat", tmp_path / "out", "alice", status="all"))
    folder = tmp_path / "out" / "corpus"
    [txt] = folder.glob("*.txt")
    text = txt.read_text(encoding="utf-8")
    assert text == TEXT
    lines = txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines()
    spans = {}
    for line in lines:
        kind = line[0]
        if kind == "T":
            tid, middle, shown = line.split("\t")
            label, ranges = middle.split(" ", 1)
            pieces = [tuple(map(int, r.split())) for r in ranges.split(";")]
            assert shown == " ".join(text[s:e] for s, e in pieces)
            spans[tid] = (label, shown)
    assert ("ATTRIBUTION", "according to the") in spans.values()  # across a line break: two fragments
    tid_of = {v: k for k, v in spans.items()}
    un = tid_of[("ACTOR", "UN")]
    assert f"type {un} international_organisation" in [l.split("\t")[1] for l in lines if l.startswith("A")]
    assert f"unsure {un}" in [l.split("\t")[1] for l in lines if l.startswith("A")]
    assert f"#1\tAnnotatorNotes {un}\twho exactly?" in lines
    relations = {l.split("\t")[1] for l in lines if l.startswith("R")}
    assert f"SOURCE Arg1:{tid_of[('ATTRIBUTION', 'said')]} Arg2:{un}" in relations and len(relations) == 4
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "CLAIM Arg1:ATTRIBUTION, Arg2:FIGURE" in conf
    assert "type Arg:ACTOR|LOCATION, Value:state_forces|" in conf
    assert "low Arg:FIGURE, Value:" in conf and "|350000" in conf
    declared = {l.split()[0]: l for l in conf.split("[attributes]")[1].splitlines() if l.strip()}
    for line in lines:
        if line.startswith("A"):
            parts = line.split("\t")[1].split()
            assert parts[0] in declared
            if len(parts) == 3:
                assert parts[2] in declared[parts[0]].split("Value:")[1].split("|")
    assert "ACTOR bgColor:#" in (folder / "visual.conf").read_text(encoding="utf-8")
    export_corpus(project, ExportOptions("brat", tmp_path / "out", "alice", status="all"))  # replaces the folder
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["corpus", "report.json"]
