"""Checking another project file before a merge: everything it brings is validated as strictly as an import.

A merged file is input from outside, like an imported JSONL file: its annotator names are
normalised by the same rule as a name typed here (so "gold " or "gold\\x00" is the gold layer,
and never merged), its labels must be labels this version accepts, its spans must lie inside
their text and carry a label the file declares, its statuses and metadata must be what this
version writes. The first problem refuses the whole file with one line; nothing is written.
"""
from __future__ import annotations

from typing import Any

from annotator.core.errors import ProjectError, SpanError
from annotator.core.model import Label, Status, normalise_name, text_sha256
from annotator.core.strict_json import StrictJSONError, loads as strict_loads

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
    for doc, (sha, text, title, source, meta, imported_at) in src.documents.items():
        what = f"document {doc}"
        if not isinstance(text, str) or not text.strip():
            raise SpanError(f"{what} has no text")
        if sha != text_sha256(text):
            raise SpanError(f"{what}: its sha256 does not match its text")
        if not all(isinstance(v, str) for v in (title, source, imported_at)):
            raise SpanError(f"{what}: title, source and import time must be text")
        if not isinstance(strict_json(meta, f"{what}: metadata"), dict):
            raise SpanError(f"{what}: metadata is not a JSON object")


def _check_layers(src: SourceProject, names: dict[str, str]) -> None:
    declared = {row[0] for row in src.labels}
    for (doc, name), rows in src.spans.items():
        if doc not in src.documents:
            raise SpanError(f"spans of {name!r} on document {doc}, which the file does not hold")
        length = len(src.documents[doc][1])
        for row in rows:
            _check_span(row, f"document {doc}, layer {name!r}", length, declared)
    for (doc, name), (status, updated_at) in src.statuses.items():
        if status not in _STATUSES or not isinstance(updated_at, str):
            raise SpanError(f"document {doc}, layer {name!r}: status {status!r} is not one of "
                            f"{', '.join(sorted(_STATUSES))}")


def _check_span(row: tuple[Any, ...], where: str, length: int, declared: set[str]) -> None:
    start, end, label, attrs, note, unsure, created_at, updated_at, version = row
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end, version)):
        raise SpanError(f"{where}: span {start!r}..{end!r} has no integer offsets and version")
    if not 0 <= start < end <= length:
        raise SpanError(f"{where}: span [{start}, {end}) is outside the text (length {length})")
    if label not in declared:
        raise SpanError(f"{where}: span [{start}, {end}) has label {label!r}, which the file does not declare")
    if not isinstance(strict_json(attrs, f"{where}: span [{start}, {end}) attributes"), dict):
        raise SpanError(f"{where}: span [{start}, {end}) attributes are not a JSON object")
    if not isinstance(note, str) or unsure not in (0, 1) or not all(isinstance(t, str) for t in (created_at, updated_at)):
        raise SpanError(f"{where}: span [{start}, {end}) has a note, unsure flag or time of the wrong type")


def strict_json(text: Any, what: str) -> Any:
    """Parse stored JSON as an import would (no NaN, Infinity, huge integers or deep nesting)."""
    if not isinstance(text, str):
        raise SpanError(f"{what} is not JSON text")
    try:
        return strict_loads(text)
    except StrictJSONError as exc:
        raise SpanError(f"{what} is not valid JSON ({exc})") from None
