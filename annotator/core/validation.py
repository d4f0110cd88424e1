"""The one validator of a layer's content against the schema: spans, their attributes, their relations.

Import, merge, schema changes, review edits and `annotator check` all call `layer_problems`, so
a rule lives here once (DESIGN.md, "One validator"); the rules about one value (an attribute's
type, a number a JSON reader and SQLite both hold exactly, which labels a relation joins) are
the schema's own (`Schema.check_attrs`, `Schema.check_relation`), called from here. Each
problem is one phrase naming the span or relation; an empty list means the layer is fine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Mapping, Sequence

from annotator.core.errors import SpanError
from annotator.core.provenance import provenance_problem
from annotator.core.schema import Schema

Relation = tuple[Hashable, Hashable, Any]  # (head, child, relation type); ends are span ids, or indices


@dataclass(frozen=True, slots=True)
class LayerSpan:
    """A span as a file or a stored row gives it: nothing about it is trusted yet."""

    start: Any
    end: Any
    label: Any
    attrs: Any = field(default_factory=dict)
    provenance: Any = field(default_factory=dict)


def span_name(span: Any, number: Any = None) -> str:
    """How a message names a span: its number in the record or its stored id, if any, then range and label."""
    return f"span {'' if number is None else f'{number} '}[{span.start}, {span.end}) {span.label}"


def span_problems(schema: Schema, text_length: int, span: Any, number: Any = None) -> list[str]:
    """What is wrong with one span (offsets, label, attributes, provenance) in a text of `text_length` code points."""
    return [problem for _part, problem, _cause in _span_findings(schema, text_length, span, number)]


# What a problem is about, so that `annotator repair` removes exactly the rows (or the column) at fault.
SPAN, ATTRS, PROVENANCE, DUPLICATE, RELATION = "span", "attrs", "provenance", "duplicate", "relation"
# Why a SPAN finding refuses the whole span (a phrase that reads after "spans", for repair's counts).
NO_OFFSETS, OUTSIDE_TEXT, UNDECLARED_LABEL = ("without integer offsets", "outside their text",
                                              "with a label the schema does not declare")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem of a layer: which part (SPAN: its offsets or label; ATTRS; PROVENANCE; DUPLICATE;
    RELATION), the index of the span or relation in what was checked, and the phrase."""

    part: str
    index: int
    problem: str
    cause: str = ""  # of a SPAN finding: NO_OFFSETS, OUTSIDE_TEXT or UNDECLARED_LABEL


def _span_findings(schema: Schema, text_length: int, span: Any, number: Any = None,
                   labels: frozenset[str] | None = None) -> list[tuple[str, str, str]]:
    """`labels`: the schema's label names, when the caller checks many spans against one schema."""
    start, end, label = span.start, span.end, span.label
    if type(start) is not int or type(end) is not int:  # bool and float are not offsets
        return [(SPAN, f"{span_name(span, number)} has no integer offsets", NO_OFFSETS)]
    if not 0 <= start < end <= text_length:
        return [(SPAN, f"{span_name(span, number)} is outside its text (length {text_length})", OUTSIDE_TEXT)]
    if type(label) is not str or not (label in labels if labels is not None else schema.label(label) is not None):
        return [(SPAN, f"{span_name(span, number)}: label {label!r}, which the schema does not declare",
                 UNDECLARED_LABEL)]
    out = []
    attrs = getattr(span, "attrs", None)
    if attrs is not None and not isinstance(attrs, Mapping):
        out.append((ATTRS, f"{span_name(span, number)}: its attributes are not a JSON object"
                    + (f" ({attrs})" if isinstance(attrs, str) else ""), ""))
    elif attrs:
        try:
            schema.check_attrs(label, attrs)
        except SpanError as exc:
            out.append((ATTRS, f"{span_name(span, number)}: {exc}", ""))
    provenance = getattr(span, "provenance", None)
    problem = provenance_problem(provenance) if provenance else None
    if problem:
        out.append((PROVENANCE, f"{span_name(span, number)}: {problem}", ""))
    return out


def layer_problems(schema: Schema, text_length: int, spans: Sequence[Any], relations: Iterable[Relation] = (),
                   ids: Sequence[Hashable] | None = None) -> list[str]:
    """Every problem of one annotator's layer on one document, one phrase each.

    `spans` have start, end, label and optionally attrs and provenance; `relations` name their
    ends by `ids` (parallel to `spans`; by index in `spans` when None). An end that is not a
    span of this layer (another annotator's, another document's, or gone) is a problem."""
    return [f.problem for f in layer_findings(schema, text_length, spans, relations, ids)]


def layer_findings(schema: Schema, text_length: int, spans: Sequence[Any], relations: Iterable[Relation] = (),
                   ids: Sequence[Hashable] | None = None) -> list[Finding]:
    """layer_problems, each saying which span or relation (by index) and which part of it is at fault."""
    out: list[Finding] = []
    seen: set[tuple[Any, Any, Any]] = set()
    labels = frozenset(label.name for label in schema.labels)
    for n, span in enumerate(spans):
        number = n + 1 if ids is None else ids[n]
        found = _span_findings(schema, text_length, span, number, labels)
        if found:
            out.extend(Finding(part, n, problem, cause) for part, problem, cause in found)
        key = (span.start, span.end, span.label)
        hashable = _hashable(key) if found and found[0][0] == SPAN else True  # ints and a str, once checked
        if hashable and key in seen:
            out.append(Finding(DUPLICATE, n, f"{span_name(span, number)} appears twice in the layer"))
        elif hashable:
            seen.add(key)
    by_id: Mapping[Hashable, Any] = dict(zip(ids, spans)) if ids is not None else dict(enumerate(spans))
    links: set[Relation] = set()
    for n, (head, child, kind) in enumerate(relations, 1):
        out.extend(Finding(RELATION, n - 1, problem)
                   for problem in _relation_problems(schema, n, by_id, head, child, kind, links))
    return out


def _relation_problems(schema: Schema, n: int, by_id: Mapping[Hashable, Any], head: Hashable, child: Hashable,
                       kind: Any, links: set[Relation]) -> list[str]:
    name = f"relation {n} ({kind!r})" if not isinstance(kind, str) or not kind.isprintable() else f"relation {n} ({kind})"
    ends = [by_id.get(head) if _hashable(head) else None, by_id.get(child) if _hashable(child) else None]
    missing = [end for end, span in zip(("head", "child"), ends) if span is None]
    if missing:
        return [f"{name}: its {' and '.join(missing)} is not a span of this layer"]
    if head == child:
        return [f"{name} links {span_name(ends[0])} to itself; a link joins two different spans"]
    if not isinstance(kind, str):
        return [f"{name}: its type is not text"]
    try:
        schema.check_relation(kind, ends[0].label, ends[1].label)
    except SpanError as exc:
        return [f"{name} from {span_name(ends[0])} to {span_name(ends[1])}: {exc}"]
    if (head, child, kind) in links:
        return [f"{name} from {span_name(ends[0])} to {span_name(ends[1])} appears twice"]
    links.add((head, child, kind))
    return []


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
