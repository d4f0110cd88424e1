"""Provenance of a span: which tool proposed it, when it was accepted, whether its figure reading was parsed or typed.

Provenance is metadata the tool writes beside a span (DESIGN.md, "What a span holds"): it is
never one of the span's attributes, so agreement, review units, schema checks and attribute
exports never see it; JSONL and spaCy exports carry it under its own key. Stored as a small
JSON object in the span's own column.
"""
from __future__ import annotations

from typing import Any, Mapping

SOURCE = "source"          # "rules", "memory" or "model": the suggestion source that proposed the span
MODEL = "model"            # which stored model proposed it, for source "model": "trained <UTC time> with spaCy <version>"
ACCEPTED_AT = "accepted_at"  # UTC ISO time the annotator accepted the suggestion
FIGURE = "figure"          # "parsed": numbers read by the claims parser; "typed": a person set them
REVIEW = "review"          # a gold span: how a reviewer made it ("take", "edit", "unanimous": core.units.Action)
DECIDED_BY = "decided_by"  # a gold span: the reviewer who decided its unit
DECIDED_AT = "decided_at"  # a gold span: UTC ISO time of that decision
FIELDS = (SOURCE, MODEL, ACCEPTED_AT, FIGURE, REVIEW, DECIDED_BY, DECIDED_AT)
_VALUES = {SOURCE: ("rules", "memory", "model"), FIGURE: ("parsed", "typed"), REVIEW: ("take", "edit", "unanimous")}
LEGACY_ATTRIBUTE = "suggested_by"  # where versions before schema 9 kept the source, among the attributes
FIGURE_NUMBERS = ("low", "high", "precision")


def provenance_problem(value: Any) -> str | None:
    """Why `value` is not provenance this version writes, or None (an empty object is none at all)."""
    if not isinstance(value, Mapping):
        return "provenance is not a JSON object" + (f" ({value})" if isinstance(value, str) else "")
    for key, item in value.items():
        if key not in FIELDS:
            return f"provenance has an unknown field {key!r} (known: {', '.join(FIELDS)})"
        if not isinstance(item, str) or len(item) > 200 or not item.isprintable():
            return f"provenance {key!r} is not a short line of text"
        if key in _VALUES and item not in _VALUES[key]:
            return f"provenance {key} {item!r} is not one of {', '.join(_VALUES[key])}"
    return None


def accepted(source: str, at: str, attrs: Mapping[str, Any], model: str = "") -> dict[str, str]:
    """Provenance of a span made by accepting a suggestion of `source` at time `at`."""
    out = {SOURCE: source, ACCEPTED_AT: at}
    model = "".join(c for c in model if c.isprintable())[:200]  # a crafted model's stamp stays a short line
    if model:
        out[MODEL] = model
    if any(k in attrs for k in FIGURE_NUMBERS):
        out[FIGURE] = "parsed"
    return out


def reviewed(how: str, reviewer: str, at: str, version: Mapping[str, Any] = {}) -> dict[str, str]:
    """Provenance of a gold span a review decision made: how (take, edit, unanimous), by whom and when;
    with which source proposed the annotator's span it came from (`version`: that span's provenance),
    when there was one. What an earlier review said of it is replaced."""
    kept = {k: v for k, v in version.items() if k in (SOURCE, MODEL, ACCEPTED_AT, FIGURE)}
    return {**kept, REVIEW: how, DECIDED_BY: "".join(c for c in reviewer if c.isprintable())[:200], DECIDED_AT: at}


def figure_read(attrs: Mapping[str, Any]) -> dict[str, str]:
    """Provenance of a new span whose figure numbers the claims parser read (empty when it read none)."""
    return {FIGURE: "parsed"} if any(k in attrs for k in FIGURE_NUMBERS) else {}


def typed(provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The same provenance after a person set a figure number by hand."""
    return {**provenance, FIGURE: "typed"}


def split_legacy(attrs: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(attributes, provenance) of attributes written by an older version, `suggested_by` moved out."""
    rest = {k: v for k, v in attrs.items() if k != LEGACY_ATTRIBUTE}
    source = attrs.get(LEGACY_ATTRIBUTE)
    return rest, ({SOURCE: source} if isinstance(source, str) and source in _VALUES[SOURCE] else {})
