"""Telling single-byte code pages apart by the languages they are used for, or saying we cannot.

A file that is not UTF-8 is decoded in every candidate code page. A reading is plausible when
one language of that code page's group spells (nearly) every non-ASCII letter of it, no symbol
sits inside a word ("ostrza³u" is Polish read as cp1252), no word changes case in the middle
("оБСТРЕЛ" is cp1251 read as KOI8-R) and no word is a lone accented letter the language lacks
("ŕ" is French "à" read as cp1250), and no word mixes scripts ("Pшi"). The most plausible
reading wins; between equally plausible ones, the code page listed first (the most common in
news archives); when no reading is plausible the file is refused with one line, never guessed.
Icelandic (þ, ð) is left out on purpose: its cp1252 letters are Turkish ş, ğ in cp1254, and
Turkish legacy files are far more common in conflict news.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
# Non-ASCII letters (lower case) of each language, by the code page its legacy files use.
LANGUAGES: dict[str, dict[str, str]] = {
    "cp1252": {
        "French": "àâæçéèêëîïôœùûüÿ", "German": "äöüß", "Spanish": "áéíñóúü", "Portuguese": "áâãàçéêíóôõú",
        "Italian": "àèéìíîòóùú", "Dutch": "áéèëïóöüú", "Swedish": "åäöé", "Danish": "æøåé", "Norwegian": "æøåéò",
        "Finnish": "äöå", "Catalan": "àçèéíïòóúü", "English": "éï",
    },
    "cp1250": {
        "Polish": "ąćęłńóśźż", "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž", "Slovenian": "čšž",
        "Croatian": "čćđšž", "Hungarian": "áéíóöőúüű", "Romanian": "ăâîşţ", "German": "äöüß",
    },
    "cp1254": {"Turkish": "çğıöşüâ"},
    "cp1251": {"Russian": _CYRILLIC, "Ukrainian": _CYRILLIC.replace("ъыэё", "") + "єіїґ",
               "Belarusian": _CYRILLIC.replace("щъи", "") + "ўі", "Bulgarian": _CYRILLIC.replace("ыэё", ""),
               "Serbian": "абвгдђежзијклљмнњопрстћуфхцчџш", "Macedonian": "абвгдѓежзѕијклљмнњопрстќуфхцчџш"},
    "koi8_r": {"Russian": _CYRILLIC},
    "cp1253": {"Greek": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ"},
    "cp1256": {"Arabic": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژگکی"},
}
# One-letter words that are not ASCII, per language ("à" in French); any other is a misreading.
_ONE_LETTER_WORDS = {"French": "à", "Portuguese": "àé", "Italian": "èé", "Catalan": "ià", "Swedish": "åö",
                     "Russian": "я", "Ukrainian": "яії", "Bulgarian": "я", "Belarusian": "яў"}
# Non-letters that may touch a word: quotes, dashes, degree, currency, superscripts, no-break space.
_MAY_TOUCH = set("’‘“”„«»‹›–—…·°€£¥§©®™²³½¼¾¿¡\u00a0\u202f\u2009")
_TRUSTED = 0.97  # share of non-ASCII letters a reading's language must spell


@dataclass(frozen=True, slots=True)
class Reading:
    """One code page's reading of the bytes and how plausible it is (1.0: every letter fits one language)."""

    encoding: str
    text: str
    score: float
    language: str


def read_legacy(data: bytes) -> tuple[Reading | None, str]:
    """The one plausible reading of `data`, or None and a one-line reason."""
    readings: dict[str, Reading] = {}
    for encoding in LANGUAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        reading = _judge(encoding, text)
        if text not in readings or reading.score > readings[text].score:
            readings[text] = reading
    order = list(LANGUAGES)
    ranked = sorted(readings.values(), key=lambda r: (-r.score, order.index(r.encoding)))
    if not ranked or ranked[0].score < _TRUSTED:
        tried = ", ".join(f"{r.encoding} ({r.language}?)" for r in ranked[:3]) or "none decodes it"
        return None, (f"is not UTF-8 and reads as no single language in a known code page (tried {tried}); "
                      "save it as UTF-8 and import it again")
    return ranked[0], ""


def _judge(encoding: str, text: str) -> Reading:
    letters = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    bad = _misplaced_symbols(text) + _case_breaks(text) + _mixed_scripts(text)
    best_language, best_covered = "", -1
    for language, alphabet in LANGUAGES[encoding].items():
        allowed = set(alphabet)
        covered = sum(1 for ch in letters if _lower(ch) in allowed)
        covered -= _stray_one_letter_words(text, language)
        if covered > best_covered:
            best_language, best_covered = language, covered
    total = len(letters)
    score = 1.0 if total == 0 and bad == 0 else max(best_covered - 2 * bad, 0) / max(total, 1)
    return Reading(encoding, text, score, best_language)


def _lower(ch: str) -> str:
    return "ı" if ch == "İ" else ch.lower()  # Turkish dotted capital I: a Turkish letter either way


def _misplaced_symbols(text: str) -> int:
    """Non-ASCII symbols touching a letter that no language writes there ("s¹", "¿o³nierzy")."""
    bad = 0
    for i, ch in enumerate(text):
        if ord(ch) <= 127 or ch.isalpha() or ch.isspace():
            continue
        before = i > 0 and text[i - 1].isalpha()
        after = i + 1 < len(text) and text[i + 1].isalpha()
        inside = before and after and ch not in "’‘·"  # "ostrza³u": no language writes a symbol there
        if inside or ((before or after) and ch not in _MAY_TOUCH) or unicodedata.category(ch) in ("Cc", "Co", "Cn"):
            bad += 1
    return bad


def _case_breaks(text: str) -> int:
    """Words whose letters turn from lower to upper case inside ("оБСТРЕЛ"), non-ASCII only."""
    bad = 0
    for word in text.split():
        if all(ord(ch) <= 127 for ch in word):
            continue
        bad += sum(1 for a, b in zip(word, word[1:]) if a.islower() and b.isupper())
    return bad


def _mixed_scripts(text: str) -> int:
    """Words whose letters come from two scripts ("Pшi", "izvjeљжu"), non-ASCII only."""
    bad = 0
    for word in text.split():
        if all(ord(ch) <= 127 for ch in word):
            continue
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        bad += len(scripts) > 1
    return bad


def _script(ch: str) -> str:
    if ord(ch) < 0x250:
        return "LATIN"
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "?"


def _stray_one_letter_words(text: str, language: str) -> int:
    """Words of one accented letter the language does not have ("ŕ" for French "à" read as cp1250)."""
    allowed = _ONE_LETTER_WORDS.get(language, "")
    count = 0
    for word in text.split():
        core = word.strip(".,;:!?\"'()")
        if len(core) == 1 and ord(core) > 127 and core.isalpha() and _lower(core) not in allowed:
            count += 1
    return count
