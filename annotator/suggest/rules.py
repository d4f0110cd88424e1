"""Rule suggestions shipped with the package: FIGURE for counts, ATTRIBUTION for reporting cues.

Pure regular expressions over the text (no tokenizer needed, so they are ready the moment a
document opens). Boundaries follow DOMAIN.md: a FIGURE is the number alone (qualifiers such
as "at least" stay outside; a range "between 60 and 70" is one span); an ATTRIBUTION is the
reporting verb group with its auxiliaries and adverbs ("has repeatedly said"), "according
to", or a colon before a quote. Numbers of units, durations, dates, times, ages, money and
identifiers ("Resolution 2254", "F-16") are not FIGUREs. A FIGURE carries the low, high and
precision the claims parser (annotator.core.figures) reads from it and the qualifier before it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Iterator

from annotator.core.figures import parse_figure
from annotator.core.suggestion import Suggestion
from annotator.suggest.rules_languages import LANGUAGES, language_suggestions
from annotator.suggest.rule_words import (
    AUXILIARIES, CURRENCY_BEFORE, DETERMINERS, FIGURE_STOP_AFTER, IDENTIFIER_BEFORE, MONTHS, NOT_ADVERBS,
    NOUN_MODIFIERS, NOUN_PHRASE_ENDS, SAY_AS_NOUN_AFTER, THINGS,
    NOUN_FOLLOWERS, NOUN_LIKE_VERBS, ONE_NOT_FIGURE_AFTER, ONE_NOT_FIGURE_BEFORE, REPORTING_VERBS, VERB_ADVERBS,
    YEAR_FOLLOWERS,
)

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|{_TEENS}|{_UNITS})"
_SCALE = r"(?:hundred|thousand|million|billion)"
_WORDS = rf"(?:{_SMALL}(?:\s+{_SCALE}(?:\s+(?:and\s+)?{_SMALL})?)*|half\s+a\s+(?:million|billion))"
# 350,000 / 350.000 / 350 000 (space or no-break space) / 4.5 / 1200; then an optional scale word
_DIGITS = r"\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:(?:{_DIGITS})(?:\s*(?:{_SCALE}|m|bn|k)\b)?|{_WORDS})"
_VAGUE = (r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions|hundreds\s+of\s+millions"
          r"|dozens|a\s+dozen|scores(?=\s+of\b)|hundreds|thousands|millions|several|a\s+few")
_DASH = r"\s*[-\u2013\u2014]\s*"
_FIGURE = re.compile(
    rf"(?<![\w$€£¥.,\-\u2013/:])(?:between\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})"
    rf"|(?P<r1>{_NUMBER})(?:{_DASH}|\s+to\s+)(?P<r2>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE})|(?P<one>{_NUMBER}))(?![\w\-\u2013%°/]|[.,]\d|:\d)",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:n't|'s)?|[$€£¥%°]|[^\sA-Za-z]")
_LETTERS = re.compile(r"(?<![A-Za-z'])[A-Za-z]+(?![A-Za-z])")  # each word once; a set says if it reports
# (measured: this and a set lookup per word take half the time of one alternation of every verb)
_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'clock|h\b|hrs\b|GMT|UTC)", re.IGNORECASE)
_COLON_QUOTE = re.compile(r"(?<=\w)\s*(:)\s*[\"“‘']")


def rule_suggestions(text: str, lang: str = "en") -> list[Suggestion]:
    """FIGURE and ATTRIBUTION suggestions of `text` in `lang`, sorted by position (code points).

    Languages with rules of their own (suggest.rules_languages) use those; any other is read
    with the English rules, as every document was before documents had languages."""
    if lang != "en" and lang in LANGUAGES:
        return language_suggestions(text, lang)
    found = [*_figures(text), *_attributions(text)]
    return sorted(found, key=lambda s: (s.start, s.end))


# -- FIGURE ---------------------------------------------------------------------------------
def _figures(text: str) -> Iterator[Suggestion]:
    for m in _FIGURE.finditer(text):
        start, end = m.span()
        if sum(c.isdigit() for c in m.group(0)) > 15 or not _is_count(text, start, end, m):
            continue  # (a run of digits that long is an identifier, and int() refuses 4,300 digits)
        value = _reading(text, start, end)
        if (m.group("r1") or m.group("b1")) and value.precision not in ("range", "exact"):
            continue  # "2-1" is a score, not a range of counts ("twenty-five" reads as one number)
        yield Suggestion(start, end, "FIGURE", "rules", attrs=value.attrs())


def _reading(text: str, start: int, end: int, lang: str = "en"):
    """The claims parser's reading of the FIGURE at [start, end), with the qualifier before it."""
    return parse_figure(text[start:end], before=text[max(0, start - 30):start], lang=lang)


def with_figure_readings(text: str, found: list[Suggestion], lang: str = "en") -> list[Suggestion]:
    """`found` (from memory or the model) with each FIGURE carrying its reading, as rule FIGUREs do."""
    return [replace(s, attrs={**_reading(text, s.start, s.end, lang).attrs(), **s.attrs}) if s.label == "FIGURE"
            else s for s in found]


def _is_count(text: str, start: int, end: int, m: re.Match[str]) -> bool:
    """Whether the number at [start, end) counts people or events, judged by the words around it."""
    before = _words_before(text, start, 2)
    after = _words_after(text, end, 3)
    prev = before[-1] if before else ""
    nxt = after[0] if after else ""
    if prev in CURRENCY_BEFORE or nxt in ("$",) or prev in IDENTIFIER_BEFORE or prev in MONTHS:
        return False
    if nxt in MONTHS or _is_unit(after) or _CLOCK.match(text, end):
        return False
    matched = m.group(0).lower()
    first = (m.group("r1") or m.group("b1") or matched).lower()
    if _is_year(first, nxt, prev) and (matched == first or _is_year((m.group("r2") or m.group("b2")), "", "")):
        return False
    if matched == "one" and _one_is_a_pronoun(before, nxt):
        return False
    if matched in ("several", "a few") and (not nxt or not nxt.isalpha()):
        return False  # "several." on its own, "a few," are not counts
    if prev == "," and nxt == "," and _after_name(text, start):
        return False  # "John Smith, 34, said": an age
    return prev not in ("aged", "age", "ages")


def _one_is_a_pronoun(before: list[str], nxt: str) -> bool:
    """"no one", "one of", "the only one": not a count; "only one had hit" is."""
    prev = before[-1] if before else ""
    if prev == "only":
        return len(before) > 1 and before[-2] in ONE_NOT_FIGURE_BEFORE
    return prev in ONE_NOT_FIGURE_BEFORE or nxt in ONE_NOT_FIGURE_AFTER


def _after_name(text: str, start: int) -> bool:
    """Whether the comma before `start` follows a capitalised word (a person's name)."""
    m = re.search(r"([A-Za-z]+)\s*,\s*$", text[max(0, start - 40):start])
    return m is not None and m.group(1)[0].isupper()


def _is_unit(after: list[str]) -> bool:
    """Whether the words after a number make it an amount of something else (per cent, km, years...)."""
    if not after:
        return False
    if after[0] in FIGURE_STOP_AFTER:
        return True
    if after[0] == "of" and len(after) > 1 and after[1] in FIGURE_STOP_AFTER:  # "millions of dollars"
        return True
    for word in after:  # "12 armoured vehicles", "two civil defence centres were"
        if not word.isalpha() or word in NOUN_PHRASE_ENDS:
            return False
        if word in THINGS:
            return True
    return False


def _is_year(matched: str | None, nxt: str, prev: str) -> bool:
    if not matched or not (len(matched) == 4 and matched.isdigit() and 1900 <= int(matched) <= 2099):
        return False
    return not (nxt.isalpha() and nxt.islower() and nxt not in YEAR_FOLLOWERS)


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, pos - 40):pos])[-n:]]


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[pos:pos + 40])[:n]]


# -- ATTRIBUTION ----------------------------------------------------------------------------
def _attributions(text: str) -> Iterator[Suggestion]:
    # "according to" spans, in order; a verb is checked against the nearest one only (a verb
    # group never reaches back over another verb, so verbs cannot overlap each other)
    according = [m.span() for m in _ACCORDING.finditer(text)]
    for start, end in according:
        yield Suggestion(start, end, "ATTRIBUTION", "rules")
    ends = [e for _, e in according]
    for m in _LETTERS.finditer(text):
        if m.group(0).lower() not in REPORTING_VERBS:
            continue
        i = bisect_right(ends, m.start())
        if (i < len(according) and according[i][0] < m.end()) or not _is_verb(text, m):
            continue
        yield Suggestion(_group_start(text, m.start()), m.end(), "ATTRIBUTION", "rules")
    for m in _COLON_QUOTE.finditer(text):
        before = _words_before(text, m.start(1), 6)  # "told Reuters:": the verb is the cue, not the colon
        if not REPORTING_VERBS & set(before) and "according" not in before:
            yield Suggestion(m.start(1), m.end(1), "ATTRIBUTION", "rules")


def _is_verb(text: str, m: re.Match[str]) -> bool:
    """Whether a reporting word is used as a verb (not "the reported attack", "UN estimates suggest")."""
    word = m.group(0).lower()
    prev = _words_before(text, m.start(), 1)
    if word == "say":
        return not (prev and prev[0] in SAY_AS_NOUN_AFTER)
    if word not in NOUN_LIKE_VERBS:
        return True
    nxt = _words_after(text, m.end(), 1)
    if prev and (prev[0] in DETERMINERS or prev[0] in REPORTING_VERBS):  # "denied reports"
        return False
    if prev and prev[0] in NOUN_MODIFIERS and not word.endswith("ed"):  # "media reports", not "media reported"
        return False
    return not (nxt and nxt[0] in NOUN_FOLLOWERS)


def _group_start(text: str, start: int) -> int:
    """Start of the verb group ending in the verb at `start`: its auxiliaries and adverbs in front."""
    while True:
        m = re.search(r"([A-Za-z]+(?:n't)?)\s+$", text[max(0, start - 30):start])
        if m is None:
            return start
        word = m.group(1).lower()
        if not (word in AUXILIARIES or word in VERB_ADVERBS
                or (word.endswith("ly") and len(word) > 4 and word not in NOT_ADVERBS)):
            return start
        start = start - len(m.group(0))
