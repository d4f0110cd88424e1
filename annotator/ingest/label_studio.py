"""Label Studio in: its JSON export (tasks with annotations) and JSON-MIN (one flat record per annotation).

JSON: the text is `data.text`, else the one text value of `data` (else the longest). Each
annotation becomes the layer of its annotator: `--annotator` when given, else the e-mail of
`completed_by` (or of `created_username`), else `label-studio-user-<id>`. Its `labels`
regions are spans; `choices`, `textarea` and `number` results on a region (same id) set the
attribute named by their `from_name` where the schema gives the label one (else counted as left
out); a `textarea` named `note` is the span's note, `choices` named `unsure` its flag;
`relation` results are relations (their first label is the type; `direction: left` turns them
round). Annotations with `was_cancelled` are left out and counted; predictions (they are
derived data, never a layer): they go to the suggestions table as the model's. Offsets are checked against the region's `text`; when they only
match counted in UTF-16 units (as a browser counts), they are moved to code points.
JSON-MIN: `text`, and every list of {start, end, labels} is spans, into the layer of `annotator`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from annotator.core.annotations import SpanRecord
from annotator.core.errors import InputError, SpanError
from annotator.core.model import check_annotator_name
from annotator.core.schema import Schema
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.core.suggestion import Suggestion
from annotator.ingest.records import Item, LeftOut, Suggested, check_range, in_language, make_article, short

_REGION_EXTRAS = ("choices", "textarea", "number")


def is_label_studio(text: str) -> bool:
    """Whether a .json file is a Label Studio export (JSON or JSON-MIN): a list of tasks."""
    head = text[:200_000]
    if '"annotations"' not in head and '"annotation_id"' not in head and '"predictions"' not in head:
        return False
    try:
        data = strict_loads(text)
    except StrictJSONError:
        return False
    first = data[0] if isinstance(data, list) and data else data
    return isinstance(first, dict) and (isinstance(first.get("data"), dict) or "annotation_id" in first)


def read_label_studio(text: str, name: str, path: Path, schema: Schema, annotator: str | None = None) -> Iterator[Item]:
    data = strict_loads(text)
    for n, task in enumerate(data if isinstance(data, list) else [data], 1):
        where = f"{name}: task {n}"
        try:
            if not isinstance(task, dict):
                raise InputError(where, "is not a JSON object")
            if isinstance(task.get("data"), dict):
                yield from _task(task, where, path, schema, annotator)
            else:
                yield from _min_record(task, where, path, annotator)
        except InputError as exc:
            yield str(exc)


def _text(task: Mapping[str, Any], where: str) -> str:
    data = task["data"]
    if isinstance(data.get("text"), str):
        return data["text"]
    texts = [v for v in data.values() if isinstance(v, str)]
    if not texts:
        raise InputError(where, "has no text in \"data\"")
    return max(texts, key=len)


def _task(task: Mapping[str, Any], where: str, path: Path, schema: Schema, annotator: str | None) -> Iterator[Item]:
    """A task's articles, in the language its data (our export's) or meta gives."""
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    lang = task["data"].get("lang") or meta.get("lang")
    yield from in_language(_task_items(task, where, path, schema, annotator), lang)


def _task_items(task: Mapping[str, Any], where: str, path: Path, schema: Schema, annotator: str | None) -> Iterator[Item]:
    text = _text(task, where)
    if not text.strip():
        raise InputError(where, "has an empty text")
    meta = {"file": path.name, "label_studio_id": task.get("id")} if task.get("id") is not None else {"file": path.name}
    if task.get("predictions"):
        yield from _predictions(text, task["predictions"], where)
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list):
        raise InputError(where, "has \"annotations\" that is not a list")
    yielded = False
    for k, annotation in enumerate(annotations, 1):
        if not isinstance(annotation, dict):
            raise InputError(where, f"annotation {k} is not an object")
        if annotation.get("was_cancelled"):
            yield LeftOut("Label Studio annotations that were cancelled")
            continue
        layer = annotator or _annotator_of(annotation, f"{where}, annotation {k}")
        yield from _annotation(text, annotation, f"{where}, annotation {k}", path, meta, schema, layer)
        yielded = True
    if not yielded:
        yield make_article(text, where, [], source=path.name, meta=meta)


def _predictions(text: str, predictions: Any, where: str) -> Iterator[Item]:
    """Predicted regions as model suggestions (derived data: never a layer)."""
    found: list[Suggestion] = []
    for k, prediction in enumerate(predictions if isinstance(predictions, list) else [], 1):
        results = prediction.get("result") if isinstance(prediction, dict) else None
        for r in results if isinstance(results, list) else []:
            if not (isinstance(r, dict) and r.get("type") == "labels"):
                continue
            score = r.get("score", prediction.get("score"))
            score = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None
            found += [Suggestion(s.start, s.end, s.label, "model", score)
                      for s in _regions(text, r, f"{where}, prediction {k}")]
    if found:
        yield Suggested(text, tuple(dict.fromkeys(found)))


def _annotator_of(annotation: Mapping[str, Any], where: str) -> str:
    who = annotation.get("completed_by")
    name: Any = None
    if isinstance(who, dict):
        name = who.get("email") or (f"label-studio-user-{who['id']}" if "id" in who else None)
    elif isinstance(annotation.get("created_username"), str) and "@" in annotation["created_username"]:
        name = annotation["created_username"].split(",")[0].strip()
    elif type(who) is int:
        name = f"label-studio-user-{who}"
    if name is None:
        raise InputError(where, "names no annotator (completed_by): pass --annotator NAME")
    try:
        return check_annotator_name(str(name))
    except SpanError as exc:
        raise InputError(where, str(exc)) from None


def _annotation(text: str, annotation: Mapping[str, Any], where: str, path: Path, meta: Mapping[str, Any],
                schema: Schema, layer: str) -> Iterator[Item]:
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise InputError(where, "has a \"result\" that is not a list")
    spans: dict[str, list[SpanRecord]] = {}
    order: list[tuple[str, SpanRecord]] = []
    for r in results:
        if isinstance(r, dict) and r.get("type") == "labels":
            for record in _regions(text, r, where):
                spans.setdefault(str(r.get("id")), []).append(record)
                order.append((str(r.get("id")), record))
        elif not isinstance(r, dict) or r.get("type") not in ("relation", *_REGION_EXTRAS):
            yield LeftOut(f"Label Studio results of type {short(r.get('type') if isinstance(r, dict) else r)}")
    extras: dict[str, dict[str, Any]] = {}
    for r in results:
        if isinstance(r, dict) and r.get("type") in _REGION_EXTRAS:
            yield from _extra(r, spans, extras, schema)
    records = [_with_extras(record, extras.get(rid, {})) for rid, record in order]
    index = {rid: i for i, (rid, _) in reversed(list(enumerate(order)))}
    relations = []
    for r in results:
        if isinstance(r, dict) and r.get("type") == "relation":
            link = _relation(r, index)
            if link is None:
                yield LeftOut("Label Studio relations without a label, or between regions it does not hold")
            else:
                relations.append(link)
    yield make_article(text, where, records, relations, source=path.name, meta=meta, annotator=layer)


def _regions(text: str, r: Mapping[str, Any], where: str) -> Iterator[SpanRecord]:
    value = r.get("value") if isinstance(r.get("value"), dict) else {}
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise InputError(where, f"region {short(r.get('id'))} has no \"labels\"")
    start, end = _offsets(text, value, where, r.get("id"))
    for label in labels:
        yield SpanRecord(start, end, label)


def _offsets(text: str, value: Mapping[str, Any], where: str, rid: Any) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    check_range(where, f"region {short(rid)}", start, end, max(len(text), len(text.encode("utf-16-le")) // 2))
    shown = value.get("text")
    if isinstance(shown, str) and text[start:end] != shown:
        moved = _from_utf16(text, start, end)
        if moved is not None and text[moved[0]:moved[1]] == shown:
            return moved
    check_range(where, f"region {short(rid)}", start, end, len(text))
    return start, end


def _from_utf16(text: str, start: int, end: int) -> tuple[int, int] | None:
    units, found = 0, {}
    for i, ch in enumerate(text):
        found.setdefault(units, i)
        units += 2 if ord(ch) > 0xFFFF else 1
    found.setdefault(units, len(text))
    return (found[start], found[end]) if start in found and end in found else None


def _extra(r: Mapping[str, Any], spans: Mapping[str, list[SpanRecord]], extras: dict[str, dict[str, Any]],
           schema: Schema) -> Iterator[LeftOut]:
    rid, name = str(r.get("id")), str(r.get("from_name"))
    value = r.get("value") if isinstance(r.get("value"), dict) else {}
    got = value.get(r["type"])
    if isinstance(got, list):
        got = got[0] if len(got) == 1 else (" ".join(map(str, got)) if r["type"] == "textarea" else got)
    if rid not in spans:
        yield LeftOut(f"Label Studio {r['type']} results not on a region (task-level)")
        return
    label = spans[rid][0].label
    if name == "note" and r["type"] == "textarea":
        extras.setdefault(rid, {})["note"] = got
    elif name == "unsure" and schema.attribute(label, name) is None:
        extras.setdefault(rid, {})["unsure"] = got in ("true", "yes", True)
    elif schema.attribute(label, name) is not None:
        if schema.attribute(label, name).type == "bool" and got in ("true", "false"):
            got = got == "true"
        extras.setdefault(rid, {}).setdefault("attrs", {})[name] = got
    else:
        yield LeftOut(f"Label Studio {r['type']} {name!r} (the schema gives {label} no such attribute)")


def _with_extras(record: SpanRecord, extras: Mapping[str, Any]) -> SpanRecord:
    if not extras:
        return record
    return SpanRecord(record.start, record.end, record.label, extras.get("attrs"), extras.get("note"),
                      extras.get("unsure"))


def _relation(r: Mapping[str, Any], index: Mapping[str, int]) -> tuple[int, int, str] | None:
    labels = r.get("labels")
    head, child = str(r.get("from_id")), str(r.get("to_id"))
    if not isinstance(labels, list) or not labels or head not in index or child not in index:
        return None
    if r.get("direction") == "left":
        head, child = child, head
    return index[head], index[child], str(labels[0])


def _min_record(record: Mapping[str, Any], where: str, path: Path, annotator: str | None) -> Iterator[Item]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "has no \"text\" string")
    spans = []
    for key, value in record.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) and "labels" in v for v in value):
            for v in value:
                start, end = _offsets(text, v, where, key)
                spans += [SpanRecord(start, end, label) for label in v.get("labels") or []]
    layer = annotator
    who = record.get("annotator")
    if layer is None and who is not None:
        try:
            layer = check_annotator_name(str(who) if not isinstance(who, int) else f"label-studio-user-{who}")
        except SpanError as exc:
            raise InputError(where, str(exc)) from None
    meta = {"file": path.name}
    yield make_article(text, where, spans, source=path.name, meta=meta, annotator=layer)
