"""Which suggestions a document shows: the one rule, used by the window and `annotator suggest --json`.

A suggestion is shown unless the annotator rejected it or their layer has a span of the same
label overlapping it (its own range included); of one range and label the first source
wins (rules, then memory, then model), and of suggestions that overlap each other the
earliest source, then the longer, is kept (`without_overlaps`).

Cost is n log n in suggestions plus spans, and an update after an edit only redoes the
groups of overlapping suggestions whose visibility changed: the window calls `update` on
every keystroke with 15,000 suggestions and 2,000 spans. Offsets are code points.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from annotator.core.suggestion import SOURCES, Suggestion, without_overlaps

Key = tuple[int, int, str]  # (start, end, label)


def shown_of(found: Sequence[Suggestion], spans: Iterable[Key], rejected: Iterable[Key] = ()) -> list[Suggestion]:
    """The suggestions of `found` a layer with `spans` keys and `rejected` keys shows, by position."""
    return ShownSuggestions(found).update(spans, rejected)


class ShownSuggestions:
    """The shown subset of one document's suggestions, kept up to date as its layer changes."""

    def __init__(self, found: Sequence[Suggestion]) -> None:
        self.candidates = _first_source_per_key(found)  # by (start, end, label)
        n = len(self.candidates)
        self._starts = np.fromiter((s.start for s in self.candidates), np.int64, n)
        self._ends = np.fromiter((s.end for s in self.candidates), np.int64, n)
        self._by_label: dict[str, np.ndarray] = {}
        for i, s in enumerate(self.candidates):
            self._by_label.setdefault(s.label, []).append(i)  # type: ignore[arg-type]
        self._by_label = {k: np.asarray(v, np.int64) for k, v in self._by_label.items()}
        self._index = {s.key: i for i, s in enumerate(self.candidates)}
        self._group, self._members = _overlap_groups(self._starts, self._ends)
        self._visible: np.ndarray | None = None
        self._kept = np.zeros(n, bool)
        self._shown: list[Suggestion] = []

    @property
    def shown(self) -> list[Suggestion]:
        return self._shown

    def candidate(self, key: Key) -> Suggestion | None:
        """The suggestion of this range and label, shown or not."""
        i = self._index.get(key)
        return None if i is None else self.candidates[i]

    def shows(self, suggestion: Suggestion) -> bool:
        """Whether `suggestion` is among those shown now (a look-up, not a scan)."""
        i = self._index.get(suggestion.key)
        return i is not None and bool(self._kept[i]) and self.candidates[i] == suggestion

    def update(self, spans: Iterable[Key], rejected: Iterable[Key] = ()) -> list[Suggestion]:
        """What shows beside a layer whose spans have these keys, with these rejections."""
        visible = self._visible_with(spans, rejected)
        if self._visible is None:
            changed = np.arange(len(self.candidates))
        else:
            changed = np.flatnonzero(visible != self._visible)
        self._visible = visible
        if len(changed) == 0:
            return self._shown
        groups = np.unique(self._group[changed])
        alone = groups[[len(self._members[g]) == 1 for g in groups]] if len(groups) else groups
        lone = np.asarray([self._members[g][0] for g in alone], np.int64)
        self._kept[lone] = visible[lone]
        for g in groups:
            members = self._members[g]
            if len(members) > 1:
                self._kept[members] = False
                picked = without_overlaps([self.candidates[i] for i in members if visible[i]])
                self._kept[[self._index[s.key] for s in picked]] = True
        self._shown = [self.candidates[i] for i in np.flatnonzero(self._kept)]
        return self._shown

    def _visible_with(self, spans: Iterable[Key], rejected: Iterable[Key]) -> np.ndarray:
        """Candidates neither rejected nor overlapped by a span of their label."""
        visible = np.ones(len(self.candidates), bool)
        by_label: dict[str, list[tuple[int, int]]] = {}
        for start, end, label in spans:
            if label in self._by_label:
                by_label.setdefault(label, []).append((start, end))
        for label, ranges in by_label.items():
            ranges.sort()
            span_starts = np.fromiter((r[0] for r in ranges), np.int64, len(ranges))
            reach = np.maximum.accumulate(np.fromiter((r[1] for r in ranges), np.int64, len(ranges)))
            mine = self._by_label[label]
            before = np.searchsorted(span_starts, self._ends[mine], side="left")  # spans starting before its end
            hit = (before > 0) & (reach[np.maximum(before - 1, 0)] > self._starts[mine])
            visible[mine[hit]] = False
        for key in rejected:
            i = self._index.get(tuple(key))  # type: ignore[arg-type]
            if i is not None:
                visible[i] = False
        return visible


def _first_source_per_key(found: Sequence[Suggestion]) -> list[Suggestion]:
    """One suggestion per (start, end, label): the first source's (rules, memory, model)."""
    rank = {s: i for i, s in enumerate(SOURCES)}
    best: dict[Key, Suggestion] = {}
    for s in sorted(found, key=lambda s: rank[s.source]):
        best.setdefault(s.key, s)
    return sorted(best.values(), key=lambda s: (s.start, s.end, s.label))


def _overlap_groups(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
    """Group of each candidate (sorted by start): candidates linked by overlaps share one.

    Keeping one of two overlapping suggestions never depends on a suggestion outside their
    group, so an edit only redoes the groups it touches."""
    n = len(starts)
    if n == 0:
        return np.zeros(0, np.int64), []
    reach = np.maximum.accumulate(ends)
    new = np.empty(n, bool)
    new[0] = True
    new[1:] = starts[1:] >= reach[:-1]  # half-open: touching is not overlapping
    group = np.cumsum(new) - 1
    bounds = [*np.flatnonzero(new).tolist(), n]
    members = [list(range(a, b)) for a, b in zip(bounds, bounds[1:])]
    return group, members
