"""Generated news-length articles for benchmarks (deterministic for a seed)."""
from __future__ import annotations

import random

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
