"""Read one article file (.txt, .md, .jsonl, .json) into NewArticle values and per-record errors.

A bad record never stops the rest of its file; a bad file never stops the batch. Each error is
one line naming the file (and line or record) and the problem.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from annotator.core.errors import InputError
from annotator.core.model import NewArticle
from annotator.core.wording import plural
from annotator.core.strict_json import StrictJSONError, loads as strict_loads
from annotator.core.schema import Schema
from annotator.ingest.annotations import read_annotations
from annotator.ingest.conll import looks_like_conll
from annotator.ingest.decode import decode_bytes, normalise_newlines
from annotator.ingest.label_studio import is_label_studio, read_label_studio
from annotator.ingest.prodigy import answer_left_out, record_annotator
from annotator.ingest.records import LeftOut, Suggested, label_problem, title_of

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".jsonl", ".json"}
SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES
_NOT_META = {"text", "spans", "label", "labels", "entities", "tokens", "meta", "answer", "relations", "annotator"}


@dataclass
class FileResult:
    """What one file gave: articles to store and one line per problem."""

    path: Path
    articles: list[NewArticle] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    suggested: list[Suggested] = field(default_factory=list)


def read_file(path: Path, labels: set[str], annotator: str | None, schema: Schema | None = None,
              fmt: str | None = None) -> FileResult:
    """Read one file (as `fmt`: text, jsonl, prodigy or label-studio; else by its extension and
    content); problems are collected in the result, never raised."""
    result = FileResult(path)
    name = str(path)
    suffix = path.suffix.lower()
    fmt = None if fmt == "text" and suffix in TEXT_SUFFIXES else fmt
    try:
        if suffix not in SUFFIXES and fmt is None:
            raise InputError(name, f"unsupported file type {suffix or '(none)'} (expected .txt, .md, .jsonl or .json)")
        data = read_regular_file(path, name)
        if not data:
            raise InputError(name, "is empty")
        text = decode_bytes(data, name)
        if suffix == ".json" and fmt is None and _is_uima_cas(text):
            raise InputError(name, "is a UIMA CAS JSON file (INCEpTION's CAS export), which is not read here; "
                                   "export the documents from INCEpTION as WebAnno TSV 3 and import those")
        if fmt == "label-studio" or (fmt is None and suffix == ".json" and is_label_studio(text)):
            if schema is None:
                raise InputError(name, "is a Label Studio export; it needs the project's schema to be read")
            _gather(read_label_studio(text, name, path, schema, annotator), result)
        elif fmt == "text" or (fmt is None and suffix in TEXT_SUFFIXES):
            result.articles.append(_text_article(text, name, path, markdown=suffix == ".md"))
        else:
            _read_records(text, name, path, labels, annotator, result)
    except StrictJSONError as exc:
        result.errors.append(f"{name}: is not valid JSON ({exc})")
    except InputError as exc:
        result.errors.append(str(exc))
    except OSError as exc:
        result.errors.append(f"{name}: cannot be read ({exc.strerror or exc})")
    return result


def _is_uima_cas(text: str) -> bool:
    head = text[:4096]
    return '"%TYPES"' in head or '"%FEATURE_STRUCTURES"' in head or '"%VIEWS"' in head


def _gather(items: Iterator[NewArticle | LeftOut | Suggested | str], result: FileResult) -> None:
    for item in items:
        if isinstance(item, str):
            result.errors.append(item)
        elif isinstance(item, LeftOut):
            result.left_out.append(item)
        elif isinstance(item, Suggested):
            result.suggested.append(item)
        else:
            result.articles.append(item)


def read_regular_file(path: Path, name: str) -> bytes:
    """The bytes of a regular file; a FIFO, socket or device is refused, never waited on."""
    with open_regular_file(path, name) as handle:
        return handle.read()


def open_regular_file(path: Path, name: str) -> BinaryIO:
    """A regular file opened for reading; a FIFO, socket or device is refused, never waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # opening a FIFO must not block
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
            raise InputError(name, f"is {kind}, not an article file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class NotStreamable(Exception):
    """A JSON Lines file that is not plain UTF-8 (a BOM of UTF-16, a legacy code page, binary):
    read it whole with read_file, which decodes and names such files."""


def iter_jsonl(path: Path, labels: set[str], annotator: str | None) -> Iterator[NewArticle | LeftOut | str]:
    """A UTF-8 JSON Lines file as a stream: articles, and one line (str) per bad record.

    Memory holds one line at a time, not the file. Raises InputError for what concerns the
    whole file (no records; a record with spans but no annotator), so that the caller stores
    none of it, and NotStreamable for a file that needs read_file's decoding.
    """
    name, anything = str(path), False
    with open_regular_file(path, name) as f:
        head = f.read(8)
        if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
            raise NotStreamable(name)
        f.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        for lineno, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise NotStreamable(name) from None
            if not line.strip():
                continue
            anything, where = True, f"{name}:{lineno}"
            try:
                record = strict_loads(line)
                left_out = answer_left_out(record) if isinstance(record, dict) else None
                if left_out is not None:
                    yield left_out
                    continue
                article = _record_article(record, where, path, labels)
            except StrictJSONError as exc:
                yield f"{where}: is not valid JSON ({exc})"
                continue
            except InputError as exc:
                yield str(exc)
                continue
            if article.spans and not (annotator or article.annotator):
                raise InputError(where, "carries spans but names no annotator: pass --annotator NAME to import "
                                        "them (nothing from this file was imported)")
            yield article
    if not anything:
        raise InputError(name, "is empty (no records)")


def _text_article(raw: str, name: str, path: Path, markdown: bool) -> NewArticle:
    text, _ = normalise_newlines(raw)
    text = text.strip()
    if not text:
        raise InputError(name, "contains only whitespace")
    if looks_like_conll(text.split("\n")):
        raise InputError(name, "is a CoNLL token/tag table, not an article; not imported (import it with "
                               "--format conll, or name it .conll)")
    return NewArticle(text=text, title=title_of(text, markdown), source=path.name, meta={"file": path.name})


def _records(text: str, name: str, suffix: str) -> Iterator[tuple[str, Any]]:
    """(where, record) pairs: JSON Lines, or a JSON array / single object."""
    stripped = text.lstrip()
    if suffix == ".json" and stripped[:1] in "[{":
        try:
            data = strict_loads(text)
        except StrictJSONError as exc:
            raise InputError(name, f"is not valid JSON ({exc})") from None
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items, 1):
            yield f"{name}: record {i}", item
        return
    # Records end at "\n" only: U+2028, U+2029, U+0085 and the like are valid inside a JSON
    # string (doccano writes them), so str.splitlines() would cut records in two.
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            where = f"{name}:{lineno}"
            try:
                yield where, strict_loads(line)
            except StrictJSONError as exc:
                yield where, InputError(where, f"is not valid JSON ({exc})")


def _read_records(text: str, name: str, path: Path, labels: set[str], annotator: str | None,
                  result: FileResult) -> None:
    with_spans = 0
    articles: list[NewArticle] = []
    for where, record in _records(text, name, path.suffix.lower()):
        try:
            if isinstance(record, InputError):
                raise record
            left_out = answer_left_out(record) if isinstance(record, dict) else None
            if left_out is not None:
                result.left_out.append(left_out)
                continue
            article = _record_article(record, where, path, labels)
        except InputError as exc:
            result.errors.append(str(exc))
            continue
        with_spans += bool(article.spans) and not article.annotator
        articles.append(article)
    if not articles and not result.errors and not result.left_out:
        raise InputError(name, "is empty (no records)")
    if with_spans and not annotator:
        raise InputError(name, f"{plural(with_spans, 'record')} with spans: pass --annotator NAME to import them "
                               "(nothing from this file was imported)")
    result.articles.extend(articles)


def _record_article(record: Any, where: str, path: Path, labels: set[str]) -> NewArticle:
    if not isinstance(record, dict):
        raise InputError(where, "is not a JSON object with a \"text\" field")
    raw = record.get("text")
    if not isinstance(raw, str):
        raise InputError(where, "has no \"text\" string")
    if not raw.strip():
        raise InputError(where, "has an empty text")
    text, mapping = normalise_newlines(raw)
    spans = tuple(_record_spans(record, where, len(raw), labels))
    if mapping is not None:
        spans = tuple((mapping[s], mapping[e], label) for s, e, label in spans)
    meta = {k: v for k, v in record.items()
            if (k not in _NOT_META or (k == "label" and isinstance(v, str))) and not k.startswith("_")}
    if isinstance(record.get("meta"), dict):
        meta = {**record["meta"], **meta}
    title = meta.pop("title", None)
    lang = meta.pop("lang", None)  # the document's language: a column of its own, checked when it is stored
    title = str(title).strip() if title else title_of(text)
    meta.setdefault("file", path.name)
    spans = tuple(dict.fromkeys(spans))
    annotations = read_annotations(record, where, spans, mapping) if spans or record.get("relations") else None
    source = meta.get("source") or record.get("_source")  # our own export's provenance, kept on re-import
    return NewArticle(text=text, title=title, source=str(source or path.name), meta=meta,
                      spans=spans, annotations=annotations, lang="" if lang in (None, "") else str(lang)[:100],
                      annotator=record_annotator(record, where))


def _record_spans(record: dict[str, Any], where: str, length: int, labels: set[str]) -> Iterator[tuple[int, int, str]]:
    """Spans in Prodigy/spaCy style ("spans"), doccano style ("label"), or "entities" as
    doccano objects or spaCy v2 [start, end, LABEL] triples. Anything else is named, not skipped."""
    found: list[tuple[Any, Any, Any]] = []
    for name, keys in (("spans", ("start", "end")), ("label", None), ("entities", ("start_offset", "end_offset"))):
        items = record.get(name)
        if items is None or (name == "label" and isinstance(items, str)):  # a document-level label: metadata
            continue
        if not isinstance(items, list):
            raise InputError(where, f"has \"{name}\" that is not a list of spans: {_short(items)}")
        for item in items:
            if isinstance(item, dict) and keys is not None:
                found.append((item.get(keys[0], item.get("start")), item.get(keys[1], item.get("end")),
                              item.get("label")))
            elif isinstance(item, (list, tuple)) and len(item) == 3:
                found.append(tuple(item))  # type: ignore[arg-type]
            else:
                raise InputError(where, f"has a span in \"{name}\" that is neither an object nor "
                                        f"[start, end, LABEL]: {_short(item)}")
    for n, (start, end, label) in enumerate(found, 1):
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            raise InputError(where, f"span {n} has no integer start and end: {start!r}, {end!r}")
        if not 0 <= start < end <= length:
            raise InputError(where, f"span {n} [{start}, {end}) is outside the text (length {length})")
        problem = label_problem(label, labels)
        if problem is not None:
            raise InputError(where, f"span {n} [{start}, {end}) {problem}")
        yield start, end, label


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
