"""`annotator assign`, `team`, `feedback`, `merge` of bundles and note threads, as a coordinator types them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.services.activity import ActivityRecorder
from annotator.storage import ProjectStore

TEXTS = [f"Story {i}: militants of brigade {i} attacked a checkpoint near Ariha, killing {i + 2} soldiers."
         for i in range(8)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=120)


@pytest.fixture
def main(tmp_path) -> Path:
    path = tmp_path / "main.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=f"Story {i}") for i, t in enumerate(TEXTS)])
    return path


def label_all(path: Path, name: str, phrases: list[tuple[str, str]], done: bool = True) -> None:
    with ProjectStore(path, create=False) as store:
        for doc in store.iter_documents():
            for phrase, label in phrases:
                start = doc.text.index(phrase)
                store.add_span(Span(doc.id, start, start + len(phrase), label, annotator=name))
            if done:
                store.set_status(doc.id, name, Status.DONE)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_assign_work_merge_team_and_feedback(main, tmp_path):
    out = tmp_path / "bundles"
    r = run("--project", str(main), "assign", "--annotators", "ana,ben", "--overlap", "100", "--seed", "3",
            "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "assigned 8 documents (batch 1), 8 of them to 2 annotators each" in r.stdout
    bundles = sorted(out.iterdir())
    assert [p.name for p in bundles] == ["ana-batch1.annotator.db", "ben-batch1.annotator.db"]
    label_all(bundles[0], "ana", [("militants", "ACTOR"), ("Ariha", "LOCATION")])
    label_all(bundles[1], "ben", [("militants of brigade", "ACTOR"), ("Ariha", "LOCATION")])
    with ProjectStore(bundles[0], create=False) as bundle:
        clock = Clock()
        recorder = ActivityRecorder(bundle, "ana", clock=clock)
        recorder.open(1)
        for clock.now in (60.0, 120.0, 400.0, 460.0):  # the 280 s gap is a pause
            recorder.touch()
        recorder.close()
    r = run("--project", str(main), "merge", *map(str, bundles))
    assert r.returncode == 0, r.stderr
    assert "came back: ana: 8 done, 0 in progress, 0 untouched of 8 assigned" in r.stdout
    assert "still out: nothing; every assigned document is done" in r.stdout
    label_all(main, GOLD, [("militants", "ACTOR"), ("Ariha", "LOCATION")])
    r = run("--project", str(main), "team", "--json")
    assert r.returncode == 0, r.stderr
    team = json.loads(r.stdout)
    assert team["ana"]["active_hours"] == round(180 / 3600, 4)
    assert team["ana"]["spans_per_hour"] == round(16 / (180 / 3600), 4)
    assert team["ana"]["agreement"] == {"ben": 0.5} and team["ben"]["shared_documents"] == {"ana": 8}
    assert (team["ana"]["precision"], team["ana"]["recall"]) == (1.0, 1.0)
    assert (team["ben"]["precision"], team["ben"]["recall"]) == (0.5, 0.5)
    assert team["ben"]["active_hours"] == 0 and team["ben"]["spans_per_hour"] is None
    r = run("--project", str(main), "feedback", "--annotator", "ben", "--json")
    fb = json.loads(r.stdout)
    assert fb["totals"] == {"kept": 8, "relabelled": 0, "resized": 8, "removed": 0, "missed": 0}
    assert fb["per_label"]["ACTOR"]["recall"] == 0.0 and fb["per_label"]["LOCATION"]["precision"] == 1.0
    r = run("--project", str(main), "feedback", "--annotator", "ben")
    assert "8 resized" in r.stdout and "ACTOR" in r.stdout
    r = run("--project", str(main), "team")
    assert r.returncode == 0 and "ben 0.50 (8)" in r.stdout


@pytest.mark.parametrize("args,problem", [
    (["--annotators", "ana,gold"], "'gold' is the reviewers' adjudicated layer"),
    (["--annotators", "ana,,ben"], "an annotator name in --annotators is empty"),
    (["--annotators", "ana,ben", "--overlap", "140"], "overlap 140% is outside 0-100"),
    (["--annotators", "ana,ben", "--per-document", "3"], "3 annotators per document, but the team has 2"),
])
def test_bad_assignments_are_one_line(main, tmp_path, args, problem):
    r = run("--project", str(main), "assign", *args, "--out", str(tmp_path / "b"))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and problem in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "b").exists()


def test_a_bundle_merged_into_the_wrong_project_is_refused_in_one_line(main, tmp_path):
    other = tmp_path / "other.db"
    with ProjectStore(other) as store:
        store.import_articles([NewArticle(text=TEXTS[0], title="x")])
    assert run("--project", str(other), "assign", "--annotators", "ana", "--out", str(tmp_path / "o")).returncode == 0
    assert run("--project", str(main), "assign", "--annotators", "ana", "--out", str(tmp_path / "m")).returncode == 0
    r = run("--project", str(main), "merge", str(tmp_path / "o" / "ana-batch1.annotator.db"))
    assert r.returncode == 2 and "another coordinator project" in r.stderr and "ana-batch1" in r.stderr
    assert r.stderr.strip().count("\n") == 0


def test_note_threads_from_the_command_line(main):
    label_all(main, "ana", [("Ariha", "LOCATION")], done=False)
    start = TEXTS[0].index("Ariha")
    span = f"{start}:{start + 5}:LOCATION"
    r = run("--project", str(main), "note-reply", "--document", "1", "--layer", "ana", "--span", span,
            "--author", "rev", "Ariha is a city: use the city type")
    assert r.returncode == 0, r.stderr
    r = run("--project", str(main), "notes", "--document", "1", "--json")
    threads = json.loads(r.stdout)
    assert [(t["layer"], t["span"]["label"], [e["text"] for e in t["replies"]]) for t in threads] == [
        ("ana", "LOCATION", ["Ariha is a city: use the city type"])]
    r = run("--project", str(main), "note-reply", "--document", "1", "--layer", "ana", "--span", "0:3:ACTOR",
            "--author", "rev", "x")
    assert r.returncode == 2 and "'ana' has no span ACTOR [0, 3)" in r.stderr
