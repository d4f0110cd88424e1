"""Removing exactly the stored rows the one validator reports (what `annotator check` finds and an import would refuse).

Each finding of `checks.layer_findings_of` says which span or relation, and which part of it, is
at fault (core.validation): a span outside its text, without integer offsets or with a label the
schema does not declare (each counted apart), and the second of two equal spans, are removed (with the relations that
hang on them); of a span's attributes only those the schema refuses are removed, and of its
provenance only the fields this version does not write; a relation the schema forbids, a
self-loop, a duplicate, or one whose end is not a span of its layer is removed. Everything else
stays. One transaction: a repair is whole or absent.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Mapping

from annotator.core.errors import SpanError
from annotator.core.provenance import provenance_problem
from annotator.core.schema import Schema
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.core.validation import (ATTRS, DUPLICATE, NO_OFFSETS, OUTSIDE_TEXT, PROVENANCE, RELATION, SPAN,
                                       UNDECLARED_LABEL)
from annotator.storage.checks import StoredLayer, layer_findings_of
from annotator.storage import backups
from annotator.storage.project_store import ProjectStore
from annotator.storage.schema_store import read_schema

REPAIRER = "annotator repair"  # who the change log names

# What a repair counts, in the order it reports them. Spans refused whole are counted by their
# cause (core.validation's NO_OFFSETS, OUTSIDE_TEXT, UNDECLARED_LABEL: BAD_SPAN_CAUSES).
BAD_SPAN_CAUSES = (NO_OFFSETS, OUTSIDE_TEXT, UNDECLARED_LABEL)
DUPLICATE_SPANS = "duplicate spans"
ATTRIBUTES = "attributes"
ATTRIBUTE_SPANS = "attribute spans"
PROVENANCE_FIELDS = "provenance fields"
PROVENANCE_SPANS = "provenance spans"
RELATIONS = "relations"
HANGING_RELATIONS = "hanging relations"


def repair_layers(store: ProjectStore, reason: str) -> tuple[backups.Backup | None, Counter[str]]:
    """Remove what the validator reports in every stored layer, in one transaction; (the backup, counts per kind).

    The write lock is taken first (waiting, then BusyError, while another program writes), and the
    schema, the findings and the backup are all read under it: the backup holds exactly the state
    the repair starts from, and nothing another program commits meanwhile is judged by a schema it
    changed or removed without being in the backup. A sound project gets no backup (None); a
    schema that cannot be read raises SchemaError or SpanError with nothing written."""
    counts: Counter[str] = Counter()
    with store.transaction():
        schema = read_schema(store.db.conn)
        layers = list(layer_findings_of(store, schema))  # read whole before the first change
        if not layers:
            return None, counts
        # Its own read-only connection (VACUUM INTO cannot run inside our transaction): with the
        # write lock held and nothing written yet, it sees exactly what this transaction sees.
        backup = backups.take_backup(store.path, reason)
        for layer in layers:
            _repair_layer(store, schema, layer, counts)
    return backup, counts


def _repair_layer(store: ProjectStore, schema: Schema, layer: StoredLayer, counts: Counter[str]) -> None:
    gone: dict[int, str] = {}
    for finding in layer.findings:
        if finding.part in (SPAN, DUPLICATE):
            gone.setdefault(finding.index, finding.cause if finding.part == SPAN else DUPLICATE_SPANS)
    relations = sorted({layer.relation_ids[f.index] for f in layer.findings if f.part == RELATION})
    for rid in relations:
        row = store.db.execute("SELECT head_id, child_id, label FROM relations WHERE id = ?", (rid,)).fetchone()
        if row is None:  # already removed with a span of an earlier layer it hung on (counted there)
            continue
        store.db.execute("DELETE FROM relations WHERE id = ?", (rid,))
        store.log(layer.name, "repair_remove_relation", layer.document, None, relation=rid,
                  head=row[0], child=row[1], type=row[2])
        counts[RELATIONS] += 1
    for index, kind in sorted(gone.items()):
        span_id, span = layer.span_ids[index], layer.spans[index]
        hanging = [r[0] for r in store.db.execute("SELECT id FROM relations WHERE head_id = ? OR child_id = ?",
                                                   (span_id, span_id))]
        store.db.conn.executemany("DELETE FROM relations WHERE id = ?", [(r,) for r in hanging])
        store.db.execute("DELETE FROM spans WHERE id = ?", (span_id,))
        store.log(layer.name, "repair_remove_span", layer.document, span_id,
                  start=_plain(span.start), end=_plain(span.end), label=_plain(span.label), relations=hanging)
        counts[kind] += 1
        counts[HANGING_RELATIONS] += len(hanging)
    for index in sorted({f.index for f in layer.findings if f.part == ATTRS} - gone.keys()):
        span_id = layer.span_ids[index]
        raw = store.db.execute("SELECT label, attrs FROM spans WHERE id = ?", (span_id,)).fetchone()
        kept, removed = _good_attributes(schema, raw[0], raw[1])
        store.db.execute("UPDATE spans SET attrs = ?, version = version + 1 WHERE id = ?",
                         (json.dumps(kept, ensure_ascii=False), span_id))
        store.log(layer.name, "repair_remove_attributes", layer.document, span_id, removed=removed)
        counts[ATTRIBUTES] += max(len(removed), 1)
        counts[ATTRIBUTE_SPANS] += 1
    for index in sorted({f.index for f in layer.findings if f.part == PROVENANCE} - gone.keys()):
        span_id = layer.span_ids[index]
        value = layer.spans[index].provenance
        fields = value if isinstance(value, Mapping) else {}
        kept = {k: v for k, v in fields.items() if provenance_problem({k: v}) is None}
        store.db.execute("UPDATE spans SET provenance = ?, version = version + 1 WHERE id = ?",  # an open window's
                         (json.dumps(kept, ensure_ascii=False), span_id))  # stale copy must not write it back
        store.log(layer.name, "repair_clear_provenance", layer.document, span_id,
                  removed=sorted(str(k) for k in fields.keys() - kept.keys()))
        counts[PROVENANCE_FIELDS] += max(len(fields) - len(kept), 1)
        counts[PROVENANCE_SPANS] += 1


def _good_attributes(schema: Schema, label: str, text: Any) -> tuple[dict[str, Any], list[str]]:
    """(the attributes the schema accepts, the names of those removed) of a stored attrs column.

    Stored text that is not strict JSON (a 21-digit number, NaN) is read leniently so that the
    good attributes beside the bad value stay; each value is then checked alone, as an import
    would check it."""
    try:
        value = strict_loads(text) if isinstance(text, str) else text
    except StrictJSONError:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return {}, ["(not JSON)"]
    if not isinstance(value, Mapping):
        return {}, ["(not a JSON object)"]
    kept: dict[str, Any] = {}
    removed: list[str] = []
    for name, item in value.items():
        try:
            strict_loads(json.dumps({name: item}, ensure_ascii=False, allow_nan=True))
            kept.update(schema.check_attrs(label, {name: item}))
        except (SpanError, StrictJSONError, ValueError, TypeError, RecursionError):
            removed.append(str(name))
    return kept, removed


def _plain(value: Any) -> Any:
    return value if isinstance(value, (int, str)) or value is None else repr(value)
