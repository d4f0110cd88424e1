"""The team's data an export carries beside the annotations: active time (provenance) and note threads."""
from __future__ import annotations

from typing import Any, Sequence

from annotator.storage import ProjectStore
from annotator.storage import note_store as ns
from annotator.storage import team_store as ts


def team_metadata(store: ProjectStore, layer: str, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Document id -> {"active_seconds": float, "replies": {(start, end, label): [entry]}, "notes": [entry]}
    for the documents of `ids` that have any (one layer's threads; the layer's own active time)."""
    wanted = set(ids)
    out: dict[int, dict[str, Any]] = {}
    for (doc, _), seconds in ts.active_seconds(store, layer).items():
        if doc in wanted and seconds > 0:
            out.setdefault(doc, {})["active_seconds"] = round(seconds, 3)
    for e in ns.entries(store, layer=layer):
        if e.document_id not in wanted:
            continue
        entry = {"author": e.author, "at": e.written_at, "text": e.text, "id": e.id}
        meta = out.setdefault(e.document_id, {})
        if e.start is None:
            meta.setdefault("notes", []).append(entry)
        else:
            meta.setdefault("replies", {}).setdefault((e.start, e.end, e.label), []).append(entry)
    return out
