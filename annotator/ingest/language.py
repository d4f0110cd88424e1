"""Which language an article is in: its metadata's `lang` when given, else a compact detector shipped here.

The detector reads the script of the letters (Arabic, Cyrillic, Latin, ...), then letters and
common words only one language of that script uses (Persian پ چ ژ گ ی; Ukrainian і ї є ґ;
Russian ы э ъ; French, Spanish, Portuguese, German, Turkish, English function words). Its
data is the word lists below: nothing is downloaded, the answer is the same on every run, and
a few regular expressions over the first 1,000 characters take tens of microseconds per article.
Plain ASCII text (most English copy) is read from its first 300 characters, and from 600 when
those do not decide, with its words counted in C (bytes.translate, Counter): about 12 µs, so
that detection keeps an import within 1.5 times its time without it (benchmarks/language_speed.py).
When the text is too short, written in two scripts or too close to call it says so (None) and
the project's default is used.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from annotator.core.languages import language_code

_SAMPLE = 1000  # characters read: an article's first paragraphs say its language
_ASCII_FIRST, _ASCII_MORE = 300, 600  # plain ASCII text: its first lines, then a few more if they do not decide
_ASCII_LOWER = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))  # else a space
_PUNCTUATION = {ord(c): " " for c in ".,;:!?\"'’()[]«»“”-–—/0123456789%"}
# letters of each script, counted by one regular expression each (in C, not a Python step per character)
_SCRIPTS = {name: re.compile(f"[{ranges}]") for name, ranges in {
    "latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff", "cyrillic": "\u0400-\u052f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "hebrew": "\u0590-\u05ff", "greek": "\u0370-\u03ff", "armenian": "\u0530-\u058f",
    "georgian": "\u10a0-\u10ff", "thai": "\u0e00-\u0e7f", "devanagari": "\u0900-\u097f",
    "hangul": "\uac00-\ud7af", "kana": "\u3040-\u30ff", "han": "\u4e00-\u9fff"}.items()}
_OTHER_SCRIPTS = {"hebrew": "he", "greek": "el", "armenian": "hy", "georgian": "ka", "thai": "th",
                  "devanagari": "hi", "hangul": "ko", "kana": "ja", "han": "zh"}
_MIN_LETTERS = 20
_DOMINANT = 0.8  # share of the letters one script must have for the detector to answer

# Function words that are frequent in one language of the Latin script and rare in the others.
_LATIN_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "the and of to in is was that for on with said by from at have has are were it its this which "
          "after who they their been would an",
    "fr": "le la les des du est et une un dans pour que qui sur pas par au aux ont été selon avec il elle "
          "ils ce cette sont a l d qu",
    "es": "el la los las del que y en un una por con para se según fue han está como al sus lo dijo más "
          "entre sobre son",
    "pt": "o os as do da dos das que e em um uma no na nos nas por com para foi são não ao segundo pelo "
          "pela disse mais",
    "de": "der die das und ist nicht mit den dem von zu ein eine auf für sich des im wurde sind auch "
          "nach bei wie",
    "tr": "ve bir bu da de için ile olarak en çok daha olan gibi sonra ise kadar göre ancak dedi "
          "tarafından",
    "it": "il di che e la per non una sono della del nel alla gli ha anche come più secondo",
    "nl": "de het een van en in is op dat te zijn met voor niet door werd ook bij naar",
}.items()}
_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _lang, _vocab in _LATIN_WORDS.items():
    for _word in _vocab:
        _LANGUAGES_OF_WORD[_word] = (*_LANGUAGES_OF_WORD.get(_word, ()), _lang)
_ASCII_LANGUAGES_OF = {w.encode(): langs for w, langs in _LANGUAGES_OF_WORD.items() if w.isascii()}
_ASCII_WORDS = frozenset(_ASCII_LANGUAGES_OF)
_ASCII_ENGLISH = frozenset(w.encode() for w in _LATIN_WORDS["en"])
_ASCII_OTHERS = frozenset(w for w, langs in _ASCII_LANGUAGES_OF.items() if langs != ("en",))
# Letters only some languages of the Latin script write.
_LATIN_LETTERS: dict[str, str] = {"fr": "éèêàçùœ", "es": "ñ¿¡áíóú", "pt": "ãõçâêáéíóú", "de": "ßäöü",
                                  "tr": "ğışçöüİ", "it": "àèìòù"}
_PERSIAN = set("پچژگکی")  # ک and ی: Persian's own kaf and yeh (Arabic writes ك and ي)
_URDU = set("ٹڈڑںےھ")
_UKRAINIAN = set("іїєґ")
_RUSSIAN = set("ыэъё")


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """A document's language and where it came from ('metadata', 'detected', 'default'), with a problem line."""

    lang: str
    origin: str
    problem: str = ""


def choose_language(given: object, text: str, default: str, where: str) -> LanguageChoice:
    """The language of an article: `given` (its metadata's), else detected, else `default`; `where` names it.

    A code given but unknown is one line, and the project's default is used (the issue's rule for
    bad input: a wrong code says something is off with the record, so no guess is made over it)."""
    if given not in (None, ""):
        code = language_code(given)
        if code is not None:
            return LanguageChoice(code, "metadata")
        return LanguageChoice(default, "default", f"{where}: unknown language code {str(given)[:40]!r} (not ISO "
                                                  f"639-1); the project default {default} is used")
    detected = detect_language(text)
    return LanguageChoice(detected, "detected") if detected else LanguageChoice(default, "default")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when it cannot tell."""
    sample = text[:_SAMPLE]
    if sample.isascii():  # most English copy: Latin letters only, and its first lines say enough
        return _ascii(sample[:_ASCII_FIRST]) or (_ascii(sample[:_ASCII_MORE]) if len(sample) > _ASCII_FIRST else None)
    letters = sum(map(str.isalpha, sample))
    if letters < _MIN_LETTERS:
        return None
    counts = {}
    for name, pattern in _SCRIPTS.items():  # the common scripts first: the rest only when they fall short
        counts[name] = len(sample) - len(pattern.sub("", sample))
        if counts[name] >= _DOMINANT * letters:
            break
    script = max(counts, key=counts.__getitem__)
    if counts[script] < _DOMINANT * letters:
        return None  # an article in two scripts (an English line, an Arabic one): the project default says
    if script == "arabic":
        return _arabic_script(sample)
    if script == "cyrillic":
        return _cyrillic(sample)
    if script == "latin":
        return _latin(sample)
    return _OTHER_SCRIPTS.get(script)


def _arabic_script(sample: str) -> str:
    persian = sum(ch in _PERSIAN for ch in sample)
    urdu = sum(ch in _URDU for ch in sample)
    arabic_only = sum(ch in "ةكيى" for ch in sample)  # teh marbuta, Arabic kaf and yeh
    if urdu > 3 and urdu * 4 > arabic_only:
        return "ur"
    return "fa" if persian > arabic_only else "ar"


def _cyrillic(sample: str) -> str | None:
    lower = sample.lower()
    uk = sum(ch in _UKRAINIAN for ch in lower)
    ru = sum(ch in _RUSSIAN for ch in lower)
    if uk == ru == 0:
        return None  # Bulgarian, Serbian... or too short to say
    return "uk" if uk > ru else "ru"


def _ascii(sample: str) -> str | None:
    """_latin() of plain ASCII text, its words counted in C (no Python step per word)."""
    words = sample.encode("ascii").translate(_ASCII_LOWER).split()
    if sum(map(len, words)) < _MIN_LETTERS:
        return None
    english = sum(map(_ASCII_ENGLISH.__contains__, words))
    if english >= 3 and english >= 1.2 * sum(map(_ASCII_OTHERS.__contains__, words)):
        return "en"  # no other language can reach it: its score is at most the words of every other list
    counts = Counter(words)
    scores = dict.fromkeys(_LATIN_WORDS, 0)
    for word in _ASCII_WORDS.intersection(counts):  # the few function words met: a step each
        for lang in _ASCII_LANGUAGES_OF[word]:
            scores[lang] += counts[word]
    return _decided(scores)


def _latin(sample: str) -> str | None:
    """Latin-script text with letters beyond ASCII: function words, and letters only some languages write."""
    lower = sample.lower()
    scores = dict.fromkeys(_LATIN_WORDS, 0.0)
    for word in lower.translate(_PUNCTUATION).split():
        for lang in _LANGUAGES_OF_WORD.get(word, ()):
            scores[lang] += 1
    for lang, letters in _LATIN_LETTERS.items():
        scores[lang] += sum(lower.count(ch) for ch in letters) / 4
    return _decided(scores)


def _decided(scores: dict[str, float]) -> str | None:
    """The language with the most evidence, if it has enough and clearly more than the next."""
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 3 or top < 1.2 * second:
        return None
    return best
