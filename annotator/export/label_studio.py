"""Label Studio's JSON: a list of tasks with one annotation each, and label_config.xml for its project.

A task is {"id", "data": {"text", "title", "lang"}, "meta", "annotations": [{"result": [...]}]}
(`lang` among the task's data: Label Studio shows it as a column to filter on). Each
span is a `labels` region (code-point start/end, its text, [label]); on the same region id,
each attribute is a `choices` (choice and yes/no), `number` or `textarea` (text) result named
after the attribute, the note a `textarea` named `note`, the unsure flag `choices` named
`unsure`; relations are `relation` results (from_id, to_id, direction right, [type]).
label_config.xml declares the Labels, Relations and per-region controls, so that a project made
with it takes the tasks (and `label-studio-converter` reads them). The annotator is not written:
Label Studio sets who made an imported annotation itself (import it back with --annotator).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.schema import Schema
from annotator.export.options import ExportItem, ExportOptions

CONFIG = "label_config.xml"


def _extra(rid: str, name: str, kind: str, value: Any, region: dict[str, Any]) -> dict[str, Any]:
    where = {"start": region["start"], "end": region["end"], "text": region["text"]}
    return {"id": rid, "from_name": name, "to_name": "text", "type": kind, "value": {**where, kind: value}}


def _attribute(rid: str, name: str, value: Any, schema: Schema | None, label: str, region: dict) -> dict[str, Any]:
    definition = schema.attribute(label, name) if schema is not None else None
    kind = definition.type if definition is not None else "text"
    if kind == "number" and isinstance(value, (int, float)):
        return _extra(rid, name, "number", value, region)
    if kind == "text":
        return _extra(rid, name, "textarea", [str(value)], region)
    shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return _extra(rid, name, "choices", [shown], region)


def task_of(item: ExportItem, schema: Schema | None) -> dict[str, Any]:
    d = item.document
    result: list[dict[str, Any]] = []
    ids = {}
    for n, p in enumerate(item.spans, 1):
        span, rid = p.span, f"r{n}"
        ids[span.id] = rid
        region = {"start": span.start, "end": span.end, "text": d.text[span.start:span.end]}
        result.append({"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                       "value": {**region, "labels": [span.label]}})
        result += [_attribute(rid, k, v, schema, span.label, region) for k, v in sorted(span.attrs.items())]
        if span.note:
            result.append(_extra(rid, "note", "textarea", [span.note], region))
        if span.unsure:
            result.append(_extra(rid, "unsure", "choices", ["true"], region))
    result += [{"from_id": ids[r.head_id], "to_id": ids[r.child_id], "type": "relation", "direction": "right",
                "labels": [r.label]}
               for r in sorted(item.relations, key=lambda r: (r.head_id, r.child_id, r.label))
               if r.head_id in ids and r.child_id in ids]
    return {"id": d.id, "data": {"text": d.text, "title": d.title, "lang": d.lang}, "meta": dict(d.meta),
            "annotations": [{"result": result, "was_cancelled": False, "ground_truth": False}]}


def label_config(schema: Schema) -> str:
    """A Label Studio labeling config for the schema: labels, relations, per-region attribute controls."""
    lines = ["<View>", '  <Labels name="label" toName="text">']
    lines += [f"    <Label value={quoteattr(label.name)} background={quoteattr(label.colour)}/>" for label in schema.labels]
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>', "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in schema.relations]
    lines.append("  </Relations>")
    controls: dict[str, tuple[str, list[str]]] = {}
    for label in schema.label_names:
        for a in schema.attributes_of(label):
            kind, values = controls.setdefault(a.name, (a.type, []))
            values += [v for v in (a.values if a.type == "choice" else ("true", "false") if a.type == "bool" else ())
                       if v not in values]
    for name, (kind, values) in controls.items():
        attrs = f"name={quoteattr(name)} toName=\"text\" perRegion=\"true\""
        if kind == "number":
            lines.append(f"  <Number {attrs}/>")
        elif kind == "text":
            lines.append(f"  <TextArea {attrs}/>")
        else:
            lines += [f"  <Choices {attrs} choice=\"single\">", *(f"    <Choice value={quoteattr(v)}/>" for v in values),
                      "  </Choices>"]
    lines += ['  <TextArea name="note" toName="text" perRegion="true"/>',
              '  <Choices name="unsure" toName="text" perRegion="true">', '    <Choice value="true"/>', "  </Choices>",
              "</View>"]
    return "\n".join(lines) + "\n"


class LabelStudioWriter:
    """One .json file, a JSON list written a task at a time, and the project's label_config.xml beside it."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._path, self._schema = path, options.schema
        self._file = path.open("w", encoding="utf-8", newline="\n")
        self._file.write("[")
        self._first = True

    def write(self, item: ExportItem) -> None:
        self._file.write(("\n" if self._first else ",\n") + json.dumps(task_of(item, self._schema), ensure_ascii=False))
        self._first = False

    def close(self) -> None:
        self._file.write("\n]\n")
        self._file.close()
        if self._schema is not None:
            (self._path.parent / CONFIG).write_text(label_config(self._schema), encoding="utf-8")

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> LabelStudioWriter:
    return LabelStudioWriter(path, options, labels)
