"""brat standoff in: spans, attributes, relations, notes; the text byte for byte; our own export back whole."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.importing import import_paths
from tests.helpers.rich_layer import export, fresh, layer_content, rich  # noqa: F401 (fixtures)

TEXT = "Shelling in Idlib\n\nThe UN said 21 civilians were killed near Idlib.\n"


def brat_folder(tmp_path: Path, ann: str, text: str = TEXT, name: str = "doc1") -> Path:
    folder = tmp_path / "brat"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    (folder / "annotation.conf").write_text("[entities]\nACTOR\n", encoding="utf-8")
    return folder


def pos(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def test_a_brat_folder_brings_spans_attributes_relations_and_notes(store, tmp_path):
    un, said, fig, loc = pos("UN"), pos("said"), pos("21"), pos("Idlib", 1)
    ann = (f"T1\tACTOR {un[0]} {un[1]}\tUN\n"
           f"T2\tATTRIBUTION {said[0]} {said[1]}\tsaid\n"
           f"T3\tFIGURE {fig[0]} {fig[1]}\t21\n"
           f"T4\tLOCATION {loc[0]} {loc[1]}\tIdlib\n"
           "A1\tcategory T3 killed\n"
           "A2\ttype T1 international_organisation\n"
           "M3\tunsure T4\n"
           "R1\tSOURCE Arg1:T2 Arg2:T1\n"
           "R2\tCLAIM Arg1:T2 Arg2:T3\n"
           "#1\tAnnotatorNotes T3\tcivilians only\n"
           "E1\tAttack:T2 Target:T1\n"
           "N1\tReference T4 Wikipedia:123\tIdlib\n")
    report = import_paths(store, [brat_folder(tmp_path, ann)], annotator="alice")
    assert not report.errors, report.errors
    (doc,) = list(store.iter_documents())
    assert doc.text == TEXT  # final newline kept: offsets and hash stay those of the .txt
    (spans, relations), = layer_content(store, "alice").values()
    by_label = {s[2]: s for s in spans}
    assert by_label["FIGURE"][3] == '{"category": "killed", "high": 21, "low": 21, "precision": "exact"}'
    assert by_label["FIGURE"][4] == "civilians only"
    assert by_label["ACTOR"][3] == '{"type": "international organisation"}'
    assert by_label["LOCATION"][5] is True
    assert relations == sorted([((*said, "ATTRIBUTION"), "SOURCE", (*un, "ACTOR")),
                                ((*said, "ATTRIBUTION"), "CLAIM", (*fig, "FIGURE"))])
    summary = report.summary()
    assert "mapped into layer 'alice': 1 document, 4 spans, 5 attributes, 2 relations, 1 note" in summary
    assert "1 brat E (event) lines" in summary and "1 brat N (normalization) lines" in summary


def test_a_discontinuous_span_is_kept_whole_and_counted(store, tmp_path):
    killed, near = pos("killed"), pos("near")
    ann = f"T1\tATTRIBUTION {killed[0]} {killed[1]};{near[0]} {near[1]}\tkilled near\n"
    report = import_paths(store, [brat_folder(tmp_path, ann)], annotator="alice")
    (spans, _), = layer_content(store, "alice").values()
    assert [(s[0], s[1]) for s in spans] == [(killed[0], near[1])]
    assert "1 gaps inside discontinuous brat spans" in report.summary()


def test_a_bad_line_names_file_and_line_and_the_other_documents_import(store, tmp_path):
    folder = brat_folder(tmp_path, "T1\tACTOR 13 x\tUN\n", name="bad")
    brat_folder(tmp_path, f"T1\tACTOR {pos('UN')[0]} {pos('UN')[1]}\tUN\n", name="good")
    report = import_paths(store, [folder], annotator="alice")
    assert report.documents_added == 1 and report.spans_added == 1
    assert len(report.errors) == 1
    assert report.errors[0].startswith(f"{folder / 'bad.ann'}:1: span T1 has offsets that are not numbers")


def test_a_relation_to_a_missing_span_is_one_line(store, tmp_path):
    ann = f"T1\tACTOR {pos('UN')[0]} {pos('UN')[1]}\tUN\nR1\tSOURCE Arg1:T9 Arg2:T1\n"
    report = import_paths(store, [brat_folder(tmp_path, ann)], annotator="alice")
    assert report.documents_added == 0
    assert report.errors == [f"{tmp_path / 'brat' / 'doc1.ann'}:2: relations points to 'T9', which is not a span "
                             "of this file"]


def test_an_ann_file_named_alone_brings_its_text(store, tmp_path):
    folder = brat_folder(tmp_path, f"T1\tACTOR {pos('UN')[0]} {pos('UN')[1]}\tUN\n")
    report = import_paths(store, [folder / "doc1.ann"], annotator="alice")
    assert not report.errors and report.spans_added == 1


def test_unknown_labels_are_refused_by_name_unless_added(store, tmp_path):
    ann = f"T1\tWeapon {pos('Shelling')[0]} {pos('Shelling')[1]}\tShelling\n"
    folder = brat_folder(tmp_path, ann)
    refused = import_paths(store, [folder], annotator="alice")
    assert refused.spans_added == 0 and "unknown label 'Weapon'" in refused.errors[0]
    added = import_paths(store, [folder], annotator="alice", add_labels=True)
    assert not added.errors and added.spans_added == 1 and added.labels_added == ["Weapon"]
    assert "Weapon" in store.label_names()


def test_spans_without_an_annotator_store_nothing_and_say_so(store, tmp_path):
    report = import_paths(store, [brat_folder(tmp_path, f"T1\tACTOR {pos('UN')[0]} {pos('UN')[1]}\tUN\n")])
    assert store.document_count() == 0
    assert "pass --annotator NAME" in report.errors[0]


def test_our_brat_export_imported_again_gives_back_the_layer(rich, fresh, tmp_path):
    folder = export(rich, "brat", tmp_path / "out")
    report = import_paths(fresh, [folder / "corpus"], annotator="alice")
    assert not report.errors, report.errors
    assert layer_content(fresh, "alice") == layer_content(rich, "alice")


@pytest.mark.parametrize("line", ["R1\t", "R1\tSOURCE Arg1:T1", "A1\t", "#1\tAnnotatorNotes", "T2\tACTOR 1 2;3",
                                  "T2\tACTOR -1 2\tx", "T2\t", "A1\ttype T7 media"])
def test_a_hostile_ann_line_is_one_line_never_a_traceback(store, tmp_path, line):
    ann = f"T1\tACTOR {pos('UN')[0]} {pos('UN')[1]}\tUN\n{line}\n"
    report = import_paths(store, [brat_folder(tmp_path, ann)], annotator="alice")
    assert len(report.errors) == 1 and report.errors[0].startswith(str(tmp_path / "brat" / "doc1.ann") + ":2: ")
    assert store.document_count() == 0
