"""Generated news-length articles for benchmarks (deterministic for a seed)."""
from __future__ import annotations

import math
import random
from typing import Iterator

_ACTORS = ["Syrian government forces", "rebels", "the UN", "rescuers", "civilians", "Hayat Tahrir al-Sham",
           "the Red Cross", "local officials", "a war monitor", "Russian aircraft"]
_PLACES = ["Idlib", "Maarat al-Numan", "Saraqeb", "Hama", "Aleppo", "Atmeh camp", "Ariha", "Jisr al-Shughur"]
_VERBS = ["said", "told reporters", "reported", "according to", "has repeatedly said"]


def article(rng: random.Random, n: int, sentences: int = 22) -> str:
    """About 3 KB of wire-style copy with numbers, places and attributions."""
    lines = [f"Report {n}: fighting near {rng.choice(_PLACES)}"]
    for _ in range(sentences):
        lines.append(
            f"{rng.randint(2, 900):,} people fled {rng.choice(_PLACES)} after strikes by "
            f"{rng.choice(_ACTORS)}, {rng.choice(_ACTORS)} {rng.choice(_VERBS)} on day {rng.randint(1, 30)}."
        )
    return "\n\n".join(lines)


def articles(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [article(rng, i) for i in range(count)]


# -- varied news text: a vocabulary that does not repeat like the articles above ----------------
_SYLLABLES = ["ka", "ro", "mi", "tesh", "al", "un", "dar", "zi", "bel", "or", "qa", "nov", "ek", "sil", "ham",
              "tu", "ver", "ios", "ab", "lyn", "gor", "pre", "sta", "vik", "ne", "mar", "ush", "fe", "dol", "ira"]
_VOCABULARY = 200_000  # content words, drawn log-uniformly: most are rare, as in real news
_FUNCTION = ("the of and to in a that for on was with by said is from at as were have has it be after an "
             "who which their they had but been not more than about over people two its also this").split()


def _word(i: int) -> str:
    out = []
    while True:
        i, k = divmod(i, len(_SYLLABLES))
        out.append(_SYLLABLES[k])
        if i == 0:
            return "".join(out)
        i -= 1


def _draw(rng: random.Random) -> str:
    """Half the words from a few dozen function words, the rest from a long tail."""
    if rng.random() < 0.5:
        return rng.choice(_FUNCTION)
    return _word(int(math.exp(rng.uniform(0, math.log(_VOCABULARY)))))


def varied_article(rng: random.Random, n: int, size: int = 4000) -> tuple[str, list[tuple[int, int, str]]]:
    """About `size` characters of wire-style copy over a large vocabulary, and about 30 spans
    (FIGURE, LOCATION, ACTOR, ATTRIBUTION) that fall on token boundaries."""
    text = f"Report {n}: {_draw(rng).capitalize()} {_draw(rng)} near {_draw(rng).capitalize()}\n\n"
    spans: list[tuple[int, int, str]] = []

    def put(piece: str, label: str | None = None) -> None:
        nonlocal text
        if label is not None:
            spans.append((len(text), len(text) + len(piece), label))
        text += piece

    while len(text) < size:
        put(" ".join(_draw(rng) for _ in range(rng.randint(8, 20))).capitalize() + " ")
        if rng.random() < 0.6:
            put(f"{rng.randint(2, 90_000):,}", "FIGURE")
        put(f" {_draw(rng)} {_draw(rng)} in ")
        if rng.random() < 0.6:
            put(_draw(rng).capitalize() + (f" {_draw(rng).capitalize()}" if rng.random() < 0.3 else ""), "LOCATION")
        if rng.random() < 0.3:
            put(", ")
            put(_draw(rng).capitalize() + " " + rng.choice(["forces", "officials", "rescuers", "monitors"]), "ACTOR")
            put(" ")
            put(rng.choice(_VERBS), "ATTRIBUTION")
        put(" " + " ".join(_draw(rng) for _ in range(rng.randint(10, 26))) + rng.choice([".", ".", "!", ".\n\n"]) + " ")
    return text.rstrip(), spans


def varied_articles(count: int, seed: int = 1) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    rng = random.Random(seed)
    for i in range(count):
        yield varied_article(rng, i)
