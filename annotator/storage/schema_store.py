"""The project's schema in its tables: read it, check what a new one would orphan, write it.

Functions take the connection, so the project store's seed can use them as well as the schema
service (which wraps them in one transaction with the change log).
"""
from __future__ import annotations

import json
import sqlite3

from annotator.core.errors import SpanError
from annotator.core.model import Label
from annotator.core.schema import AttributeDef, RelationType, Schema
from annotator.core.wording import plural


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema stored in the project file."""
    labels = tuple(Label(*row) for row in conn.execute(
        "SELECT name, colour, key, description, guideline FROM labels ORDER BY position, name"))
    attributes: dict[str, list[AttributeDef]] = {}
    for label, name, kind, choices in conn.execute(
            "SELECT label, name, type, choices FROM label_attributes ORDER BY label, position, name"):
        attributes.setdefault(label, []).append(AttributeDef(name, kind, tuple(json.loads(choices))))
    relations = tuple(RelationType(name, tuple(json.loads(head)), tuple(json.loads(child)), key)
                      for name, head, child, key in conn.execute(
                          "SELECT name, head, child, key FROM relation_types ORDER BY position, name"))
    vague = dict(conn.execute("SELECT phrase, value FROM vague_quantities ORDER BY value, phrase").fetchall())
    return Schema(labels, {k: tuple(v) for k, v in attributes.items()}, relations, vague)


def orphans(conn: sqlite3.Connection, schema: Schema) -> list[str]:
    """What stored work `schema` would leave without a definition, one phrase each (empty: none)."""
    problems = [f"{plural(n, 'span')} labelled {label}, which the new schema lacks"
                for label, n in conn.execute("SELECT label, count(*) FROM spans GROUP BY label")
                if schema.label(label) is None]
    rows = conn.execute(
        "SELECT s.label, j.key, j.value, j.type, count(*) FROM spans s, json_each(s.attrs) j"
        " GROUP BY s.label, j.key, j.value, j.type")
    for label, name, value, kind, n in rows:
        if schema.label(label) is None:
            continue  # counted above
        value = bool(value) if kind in ("true", "false") else value
        try:
            schema.check_attrs(label, {name: value})
        except SpanError as exc:
            problems.append(f"{plural(n, 'span')}: {exc}")
    if _has_relations(conn):
        for name, head, child, n in conn.execute(
                "SELECT r.label, h.label, c.label, count(*) FROM relations r JOIN spans h ON h.id = r.head_id"
                " JOIN spans c ON c.id = r.child_id GROUP BY r.label, h.label, c.label"):
            try:
                schema.check_relation(name, head, child)
            except SpanError as exc:
                problems.append(f"{plural(n, 'relation')}: {exc}")
    return problems


def write_schema(conn: sqlite3.Connection, schema: Schema) -> None:
    """Make the tables hold `schema`: rows updated in place, so spans and relations keep their references."""
    names = schema.label_names
    conn.execute(f"DELETE FROM labels WHERE name NOT IN ({_marks(names)})", names)
    conn.execute("UPDATE labels SET key = '', position = position + 100000")  # no clash while keys move
    for position, label in enumerate(schema.labels):
        conn.execute(
            "INSERT INTO labels (name, colour, key, description, guideline, position) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET colour = excluded.colour, key = excluded.key,"
            " description = excluded.description, guideline = excluded.guideline, position = excluded.position",
            (label.name, label.colour, label.key, label.description, label.guideline, position))
    conn.execute("DELETE FROM label_attributes")
    conn.executemany("INSERT INTO label_attributes VALUES (?, ?, ?, ?, ?)", [
        (label, a.name, a.type, json.dumps(list(a.values), ensure_ascii=False), i)
        for label, attrs in schema.attributes.items() for i, a in enumerate(attrs)])
    relation_names = [r.name for r in schema.relations]
    conn.execute(f"DELETE FROM relation_types WHERE name NOT IN ({_marks(relation_names)})", relation_names)
    for position, r in enumerate(schema.relations):
        conn.execute(
            "INSERT INTO relation_types VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            " head = excluded.head, child = excluded.child, key = excluded.key, position = excluded.position",
            (r.name, json.dumps(list(r.head)), json.dumps(list(r.child)), r.key, position))
    conn.execute("DELETE FROM vague_quantities")
    conn.executemany("INSERT INTO vague_quantities VALUES (?, ?)", list(schema.vague.items()))


def rename_label(conn: sqlite3.Connection, old: str, new: str, schema: Schema) -> int:
    """Rename a label and its spans (ON UPDATE CASCADE); `schema` is the renamed one. Returns spans renamed.

    Renaming is not a change of anyone's work: adjudicated documents stay adjudicated."""
    settled = conn.execute(
        "SELECT document_id, annotator_id FROM statuses WHERE status = 'done'"
        " AND annotator_id = (SELECT id FROM annotators WHERE name = 'gold')").fetchall()
    count = conn.execute("SELECT count(*) FROM spans WHERE label = ?", (old,)).fetchone()[0]
    conn.execute("UPDATE labels SET name = ? WHERE name = ?", (new, old))
    write_schema(conn, schema)
    conn.executemany("UPDATE statuses SET status = 'done' WHERE document_id = ? AND annotator_id = ?", settled)
    return count


def _has_relations(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'relations'").fetchone() is not None


def _marks(items: list[str]) -> str:
    return ",".join("?" * len(items)) if items else "NULL"
