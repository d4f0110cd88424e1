"""Rule suggestions for documents in French, Spanish, Portuguese, Arabic, Persian, Ukrainian, Russian, German, Turkish.

The same conventions as the English rules (annotator.suggest.rules, DOMAIN.md): a FIGURE is the
number alone ("plus de [100]"), a range "entre 60 et 70" or a vague word "des dizaines" is one
span; an ATTRIBUTION is the reporting verb group ("a déclaré", "ha señalado"), a phrase
("selon", "за словами", "وفقا لـ") or a colon before a quote. Dates, datelines, ages, per cent,
money, measures, identifiers ("résolution 2254", "n° 14") and number words inside names are not
FIGUREs. Each kind is one compiled regular expression run once over the text (linear in its
length); each match is then judged by a few words around it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from annotator.core import figure_words
from annotator.core.suggestion import Suggestion
from annotator.suggest import rule_words_languages as words

LANGUAGES = frozenset(words.CUES)
_D = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
_DIGITS = (rf"{_D}{{1,3}}(?:(?:[,.'’\u066c]|[ \u00a0\u202f])(?={_D}{{3}}(?!{_D})){_D}{{3}})+(?:[.,\u066b]{_D}+)?"
           rf"|{_D}+(?:[.,\u066b]{_D}+)?")
_DASH = r"\s*[-\u2013\u2014]\s*"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+|[^\s\w]")
_NUMBER_SIGN = re.compile(r"(?:\bn\s*[°º]|\bn\.º|\bno\.|\bnr\.|№|#)\s*$", re.IGNORECASE)
_COLON_QUOTE = re.compile(r"(?<=\w)\s*(:)\s*[\"“«„‘']")
_ARTICLES = frozenset("des de la le les l d del los las el".split())
_ASCII_DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)},
                               **{chr(0x6F0 + i): str(i) for i in range(10)}})
_SEVERAL = frozenset("plusieurs quelques varios varias vários várias кілька декілька несколько عدة بضعة mehrere "
                     "einige birkaç".split())


@dataclass(frozen=True)
class _Rules:
    """One language's compiled rules."""

    lang: str
    figure: re.Pattern[str]
    cue: re.Pattern[str]
    stop_after: re.Pattern[str]  # matched right after a number: a unit, a month, per cent
    not_before: frozenset[str]
    months: frozenset[str]
    things: frozenset[str]
    function: frozenset[str]
    cue_words: frozenset[str]


def _alternation(phrases) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in ordered)


@lru_cache(maxsize=16)
def rules_for(lang: str) -> _Rules:
    scales = [w for w in figure_words.SCALES.get(lang, {}) if w not in ("cent", "cents", "cien", "ciento", "cem",
                                                                          "hundert", "yüz", "صد", "مئة", "مائة")]
    scale = rf"(?:\s*(?:{_alternation(scales)})(?![\w]))*" if scales else ""
    number_words = [w for w in figure_words.NUMBER_WORDS.get(lang, {}) if w not in words.NOT_COUNT_WORDS]
    number_words += words.DECLINED_NUMBERS.get(lang, ())
    spelled = _alternation(number_words)
    number = rf"(?:(?:{_DIGITS})(?:k|m|mn|mln|bn)?{scale}|(?:{spelled})(?:-(?:{spelled}))*{scale})"
    ranges = [rf"{re.escape(o)}\s+{number}\s*{re.escape(c) if c != 'و' else 'و'}\s*{number}"
              for o, c in figure_words.RANGES.get(lang, ()) if o]
    ranges.append(rf"(?:{_DIGITS}){_DASH}(?:{_DIGITS}){scale}")
    vague = _alternation(figure_words.VAGUE.get(lang, {}))
    figure = re.compile(
        rf"(?<![\w$€£¥.,\-\u2013/:№])(?:(?P<range>{'|'.join(ranges)})|(?P<vague>{vague})|(?P<one>{number}))"
        rf"(?![\w\-\u2013%°/٪]|[.,]{_D}|:{_D})", re.IGNORECASE)
    group = ""
    if lang in words.AUXILIARIES:
        adverbs = words.ADVERBS.get(lang, ())
        adverb = rf"(?:(?:{_alternation(adverbs)})\s+)?" if adverbs else ""
        group = rf"(?:(?:{_alternation(words.AUXILIARIES[lang])})\s+{adverb})?"
    cue = re.compile(rf"(?<![\w'’\-])(?:{group}(?:{_alternation(words.CUES[lang])}))(?![\w'’\-])", re.IGNORECASE)
    units = [u for u in words.UNITS_AFTER.get(lang, ()) if u not in ("pour", "por", "في")]
    phrases = ["pour cent", "por ciento", "por cento", "في المئة", "في المائة", "في المية"]
    stop_after = re.compile(
        rf"\s*(?:(?:de|del|de los|of|da|do)\s+|d\s*['’]\s*)?(?:{_alternation([*units, *phrases, *words.MONTHS.get(lang, ())])})"
        rf"(?![\w])", re.IGNORECASE)
    return _Rules(lang, figure, cue, stop_after, frozenset(words.NOT_COUNT_BEFORE.get(lang, ())),
                  frozenset(words.MONTHS.get(lang, ())), frozenset(words.THINGS.get(lang, ())),
                  frozenset(words.FUNCTION_WORDS.get(lang, ())),
                  frozenset(w for c in words.CUES[lang] for w in c.lower().split()))


def language_suggestions(text: str, lang: str) -> list[Suggestion]:
    """FIGURE and ATTRIBUTION suggestions of `text` written in `lang` (one of LANGUAGES), by position."""
    from annotator.core.figures import parse_figure

    rules = rules_for(lang)
    found = [Suggestion(s, e, "FIGURE", "rules",
                        attrs=parse_figure(text[s:e], text[max(0, s - 30):s], lang=lang).attrs())
             for s, e in _figures(text, rules)]
    found += _attributions(text, rules)
    return sorted(found, key=lambda s: (s.start, s.end))


# -- FIGURE ---------------------------------------------------------------------------------
def _figures(text: str, rules: _Rules) -> Iterator[tuple[int, int]]:
    for m in rules.figure.finditer(text):
        start, end = m.span()
        if sum(c.isdigit() for c in m.group(0)) <= 15 and _is_count(text, m, rules):
            yield start, end


def _is_count(text: str, m: re.Match[str], rules: _Rules) -> bool:
    start, end = m.span()
    head = text[max(0, start - 40):start]
    before = [w.lower() for w in _WORD.findall(head)[-3:]]
    after = [w.lower() for w in _WORD.findall(text[end:end + 60])[:4]]
    prev = before[-1] if before else ""
    if prev in rules.not_before or prev in rules.months or _NUMBER_SIGN.search(head):
        return False
    if prev in _ARTICLES and len(before) > 1 and before[-2] in rules.months:  # "mayo de 2024"
        return False
    if rules.stop_after.match(text, end):
        return False
    if any(w in rules.things for w in after[:3]):
        return False
    matched = m.group(0).translate(_ASCII_DIGITS)
    if m.group("one") and _is_year(matched, after, rules):
        return False
    if m.group("one") and not any(c.isdigit() for c in matched) and _inside_name(text, start, end):
        return False
    if m.group("vague") and matched.lower() in _SEVERAL and not (after and after[0].isalpha()):
        return False
    return not (prev == "," and after[:1] == [","] and _after_capital(head))  # "Ali, 34, a déclaré": an age


def _is_year(matched: str, after: list[str], rules: _Rules) -> bool:
    if not (len(matched) == 4 and matched.isdigit() and 1900 <= int(matched) <= 2099):
        return False
    nxt = after[0] if after else ""
    return not (nxt.isalpha() and nxt not in rules.function and nxt not in rules.months)


def _inside_name(text: str, start: int, end: int) -> bool:
    """A number word in a name: "l'Alliance des trois fraternités", "Trois Frères"."""
    before = _WORD.findall(text[max(0, start - 40):start])
    while before and before[-1].lower() in _ARTICLES | {"'", "’"}:
        before.pop()
    after = _WORD.findall(text[end:end + 30])[:1]
    last = re.split(r"['’]", before[-1])[-1] if before else ""  # "l'Alliance": Alliance
    capital_before = last[:1].isupper() and not _sentence_start(text, start, before[-1])
    return capital_before or (bool(after) and after[0][:1].isupper() and text[start].isupper())


def _sentence_start(text: str, start: int, word: str) -> bool:
    at = text.rfind(word, 0, start)
    previous = text[:at].rstrip()
    return not previous or previous[-1] in ".!?»\"”-–—:\n"


def _after_capital(head: str) -> bool:
    m = re.search(r"([^\W\d_]+)\s*,\s*$", head)
    return m is not None and m.group(1)[0].isupper()


# -- ATTRIBUTION ----------------------------------------------------------------------------
def _attributions(text: str, rules: _Rules) -> Iterator[Suggestion]:
    for m in rules.cue.finditer(text):
        yield Suggestion(m.start(), m.end(), "ATTRIBUTION", "rules")
    for m in _COLON_QUOTE.finditer(text):
        before = [w.lower() for w in _WORD.findall(text[max(0, m.start(1) - 60):m.start(1)])[-6:]]
        if not rules.cue_words & set(before):
            yield Suggestion(m.start(1), m.end(1), "ATTRIBUTION", "rules")
