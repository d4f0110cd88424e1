"""`annotator export` from the command line: summary, files, one-line mistakes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.export_corpus import Corpus, build, build_three_languages


@pytest.fixture
def corpus(store, tmp_path: Path) -> Corpus:
    """The export tests' small corpus (tests/export/conftest.py), here for the command line."""
    return build(store, tmp_path / "in")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ}, timeout=180)


def test_export_prints_a_summary_and_writes_data_and_report(corpus: Corpus, tmp_path: Path):
    out = tmp_path / "out"
    r = run("--project", str(corpus.path), "export", "--format", "conll", "--out", str(out),
            "--source", "alice", "--split", "50,25,25", "--seed", "4", "--scheme", "bilou")
    assert r.returncode == 0, r.stderr
    assert "conll export of layer 'alice'" in r.stdout and "skipped 1 document" in r.stdout
    assert "2 spans off token boundaries" in r.stdout and str(out) in r.stdout
    assert sorted(p.name for p in out.iterdir()) == ["dev.conll", "dev.documents.tsv", "report.json", "test.conll",
                                                     "test.documents.tsv", "train.conll", "train.documents.tsv"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["seed"], report["scheme"], report["split"]["train"]) == (4, "bilou", 0.5)


def test_the_only_annotator_is_the_default_source_and_exports_in_the_checkout_go_to_exports(
        corpus: Corpus, tmp_path: Path):
    checkout = tmp_path / "checkout"
    (checkout / "exports").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text('[project]\nname = "conflict-annotator"\n')
    r = run("--project", str(corpus.path), "export", "--format", "jsonl", cwd=checkout)
    assert r.returncode == 0, r.stderr
    [folder] = (checkout / "exports").iterdir()
    assert folder.name.endswith("-jsonl") and (folder / "corpus.jsonl").exists()
    assert json.loads((folder / "report.json").read_text(encoding="utf-8"))["source"] == "alice"


@pytest.mark.parametrize("args, message", [
    (["--split", "80,20"], "--split '80,20': give three numbers"),
    (["--scheme", "bilou"], "--scheme applies to --format conll only"),
    (["--source", "carol"], "has no layer 'carol'"),
    (["--source", "gold"], "none of the 5 documents is adjudicated"),
    (["--strict"], "does not fall on token boundaries"),
])
def test_mistakes_are_one_line_without_traceback(corpus: Corpus, tmp_path: Path, args: list[str], message: str):
    r = run("--project", str(corpus.path), "export", "--format", "spacy", "--out", str(tmp_path / "o"), *args)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert message in r.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_export_help_lists_the_options():
    r = run("export", "--help")
    assert r.returncode == 0
    for option in ("--format", "--out", "--source", "--status", "--split", "--seed", "--scheme", "--strict"):
        assert option in r.stdout


def test_a_claims_export_into_a_spacy_export_folder_is_refused_in_one_line_and_the_spacy_files_stay(
        corpus: Corpus, tmp_path: Path):
    out = tmp_path / "out"
    first = run("--project", str(corpus.path), "export", "--format", "spacy", "--out", str(out), "--source", "alice",
                "--split", "50,25,25")
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    claims = run("--project", str(corpus.path), "export", "--format", "claims", "--out", str(out), "--source", "alice")
    assert claims.returncode != 0 and "Traceback" not in claims.stderr
    [line] = claims.stderr.strip().splitlines()
    assert "holds a spacy export" in line and "claims" in line and str(out) in line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    again = run("--project", str(corpus.path), "export", "--format", "spacy", "--out", str(out), "--source", "alice")
    assert again.returncode == 0, again.stderr  # the same format replaces its previous export
    assert sorted(p.name for p in out.iterdir()) == ["corpus.spacy", "report.json"]


def test_the_command_line_names_its_flags_in_the_refusals_the_dialog_words_as_controls(store, tmp_path: Path):
    """One option check for both edges (tests/ui/dialogs/test_export_dialog.py shows the dialog's words)."""
    build_three_languages(store)
    project = str(store.path)
    mixed = run("--project", project, "export", "--format", "spacy", "--out", str(tmp_path / "o"), "--source", "alice")
    assert mixed.returncode == 2 and len(mixed.stderr.strip().splitlines()) == 1
    assert mixed.stderr.strip().endswith("choose one with --lang en, or write them together with --mixed-languages")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    busy = run("--project", project, "export", "--format", "jsonl", "--out", str(tmp_path / "busy"), "--source", "alice")
    assert busy.returncode == 2 and busy.stderr.strip().endswith("choose a new or empty output folder (--out)")
    nothing = run("--project", project, "export", "--format", "jsonl", "--out", str(tmp_path / "g"), "--source", "gold")
    assert nothing.returncode == 2 and nothing.stderr.strip().endswith("export all statuses: --status all)")
    assert run("--project", project, "export", "--format", "spacy", "--out", str(tmp_path / "fr"), "--source", "alice",
               "--lang", "fr").returncode == 0
