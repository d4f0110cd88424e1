"""Project files an older version or a hostile colleague could write: bob's laptop, poisoned row by row.

Shared by the validator's tests (check and merge report each row) and repair's (it removes them)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import NewArticle, Span, Status
from annotator.core.relation import Relation
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


def duplicate_relation(path: Path) -> Path:
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


def poisoned(path: Path, case: str) -> Path:
    """bob's laptop at `path` with the crafted row of CRAFTED[case]."""
    if case == "the same relation twice":
        return duplicate_relation(laptop(path))
    return craft(laptop(path), CRAFTED[case][0])
