"""Reading a FIGURE span as numbers: low, high and precision from its text and the qualifier before it.

The rules are DOMAIN.md's table "Normalising a FIGURE". What cannot be read stays empty: the
parser never invents a number or a precision. Pure Python, stdlib only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Mapping

# DOMAIN.md's default table of vague quantities (ACLED's conservative coding).
DEFAULT_VAGUE: dict[str, int] = {
    "tens": 10,
    "dozens": 12,
    "a dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "millions": 1_000_000,
    "several": 3,
    "a few": 3,
}

PRECISIONS = ("exact", "approximate", "at_least", "at_most", "range", "vague")

# Qualifiers that stay outside the span (or that an annotator left inside it), by precision.
_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "approximate": ("some", "about", "around", "roughly", "nearly", "almost", "an estimated",
                    "estimated", "close to", "approximately", "approx.", "circa", "an approximate"),
    "at_least": ("at least", "more than", "over", "upwards of", "no fewer than", "no less than",
                 "in excess of", "as few as"),
    "at_most": ("up to", "at most", "no more than", "fewer than", "less than", "under",
                "as many as", "below"),
}
_QUALIFIER_OF = {q: p for p, qs in _QUALIFIERS.items() for q in qs}
_QUALIFIER_ALT = "|".join(re.escape(q) for q in sorted(_QUALIFIER_OF, key=len, reverse=True))
_QUALIFIER_AT_END = re.compile(rf"(?:^|[^\w.])({_QUALIFIER_ALT})\s*$")
_QUALIFIER_AT_START = re.compile(rf"^({_QUALIFIER_ALT})\s+(?=\S)")

_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "mln": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}

_SEP = r"[,.\s\u00a0\u202f\u2009'\u2019]"
_GROUPED = re.compile(rf"^\d{{1,3}}({_SEP})\d{{3}}(?:\1\d{{3}})*$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_BETWEEN = re.compile(r"^between\s+(.+?)\s+and\s+(.+)$")
_FROM_TO = re.compile(r"^(?:from\s+)?(.+?)\s+to\s+(.+)$")
_DASH = re.compile(r"^(.+?)\s*[-\u2010\u2011\u2012\u2013\u2014]\s*(.+)$")


_MAX_DIGITS = 15  # more digits than any count of people or events; msgpack and SQLite keep 64-bit integers


@dataclass(frozen=True, slots=True)
class FigureValue:
    """A FIGURE's normalised reading: whole numbers (or None) and one of PRECISIONS (or None)."""

    low: int | None = None
    high: int | None = None
    precision: str | None = None

    def attrs(self) -> dict[str, object]:
        """The span attributes this reading sets, leaving out what could not be read."""
        values = {"low": self.low, "high": self.high, "precision": self.precision}
        return {k: v for k, v in values.items() if v is not None}


def parse_figure(text: str, before: str = "", vague: Mapping[str, int] | None = None) -> FigureValue:
    """Read a FIGURE span's text; `before` is the text just before it, where qualifiers live."""
    if sum(ch.isdigit() for ch in text) > _MAX_DIGITS:
        return FigureValue()  # no count of people or events; and int() refuses past 4,300 digits
    body = _normalise(text)
    if body.isdecimal():  # the common case, "21": no qualifier inside, no range, no vague word
        return _qualified(int(body), _trailing_qualifier(_normalise(before)))
    table = _table(tuple((DEFAULT_VAGUE if vague is None else vague).items()))
    qualifier = _leading_qualifier(body)
    context = _normalise(before)
    if qualifier:
        body = body[len(qualifier):].strip()
    else:
        qualifier = _trailing_qualifier(context)
    if not body:
        return FigureValue()
    if context.endswith("between") and " and " in body and not body.startswith("between"):
        body = "between " + body
    return _read(body, qualifier, table)


@lru_cache(maxsize=16)
def _table(items: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """The vague table with its phrases normalised (once per table, not once per figure)."""
    return {_normalise(k): v for k, v in items}


def _read(body: str, qualifier: str | None, table: Mapping[str, int]) -> FigureValue:
    vague = _vague(body, table)
    if vague is not None:
        return FigureValue(vague, None, "vague")
    number = read_number(body)
    if number is not None:
        return _qualified(number, qualifier)
    bounds = _range(body)
    if bounds is not None:
        return FigureValue(bounds[0], bounds[1], "range")
    return FigureValue()


def _qualified(n: int, qualifier: str | None) -> FigureValue:
    precision = _QUALIFIER_OF.get(qualifier or "", "exact")
    if precision == "at_least":
        return FigureValue(n, None, precision)
    if precision == "at_most":
        return FigureValue(None, n, precision)
    return FigureValue(n, n, precision)


def _normalise(text: str) -> str:
    """Lower case, one plain space between words, curly apostrophes kept (digit groups use them)."""
    return re.sub(r"[ \t\r\n]+", " ", text.casefold()).strip()


def _leading_qualifier(body: str) -> str | None:
    match = _QUALIFIER_AT_START.match(body)
    return match.group(1) if match else None


def _trailing_qualifier(before: str) -> str | None:
    match = _QUALIFIER_AT_END.search(before)
    return match.group(1) if match else None


def _vague(body: str, table: Mapping[str, int]) -> int | None:
    """A word of the vague table ("dozens"), or one times a scale ("several hundred": 300)."""
    body = re.sub(r"\s+of$", "", body)
    if body in table:
        return table[body]
    head, _, scale = body.rpartition(" ")
    if head in table and scale in _SCALES:
        return table[head] * _SCALES[scale]
    return None


def _range(body: str) -> tuple[int, int] | None:
    """Bounds of "between X and Y", "X to Y", "X-Y"; a scale on Y alone also scales X ("2-3 million")."""
    for pattern in (_BETWEEN, _FROM_TO, _DASH):
        match = pattern.match(body)
        if not match:
            continue
        low_text, high_text = match.group(1).strip(), match.group(2).strip()
        low, high = read_number(low_text), read_number(high_text)
        if low is None or high is None:
            continue
        scale = _trailing_scale(high_text)
        if scale and _trailing_scale(low_text) is None and low * scale <= high:
            low *= scale
        if low <= high:
            return low, high
    return None


def _trailing_scale(text: str) -> int | None:
    last = text.rpartition(" ")[2]
    return _SCALES.get(last) if last != text else None


def read_number(text: str) -> int | None:
    """A whole number written in digits, digits and a scale word, or words; None if unreadable."""
    text = _normalise(text)
    words = text.split(" ")
    if len(words) >= 2 and all(w in _SCALES for w in words[1:]) and re.match(r"^[\d.,]+$", words[0]):
        value = _digits(words[0], allow_decimal=True)
        for w in words[1:]:
            value = None if value is None else value * _SCALES[w]
        return _whole(value)
    value = _digits(text, allow_decimal=False)
    if value is not None:
        return _whole(value)
    return _words(text)


def _digits(text: str, allow_decimal: bool) -> Fraction | None:
    if text.isdecimal():  # not isdigit: "²" is a digit int() cannot read
        return Fraction(int(text))
    if _GROUPED.match(text):
        return Fraction(int(re.sub(r"\D", "", text)))
    if allow_decimal and _DECIMAL.match(text):
        return Fraction(text.replace(",", "."))
    return None


def _whole(value: Fraction | None) -> int | None:
    if value is None or value.denominator != 1:
        return None
    return int(value)


def _words(text: str) -> int | None:
    """Number words: "six", "twenty-one", "two million", "one hundred and fifty thousand", "a hundred"."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    if not words:
        return None
    if words[0] == "a" and len(words) > 1 and words[1] in _SCALES:
        words[0] = "one"
    total, group, last = 0, 0, "start"
    for i, w in enumerate(words):
        if w == "and" and 0 < i < len(words) - 1 and last in ("hundred", "scale"):
            continue
        kind = "unit" if w in _UNITS else "tens" if w in _TENS else "hundred" if w == "hundred" \
            else "scale" if w in _SCALES else None
        if kind is None or not _may_follow(last, kind, w, group):
            return None
        if kind == "unit":
            group += _UNITS[w]
        elif kind == "tens":
            group += _TENS[w]
        elif kind == "hundred":
            group *= 100
        else:
            total, group = total + group * _SCALES[w], 0
        last = "teen" if kind == "unit" and _UNITS[w] >= 10 else kind
    return total + group


def _may_follow(last: str, kind: str, word: str, group: int) -> bool:
    """The order number words come in: tens before units, hundred after a unit, scale after a group."""
    if kind == "unit":
        return last in ("start", "hundred", "scale") or (last == "tens" and _UNITS[word] < 10)
    if kind == "tens":
        return last in ("start", "hundred", "scale")
    if kind == "hundred":
        return last in ("unit", "teen", "tens") and group < 100
    return last in ("unit", "teen", "tens", "hundred") and group > 0
