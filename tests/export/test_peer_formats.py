"""Prodigy, doccano and Label Studio exports: their conventions, read back by us and by Label Studio's converter."""
from __future__ import annotations

import json

import pytest

from annotator.services.importing import import_paths
from tests.helpers.rich_layer import export, fresh, layer_content, rich  # noqa: F401 (fixtures)


def ranges(content: dict) -> dict:
    """Layer content without attributes, notes and flags: what every format carries."""
    return {text: ([s[:3] for s in spans], relations) for text, (spans, relations) in content.items()}


def test_prodigy_export_follows_prodigys_conventions(rich, tmp_path):
    out = export(rich, "prodigy", tmp_path / "out")
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        assert record["answer"] == "accept" and record["_annotator_id"] == "alice"
        tokens = record["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for span in record["spans"]:  # token_end is inclusive: the span ends where its last token ends
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
        for rel in record["relations"]:
            assert rel["head"] == rel["head_span"]["token_end"] and rel["child"] == rel["child_span"]["token_end"]
    first = next(r for r in records if r["text"].startswith("At least"))
    assert {(r["head_span"]["label"], r["label"], r["child_span"]["label"]) for r in first["relations"]} == {
        ("ATTRIBUTION", "SOURCE", "ACTOR"), ("ATTRIBUTION", "CLAIM", "FIGURE")}


def test_prodigy_export_imports_back_into_its_layer_without_naming_it(rich, fresh, tmp_path):
    out = export(rich, "prodigy", tmp_path / "out")
    report = import_paths(fresh, [out / "corpus.jsonl"])
    assert not report.errors, report.errors
    assert layer_content(fresh, "alice") == layer_content(rich, "alice")


def test_doccano_export_uses_entities_and_relations_only_where_there_are_relations(rich, fresh, tmp_path):
    rich.db.execute("DELETE FROM relations WHERE document_id = (SELECT id FROM documents WHERE text LIKE '🚀%')")
    out = export(rich, "doccano", tmp_path / "out")
    records = {json.loads(line)["text"][:2]: json.loads(line)
               for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()}
    with_links, plain = records["At"], records["🚀 "]
    assert set(with_links) >= {"entities", "relations"} and "label" not in with_links
    assert {r["type"] for r in with_links["relations"]} == {"SOURCE", "CLAIM"}
    ids = {e["id"] for e in with_links["entities"]}
    assert all(r["from_id"] in ids and r["to_id"] in ids for r in with_links["relations"])
    assert all(len(triple) == 3 for triple in plain["label"]) and "entities" not in plain
    report = import_paths(fresh, [out / "corpus.jsonl"], annotator="alice")
    assert not report.errors, report.errors
    assert ranges(layer_content(fresh, "alice")) == ranges(layer_content(rich, "alice"))


def test_label_studio_export_imports_back_whole(rich, fresh, tmp_path):
    out = export(rich, "label-studio", tmp_path / "out")
    tasks = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert all(set(t) >= {"id", "data", "annotations"} and "text" in t["data"] for t in tasks)
    report = import_paths(fresh, [out / "corpus.json"], annotator="alice")
    assert not report.errors, report.errors
    assert layer_content(fresh, "alice") == layer_content(rich, "alice")


def test_label_studios_converter_reads_our_export_and_we_read_what_it_writes(rich, fresh, tmp_path):
    converter = pytest.importorskip("label_studio_converter.converter")
    out = export(rich, "label-studio", tmp_path / "out")
    c = converter.Converter(config=str(out / "label_config.xml"), project_dir=str(tmp_path))
    c.convert_to_json_min(str(out / "corpus.json"), str(tmp_path / "min"), is_dir=False)
    records = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    theirs = {r["text"]: sorted((v["start"], v["end"], v["labels"][0]) for v in r["label"]) for r in records}
    ours = {text: sorted(s[:3] for s in spans) for text, (spans, _) in layer_content(rich, "alice").items()}
    assert theirs == ours
    assert all(r["category"] for r in records if "category" in r)  # per-region choices travel too
    report = import_paths(fresh, [tmp_path / "min" / "result.json"], annotator="alice")  # JSON-MIN, by its writer
    assert not report.errors, report.errors
    assert {t: sorted(s[:3] for s in spans) for t, (spans, _) in layer_content(fresh, "alice").items()} == ours
