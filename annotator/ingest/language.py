"""Which language an article is in: its metadata's `lang` when given, else a compact detector shipped here.

The detector reads the script of the letters (Arabic, Cyrillic, Latin, ...), then letters and
common words only one language of that script uses (Persian پ چ ژ گ ی; Ukrainian і ї є ґ;
Russian ы э ъ; French, Spanish, Portuguese, German, Turkish, English function words). Its
data is the word lists below: nothing is downloaded, the answer is the same on every run, and
one pass over the first few thousand characters takes well under a millisecond per article.
When the text is too short, written in two scripts or too close to call it says so (None) and
the project's default is used.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from annotator.core.languages import language_code

_SAMPLE = 6000  # characters read: an article's first paragraphs say its language
_MIN_LETTERS = 20
_DOMINANT = 0.8  # share of the letters one script must have for the detector to answer
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

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
    """The language of an article: `given` (its metadata's), else detected, else `default`; `where` names it."""
    if given not in (None, ""):
        code = language_code(given)
        if code is not None:
            return LanguageChoice(code, "metadata")
        detected = detect_language(text)
        lang = detected or default
        how = f"detected {lang}" if detected else f"the project default {lang} is used"
        return LanguageChoice(lang, "detected" if detected else "default",
                              f"{where}: unknown language code {str(given)[:40]!r} (not ISO 639-1); {how}")
    detected = detect_language(text)
    return LanguageChoice(detected, "detected") if detected else LanguageChoice(default, "default")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when it cannot tell."""
    sample = text[:_SAMPLE]
    scripts = Counter(_script(ch) for ch in sample if ch.isalpha())
    scripts.pop("other", None)
    if sum(scripts.values()) < _MIN_LETTERS:
        return None
    script, count = scripts.most_common(1)[0]
    if count < _DOMINANT * sum(scripts.values()):
        return None  # an article in two scripts (an English line, an Arabic one): the project default says
    if script == "arabic":
        return _arabic_script(sample)
    if script == "cyrillic":
        return _cyrillic(sample)
    if script == "latin":
        return _latin(sample)
    return {"hebrew": "he", "greek": "el", "armenian": "hy", "georgian": "ka", "thai": "th",
            "devanagari": "hi", "hangul": "ko", "kana": "ja", "han": "zh"}.get(script)


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "latin"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    if 0x600 <= o < 0x780 or 0xFB50 <= o < 0xFE00 or 0xFE70 <= o < 0xFF00 or 0x8A0 <= o < 0x900:
        return "arabic"
    for low, high, name in ((0x590, 0x600, "hebrew"), (0x370, 0x400, "greek"), (0x530, 0x590, "armenian"),
                            (0x10A0, 0x1100, "georgian"), (0xE00, 0xE80, "thai"), (0x900, 0x980, "devanagari"),
                            (0xAC00, 0xD7B0, "hangul"), (0x3040, 0x3100, "kana"), (0x4E00, 0xA000, "han")):
        if low <= o < high:
            return name
    return "other"


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


def _latin(sample: str) -> str | None:
    lower = sample.lower()
    words = Counter(w for w in _WORD.findall(lower.replace("’", " ").replace("'", " ")))
    scores = {lang: sum(words[w] for w in vocab) for lang, vocab in _LATIN_WORDS.items()}
    for lang, letters in _LATIN_LETTERS.items():
        scores[lang] += sum(lower.count(ch) for ch in letters) / 4
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 3 or top < 1.2 * second:
        return None
    return best
