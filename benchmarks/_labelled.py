"""Short labelled wire-style documents for the model benchmarks, generated from templates.

Spans follow DOMAIN.md's boundaries. `unseen=True` draws names and places from lists the
training documents never use, so the test measures more than memorising names.
"""
from __future__ import annotations

import random

ACTORS = ["Syrian government forces", "rebels", "the UN", "rescuers", "civilians", "Hayat Tahrir al-Sham",
          "the Red Cross", "local officials", "a war monitor", "Russian aircraft", "the army", "police",
          "Houthi rebels", "the World Food Programme", "Amnesty International", "Kurdish fighters",
          "the health ministry", "witnesses", "Save the Children", "the Syrian Observatory for Human Rights"]
UNSEEN_ACTORS = ["Sudanese paramilitaries", "the Rapid Support Forces", "Medecins Sans Frontieres",
                 "Malian troops", "the African Union", "protesters", "Human Rights Watch", "the interior ministry"]
PLACES = ["Idlib", "Maarat al-Numan", "Saraqeb", "Hama", "Aleppo", "Atmeh camp", "Ariha", "Jisr al-Shughur",
          "Khartoum", "Mogadishu", "Kharkiv", "Dnipro", "Gaza", "Sanaa", "Marib", "Tripoli", "Benghazi", "Raqqa"]
UNSEEN_PLACES = ["El Fasher", "Bamako", "Goma", "Mosul", "Kandahar", "Taiz", "Bakhmut", "Darfur"]
VERBS = ["said", "told reporters", "reported", "warned", "has repeatedly said", "claimed", "estimated", "denied"]
NUMBERS = ["21", "350,000", "dozens", "between 800 and 1,000", "two", "hundreds", "4,500", "17", "nine",
           "thousands", "1.2 million", "63", "tens of thousands", "several", "120"]
QUALIFIERS = ["", "", "at least ", "some ", "more than ", "about ", "nearly ", "up to "]
EVENTS = ["were killed in air strikes on", "fled", "were wounded in shelling of", "were displaced from",
          "have been detained in", "died in fighting near", "arrived at camps outside"]
EXTRAS = ["on Thursday", "in a statement", "late on Sunday", "", "by telephone", "on Twitter"]

# Slots: Q qualifier, N figure, E event, X extra words, P/P2 place, A/A2 actor, V reporting verb
TEMPLATES = [
    "{Q}{N} people {E} {P}, {A} {V} {X}.",
    "{A} {V} that {Q}{N} civilians {E} {P}.",
    "According to {A}, {Q}{N} people {E} {P} {X}.",
    "In {P}, {A} {V} {Q}{N} fighters {E} {P2}.",
    "{A} {V} {A2} of attacking {P}, where {Q}{N} people {E} {P2}.",
    "The fighting in {P} killed {Q}{N}, {A} {V}.",
]


def document(rng: random.Random, unseen: bool = False, sentences: int = 3) -> tuple[str, list[tuple[int, int, str]]]:
    """One short document (a few sentences) and its spans."""
    parts, spans, offset = [], [], 0
    for _ in range(sentences):
        text, found = _sentence(rng, unseen)
        parts.append(text)
        spans.extend((s + offset, e + offset, label) for s, e, label in found)
        offset += len(text) + 1
    return " ".join(parts), spans


def _sentence(rng: random.Random, unseen: bool) -> tuple[str, list[tuple[int, int, str]]]:
    actors, places = (UNSEEN_ACTORS, UNSEEN_PLACES) if unseen else (ACTORS, PLACES)
    template = rng.choice(TEMPLATES)
    text, spans = "", []
    verb = rng.choice(VERBS)
    for piece in template.replace("{", "\0{").split("\0"):
        if not piece.startswith("{"):
            text += piece
            continue
        key, rest = piece[1:].split("}", 1)
        value, label, inner = _value(rng, key, actors, places, verb)
        if not text and value[:1].islower():
            value = value[0].upper() + value[1:]
        if label is not None:
            start = len(text) + inner[0]
            spans.append((start, start + inner[1], label))
        text += value
        if rest.startswith(" ") and not value:
            rest = rest[1:]
        text += rest
    if text.startswith("According to"):
        spans.append((0, len("According to"), "ATTRIBUTION"))
    return text, spans


def _value(rng: random.Random, key: str, actors: list[str], places: list[str], verb: str):
    """(text, label, (offset of the span in the text, its length))."""
    if key in ("A", "A2"):
        value = rng.choice(actors)
        skip = len(value.split(" ", 1)[0]) + 1 if value.startswith(("the ", "a ")) else 0
        return value, "ACTOR", (skip, len(value) - skip)
    if key in ("P", "P2"):
        value = rng.choice(places)
        return value, "LOCATION", (0, len(value))
    if key == "N":
        value = rng.choice(NUMBERS)
        return value, "FIGURE", (0, len(value))
    if key == "V":
        return verb, "ATTRIBUTION", (0, len(verb.split(" ")[0]) if verb.startswith("told") else len(verb))
    table = {"Q": QUALIFIERS, "E": EVENTS, "X": EXTRAS}[key]
    return rng.choice(table), None, (0, 0)


def corpus(count: int, seed: int, unseen: bool = False) -> list[tuple[str, list[tuple[int, int, str]]]]:
    rng = random.Random(seed)
    return [document(rng, unseen) for _ in range(count)]
