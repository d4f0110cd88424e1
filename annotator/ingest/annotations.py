"""Reading span attributes, notes, flags, ids and relations from an import record.

Spans: Prodigy/spaCy-style objects in "spans" (and doccano's in "entities") may carry `attrs`,
`note`, `unsure`, `provenance` (our JSONL export's) and `id`. Relations in "relations", three styles: Prodigy (`head_span`,
`child_span` with `start`, `end`, `label`; `label`), doccano (`from_id`, `to_id`, `type`) and
ours (`head`, `child` as span ids; `label`). Offsets are code points of the record's text and
move with its newlines like the spans' do.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from annotator.core.annotations import RecordAnnotations, SpanRecord
from annotator.core.errors import InputError

Triple = tuple[int, int, str]


def read_annotations(record: Mapping[str, Any], where: str, spans: Sequence[Triple],
                     mapping: Sequence[int] | None) -> RecordAnnotations:
    """The record's spans (already read and moved) with their extras, and its relations."""
    def moved(start: Any, end: Any, label: Any) -> Any:
        if mapping is not None and isinstance(start, int) and isinstance(end, int) and 0 <= start <= end < len(mapping):
            return (mapping[start], mapping[end], label)
        return (start, end, label)

    extras: dict[Triple, dict[str, Any]] = {}
    ids: dict[Any, Triple] = {}
    for field, keys in (("spans", ("start", "end")), ("entities", ("start_offset", "end_offset"))):
        items = record.get(field)
        for n, item in enumerate(items if isinstance(items, list) else [], 1):
            if not isinstance(item, dict):
                continue
            key = moved(item.get(keys[0], item.get("start")), item.get(keys[1], item.get("end")), item.get("label"))
            extras[key] = _extras(item, f"span {n}", where)
            if item.get("id") is not None:
                if _id(item["id"]) in ids and ids[_id(item["id"])] != key:
                    raise InputError(where, f"span id {item['id']!r} is given to two spans; relations could not "
                                            "tell them apart")
                ids[_id(item["id"])] = key
    order = {key: i for i, key in enumerate(spans)}
    span_records = tuple(SpanRecord(s, e, label, **extras.get((s, e, label), {})) for s, e, label in spans)
    relations = tuple(_relation(item, n, where, order, ids, moved)
                      for n, item in enumerate(_list(record.get("relations"), where), 1))
    return RecordAnnotations(where, span_records, tuple(dict.fromkeys(relations)))


def _extras(item: Mapping[str, Any], what: str, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "attrs" in item and item["attrs"] is not None:
        if not isinstance(item["attrs"], dict):
            raise InputError(where, f"{what} has \"attrs\" that is not an object")
        out["attrs"] = dict(item["attrs"])
    if "note" in item and item["note"] is not None:
        if not isinstance(item["note"], str):
            raise InputError(where, f"{what} has a \"note\" that is not text")
        out["note"] = item["note"]
    if isinstance(item.get("provenance"), dict) and item["provenance"]:  # our JSONL export's own key
        out["provenance"] = dict(item["provenance"])
    elif item.get("provenance") not in (None, {}):
        raise InputError(where, f"{what} has \"provenance\" that is not an object")
    if "unsure" in item and item["unsure"] is not None:
        if not isinstance(item["unsure"], bool):
            raise InputError(where, f"{what} has \"unsure\" that is not true or false")
        out["unsure"] = item["unsure"]
    return out


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(where, "has \"relations\" that is not a list")
    return value


def _id(value: Any) -> Any:
    return str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else repr(value)


def _relation(item: Any, n: int, where: str, order: Mapping[Triple, int], ids: Mapping[Any, Triple],
              moved: Any) -> tuple[int, int, str]:
    if not isinstance(item, dict):
        raise InputError(where, f"relation {n} is not an object")
    label = item.get("label", item.get("type"))
    if not isinstance(label, str) or not label:
        raise InputError(where, f"relation {n} has no \"label\" (or \"type\")")
    ends = []
    for end, span_key, id_keys in (("head", "head_span", ("from_id", "head")), ("child", "child_span", ("to_id", "child"))):
        ends.append(_end(item, end, span_key, id_keys, n, where, order, ids, moved))
    return (ends[0], ends[1], label)


def _end(item: Mapping[str, Any], end: str, span_key: str, id_keys: tuple[str, str], n: int, where: str,
         order: Mapping[Triple, int], ids: Mapping[Any, Triple], moved: Any) -> int:
    """Index of one end among the record's spans: by start, end and label, or by span id."""
    if isinstance(item.get(span_key), dict):
        ref = item[span_key]
        key = moved(ref.get("start"), ref.get("end"), ref.get("label"))
        what = f"[{ref.get('start')}, {ref.get('end')}) {ref.get('label')}"
    else:
        raw = next((item[k] for k in id_keys if k in item), None)
        if raw is None:
            raise InputError(where, f"relation {n} has no {end} (\"{span_key}\", \"{id_keys[0]}\" or \"{id_keys[1]}\")")
        key = ids.get(_id(raw))
        what = f"span id {raw!r}"
    if key not in order:
        raise InputError(where, f"relation {n} ({label_of(item)}): its {end} {what} is not one of the record's spans")
    return order[key]


def label_of(item: Mapping[str, Any]) -> str:
    return str(item.get("label", item.get("type", "?")))
