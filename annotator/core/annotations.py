"""What an imported record carries beyond (start, end, label): span attributes, notes, flags, relations.

Readers fill these values from a file; `prepare` checks them with the one validator
(core.validation) and reads the numbers of FIGUREs that came without them, so that a bad
record is refused whole.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from annotator.core.errors import SpanError
from annotator.core.provenance import figure_read, split_legacy
from annotator.core.schema import Schema, figure_attrs
from annotator.core.validation import layer_problems

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
    provenance: Mapping[str, Any] | None = None  # core.provenance; never among the attrs

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
    """The record checked against `schema` (SpanError naming the first problem and how many there
    are), FIGUREs read; `suggested_by` among attributes an older version wrote becomes provenance."""
    spans = [_legacy_moved(span) for span in record.spans]
    problems = layer_problems(schema, len(text), spans, record.relations)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SpanError(problems[0] + more)
    out, parsed = [], []
    for n, span in enumerate(spans):
        attrs = schema.check_attrs(span.label, span.attrs) if span.attrs else {}
        provenance = dict(span.provenance or {})
        if schema.reads_figures(span.label) and not any(k in attrs for k in _FIGURE_ATTRS):
            attrs.update(figure_attrs(schema, span.label, text, span.start, span.end, lang))
            provenance = {**provenance, **figure_read(attrs)}
            parsed.append(n)
        if attrs or span.attrs is not None:
            span = replace(span, attrs=attrs)
        out.append(replace(span, provenance=provenance) if provenance else span)
    return replace(record, spans=tuple(out), parsed=tuple(parsed))


def _legacy_moved(span: SpanRecord) -> SpanRecord:
    if not span.attrs or "suggested_by" not in span.attrs:
        return span
    attrs, provenance = split_legacy(span.attrs)
    return replace(span, attrs=attrs, provenance={**provenance, **(span.provenance or {})})
