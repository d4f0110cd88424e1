"""The project's schema in its tables: read it, check what a new one would orphan, write it.

Functions take the connection, so the project store's seed can use them as well as the schema
service (which wraps them in one transaction with the change log).
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable, Sequence

from annotator.core.errors import SpanError
from annotator.core.model import Label
from annotator.core.schema import AttributeDef, RelationType, Schema, SchemaError
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.core.wording import plural


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema stored in the project file."""
    return schema_from_rows(
        conn.execute("SELECT name, colour, key, description, guideline FROM labels ORDER BY position, name"),
        conn.execute("SELECT label, name, type, choices FROM label_attributes ORDER BY label, position, name"),
        conn.execute("SELECT name, head, child, key FROM relation_types ORDER BY position, name"),
        conn.execute("SELECT phrase, value FROM vague_quantities ORDER BY value, phrase"))


def schema_from_rows(labels: Iterable[Sequence[Any]], attributes: Iterable[Sequence[Any]],
                     relations: Iterable[Sequence[Any]], vague: Iterable[Sequence[Any]]) -> Schema:
    """A schema from the rows of its tables (this project's, or another file's before a merge), checked
    as strictly as a schema file: SchemaError naming the first row that is not what this version writes."""
    try:
        label_values = tuple(Label(*_texts(row[:5], "label")) for row in labels)
        by_label: dict[str, list[AttributeDef]] = {}
        for row in attributes:
            label, name, kind = _texts(row[:3], "attribute")
            by_label.setdefault(label, []).append(AttributeDef(name, kind, tuple(_json_texts(row[3], f"{label}.{name}"))))
        relation_values = tuple(RelationType(*_texts(row[:1], "relation type"),
                                             tuple(_json_texts(row[1], f"relation {row[0]!r} head")),
                                             tuple(_json_texts(row[2], f"relation {row[0]!r} child")),
                                             *_texts(row[3:4], "relation key")) for row in relations)
        return Schema(label_values, {k: tuple(v) for k, v in by_label.items()}, relation_values,
                      {row[0]: row[1] for row in vague})
    except (SchemaError, SpanError) as exc:  # the value objects' own checks
        text = str(exc)
        raise SchemaError(text if text.startswith("the schema tables") else f"the schema tables: {text}") from None


def _texts(values: Sequence[Any], what: str) -> list[str]:
    if not all(isinstance(v, str) for v in values):
        raise SchemaError(f"the schema tables hold a {what} whose fields are not all text: {list(values)!r:.120}")
    return list(values)


def _json_texts(text: Any, what: str) -> list[str]:
    try:
        value = strict_loads(text) if isinstance(text, str) else None
    except StrictJSONError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"the schema tables hold {what} that is not a JSON list of text: {text!r:.80}")
    return value


def orphans(conn: sqlite3.Connection, schema: Schema) -> list[str]:
    """What stored work `schema` would leave without a definition, one phrase each (empty: none);
    the same phrase for many values is said once, with the count of spans or relations it covers."""
    counts: dict[str, list[int]] = {}  # phrase -> [count], in the order found
    for label, n in conn.execute("SELECT label, count(*) FROM spans GROUP BY label"):
        if schema.label(label) is None:
            counts.setdefault(f"labelled {label}, which the new schema lacks", [0, 0])[0] += n
    rows = conn.execute(
        "SELECT s.label, j.key, j.value, j.type, count(*) FROM spans s, json_each(s.attrs) j"
        " WHERE json_valid(s.attrs) AND json_type(s.attrs) = 'object' GROUP BY s.label, j.key, j.value, j.type")
    for label, name, value, kind, n in rows:
        if schema.label(label) is None:
            continue  # counted above
        value = bool(value) if kind in ("true", "false") else value
        try:
            schema.check_attrs(label, {name: value})
        except SpanError as exc:
            counts.setdefault(str(exc), [0, 0])[0] += n
    if _has_relations(conn):
        for name, head, child, n in conn.execute(
                "SELECT r.label, h.label, c.label, count(*) FROM relations r JOIN spans h ON h.id = r.head_id"
                " JOIN spans c ON c.id = r.child_id GROUP BY r.label, h.label, c.label"):
            try:
                schema.check_relation(name, head, child)
            except SpanError as exc:
                counts.setdefault(str(exc), [0, 0])[1] += n
    return [", ".join(x for x in (plural(spans, "span") if spans else "", plural(links, "relation") if links else "")
                      if x) + ("" if phrase.startswith("labelled") else ":") + f" {phrase}"
            for phrase, (spans, links) in counts.items()]


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
