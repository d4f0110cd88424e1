"""What an imported record carries beyond (start, end, label): span attributes, notes, flags, relations.

Readers fill these values from a file; `prepare` checks them against the project's schema and
reads the numbers of FIGUREs that came without them, so that a bad record is refused whole.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from annotator.core.errors import SpanError
from annotator.core.schema import Schema, figure_attrs

_FIGURE_ATTRS = ("low", "high", "precision")


@dataclass(frozen=True, slots=True)
class SpanRecord:
    """One imported span; None where the record said nothing (so nothing stored is overwritten)."""

    start: int
    end: int
    label: str
    attrs: Mapping[str, Any] | None = None
    note: str | None = None
    unsure: bool | None = None

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass(frozen=True, slots=True)
class RecordAnnotations:
    """The spans of one record and its relations (head index, child index, relation type) into them."""

    where: str
    spans: tuple[SpanRecord, ...]
    relations: tuple[tuple[int, int, str], ...] = ()
    parsed: tuple[int, ...] = ()  # indices of spans whose FIGURE numbers were read, not given


def prepare(schema: Schema, text: str, record: RecordAnnotations, lang: str = "en") -> RecordAnnotations:
    """The record checked against `schema` (SpanError naming the span or relation), FIGUREs read."""
    spans, parsed = [], []
    reads = {label: schema.reads_figures(label) for label in {s.label for s in record.spans}}
    for n, span in enumerate(record.spans, 1):
        attrs: dict[str, Any] = {}
        if span.attrs:
            try:
                attrs = schema.check_attrs(span.label, span.attrs)
            except SpanError as exc:
                raise SpanError(f"span {n} [{span.start}, {span.end}) {span.label}: {exc}") from None
        if reads[span.label] and not any(k in attrs for k in _FIGURE_ATTRS):
            attrs.update(figure_attrs(schema, span.label, text, span.start, span.end, lang))
            parsed.append(n - 1)
        if attrs or span.attrs is not None:
            span = SpanRecord(span.start, span.end, span.label, attrs, span.note, span.unsure)
        spans.append(span)
    for n, (head, child, name) in enumerate(record.relations, 1):
        try:
            schema.check_relation(name, spans[head].label, spans[child].label)
        except SpanError as exc:
            raise SpanError(f"relation {n}: {exc}") from None
        if head == child:
            raise SpanError(f"relation {n}: a {name} links two different spans")
    return replace(record, spans=tuple(spans), parsed=tuple(parsed))
