"""The output folder rules and report.json."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from annotator import __version__
from annotator.core.errors import AlignmentError
from annotator.export import ExportError, ExportOptions
from annotator.export.output import default_out
from annotator.export.run import export_corpus
from tests.helpers.export_corpus import Corpus


def test_report_says_what_was_exported_and_what_was_left_out(corpus: Corpus, tmp_path: Path):
    options = ExportOptions("conll", tmp_path / "out", "alice", split=(0.5, 0.25, 0.25), seed=11, scheme="bilou")
    export_corpus(corpus.store, options)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert (report["format"], report["source"], report["status"], report["seed"], report["scheme"]) == (
        "conll", "alice", "done", 11, "bilou")
    assert report["split"] == {"train": 0.5, "dev": 0.25, "test": 0.25}
    assert report["labels"] == ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
    assert report["tool"]["annotator"] == __version__ and report["tool"]["spacy"]
    assert datetime.fromisoformat(report["created_at"])
    assert report["files"] == ["train.conll", "dev.conll", "test.conll",  # and each one's languages
                               "train.documents.tsv", "dev.documents.tsv", "test.documents.tsv"]
    assert report["documents"]["total"] == 4 == sum(report["documents"][s] for s in ("train", "dev", "test"))
    assert sum(sum(c.values()) for c in report["spans"].values()) == 26
    assert sum(sum(c.values()) for c in report["entities"].values()) == 24
    assert report["skipped"] == {"total": 1, "reasons": {"not done (in_progress)": 1}}
    assert report["misaligned"]["count"] == 2 and len(report["misaligned"]["listed"]) == 2
    assert report["flattened"]["count"] == 2 == 26 - 24
    assert report["flattened"]["by_label"] == {"FIGURE": 1, "LOCATION": 1}
    assert "longest" in report["flattened"]["rule"]


def test_a_folder_with_other_files_is_refused_in_one_line(corpus: Corpus, tmp_path: Path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    with pytest.raises(ExportError) as err:
        export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "out", "alice"))
    assert "not empty" in str(err.value) and "--out" in str(err.value) and "\n" not in str(err.value)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt"]


def test_a_previous_export_is_replaced_whole(corpus: Corpus, tmp_path: Path):
    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions("spacy", out, "alice", split=(0.5, 0.25, 0.25)))
    export_corpus(corpus.store, ExportOptions("spacy", out, "alice"))
    assert sorted(p.name for p in out.iterdir()) == ["corpus.spacy", "report.json"]
    (out / "extra.csv").write_text("x")
    with pytest.raises(ExportError, match="extra.csv"):
        export_corpus(corpus.store, ExportOptions("spacy", out, "alice"))


@pytest.mark.parametrize("first, then", [("spacy", "jsonl"), ("jsonl", "claims"), ("conll", "brat"),
                                         ("brat", "label-studio")])
def test_an_export_of_another_format_is_refused_and_the_previous_one_stays(corpus: Corpus, tmp_path: Path,
                                                                            first: str, then: str):
    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions(first, out, "alice"))
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(ExportError) as err:
        export_corpus(corpus.store, ExportOptions(then, out, "alice"))
    message = str(err.value)
    assert "\n" not in message and f"holds a {first} export" in message and "--out" in message
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_report_without_its_format_is_no_marker(corpus: Corpus, tmp_path: Path):
    """report.json is the marker every export writes; one that does not say its format replaces nothing."""
    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions("jsonl", out, "alice"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    del report["format"]
    (out / "report.json").write_text(json.dumps(report), encoding="utf-8")
    with pytest.raises(ExportError, match="holds no previous export"):
        export_corpus(corpus.store, ExportOptions("jsonl", out, "alice"))
    assert (out / "corpus.jsonl").exists()


def test_the_dialogs_folder_follows_a_folder_named_after_the_format(tmp_path: Path):
    from annotator.services.exporting import folder_for_format

    assert folder_for_format("/x/exports/20260101-120000-spacy", "spacy", "claims") == "/x/exports/20260101-120000-claims"
    assert folder_for_format("/x/exports/spacy/run1", "spacy", "label-studio") == "/x/exports/label-studio/run1"
    assert folder_for_format("/x/data_conll", "conll", "jsonl") == "/x/data_jsonl"
    assert folder_for_format("/x/my-data", "spacy", "jsonl") == "/x/my-data"  # the user's own name stays
    assert folder_for_format("/x/spacyish", "spacy", "jsonl") == "/x/spacyish"


def test_a_failed_export_leaves_the_previous_one_and_no_partial_file(corpus: Corpus, tmp_path: Path):
    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions("spacy", out, "alice"))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(AlignmentError, match="yrians"):
        export_corpus(corpus.store, ExportOptions("spacy", out, "alice", strict=True))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_out_must_be_a_folder(corpus: Corpus, tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "file", "alice"))


def test_unknown_layer_names_the_choices(corpus: Corpus, tmp_path: Path):
    with pytest.raises(ExportError, match="no layer 'carol'.*alice, gold"):
        export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "out", "carol"))


def test_status_all_exports_documents_in_progress_too(corpus: Corpus, tmp_path: Path):
    report = export_corpus(corpus.store, ExportOptions("jsonl", tmp_path / "out", "alice", status="all"))
    assert report.documents["corpus"] == 5 and not report.skipped


def test_gold_exports_only_adjudicated_documents(corpus: Corpus, tmp_path: Path):
    from tests.helpers.export_corpus import add_gold

    add_gold(corpus.store, corpus.ids["Ariha"], [(0, 5, "LOCATION")])
    add_gold(corpus.store, corpus.ids["Saraqeb"], [(2, 10, "ACTOR")], done=False)
    report = export_corpus(corpus.store, ExportOptions("jsonl", tmp_path / "out", "gold"))
    [record] = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert record["title"] == "Ariha" and [(s["label"], s["annotator"]) for s in record["spans"]] == [
        ("LOCATION", "gold")]
    assert report.skipped == {"not adjudicated (todo)": 3, "not adjudicated (in_progress)": 1}


def test_default_out_is_exports_in_a_checkout_else_the_user_export_folder(tmp_path: Path, user_folders: Path):
    when = datetime(2026, 3, 1, 9, 30, 5)
    (tmp_path / "exports").mkdir()
    assert default_out("spacy", tmp_path, when).parent != tmp_path / "exports"  # no pyproject: not a checkout
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "something-else"\n')
    assert default_out("spacy", tmp_path, when).parent != tmp_path / "exports"
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "conflict-annotator"\n')
    assert default_out("spacy", tmp_path, when) == tmp_path / "exports" / "20260301-093005-spacy"
    elsewhere = default_out("conll", tmp_path / "exports", when)
    assert elsewhere.name == "20260301-093005-conll" and str(user_folders) in str(elsewhere)


def test_progress_counts_up_to_the_total_and_a_stop_leaves_nothing(corpus: Corpus, tmp_path: Path):
    from annotator.export.run import ExportCancelled

    seen: list[tuple[int, int]] = []
    export_corpus(corpus.store, ExportOptions("jsonl", tmp_path / "a", "alice"), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    asked: list[int] = []

    def stop_at_the_fourth() -> bool:  # three documents are written before the stop
        asked.append(1)
        return len(asked) == 4

    with pytest.raises(ExportCancelled, match="nothing was written"):
        export_corpus(corpus.store, ExportOptions("spacy", tmp_path / "b", "alice"), should_stop=stop_at_the_fourth)
    assert len(asked) == 4 and list((tmp_path / "b").iterdir()) == []


def test_a_brat_export_is_replaced_but_a_file_the_user_put_in_its_folder_is_not_deleted(corpus: Corpus,
                                                                                         tmp_path: Path):
    """Replacing removes the whole folder: a file inside brat's folder that the export did not write stops it."""
    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions("brat", out, "alice"))
    (out / "corpus" / ".stats_cache").write_bytes(b"brat's own")  # what the brat server writes when it opens it
    export_corpus(corpus.store, ExportOptions("brat", out, "alice"))  # replaced: every file is the export's
    (out / "corpus" / "tools.conf").write_text("my brat setup")
    with pytest.raises(ExportError) as err:
        export_corpus(corpus.store, ExportOptions("brat", out, "alice"))
    assert "tools.conf" in str(err.value) and "\n" not in str(err.value)
    assert (out / "corpus" / "tools.conf").read_text() == "my brat setup"


def test_a_label_studio_export_replaces_the_previous_one_with_its_label_config(corpus: Corpus, tmp_path: Path):
    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions("label-studio", out, "alice"))
    report = export_corpus(corpus.store, ExportOptions("label-studio", out, "alice"))
    assert report.files == ["corpus.json", "label_config.xml"]
    assert sorted(p.name for p in out.iterdir()) == ["corpus.json", "label_config.xml", "report.json"]


def test_an_output_folder_that_is_a_link_is_exported_into_and_stays_a_link(corpus: Corpus, tmp_path: Path):
    real, link = tmp_path / "real", tmp_path / "latest"
    export_corpus(corpus.store, ExportOptions("jsonl", real, "alice"))
    link.symlink_to(real)
    for _ in range(2):
        export_corpus(corpus.store, ExportOptions("jsonl", link, "alice"))
        assert link.is_symlink() and link.resolve() == real.resolve()
        assert sorted(p.name for p in real.iterdir()) == ["corpus.jsonl", "report.json"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # nothing left beside it


@pytest.mark.parametrize("report", [
    {"format": "../../etc/passwd\nTraceback (most recent call last):", "files": []},
    {"format": "jsonl", "files": "c"},  # a string: its letters are no file names
    {"format": "jsonl", "files": {"c": 1}},
    ["format", "jsonl"],
])
def test_a_crafted_report_is_refused_in_one_line_and_nothing_is_deleted(corpus: Corpus, tmp_path: Path, report):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text(json.dumps(report), encoding="utf-8")
    (out / "c").write_text("mine")  # the user's, whatever the crafted report says
    with pytest.raises(ExportError) as err:
        export_corpus(corpus.store, ExportOptions("jsonl", out, "alice"))
    assert "\n" not in str(err.value) and "--out" in str(err.value)
    assert sorted(p.name for p in out.iterdir()) == ["c", "report.json"]


def test_a_report_json_that_is_a_fifo_is_refused_at_once(corpus: Corpus, tmp_path: Path):
    """Reading a FIFO would block forever (the dialog checks the folder on every keystroke)."""
    import os
    import threading

    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "report.json")
    found: list[BaseException] = []

    def run() -> None:
        try:
            export_corpus(corpus.store, ExportOptions("jsonl", out, "alice"))
        except ExportError as exc:
            found.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # unblock the reader so the test process can end
        with open(out / "report.json", "w"):
            pass
        worker.join(5)
        pytest.fail("the export blocked reading a FIFO named report.json")
    assert found and "holds no previous export" in str(found[0])
