"""The project's schema as one value: labels, attributes per label, relation types, vague quantities.

Everything that needs to know which labels, attribute values or links exist reads this object;
no label name is hard-coded outside the defaults below (DOMAIN.md's tables). The JSON form is
what `annotator schema show --json` prints and `annotator schema set FILE` reads back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping, Sequence

from annotator.core.errors import AnnotatorError, SpanError
from annotator.core.figures import DEFAULT_VAGUE, parse_figure
from annotator.core.model import Label, shortcut_ok

ATTRIBUTE_TYPES = ("choice", "number", "text", "bool")
# The largest whole number both a JSON reader (an IEEE double: JavaScript, spreadsheets, pandas)
# and SQLite (64-bit integers) hold exactly: beyond it 1e20 would be stored as a 21-digit integer
# that other readers round and our own strict reader refuses.
MAX_EXACT = 2 ** 53 - 1
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,39}$")
_PALETTE = ("#f28e2b", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac", "#8cd17d", "#86bcb6")


class SchemaError(AnnotatorError):
    """A schema that does not hold together, or a value or link it does not allow."""


@dataclass(frozen=True, slots=True)
class AttributeDef:
    """One attribute of a label: a choice from `values`, a number, free text or yes/no."""

    name: str
    type: str
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise SchemaError(f"attribute name {self.name!r} must be a letter then letters, digits, _ or -")
        if self.type not in ATTRIBUTE_TYPES:
            raise SchemaError(f"attribute {self.name}: type {self.type!r} is not one of {', '.join(ATTRIBUTE_TYPES)}")
        if self.type == "choice" and not self.values:
            raise SchemaError(f"attribute {self.name}: a choice needs a list of values")
        if self.type != "choice" and self.values:
            raise SchemaError(f"attribute {self.name}: only a choice has values")
        if len(set(self.values)) != len(self.values) or not all(isinstance(v, str) and v for v in self.values):
            raise SchemaError(f"attribute {self.name}: values must be distinct, non-empty text")

    def check(self, value: Any) -> Any:
        """The value as stored, or SpanError naming the attribute and what is wrong."""
        if self.type == "choice" and isinstance(value, str) and value in self.values:
            return value
        if self.type == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return exact_number(self.name, value)
        if self.type == "text" and isinstance(value, str):
            return value
        if self.type == "bool" and isinstance(value, bool):
            return value
        wanted = {"choice": "one of " + ", ".join(self.values), "number": "a number",
                  "text": "text", "bool": "true or false"}[self.type]
        raise SpanError(f"attribute {self.name!r}: {value!r} is not {wanted}")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.values:
            out["values"] = list(self.values)
        return out


def exact_number(name: str, value: int | float) -> int | float:
    """A number attribute as stored: whole numbers as integers, refused beyond what JSON and SQLite hold exactly."""
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        raise SpanError(f"attribute {name!r}: {value!r} is not a finite number")
    if isinstance(value, float) and not value.is_integer():
        return value
    if abs(value) > MAX_EXACT:
        shown = f"{value:.3g}" if isinstance(value, float) else (str(value) if len(str(value)) <= 25 else
                                                                 f"a {len(str(value))}-digit number")
        raise SpanError(f"attribute {name!r}: {shown} is beyond ±{MAX_EXACT:,} (2**53 - 1), the largest whole "
                        "number JSON readers and SQLite both hold exactly")
    return int(value)


@dataclass(frozen=True, slots=True)
class RelationType:
    """A kind of link from a span labelled one of `head` to a span labelled one of `child`."""

    name: str
    head: tuple[str, ...]
    child: tuple[str, ...]
    key: str = ""

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise SchemaError(f"relation name {self.name!r} must be a letter then letters, digits, _ or -")
        if not self.head or not self.child:
            raise SchemaError(f"relation {self.name}: needs at least one label at each end")
        if not shortcut_ok(self.key):
            raise SchemaError(f"relation {self.name}: shortcut {self.key!r} must be one visible character")

    def allows(self, head_label: str, child_label: str) -> bool:
        return head_label in self.head and child_label in self.child

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "head": list(self.head), "child": list(self.child), "key": self.key}


DEFAULT_ATTRIBUTES: dict[str, tuple[AttributeDef, ...]] = {
    "FIGURE": (
        AttributeDef("category", "choice", ("killed", "injured", "displaced", "refugees", "detained",
                                            "missing", "affected", "fighters", "events", "other")),
        AttributeDef("precision", "choice", ("exact", "approximate", "at_least", "at_most", "range", "vague")),
        AttributeDef("low", "number"),
        AttributeDef("high", "number"),
    ),
    "ACTOR": (AttributeDef("type", "choice", (
        "state forces", "rebel group", "militia", "civilians", "international organisation",
        "NGO or monitor", "media", "government", "other")),),
    "LOCATION": (AttributeDef("type", "choice", (
        "country", "region or province", "city or town", "village", "camp", "facility",
        "area or border", "other")),),
}
DEFAULT_RELATIONS: tuple[RelationType, ...] = (
    RelationType("SOURCE", ("ATTRIBUTION",), ("ACTOR",), "s"),
    RelationType("CLAIM", ("ATTRIBUTION",), ("FIGURE",), "c"),
)


@dataclass(frozen=True, slots=True)
class Schema:
    """Labels in order, their attributes, relation types and the table of vague quantities."""

    labels: tuple[Label, ...]
    attributes: Mapping[str, tuple[AttributeDef, ...]] = field(default_factory=dict, hash=False)
    relations: tuple[RelationType, ...] = ()
    vague: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_VAGUE), hash=False)

    def __post_init__(self) -> None:
        names = [label.name for label in self.labels]
        _unique(names, "label")
        _unique([label.key for label in self.labels if label.key], "label key")
        for label, attrs in self.attributes.items():
            if label not in names:
                raise SchemaError(f"attributes for {label}, which is not a label")
            _unique([a.name for a in attrs], f"{label} attribute")
        _unique([r.name for r in self.relations], "relation")
        _unique([r.key for r in self.relations if r.key], "relation key")
        for rel in self.relations:
            missing = [x for x in (*rel.head, *rel.child) if x not in names]
            if missing:
                raise SchemaError(f"relation {rel.name}: {', '.join(missing)} is not a label")
        for word, value in self.vague.items():
            if not isinstance(word, str) or not word.strip() or type(value) is not int or value < 0:
                raise SchemaError(f"vague quantity {word!r}: {value!r:.40} is not a whole number")
            if value > MAX_EXACT:
                raise SchemaError(f"vague quantity {word!r}: {value:.3g} is beyond {MAX_EXACT:,} (2**53 - 1), the "
                                  "largest whole number JSON readers and SQLite both hold exactly")

    # -- looking up -----------------------------------------------------------------------
    @property
    def label_names(self) -> list[str]:
        return [label.name for label in self.labels]

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def attributes_of(self, label: str) -> tuple[AttributeDef, ...]:
        return tuple(self.attributes.get(label, ()))

    def attribute(self, label: str, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes_of(label) if a.name == name), None)

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    def reads_figures(self, label: str) -> bool:
        """Whether spans of `label` get numbers read from their text: it has low, high and precision."""
        kinds = {a.name: a.type for a in self.attributes_of(label)}
        return kinds.get("low") == kinds.get("high") == "number" and kinds.get("precision") == "choice"

    def relations_between(self, head_label: str, child_label: str) -> list[RelationType]:
        return [r for r in self.relations if r.allows(head_label, child_label)]

    # -- checking values ------------------------------------------------------------------
    def check_attrs(self, label: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
        """Attributes as stored (None values left out), or SpanError naming the first bad one."""
        out: dict[str, Any] = {}
        for name, value in attrs.items():
            definition = self.attribute(label, name)
            if definition is None:
                raise SpanError(f"{label} has no attribute {name!r}")
            if value is not None:
                try:
                    out[name] = definition.check(value)
                except SpanError as exc:
                    raise SpanError(f"{label} {exc}") from None
        return out

    def check_relation(self, name: str, head_label: str, child_label: str) -> RelationType:
        relation = self.relation(name)
        if relation is None:
            raise SpanError(f"unknown relation {name!r}")
        if not relation.allows(head_label, child_label):
            raise SpanError(f"relation {name} goes from {'/'.join(relation.head)} to {'/'.join(relation.child)}, "
                            f"not from {head_label} to {child_label}")
        return relation

    # -- changing -------------------------------------------------------------------------
    def renamed(self, old: str, new: str) -> "Schema":
        """The same schema with label `old` called `new` everywhere (attributes, relation ends)."""
        label = self.label(old)
        if label is None:
            raise SchemaError(f"no label {old!r} to rename")
        if self.label(new) is not None:
            raise SchemaError(f"a label {new!r} exists already")
        swap = (lambda names: tuple(new if n == old else n for n in names))
        return Schema(
            tuple(replace(lb, name=new) if lb.name == old else lb for lb in self.labels),
            {(new if k == old else k): v for k, v in self.attributes.items()},
            tuple(replace(r, head=swap(r.head), child=swap(r.child)) for r in self.relations),
            dict(self.vague))

    # -- JSON -----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "labels": [{"name": lb.name, "colour": lb.colour, "key": lb.key, "description": lb.description,
                        "guideline": lb.guideline, "attributes": [a.to_json() for a in self.attributes_of(lb.name)]}
                       for lb in self.labels],
            "relations": [r.to_json() for r in self.relations],
            "vague": dict(self.vague),
        }

    @classmethod
    def from_json(cls, data: Any, defaults: "Schema") -> "Schema":
        """A schema from its JSON form; whatever is left out is taken from `defaults`."""
        if not isinstance(data, dict):
            raise SchemaError("a schema is a JSON object with labels, relations and vague")
        unknown = set(data) - {"labels", "relations", "vague"}
        if unknown:
            raise SchemaError(f"unknown schema field(s): {', '.join(sorted(unknown))}")
        try:
            labels, attributes = _labels_from_json(data.get("labels"), defaults)
            relations = _relations_from_json(data.get("relations"), defaults)
            vague = dict(defaults.vague) if data.get("vague") is None else _object(data["vague"], "vague")
            return cls(labels, attributes, relations, vague)
        except (SpanError, TypeError) as exc:  # Label's own checks raise SpanError
            raise SchemaError(str(exc)) from None


def default_schema(labels: Sequence[Label]) -> Schema:
    """DOMAIN.md's defaults over a label set: attributes and relations only where their labels exist."""
    names = {label.name for label in labels}
    attributes = {k: v for k, v in DEFAULT_ATTRIBUTES.items() if k in names}
    relations = tuple(r for r in DEFAULT_RELATIONS if set(r.head) | set(r.child) <= names)
    return Schema(tuple(labels), attributes, relations, dict(DEFAULT_VAGUE))


def figure_attrs(schema: Schema, label: str, text: str, start: int, end: int, lang: str = "en") -> dict[str, Any]:
    """low, high and precision of a new span [start, end) of `text` (code points), if its label has them.

    The qualifier is looked for in the 40 characters before the span; a precision the
    project's list lacks is left out rather than forced into another value."""
    if not schema.reads_figures(label):
        return {}
    attrs = parse_figure(text[start:end], text[max(0, start - 40):start], schema.vague, lang).attrs()
    precision = schema.attribute(label, "precision")
    if precision is not None and attrs.get("precision") not in precision.values:
        attrs.pop("precision", None)
    return attrs


def _unique(items: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise SchemaError(f"{what} {item!r} appears twice")
        seen.add(item)


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{what} must be a JSON object")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(f"{what} must be a JSON list")
    return value


def _labels_from_json(value: Any, defaults: Schema) -> tuple[tuple[Label, ...], dict[str, tuple[AttributeDef, ...]]]:
    if value is None:
        return defaults.labels, dict(defaults.attributes)
    labels: list[Label] = []
    attributes: dict[str, tuple[AttributeDef, ...]] = {}
    used = {lb.colour for lb in defaults.labels}
    spare = [c for c in _PALETTE if c not in used] or list(_PALETTE)
    for i, item in enumerate(_list(value, "labels")):
        item = _object(item, f"label {i + 1}")
        name = item.get("name")
        if not isinstance(name, str):
            raise SchemaError(f"label {i + 1} has no name")
        base = defaults.label(name) or Label(name, spare[len(labels) % len(spare)])
        fields = {k: item.get(k, getattr(base, k)) for k in ("colour", "key", "description", "guideline")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise SchemaError(f"label {name}: colour, key, description and guideline are text")
        labels.append(Label(name, **fields))
        attributes[name] = _attributes_from_json(item.get("attributes"), name, defaults)
    return tuple(labels), {k: v for k, v in attributes.items() if v}


def _attributes_from_json(value: Any, label: str, defaults: Schema) -> tuple[AttributeDef, ...]:
    if value is None:
        return defaults.attributes_of(label)
    out = []
    for item in _list(value, f"{label} attributes"):
        item = _object(item, f"{label} attribute")
        name = item.get("name")
        if not isinstance(name, str):
            raise SchemaError(f"{label}: an attribute has no name")
        base = defaults.attribute(label, name)
        values = item.get("values", list(base.values) if base else [])
        kind = item.get("type", base.type if base else ("choice" if values else "text"))
        if not isinstance(kind, str) or not isinstance(values, list):
            raise SchemaError(f"{label} attribute {name}: type is text and values a list")
        out.append(AttributeDef(name, kind, tuple(values)))
    return tuple(out)


def _relations_from_json(value: Any, defaults: Schema) -> tuple[RelationType, ...]:
    if value is None:
        return defaults.relations
    out = []
    for i, item in enumerate(_list(value, "relations")):
        item = _object(item, f"relation {i + 1}")
        name = item.get("name")
        if not isinstance(name, str):
            raise SchemaError(f"relation {i + 1} has no name")
        base = defaults.relation(name)
        head = item.get("head", list(base.head) if base else [])
        child = item.get("child", list(base.child) if base else [])
        key = item.get("key", base.key if base else "")
        if not (isinstance(head, list) and isinstance(child, list) and isinstance(key, str)
                and all(isinstance(x, str) for x in (*head, *child))):
            raise SchemaError(f"relation {name}: head and child are lists of labels, key is text")
        out.append(RelationType(name, tuple(head), tuple(child), key))
    return tuple(out)
