"""Import of span attributes, notes, flags and relations (Prodigy, doccano, ours); export gives them back."""
from __future__ import annotations

import json
from pathlib import Path

from annotator.core.model import Status
from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from annotator.storage import relation_store as rs

TEXT = "At least 21 people were killed, the UN said on Monday."


def at(phrase: str, label: str, **extra) -> dict:
    start = TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label, **extra}


def jsonl(tmp_path: Path, *records: dict, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def links(store: ProjectStore, annotator: str = "alice") -> list[tuple[str, str, str]]:
    out = []
    for doc in store.iter_documents():
        spans = {s.id: doc.text[s.start:s.end] for s in store.spans(doc.id, annotator)}
        out += sorted((spans[r.head_id], r.label, spans[r.child_id]) for r in rs.relations(store, doc.id, annotator))
    return out


def test_prodigy_style_relations_and_span_extras(store, tmp_path):
    fig = at("21", "FIGURE", attrs={"category": "killed"}, note="toll", unsure=True)
    un, said = at("UN", "ACTOR", attrs={"type": "international organisation"}), at("said", "ATTRIBUTION")
    record = {"text": TEXT, "spans": [fig, un, said], "relations": [
        {"head": 7, "child": 1, "head_span": said, "child_span": un, "label": "SOURCE"},
        {"head_span": said, "child_span": fig, "label": "CLAIM"}]}
    report = import_paths(store, [jsonl(tmp_path, record)], annotator="alice")
    assert report.errors == [] and report.relations_added == 2
    [doc] = store.iter_documents()
    by_label = {s.label: s for s in store.spans(doc.id, "alice")}
    # the record gave a category but no numbers: the FIGURE's numbers are read, qualifier included
    assert dict(by_label["FIGURE"].attrs) == {"category": "killed", "low": 21, "precision": "at_least"}
    assert (by_label["FIGURE"].note, by_label["FIGURE"].unsure) == ("toll", True)
    assert by_label["ACTOR"].attrs["type"] == "international organisation"
    assert links(store) == [("said", "CLAIM", "21"), ("said", "SOURCE", "UN")]


def test_doccano_and_our_own_style(store, tmp_path):
    doccano = {"text": TEXT, "entities": [
        {"id": 11, **{k.replace("start", "start_offset").replace("end", "end_offset") if k in ("start", "end") else k: v
                      for k, v in at("UN", "ACTOR").items()}},
        {"id": 12, "start_offset": TEXT.index("said"), "end_offset": TEXT.index("said") + 4, "label": "ATTRIBUTION"}],
        "relations": [{"id": 1, "from_id": 12, "to_id": 11, "type": "SOURCE"}]}
    ours = {"text": TEXT + " Again.", "spans": [at("21", "FIGURE", id="a"), at("said", "ATTRIBUTION", id="b")],
            "relations": [{"head": "b", "child": "a", "label": "CLAIM"}]}
    report = import_paths(store, [jsonl(tmp_path, doccano, ours)], annotator="alice")
    assert report.errors == []
    assert links(store) == [("said", "SOURCE", "UN"), ("said", "CLAIM", "21")]


def test_a_bad_record_is_one_line_and_nothing_of_it_is_stored(store, tmp_path):
    good = {"text": "Rescuers said.", "spans": [{"start": 0, "end": 8, "label": "ACTOR"}]}
    bad_value = {"text": TEXT, "spans": [at("21", "FIGURE", attrs={"category": "slain"})]}
    forbidden = {"text": TEXT + " 1", "spans": [at("UN", "ACTOR"), at("said", "ATTRIBUTION")],
                 "relations": [{"head_span": at("UN", "ACTOR"), "child_span": at("said", "ATTRIBUTION"),
                                "label": "SOURCE"}]}
    missing_end = {"text": TEXT + " 2", "spans": [at("said", "ATTRIBUTION", id=1)],
                   "relations": [{"head": 1, "child": 9, "label": "SOURCE"}]}
    unknown_attr = {"text": TEXT + " 3", "spans": [at("UN", "ACTOR", attrs={"colour": "blue"})]}
    bad_note = {"text": TEXT + " 4", "spans": [at("UN", "ACTOR", note=5)]}
    path = jsonl(tmp_path, good, bad_value, forbidden, missing_end, unknown_attr, bad_note)
    report = import_paths(store, [path], annotator="alice")
    assert len(report.errors) == 5, report.errors
    assert all(e.count("\n") == 0 and str(path) in e for e in report.errors)
    joined = "\n".join(report.errors)
    assert f"{path}:2: span 1 [9, 11) FIGURE: FIGURE attribute 'category': 'slain' is not one of" in joined
    assert f"{path}:3: relation 1 (SOURCE) from span [" in joined
    assert "ATTRIBUTION: relation SOURCE goes from ATTRIBUTION to ACTOR, not from ACTOR to ATTRIBUTION" in joined
    assert f"{path}:4: relation 1 (SOURCE): its child span id 9 is not one of the record's spans" in joined
    assert "has no attribute 'colour'" in joined and "note" in joined
    assert [d.title for d in store.iter_documents()] == ["Rescuers said."]
    assert store.stats()["spans"] == 1


def test_reimport_keeps_an_annotators_correction_of_read_numbers(store, tmp_path):
    path = jsonl(tmp_path, {"text": TEXT, "spans": [at("21", "FIGURE")]})
    import_paths(store, [path], annotator="alice")
    [doc] = store.iter_documents()
    [span] = store.spans(doc.id, "alice")
    store.update_span(span, attrs={"low": 21, "high": 25, "precision": "range"})
    import_paths(store, [path], annotator="alice")
    assert dict(store.spans(doc.id, "alice")[0].attrs) == {"low": 21, "high": 25, "precision": "range"}


def test_offsets_of_relations_move_with_crlf_like_spans(store, tmp_path):
    text = "Line one.\r\nThe UN said 21 died."
    un, said = text.index("UN"), text.index("said")
    record = {"text": text, "spans": [{"start": un, "end": un + 2, "label": "ACTOR"},
                                      {"start": said, "end": said + 4, "label": "ATTRIBUTION"}],
              "relations": [{"head_span": {"start": said, "end": said + 4, "label": "ATTRIBUTION"},
                             "child_span": {"start": un, "end": un + 2, "label": "ACTOR"}, "label": "SOURCE"}]}
    report = import_paths(store, [jsonl(tmp_path, record)], annotator="alice")
    assert report.errors == []
    assert links(store) == [("said", "SOURCE", "UN")]


def test_export_import_export_gives_the_same_file(store, tmp_path):
    fig = at("21", "FIGURE", attrs={"category": "killed"}, note="toll", unsure=True)
    said, un = at("said", "ATTRIBUTION"), at("UN", "ACTOR", attrs={"type": "international organisation"})
    records = [{"text": TEXT, "title": "One", "url": "https://example.org/1", "spans": [fig, un, said],
                "relations": [{"head_span": said, "child_span": un, "label": "SOURCE"},
                              {"head_span": said, "child_span": fig, "label": "CLAIM"}]},
               {"text": "Dozens fled Idlib.", "title": "Two", "spans": [{"start": 0, "end": 6, "label": "FIGURE"}]}]
    import_paths(store, [jsonl(tmp_path, *records)], annotator="alice")
    first = tmp_path / "first"
    export_corpus(store, ExportOptions("jsonl", first, "alice", status="all"))
    with ProjectStore(tmp_path / "second.db") as second:
        report = import_paths(second, [first / "corpus.jsonl"], annotator="alice")
        assert report.errors == []
        export_corpus(second, ExportOptions("jsonl", tmp_path / "again", "alice", status="all"))
    once = (first / "corpus.jsonl").read_text(encoding="utf-8")
    assert once == (tmp_path / "again" / "corpus.jsonl").read_text(encoding="utf-8")
    exported = json.loads(once.splitlines()[0])
    assert exported["relations"][0] == {"head": 2, "child": 0, "label": "CLAIM",
                                        "head_span": said, "child_span": {k: fig[k] for k in ("start", "end", "label")}}
    assert exported["spans"][0]["attrs"] == {"category": "killed", "low": 21, "precision": "at_least"}
    assert json.loads(once.splitlines()[1])["spans"][0]["attrs"] == {"low": 12, "precision": "vague"}


def test_hostile_relation_records_are_one_line_each(store, tmp_path):
    un, said = at("UN", "ACTOR", id=1), at("said", "ATTRIBUTION", id=2)
    bad = [
        {"text": TEXT + " a", "spans": [un, said], "relations": {"head": 2}},
        {"text": TEXT + " b", "spans": [un, said], "relations": ["SOURCE"]},
        {"text": TEXT + " c", "spans": [un, said], "relations": [{"head": 2, "child": 1}]},
        {"text": TEXT + " d", "spans": [un, said], "relations": [{"child": 1, "label": "SOURCE"}]},
        {"text": TEXT + " e", "spans": [un, said], "relations": [{"head_span": {"start": 0}, "child": 1,
                                                                   "label": "SOURCE"}]},
        {"text": TEXT + " f", "spans": [un, {**said, "id": 1}], "relations": [{"head": 1, "child": 1,
                                                                              "label": "SOURCE"}]},
        {"text": TEXT + " g", "spans": [un, said], "relations": [{"head": 2, "child": 1, "label": "SAYS"}]},
        {"text": TEXT + " h", "spans": [{**un, "attrs": ["type"]}]},
        {"text": TEXT + " i", "spans": [{**un, "unsure": "yes"}]},
        {"text": TEXT + " j", "relations": [{"head": 2, "child": 1, "label": "SOURCE"}]},
    ]
    path = jsonl(tmp_path, *bad)
    report = import_paths(store, [path], annotator="alice")
    assert len(report.errors) == len(bad), report.errors
    assert all("\n" not in e and f"{path}:" in e for e in report.errors)
    joined = "\n".join(report.errors)
    for phrase in ("not a list", "is not an object", "has no \"label\"", "has no head", "not one of the record's",
                   "given to two spans", "unknown relation 'SAYS'", "\"attrs\" that is not an object",
                   "\"unsure\" that is not true or false"):
        assert phrase in joined, phrase
    assert store.document_count() == 0


def test_brat_keeps_one_line_per_annotation_whatever_the_text(store, tmp_path):
    text = "Tab\there and\u2028a line separator: 21 died."
    path = jsonl(tmp_path, {"text": text, "spans": [{"start": 0, "end": 8, "label": "ACTOR", "note": "a\tb\nc"},
                                                    {"start": 3, "end": 4, "label": "LOCATION"}]})
    import_paths(store, [path], annotator="alice")
    export_corpus(store, ExportOptions("brat", tmp_path / "out", "alice", status="all"))
    [ann] = (tmp_path / "out" / "corpus").glob("*.ann")
    lines = ann.read_text(encoding="utf-8").split("\n")[:-1]
    assert all(line.count("\t") == 2 for line in lines), lines
    assert lines[0] == "T1\tACTOR 0 3;4 8\tTab here"
    assert lines[1] == "#1\tAnnotatorNotes T1\ta b c"
    assert lines[2] == "T2\tLOCATION 3 4\t "
