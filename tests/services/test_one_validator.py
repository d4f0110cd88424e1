"""One validator: what an import refuses, a merge refuses and `check` reports, each in one line."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import NewArticle, Span, Status
from annotator.core.relation import Relation
from annotator.services.check import check_project
from annotator.services.importing import import_paths
from annotator.services.merge import merge_files
from annotator.storage import ProjectStore, relation_store
from tests.helpers.projects import ARTICLE


def laptop(path: Path) -> Path:
    """bob's project: ACTOR "UN", ATTRIBUTION "said", a FIGURE, a SOURCE link; carol has a span too."""
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        said, un, fig = (ARTICLE.index(w) for w in ("said", "UN", "350,000"))
        a = store.add_span(Span(1, said, said + 4, "ATTRIBUTION", annotator="bob"))
        b = store.add_span(Span(1, un, un + 2, "ACTOR", annotator="bob"))
        store.add_span(Span(1, fig, fig + 7, "FIGURE", annotator="bob", attrs={"low": 350000}))
        store.add_span(Span(1, un, un + 2, "ACTOR", annotator="carol"))
        relation_store.add_relation(store, Relation(1, a.id, b.id, "SOURCE", annotator="bob"))
        store.set_status(1, "bob", Status.DONE)
    return path


def craft(path: Path, *statements: str) -> Path:
    """Rows an older version or a hostile colleague could write (constraints and foreign keys off)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


BOB_FIGURE = "(SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'bob' AND label = 'FIGURE')"
CRAFTED = {
    "attribute outside the schema": (f"UPDATE spans SET attrs = '{{\"colour\": \"red\"}}' WHERE id = {BOB_FIGURE}",
                                     "has no attribute 'colour'"),
    "value outside its list": (f"UPDATE spans SET attrs = '{{\"category\": \"slain\"}}' WHERE id = {BOB_FIGURE}",
                               "'slain' is not one of"),
    "number 1e20": (f"UPDATE spans SET attrs = '{{\"low\": 1e20}}' WHERE id = {BOB_FIGURE}", "beyond"),
    "number -1e308": (f"UPDATE spans SET attrs = '{{\"high\": -1e308}}' WHERE id = {BOB_FIGURE}", "beyond"),
    "a 21-digit integer": (f"UPDATE spans SET attrs = '{{\"low\": 100000000000000000000}}' WHERE id = {BOB_FIGURE}",
                           "not valid JSON|beyond"),
    "text where a number goes": (f"UPDATE spans SET attrs = '{{\"low\": \"many\"}}' WHERE id = {BOB_FIGURE}",
                                 "is not a number"),
    "attributes not an object": (f"UPDATE spans SET attrs = '[1, 2]' WHERE id = {BOB_FIGURE}", "not a JSON object"),
    "relation type the schema lacks": ("UPDATE relations SET label = 'BLAMES'", "unknown relation 'BLAMES'"),
    "relation between labels it forbids": (
        f"UPDATE relations SET child_id = {BOB_FIGURE}", "goes from ATTRIBUTION to ACTOR"),
    "self-loop": ("UPDATE relations SET child_id = head_id", "to itself"),
    "dangling end": ("UPDATE relations SET child_id = 9999", "is not a span of this layer"),
    "end in another annotator's layer": (
        "UPDATE relations SET child_id = (SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id"
        " WHERE a.name = 'carol')", "is not a span of this layer"),
    "the same relation twice": (
        "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at, updated_at)"
        " SELECT document_id, annotator_id, head_id, child_id, label, created_at, updated_at FROM relations",
        "appears twice"),
}


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_check_reports_every_row_an_import_would_refuse(tmp_path, case):
    statement, message = CRAFTED[case]
    path = (_duplicate_relation(laptop(tmp_path / "bob.db")) if case == "the same relation twice"
            else craft(laptop(tmp_path / "bob.db"), statement))
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(path), "check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert any(re.search(message, line) for line in lines), lines
    assert all(line.startswith(str(path)) for line in lines)


def _duplicate_relation(path: Path) -> Path:
    """A relations table without its UNIQUE constraint, as a hostile tool could write it, with one link twice."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'relations'").fetchone()[0]
    conn.executescript(
        "ALTER TABLE relations RENAME TO old_relations;"
        + sql.replace(",\n        UNIQUE (head_id, child_id, label)", "") + ";"
        "INSERT INTO relations SELECT * FROM old_relations; DROP TABLE old_relations;"
        "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at, updated_at)"
        " SELECT document_id, annotator_id, head_id, child_id, label, created_at, updated_at FROM relations;")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_a_merge_refuses_the_same_rows_in_one_line_and_changes_nothing(tmp_path, case):
    statement, message = CRAFTED[case]
    source = (_duplicate_relation(laptop(tmp_path / "bob.db")) if case == "the same relation twice"
              else craft(laptop(tmp_path / "bob.db"), statement))
    with ProjectStore(tmp_path / "main.db") as main:
        main.import_articles([NewArticle(text="Another article.", title="x")])
        with pytest.raises(ProjectError) as info:
            merge_files(main, [source])
            assert re.search(message, str(info.value)) and "\n" not in str(info.value)
        assert main.stats()["documents"] == 1 and main.annotators() == []


SCHEMA_ROWS = {
    "attribute name with a newline": "UPDATE label_attributes SET name = 'low\nx' WHERE name = 'low'",
    "choices that are not JSON": "UPDATE label_attributes SET choices = '[\"killed\", ' WHERE name = 'category'",
    "relation type with a newline": "UPDATE relation_types SET name = 'SOURCE\n' WHERE name = 'SOURCE'",
    "relation ends not JSON": "UPDATE relation_types SET head = 'ATTRIBUTION' WHERE name = 'CLAIM'",
}


@pytest.mark.parametrize("case", SCHEMA_ROWS, ids=list(SCHEMA_ROWS))
def test_schema_tables_no_version_writes_are_refused_by_merge_and_reported_by_check(tmp_path, case):
    source = craft(laptop(tmp_path / "bob.db"), "PRAGMA foreign_keys = OFF", SCHEMA_ROWS[case])
    with ProjectStore(tmp_path / "main.db") as main:
        with pytest.raises(ProjectError, match="schema tables") as info:
            merge_files(main, [source])
        assert "\n" not in str(info.value) and main.stats()["documents"] == 0
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(source), "check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "schema tables" in done.stderr, done.stderr


HOSTILE_NUMBERS = [1e20, -1e308, 2 ** 53, -(2 ** 60), 9007199254740993]


@pytest.mark.parametrize("number", HOSTILE_NUMBERS)
def test_an_import_refuses_numbers_json_and_sqlite_do_not_both_hold_exactly(tmp_path, number):
    fig = ARTICLE.index("350,000")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "spans": [{"start": fig, "end": fig + 7, "label": "FIGURE",
                                                            "attrs": {"low": number}}]}) + "\n")
    with ProjectStore(tmp_path / "p.db") as store:
        report = import_paths(store, [path], annotator="alice")
        assert len(report.errors) == 1 and "beyond" in report.errors[0] and "\n" not in report.errors[0]
        assert store.stats()["spans"] == 0


def test_the_largest_exact_number_is_stored_and_exported_exactly(tmp_path):
    fig = ARTICLE.index("350,000")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "spans": [{"start": fig, "end": fig + 7, "label": "FIGURE",
                                                            "attrs": {"low": 2 ** 53 - 1, "high": 2.5e6}}]}) + "\n")
    with ProjectStore(tmp_path / "p.db") as store:
        assert import_paths(store, [path], annotator="alice").errors == []
        [span] = store.spans(1, "alice")
        assert span.attrs["low"] == 2 ** 53 - 1 and span.attrs["high"] == 2500000
        assert check_project(store) == []
