"""Schema use cases: show the project's schema, replace it from JSON, rename a label.

Each change is one transaction with its change-log entry, and is refused, naming them, if it
would leave spans, attribute values or relations without a definition.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.errors import SpanError
from annotator.core.model import Label
from annotator.core.schema import Schema, SchemaError
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.storage import ProjectStore
from annotator.storage.schema_store import orphans, rename_label as _rename_rows, write_schema


_MAX_SCHEMA_CHARS = 5_000_000  # labels, guidelines and values of any real project fit many times over


def schema_json(store: ProjectStore) -> dict[str, Any]:
    """The project's schema as `annotator schema show --json` prints it."""
    return store.schema().to_json()


def read_schema_file(path: str | Path, store: ProjectStore) -> Schema:
    """A schema from a JSON file; fields left out keep the project's current values."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        if len(text) > _MAX_SCHEMA_CHARS:
            raise SchemaError(f"{path}: {len(text):,} characters is more than a schema file holds "
                              f"(at most {_MAX_SCHEMA_CHARS:,})")
        data = strict_loads(text)  # no NaN, integers of at most 19 digits, nesting of at most 64 levels
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read it ({exc.strerror})") from None
    except (UnicodeDecodeError, StrictJSONError) as exc:
        raise SchemaError(f"{path}: not a JSON schema ({exc})") from None
    try:
        return Schema.from_json(data, store.schema())
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}") from None


def set_schema(store: ProjectStore, schema: Schema, annotator: str = "") -> Schema:
    """Make `schema` the project's, in one transaction; SchemaError naming what it would orphan.
    A change that passes the check is preceded by a backup of the project as it was."""
    if not orphans(store.db.conn, schema):
        store.backup("before-schema-change")
    with store.transaction():
        problems = orphans(store.db.conn, schema)  # again, under the write lock
        if problems:
            raise SchemaError("schema not changed: " + "; ".join(problems))
        write_schema(store.db.conn, schema)
        store.log(annotator, "schema_set", schema=schema.to_json())
    return store.schema()


def rename_label(store: ProjectStore, old: str, new: str, annotator: str = "") -> int:
    """Rename label `old` to `new`, its spans, attributes and relation ends; returns spans renamed."""
    try:
        Label(new, "#000000")  # the same name rules as any label
    except SpanError as exc:
        raise SchemaError(str(exc)) from None
    store.schema().renamed(old, new)  # refuses an unknown or taken name before anything is written
    store.backup("before-schema-change")
    with store.transaction():
        renamed = store.schema().renamed(old, new)
        count = _rename_rows(store.db.conn, old, new, renamed)
        store.log(annotator, "rename_label", old=old, new=new, spans=count)
    return count
