from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import NewArticle, Span, Status
from annotator.storage import ProjectStore
from tests.helpers.cli import run
from tests.helpers.projects import ARTICLE, SECOND, THIRD

def make_project(path: Path, annotator: str, spans: dict[str, list[tuple[str, str]]]) -> None:
    """A project file where `annotator` labelled each text with (phrase, label) spans and marked it done."""
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=t.split()[0]) for t in spans])
        for doc in store.iter_documents():
            for phrase, label in spans[doc.text]:
                start = doc.text.index(phrase)
                store.add_span(Span(doc.id, start, start + len(phrase), label, annotator=annotator))
            store.set_status(doc.id, annotator, Status.DONE)


@pytest.fixture
def team(tmp_path):
    """main.db with alice's work; bob.db and carol.db from their laptops."""
    main, bob, carol = tmp_path / "main.db", tmp_path / "bob.db", tmp_path / "carol.db"
    make_project(main, "alice", {ARTICLE: [("Syrians", "ACTOR"), ("Idlib", "LOCATION"), ("said", "ATTRIBUTION")],
                                 SECOND: [("Rebels", "ACTOR"), ("21", "FIGURE")]})
    make_project(bob, "bob", {ARTICLE: [("Syrians", "ACTOR"), ("Idlib province", "LOCATION"),
                                        ("said", "ATTRIBUTION")],
                              SECOND: [("Rebels", "ACTOR"), ("21", "FIGURE")]})
    make_project(carol, "carol", {THIRD: [("Red Cross", "ACTOR")]})  # nobody else labelled this one
    return main, bob, carol


def test_merge_then_agreement_json(team):
    main, bob, carol = team
    r = run("--project", str(main), "merge", str(bob), str(carol))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2 and str(bob) in lines[0] and "2 added" in lines[0]
    r = run("--project", str(main), "agreement", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"pairs", "alpha", "documents"}
    [pair] = data["pairs"]  # carol labelled a document no one else did: no pair figures
    assert set(pair) == {"a", "b", "documents", "exact_f1", "overlap_f1", "token_kappa", "per_label",
                         "attributes", "relations"}
    assert (pair["a"], pair["b"], pair["documents"]) == ("alice", "bob", 2)
    assert pair["exact_f1"] == 0.8 and pair["overlap_f1"] == 1.0  # 4 of 5 spans each side are equal
    assert set(pair["per_label"]) == {"ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"}
    # 23 + 9 tokens; LOCATION "Idlib" vs "Idlib province": (L,L)=1 (O,L)=1 (O,O)=30
    # po = 31/32, pe = (1*2 + 31*30)/32^2 = 932/1024  ->  kappa = (992 - 932) / (1024 - 932) = 60/92
    assert pair["per_label"]["LOCATION"] == {"exact_f1": 0.0, "overlap_f1": 1.0,
                                             "token_kappa": pytest.approx(60 / 92, abs=1e-6)}
    assert pair["per_label"]["ACTOR"]["token_kappa"] == 1.0
    assert isinstance(data["alpha"], float)
    assert [set(d) for d in data["documents"]] == [{"id", "title", "disagreement"}] * 2
    assert data["documents"][0]["title"] == "Some" and data["documents"][0]["disagreement"] > 0
    assert data["documents"][1]["disagreement"] == 0.0


def test_agreement_table_for_people(team):
    main, bob, _ = team
    run("--project", str(main), "merge", str(bob))
    r = run("--project", str(main), "agreement")
    assert r.returncode == 0, r.stderr
    assert "alice / bob" in r.stdout and "Krippendorff's alpha" in r.stdout and "LOCATION" in r.stdout
    assert "most disagreement (of 2 documents labelled by two or more)" in r.stdout


def test_agreement_without_pairs_says_so(team):
    main, _, _ = team
    r = run("--project", str(main), "agreement", "--json")
    assert json.loads(r.stdout) == {"pairs": [], "alpha": None, "documents": []}
    r = run("--project", str(main), "agreement")
    assert r.returncode == 0 and "labelled by two annotators" in r.stdout


def test_merging_twice_reports_nothing_new(team):
    main, bob, _ = team
    run("--project", str(main), "merge", str(bob))
    r = run("--project", str(main), "merge", str(bob))
    assert r.returncode == 0 and "0 new documents" in r.stdout and "0 added, 0 replaced" in r.stdout


def test_refused_merge_is_one_line_and_changes_nothing(team, tmp_path):
    main, bob, _ = team
    not_project = tmp_path / "notes.txt"
    not_project.write_text("just some notes\n" * 50)
    digest = hashlib.sha256(main.read_bytes()).hexdigest()
    r = run("--project", str(main), "merge", str(bob), str(not_project))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"annotator: {not_project}: not a project file (file is not a database)"]
    assert hashlib.sha256(main.read_bytes()).hexdigest() == digest
    with sqlite3.connect(main) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_review_commands_have_help():
    listing = run("--help").stdout
    for cmd in ("merge", "agreement", "adjudicate"):
        assert cmd in listing
        assert run(cmd, "--help").returncode == 0


def test_agreement_table_prints_relations_apart_from_the_attributes(tmp_path):
    """Trial #7: `alice / bob   relations F1 …` sat right under the attributes header, read as an
    attribute row. Relations have their own table; under the attributes header only attributes."""
    from annotator.core.relation import Relation
    from annotator.storage import relation_store as rs

    path = tmp_path / "p.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        [doc] = [d.id for d in store.iter_documents()]
        for who, category in (("alice", "displaced"), ("bob", "killed")):
            spans = {}
            for phrase, label, attrs in (("350,000", "FIGURE", {"category": category}), ("said", "ATTRIBUTION", {})):
                start = ARTICLE.index(phrase)
                spans[label] = store.add_span(Span(doc, start, start + len(phrase), label, annotator=who, attrs=attrs))
            rs.add_relation(store, Relation(doc, spans["ATTRIBUTION"].id, spans["FIGURE"].id, "CLAIM", annotator=who))
            store.set_status(doc, who, Status.DONE)
    r = run("--project", str(path), "agreement")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    relations = lines.index(next(line for line in lines if line.startswith("relations")))
    assert lines[relations].split()[-4:] == ["a", "b", "matched", "F1"]
    assert lines[relations + 1].split() == ["alice", "/", "bob", "1", "1", "1", "1.000"]
    attributes = lines.index(next(line for line in lines if line.startswith("attributes (exact spans)")))
    table = lines[attributes + 1:lines.index("", attributes)]
    assert table[0] == "alice / bob"
    assert table[1].split() == ["FIGURE.category", "1", "0.000", "0.000"]
    assert not any("relations" in line for line in table)
