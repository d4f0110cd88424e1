"""`annotator adjudicate --unanimous`: every unanimous unit into gold, as review mode's A, with provenance."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import GOLD, Status
from annotator.storage import ProjectStore
from tests.helpers.cli import run
from tests.helpers.projects import ARTICLE, SECOND, THIRD, layered_project


def _project(tmp_path: Path) -> Path:
    return layered_project(tmp_path / "team.db", [
        ("Idlib", ARTICLE, {"alice": [("Syrians", "ACTOR"), ("Idlib", "LOCATION"), ("UN", "ACTOR")],
                            "bob": [("Syrians", "ACTOR"), ("Idlib province", "LOCATION"), ("UN", "ACTOR")]}),
        ("Rebels", SECOND, {"alice": [("Rebels", "ACTOR"), ("21", "FIGURE")],
                            "bob": [("Rebels", "ACTOR"), ("21", "FIGURE")]}),
        ("Red Cross", THIRD, {"carol": [("Red Cross", "ACTOR")]}),  # one annotator: not adjudicated
    ])


def _gold(path: Path) -> dict[str, list[tuple[str, str]]]:
    with ProjectStore(path) as store:
        return {d.title: [(s.label, d.text[s.start:s.end]) for s in store.spans(d.id, GOLD)]
                for d in store.iter_documents()}


def test_unanimous_units_go_into_gold_with_provenance_and_counts(tmp_path):
    path = _project(tmp_path)
    r = run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"reviewer": "rita", "documents": 2, "units_accepted": 4, "adjudicated": 1,
                                    "still_open": 1}
    assert r.stderr == ""
    gold = _gold(path)
    assert gold["Idlib"] == [("ACTOR", "Syrians"), ("ACTOR", "UN")]  # Idlib / Idlib province stays open
    assert gold["Rebels"] == [("ACTOR", "Rebels"), ("FIGURE", "21")] and gold["Red Cross"] == []
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT action, reviewer, agreed FROM decisions").fetchall()
        statuses = dict(conn.execute("SELECT d.title, st.status FROM statuses st JOIN documents d ON d.id ="
                                     " st.document_id JOIN annotators a ON a.id = st.annotator_id"
                                     " WHERE a.name = 'gold'").fetchall())
    assert rows == [("unanimous", "rita", '["alice", "bob"]')] * 4
    assert statuses == {"Idlib": "in_progress", "Rebels": "done"}
    again = run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita")
    assert again.stdout.strip() == ("2 documents labelled by two or more annotators; 0 unanimous units accepted "
                                    "into gold by rita; 1 document adjudicated, 1 still open")


def test_a_reopened_unit_is_accepted_only_when_unanimous_again(tmp_path):
    path = _project(tmp_path)
    run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita")
    with ProjectStore(path) as store:
        doc = next(d for d in store.iter_documents() if d.title == "Rebels")
        [bobs] = [s for s in store.spans(doc.id, "bob") if s.label == "FIGURE"]
        store.update_span(bobs, label="ACTOR")  # bob's late relabel reopens the unit
        assert store.status(doc.id, GOLD) is Status.IN_PROGRESS
    r = run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita", "--json")
    assert json.loads(r.stdout)["units_accepted"] == 0 and json.loads(r.stdout)["adjudicated"] == 0
    exported = run("--project", str(path), "export", "--format", "jsonl", "--out", str(tmp_path / "out"))
    assert exported.returncode != 0 and "none of the 3 documents is adjudicated" in exported.stderr
    with ProjectStore(path) as store:
        [alices] = [s for s in store.spans(doc.id, "alice") if s.label == "FIGURE"]
        store.update_span(alices, label="ACTOR")  # alice agrees now: unanimous again
    r = run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita", "--json")
    assert json.loads(r.stdout)["units_accepted"] == 1 and json.loads(r.stdout)["adjudicated"] == 1
    assert ("ACTOR", "21") in _gold(path)["Rebels"] and ("FIGURE", "21") not in _gold(path)["Rebels"]


def test_a_reviewer_who_annotated_is_warned(tmp_path):
    path = _project(tmp_path)
    r = run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", "alice")
    assert r.returncode == 0
    assert r.stderr.strip() == ("annotator: warning: reviewer 'alice' is also an annotator of 2 documents to "
                                "adjudicate (their own layer is among the versions judged); review under another "
                                "name if that is not meant")


def test_missing_project_is_one_line(tmp_path):
    r = run("--project", str(tmp_path / "none.db"), "adjudicate", "--unanimous")
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1 and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("name", ["gold", "  "])
def test_a_reviewer_name_that_is_no_person_is_refused_in_one_line(tmp_path, name):
    path = _project(tmp_path)
    r = run("--project", str(path), "adjudicate", "--unanimous", "--reviewer", name)
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0
