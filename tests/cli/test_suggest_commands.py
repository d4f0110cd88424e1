"""`annotator suggest`, `train` and `evaluate` as a user runs them."""
from __future__ import annotations

import hashlib
import json

from tests.helpers.cli import run
from tests.helpers.projects import make_labelled_project


def test_suggest_json_one_object_per_document(tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 14, done=12)
    r = run("--project", str(path), "suggest", "--source", "rules", "--documents", "todo", "--annotator", "bob",
            "--json")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) == 14 and set(lines[0]) == {"document", "sha256", "title", "spans"}
    first = lines[0]
    assert first["title"] == "article 0"
    assert {s["label"] for s in first["spans"]} == {"FIGURE", "ATTRIBUTION"}
    assert all(s["source"] == "rules" and s["end"] > s["start"] for s in first["spans"])
    r = run("--project", str(path), "stats", "--json")
    assert json.loads(r.stdout)["by_annotator"] == {"alice": 56}  # suggestions are no layer


def test_suggest_reports_counts_and_sha256_matches_the_text(tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 3, done=1)
    r = run("--project", str(path), "suggest", "--source", "memory", "--json")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["document"] for d in lines] == [2, 3]  # todo: nobody has done them
    from annotator.storage import ProjectStore

    with ProjectStore(path) as store:
        text = store.document(2).text
    assert lines[0]["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    r = run("--project", str(path), "suggest", "--source", "rules", "--documents", "all")
    assert r.returncode == 0 and r.stdout.startswith("3 documents: ") and "from rules" in r.stdout


def test_model_without_training_and_training_too_few_are_one_line(tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 5)
    r = run("--project", str(path), "suggest", "--source", "model")
    assert r.returncode == 2 and "no trained model yet" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run("--project", str(path), "train", "--source", "alice")
    assert r.returncode == 2 and "has 5 labelled documents; training needs at least 10" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_train_then_evaluate_json(tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 12)
    r = run("--project", str(path), "train", "--source", "alice", "--epochs", "1")
    assert r.returncode == 0, r.stderr
    assert "held out" in r.stdout and "overall" in r.stdout
    r = run("--project", str(path), "evaluate", "--predicted", "rules", "--against", "alice", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data["per_label"]["FIGURE"]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert data["per_label"]["FIGURE"]["f1"] == 1.0 and data["overlap"]["overall"]["tp"] >= 24
    r = run("--project", str(path), "evaluate", "--predicted", "model", "--against", "alice")
    assert r.returncode == 0 and "trained on 'alice'" in r.stderr and "overall" in r.stdout
    r = run("--project", str(path), "evaluate", "--predicted", "nobody", "--against", "alice")
    assert r.returncode == 2 and "no layer called 'nobody'" in r.stderr


def test_all_sources_without_a_model_uses_rules_and_memory_and_says_so(tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 3, done=1)
    assert "is shared" in run("--project", str(path), "memory", "--share", "on").stdout  # alice's strings for all
    r = run("--project", str(path), "suggest", "--json")
    assert r.returncode == 0 and "no trained model yet" in r.stderr
    sources = {s["source"] for line in r.stdout.splitlines() for s in json.loads(line)["spans"]}
    assert sources == {"rules", "memory"}
