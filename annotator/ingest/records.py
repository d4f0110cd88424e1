"""What every format reader yields: articles (NewArticle), one line (str) per bad record, and
LeftOut counts of what a file held that has no place here. Also the one label rule of readers
and the joining of records that share a text (Prodigy db-out, multi-annotator exports).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator, Mapping, Sequence, Union

from annotator.core.annotations import RecordAnnotations, SpanRecord
from annotator.core.errors import InputError
from annotator.core.model import NewArticle, text_sha256
from annotator.core.suggestion import Suggestion

_TITLE_MAX = 200


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Something a file held that the import leaves out, by kind: counted and named in the summary."""

    kind: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class Suggested:
    """Spans a tool proposed for a text (Label Studio's predictions): derived data, for the suggestions table."""

    text: str
    suggestions: tuple[Suggestion, ...]


Item = Union[NewArticle, LeftOut, Suggested, str]


def in_language(items: Iterable[Item], lang: Any) -> Iterator[Item]:
    """The articles of `items` with the language their file gives (checked at import like any metadata's)."""
    if lang in (None, ""):
        yield from items
        return
    for item in items:
        yield replace(item, lang=str(lang)[:100]) if isinstance(item, NewArticle) else item


def title_of(text: str, markdown: bool = False) -> str:
    """First non-empty line, shortened; Markdown heading marks removed."""
    for line in text.splitlines():
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if line:
            return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"
    return ""


def label_problem(label: Any, labels: set[str]) -> str | None:
    """Why a span's label cannot be stored in a project with `labels`, or None when it can."""
    if isinstance(label, str) and label in labels:
        return None
    return f"has unknown label {short(label)} (project labels: {', '.join(sorted(labels))})"


def check_range(where: str, what: str, start: Any, end: Any, length: int) -> None:
    """InputError unless [start, end) is a non-empty range of integers inside a text of `length`."""
    if type(start) is not int or type(end) is not int:
        raise InputError(where, f"{what} has no integer start and end: {start!r}, {end!r}")
    if not 0 <= start < end <= length:
        raise InputError(where, f"{what} [{start}, {end}) is outside the text (length {length})")


def make_article(text: str, where: str, spans: Sequence[SpanRecord], relations: Iterable[tuple[int, int, str]] = (),
                 *, source: str, meta: Mapping[str, Any], title: str | None = None,
                 annotator: str | None = None) -> NewArticle:
    """A NewArticle from a reader's spans (one per range and label: the first is kept) and relations
    between them (indices into `spans`)."""
    keep: dict[tuple[int, int, str], int] = {}
    unique: list[SpanRecord] = []
    where_of = []
    for span in spans:
        if span.key not in keep:
            keep[span.key] = len(unique)
            unique.append(span)
        where_of.append(keep[span.key])
    links = tuple(dict.fromkeys((where_of[h], where_of[c], name) for h, c, name in relations))
    annotations = RecordAnnotations(where, tuple(unique), links) if unique or links else None
    return NewArticle(text=text, title=title or title_of(text), source=source, meta=dict(meta),
                      spans=tuple(s.key for s in unique), annotations=annotations, annotator=annotator)


def join_same_text(articles: Sequence[NewArticle]) -> list[NewArticle]:
    """Articles of one layer with the same text made one: the first's title and metadata, the
    spans of all (one per range and label), relations moved onto the joined spans."""
    by_sha: dict[str, list[NewArticle]] = {}
    for article in articles:
        by_sha.setdefault(text_sha256(article.text), []).append(article)
    return [group[0] if len(group) == 1 else _joined(group) for group in by_sha.values()]


def _joined(group: list[NewArticle]) -> NewArticle:
    order: dict[tuple[int, int, str], int] = {}
    spans: list[SpanRecord] = []
    relations: list[tuple[int, int, str]] = []
    parsed: list[int] = []
    for article in group:
        records = article.annotations.spans if article.annotations is not None else \
            tuple(SpanRecord(s, e, label) for s, e, label in article.spans)
        index = []
        for n, span in enumerate(records):
            if span.key not in order:
                order[span.key] = len(spans)
                spans.append(span)
                if article.annotations is not None and n in article.annotations.parsed:
                    parsed.append(order[span.key])
            else:  # what the later record says fills what the earlier one left unsaid
                i = order[span.key]
                old = spans[i]
                spans[i] = SpanRecord(old.start, old.end, old.label, old.attrs if old.attrs is not None else span.attrs,
                                      old.note if old.note is not None else span.note,
                                      old.unsure if old.unsure is not None else span.unsure)
            index.append(order[span.key])
        if article.annotations is not None:
            relations += [(index[h], index[c], name) for h, c, name in article.annotations.relations]
    first = group[0]
    where = first.annotations.where if first.annotations is not None else ""
    annotations = RecordAnnotations(where, tuple(spans), tuple(dict.fromkeys(relations)), tuple(parsed))
    return replace(first, spans=tuple(s.key for s in spans), annotations=annotations)


def short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
