"""Handing documents out to a team: every document to one annotator, an overlap share to K of them.

Pure and deterministic: the same documents, annotators, earlier assignment and seed give the
same result. Rules, in order of strength:

- earlier assignments are never changed; only documents without one are handed out;
- each overlap document goes to the K least loaded annotators (load = documents assigned,
  earlier ones included), each other document to the least loaded one: adding one to the K
  smallest of loads that differ by at most one keeps them within one, so loads stay within
  one document of equal whenever they started so (always, for a first assignment);
- among annotators equally loaded, the choice covers pairs that share no document yet
  (pairwise agreement needs every pair to share some), then follows an order drawn from the seed.

`pairs_without_overlap` says which pairs still share nothing (too few overlap documents).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Mapping, Sequence

from annotator.core.errors import SpanError
from annotator.core.model import check_annotator_name

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    """What one assign run decided: document id -> its annotators (new documents only)."""

    new: dict[int, tuple[str, ...]]
    loads: dict[str, int]  # documents per annotator, earlier assignments included
    pairs_without_overlap: tuple[Pair, ...] = ()
    overlap_documents: int = 0
    per_document: int = 2
    skipped_earlier: int = 0  # documents left alone because they were assigned before


def check_team(names: Iterable[str]) -> list[str]:
    """The annotators' names as stored, each a person (not empty, not gold), each once."""
    team: list[str] = []
    for raw in names:
        if not raw.strip():
            raise SpanError("an annotator name in --annotators is empty (write A,B,C)")
        name = check_annotator_name(raw)
        if name in team:
            raise SpanError(f"annotator {name!r} is named twice")
        team.append(name)
    if not team:
        raise SpanError("no annotators named: write --annotators A,B,C")
    return team


def overlap_count(documents: int, overlap_percent: float) -> int:
    """How many of `documents` go to more than one annotator; the percent must lie in 0..100."""
    if not 0 <= overlap_percent <= 100:
        raise SpanError(f"overlap {overlap_percent:g}% is outside 0-100")
    return round(documents * overlap_percent / 100)


def plan_assignment(documents: Sequence[int], annotators: Sequence[str], *, overlap_percent: float = 0,
                    per_document: int = 2, seed: int = 0,
                    earlier: Mapping[int, Sequence[str]] | None = None) -> AssignmentPlan:
    """Assign the documents of `documents` that `earlier` lacks; see the module docstring."""
    team = check_team(annotators)
    if per_document < 1 or (overlap_percent > 0 and per_document > len(team)):
        raise SpanError(f"{per_document} annotators per document, but the team has {len(team)}")
    earlier = earlier or {}
    rng = random.Random(seed)
    new_docs = sorted(d for d in set(documents) if d not in earlier)
    rng.shuffle(new_docs)
    rank = {name: i for i, name in enumerate(rng.sample(sorted(team), len(team)))}
    state = _State(team, rank, earlier)
    shared = overlap_count(len(new_docs), overlap_percent)  # refuses a percent outside 0..100 first
    shared = shared if per_document > 1 else 0
    out: dict[int, tuple[str, ...]] = {}
    for i, doc in enumerate(new_docs):
        out[doc] = state.take(per_document if i < shared else 1)
    return AssignmentPlan(out, dict(state.loads), tuple(sorted(state.uncovered)), shared, per_document,
                          len(set(documents) & set(earlier)))


class _State:
    """Loads and pairs still without a shared document, updated as documents are handed out."""

    def __init__(self, team: list[str], rank: dict[str, int], earlier: Mapping[int, Sequence[str]]) -> None:
        self.rank = rank
        self.loads = {name: 0 for name in team}
        self.uncovered: set[Pair] = {_pair(a, b) for a, b in combinations(team, 2)}
        self.open = {name: len(team) - 1 for name in team}  # uncovered pairs each annotator is in
        for names in earlier.values():
            mine = [n for n in names if n in self.loads]
            for n in mine:
                self.loads[n] += 1
            self._cover(mine)

    def take(self, k: int) -> tuple[str, ...]:
        """The k annotators of the next document: the k least loaded, ties broken by coverage then rank."""
        by_load = sorted(self.loads, key=lambda n: (self.loads[n], self.rank[n]))
        cut = self.loads[by_load[k - 1]]
        chosen = [n for n in by_load if self.loads[n] < cut]
        pool = [n for n in by_load if self.loads[n] == cut]
        while len(chosen) < k:
            best = max(pool, key=lambda n: (self._gain(n, chosen), self._open_pairs(n), -self.rank[n]))
            pool.remove(best)
            chosen.append(best)
        for n in chosen:
            self.loads[n] += 1
        self._cover(chosen)
        return tuple(sorted(chosen))

    def _cover(self, names: list[str]) -> None:
        for a, b in combinations(names, 2):
            pair = _pair(a, b)
            if pair in self.uncovered:
                self.uncovered.remove(pair)
                self.open[a] -= 1
                self.open[b] -= 1

    def _gain(self, name: str, chosen: list[str]) -> int:
        return sum(_pair(name, other) in self.uncovered for other in chosen)

    def _open_pairs(self, name: str) -> int:
        return self.open[name]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)
