"""The one rule for which suggestions a document shows, against a plain quadratic reading of it."""
from __future__ import annotations

import random

from annotator.core.suggestion import SOURCES, Suggestion
from annotator.services.suggestion_filter import ShownSuggestions, shown_of

LABELS = ("ACTOR", "FIGURE", "LOCATION")


def plainly_shown(found, spans, rejected):
    """The rule as the window stated it: first source per key, no rejected key, no same-label span over it,
    then of overlapping suggestions the earliest source, then the longer, then the earlier."""
    rank = {s: i for i, s in enumerate(SOURCES)}
    best = {}
    for s in sorted(found, key=lambda s: rank[s.source]):
        best.setdefault(s.key, s)
    left = [s for s in sorted(best.values(), key=lambda s: (s.start, s.end, s.label)) if s.key not in rejected
            and not any(l == s.label and a < s.end and s.start < b for a, b, l in spans)]
    kept = []
    for s in sorted(left, key=lambda s: (rank[s.source], -(s.end - s.start), s.start)):
        if all(k.end <= s.start or s.end <= k.start for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def random_case(rng):
    found = []
    for _ in range(rng.randint(0, 60)):
        start = rng.randint(0, 200)
        found.append(Suggestion(start, start + rng.randint(1, 12), rng.choice(LABELS), rng.choice(SOURCES)))
    spans = set()
    for _ in range(rng.randint(0, 15)):
        start = rng.randint(0, 200)
        spans.add((start, start + rng.randint(1, 10), rng.choice(LABELS)))
    rejected = {s.key for s in rng.sample(found, min(len(found), rng.randint(0, 3)))}
    return found, spans, rejected


def test_the_rule_matches_its_plain_reading_on_random_documents():
    rng = random.Random(20)
    for _ in range(400):
        found, spans, rejected = random_case(rng)
        assert shown_of(found, spans, rejected) == plainly_shown(found, spans, rejected)


def test_updates_after_edits_equal_a_fresh_computation():
    rng = random.Random(7)
    for _ in range(100):
        found, spans, rejected = random_case(rng)
        live = ShownSuggestions(found)
        live.update(spans, rejected)
        for _ in range(10):  # label, delete, reject as an annotator would, one at a time
            start = rng.randint(0, 200)
            if spans and rng.random() < 0.4:
                spans.discard(rng.choice(sorted(spans)))
            elif found and rng.random() < 0.2:
                rejected.add(rng.choice(found).key)
            else:
                spans.add((start, start + rng.randint(1, 10), rng.choice(LABELS)))
            assert live.update(spans, rejected) == plainly_shown(found, spans, rejected)
