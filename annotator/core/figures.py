"""Reading a FIGURE span as numbers: low, high and precision from its text and the qualifier before it.

The rules are DOMAIN.md's table "Normalising a FIGURE", in the document's language (its words
are in core.figure_words; Arabic-Indic and Persian digits read as digits, decimal commas as
decimals). What cannot be read stays empty: the parser never invents a number or a precision.
Pure Python, stdlib only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Mapping

from annotator.core import figure_words

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
_DASH = re.compile(r"^(.+?)\s*[-\u2010\u2011\u2012\u2013\u2014]\s*(.+)$")
# Arabic-Indic and Persian digits as ASCII; the Arabic thousands separator and decimal point as "," and "."
_DIGIT_FORMS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)},
                              **{chr(0x6F0 + i): str(i) for i in range(10)}, "\u066c": ",", "\u066b": "."})
_ATTACHED_SCALE = re.compile(r"^(\d[\d.,]*)([^\W\d_]+\.?)$")  # "2.1m", "4k", "3млн"
_ABBREVIATIONS = frozenset("k m mn mln bn md mio млн тис тыс млрд".split())  # a scale only after a number
_TRAILING_OF = re.compile(r"\s+(?:of|de|d'|d’|del|de los|de las|da|das|dos|من)$")


@dataclass(frozen=True)
class _Language:
    """The words of one language that the parser reads (with English's): built once per language."""

    qualifier_of: dict[str, str]
    at_end: re.Pattern[str]
    at_start: re.Pattern[str]
    scales: dict[str, int]
    words: dict[str, int]
    ranges: tuple[re.Pattern[str], ...]
    openings: tuple[tuple[str, str], ...]  # ("between", "and"): a span after "between" reads as a range
    vague: dict[str, int]


@lru_cache(maxsize=32)
def _language(lang: str) -> _Language:
    qualifier_of = dict(_QUALIFIER_OF)
    for precision, phrases in figure_words.QUALIFIERS.get(lang, {}).items():
        qualifier_of.update({_normalise(q): precision for q in phrases})
    alternation = "|".join(re.escape(q) for q in sorted(qualifier_of, key=len, reverse=True))
    pairs = tuple(dict.fromkeys((*figure_words.RANGES.get(lang, ()), *figure_words.RANGES["en"])))
    ranges = tuple(re.compile("^" + (re.escape(opening) + r"\s+" if opening else "") + "(.+?)"
                              + (r"\s+و\s*" if connector == "و" else r"\s+" + re.escape(connector) + r"\s+")
                              + "(.+)$") for opening, connector in pairs)
    return _Language(qualifier_of, re.compile(rf"(?:^|[^\w.])({alternation})\s*$"),
                     re.compile(rf"^({alternation})\s+(?=\S)"),
                     {**_SCALES, **figure_words.SCALES["en"], **figure_words.SCALES.get(lang, {})},
                     figure_words.NUMBER_WORDS.get(lang, {}), ranges,
                     tuple((o, c) for o, c in pairs if o), figure_words.VAGUE.get(lang, {}))


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


def parse_figure(text: str, before: str = "", vague: Mapping[str, int] | None = None,
                 lang: str = "en") -> FigureValue:
    """Read a FIGURE span's text in `lang`; `before` is the text just before it, where qualifiers live.

    The vague table is the project's (`vague`, else DOMAIN.md's default) over the language's own."""
    if sum(ch.isdigit() for ch in text) > _MAX_DIGITS:
        return FigureValue()  # no count of people or events; and int() refuses past 4,300 digits
    words = _language(lang)
    body = _normalise(text)
    if body.isdecimal():  # the common case, "21": no qualifier inside, no range, no vague word
        return _qualified(int(body), _trailing_qualifier(_normalise(before), words), words)
    table = _table(tuple({**words.vague, **(DEFAULT_VAGUE if vague is None else vague)}.items()))
    qualifier = _leading_qualifier(body, words)
    context = _normalise(before)
    if qualifier:
        body = body[len(qualifier):].strip()
    else:
        qualifier = _trailing_qualifier(context, words)
    if not body:
        return FigureValue()
    for opening, connector in words.openings:
        if context.endswith(opening) and f" {connector} " in f" {body} " and not body.startswith(opening + " "):
            body = f"{opening} {body}"
            break
    return _read(body, qualifier, table, words)


@lru_cache(maxsize=16)
def _table(items: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """The vague table with its phrases normalised (once per table, not once per figure)."""
    return {_normalise(k): v for k, v in items}


def _read(body: str, qualifier: str | None, table: Mapping[str, int], words: _Language) -> FigureValue:
    vague = _vague(body, table, words)
    if vague is not None:
        return FigureValue(vague, None, "vague")
    number = _number(body, words)
    if number is not None:
        return _qualified(number, qualifier, words)
    bounds = _range(body, words)
    if bounds is not None:
        return FigureValue(bounds[0], bounds[1], "range")
    return FigureValue()


def _qualified(n: int, qualifier: str | None, words: _Language) -> FigureValue:
    precision = words.qualifier_of.get(qualifier or "", "exact")
    if precision == "at_least":
        return FigureValue(n, None, precision)
    if precision == "at_most":
        return FigureValue(None, n, precision)
    return FigureValue(n, n, precision)


def _normalise(text: str) -> str:
    """Lower case, one plain space between words, digits as ASCII, curly apostrophes kept (digit groups use them)."""
    return re.sub(r"[ \t\r\n\u00a0\u202f\u2009]+", " ", text.casefold().translate(_DIGIT_FORMS)).strip() \
        if not text.isascii() else re.sub(r"[ \t\r\n]+", " ", text.casefold()).strip()


def _leading_qualifier(body: str, words: _Language) -> str | None:
    match = words.at_start.match(body)
    return match.group(1) if match else None


def _trailing_qualifier(before: str, words: _Language) -> str | None:
    match = words.at_end.search(before)
    return match.group(1) if match else None


def _vague(body: str, table: Mapping[str, int], words: _Language) -> int | None:
    """A word of the vague table ("dozens"), or one times a scale ("several hundred": 300)."""
    body = _TRAILING_OF.sub("", body)
    if body in table:
        return table[body]
    head, _, scale = body.rpartition(" ")
    if head in table and scale in words.scales:
        return table[head] * words.scales[scale]
    return None


def _range(body: str, words: _Language) -> tuple[int, int] | None:
    """Bounds of "between X and Y", "X to Y", "X-Y"; a scale on Y alone also scales X ("2-3 million")."""
    for pattern in (*words.ranges, _DASH):
        match = pattern.match(body)
        if not match:
            continue
        low_text, high_text = match.group(1).strip(), match.group(2).strip()
        low, high = _number(low_text, words), _number(high_text, words)
        if low is None or high is None:
            continue
        scale = _trailing_scale(high_text, words)
        if scale and _trailing_scale(low_text, words) is None and low * scale <= high:
            low *= scale
        if low <= high:
            return low, high
    return None


def _trailing_scale(text: str, words: _Language) -> int | None:
    last = text.rpartition(" ")[2]
    return words.scales.get(last) if last != text else None


def read_number(text: str, lang: str = "en") -> int | None:
    """A whole number written in digits, digits and a scale word, or words; None if unreadable."""
    return _number(_normalise(text), _language(lang))


def _number(text: str, lang: _Language) -> int | None:
    attached = _ATTACHED_SCALE.match(text)
    if attached and attached.group(2) in lang.scales:
        text = f"{attached.group(1)} {attached.group(2)}"
    words = text.split(" ")
    if len(words) >= 2 and all(w in lang.scales for w in words[1:]) and re.match(r"^[\d.,'’]+$", words[0]):
        value = _digits(words[0], allow_decimal=True)
        for w in words[1:]:
            value = None if value is None else value * lang.scales[w]
        return _whole(value)
    value = _digits(text, allow_decimal=False)
    if value is not None:
        return _whole(value)
    return _words(text) if not lang.words else _words(text) or _small_words(words, lang)


def _small_words(words: list[str], lang: _Language) -> int | None:
    """A number word of the language, alone or before scale words ("trois", "deux millions", "mille")."""
    if words and words[0] in lang.words:
        value, rest = lang.words[words[0]], words[1:]
    elif len(words) == 1 and words[0] in lang.scales and words[0].isalpha() and words[0] not in _ABBREVIATIONS:
        return lang.scales[words[0]]  # "mille", "cent", "مئة"
    else:
        return None
    if not all(w in lang.scales and w.isalpha() for w in rest):
        return None
    for w in rest:
        value *= lang.scales[w]
    return value


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
