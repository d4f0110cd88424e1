"""Checking another project file before a merge: everything it brings is validated as strictly as an import.

A merged file is input from outside, like an imported JSONL file: its annotator names are
normalised by the same rule as a name typed here (so "gold " or "gold\\x00" is the gold layer,
and never merged), its labels and schema tables must be what this version writes, its
statuses and metadata too; and every layer (spans, attributes, relations and their ends) is
checked by the one validator (core.validation) against the schema this project will have after
the merge. The first problem refuses the whole file with one line; nothing is written.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from annotator.core.errors import ProjectError, SpanError
from annotator.core.languages import language_code
from annotator.core.model import Label, Status, is_gold, normalise_name, text_sha256
from annotator.core.provenance import LEGACY_ATTRIBUTE, split_legacy
from annotator.core.schema import Schema, SchemaError
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.core.validation import LayerSpan, layer_problems
from annotator.storage.schema_store import schema_from_rows

SourceProject = Any  # annotator.storage.merge.SourceProject, which imports this module

_STATUSES = {s.value for s in Status}


def check_source(src: SourceProject) -> None:
    """Validate and normalise `src` in place; raises ProjectError naming the file and the problem."""
    where = str(src.path)
    try:
        _check_labels(src)
        names = _normalise_annotators(src)
        _check_documents(src)
        _check_layers(src, names)
    except SpanError as exc:
        raise ProjectError(f"{where}: {exc}; nothing was merged") from None


def _check_labels(src: SourceProject) -> None:
    seen: set[str] = set()
    for row in src.labels:
        if not all(isinstance(v, str) for v in row):
            raise SpanError(f"label {row[0]!r} has a field that is not text")
        label = Label(*row)  # the same rules as a label made here: name, #rrggbb colour, one key
        if label.name in seen:
            raise SpanError(f"label {label.name!r} is declared twice")
        seen.add(label.name)


def _normalise_annotators(src: SourceProject) -> dict[str, str]:
    """Raw name in the file -> the name as this project stores it; two raw names for one person refused."""
    names: dict[str, str] = {}
    for raw in src.annotators:
        name = normalise_name(raw)
        clash = next((r for r, n in names.items() if n == name), None)
        if clash is not None:
            raise SpanError(f"annotators {clash!r} and {raw!r} are the same name once normalised")
        names[raw] = name
    src.annotators = list(names.values())
    src.spans = {(doc, names[raw]): rows for (doc, raw), rows in src.spans.items()}
    src.span_ids = {(doc, names[raw]): rows for (doc, raw), rows in src.span_ids.items()}
    src.relations = {(doc, names[raw]): rows for (doc, raw), rows in src.relations.items() if raw in names}
    src.statuses = {(doc, names[raw]): row for (doc, raw), row in src.statuses.items()}
    src.times = _normalised_times(src.times, set(names.values()))
    return names


def _normalised_times(times: dict[tuple[int, Any], Any], known: set[str]) -> dict[tuple[int, str], str]:
    """Layer times by normalised name, for the file's annotators only (the change log may name
    someone no longer in the file: no layer of theirs to merge)."""
    out: dict[tuple[int, str], str] = {}
    for (doc, raw), at in times.items():
        try:
            name = normalise_name(raw)
        except SpanError:
            continue
        if name not in known:
            continue
        if not isinstance(at, str):
            raise SpanError(f"document {doc}, layer {name!r}: change time {at!r} is not a time stamp")
        out[(doc, name)] = max(out.get((doc, name), at), at)
    return out


def _check_documents(src: SourceProject) -> None:
    for doc, (sha, text, title, source, meta, imported_at, lang) in src.documents.items():
        what = f"document {doc}"
        if not isinstance(text, str) or not text.strip():
            raise SpanError(f"{what} has no text")
        if sha != text_sha256(text):
            raise SpanError(f"{what}: its sha256 does not match its text")
        if not all(isinstance(v, str) for v in (title, source, imported_at)):
            raise SpanError(f"{what}: title, source and import time must be text")
        if not isinstance(strict_json(meta, f"{what}: metadata"), dict):
            raise SpanError(f"{what}: metadata is not a JSON object")
        if not isinstance(lang, str) or language_code(lang) != lang:  # it names a spaCy module to load: only a code this version writes
            raise SpanError(f"{what}: language {str(lang)[:40]!r} is not an ISO 639-1 code")


def _check_layers(src: SourceProject, names: dict[str, str]) -> None:
    """The rows of each layer have the types this version writes; `suggested_by` among the attributes
    of a file older than schema 9 becomes provenance. What the rows say is checked by check_against."""
    for (doc, name), rows in src.spans.items():
        if doc not in src.documents:
            raise SpanError(f"spans of {name!r} on document {doc}, which the file does not hold")
        rows[:] = [_checked_row(row, f"document {doc}, layer {name!r}") for row in rows]
    for (doc, name), links in src.relations.items():
        for head, child, label, created_at, updated_at, version in links:
            if not (isinstance(version, int) and all(isinstance(t, str) for t in (created_at, updated_at))):
                raise SpanError(f"document {doc}, layer {name!r}: relation {label!r} has a time or version of the "
                                "wrong type")
    for (doc, name), (status, updated_at) in src.statuses.items():
        if status not in _STATUSES or not isinstance(updated_at, str):
            raise SpanError(f"document {doc}, layer {name!r}: status {status!r} is not one of "
                            f"{', '.join(sorted(_STATUSES))}")


def _checked_row(row: tuple[Any, ...], where: str) -> tuple[Any, ...]:
    start, end, label, attrs, note, unsure, created_at, updated_at, version, provenance = row
    span = f"{where}: span [{start!r}, {end!r}) {label!r}"
    if not isinstance(version, int) or isinstance(version, bool):
        raise SpanError(f"{span} has a version that is not a whole number")
    if not isinstance(note, str) or unsure not in (0, 1) or not all(isinstance(t, str) for t in (created_at, updated_at)):
        raise SpanError(f"{span} has a note, unsure flag or time of the wrong type")
    values = strict_json(attrs, f"{span} attributes")
    extra = strict_json(provenance, f"{span} provenance")
    if isinstance(values, dict) and LEGACY_ATTRIBUTE in values:
        values, moved = split_legacy(values)
        extra = {**moved, **extra} if isinstance(extra, dict) else extra
        attrs, provenance = json.dumps(values, ensure_ascii=False), json.dumps(extra, ensure_ascii=False)
    return (start, end, label, attrs, note, unsure, created_at, updated_at, version, provenance)


def check_against(src: SourceProject, schema: Schema) -> Schema:
    """The schema this project will have once `src` is merged (its own, plus the labels, their attributes
    and the relation types `src` brings); every layer of `src` checked against it by the one validator.
    ProjectError naming the file, the layer and the first problem (with how many there are)."""
    where = str(src.path)
    try:
        keyless = [(row[0], row[1], "", *row[3:5]) for row in src.labels]  # keys: _merge_labels settles them
        theirs = schema_from_rows(keyless, src.schema_rows.get("label_attributes", []),
                                  src.schema_rows.get("relation_types", []), [])
        combined = _combined(schema, theirs, {row[0]: row[2] for row in src.labels})
    except SchemaError as exc:
        raise ProjectError(f"{where}: {exc}; nothing was merged") from None
    for key in sorted(src.spans.keys() | src.relations.keys()):
        doc, name = key
        if is_gold(name):
            continue  # never merged
        spans = [LayerSpan(r[0], r[1], r[2], strict_json(r[3], "attributes"), strict_json(r[9], "provenance"))
                 for r in src.spans.get(key, [])]
        links = [(head, child, label) for head, child, label, *_ in src.relations.get(key, [])]
        problems = layer_problems(combined, len(src.documents[doc][1]) if doc in src.documents else 0, spans, links,
                                  src.span_ids.get(key, []))
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ProjectError(f"{where}: document {doc}, layer {name!r}: {problems[0]}{more}; nothing was merged")
    return combined


def _combined(mine: Schema, theirs: Schema, their_keys: dict[str, str]) -> Schema:
    """Mine, plus their labels I lack (a key I use left empty, as the merge writes them), their
    attributes of those labels, and their relation types I lack (the same rule for keys)."""
    keys = {lb.key for lb in mine.labels if lb.key}
    new = []
    for label in theirs.labels:
        if mine.label(label.name) is None:
            key = their_keys.get(label.name, "")
            new.append(replace(label, key="" if key in keys else key))
            keys.add(key)
    attributes = {**mine.attributes, **{lb.name: theirs.attributes_of(lb.name) for lb in new
                                        if theirs.attributes_of(lb.name)}}
    used = {r.key for r in mine.relations if r.key}
    relations = list(mine.relations)
    for r in theirs.relations:
        if mine.relation(r.name) is None:
            relations.append(replace(r, key="" if r.key in used else r.key))
            used.add(r.key)
    return Schema((*mine.labels, *new), attributes, tuple(relations), dict(mine.vague))


def strict_json(text: Any, what: str) -> Any:
    """Parse stored JSON as an import would (no NaN, Infinity, huge integers or deep nesting)."""
    if not isinstance(text, str):
        raise SpanError(f"{what} is not JSON text")
    try:
        return strict_loads(text)
    except StrictJSONError as exc:
        raise SpanError(f"{what} is not valid JSON ({exc})") from None
