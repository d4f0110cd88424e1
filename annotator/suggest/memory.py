"""Project memory: every string labelled in the project is suggested wherever it appears again.

A string takes its most common label in the gold layer when gold has labelled it, else its
most common label over every annotator (ties: the label name first in sort order). It
matches case-sensitively and only where it starts and ends on token boundaries, the longest
string first, without overlaps.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

from annotator.core.suggestion import Suggestion

Row = tuple[str, str, bool, int]  # (text, label, labelled in gold, count)


class ProjectMemory:
    """Labelled strings of a project, indexed by their first token for matching."""

    def __init__(self, rows: Iterable[Row], first_token: "Mapping[str, str] | None" = None) -> None:
        self._gold: dict[str, Counter[str]] = {}
        self._all: dict[str, Counter[str]] = {}
        for text, label, gold, n in rows:
            if not text.strip() or text != text.strip():
                continue  # whitespace-only or untrimmed spans cannot sit on token boundaries
            (self._gold if gold else self._all).setdefault(text, Counter())[label] += n
        self._index: dict[str, list[str]] = {}
        for text in self._gold.keys() | self._all.keys():
            key = first_token[text] if first_token is not None and text in first_token else _first_word(text)
            self._index.setdefault(key, []).append(text)
        for texts in self._index.values():
            texts.sort(key=len, reverse=True)

    def __len__(self) -> int:
        return len(self._gold.keys() | self._all.keys())

    @property
    def strings(self) -> list[str]:
        return sorted(self._gold.keys() | self._all.keys())

    def label_of(self, text: str, leave_out: Mapping[tuple[str, bool], Counter[str]] | None = None) -> str | None:
        """The label memory gives `text` (None: not in memory), minus the counts in `leave_out`."""
        leave_out = leave_out or {}
        for gold, table in ((True, self._gold), (False, self._all)):
            counts = table.get(text, Counter()) - leave_out.get((text, gold), Counter())
            if counts:
                return _most_common(counts)
        return None

    def suggest(self, text: str, tokens: Sequence[tuple[int, int]],
                leave_out: Iterable[Row] = ()) -> list[Suggestion]:
        """Matches in `text` (tokens: its (start, end) code points); `leave_out` rows are not counted."""
        out_counts: dict[tuple[str, bool], Counter[str]] = {}
        for t, label, gold, n in leave_out:
            out_counts.setdefault((t, gold), Counter())[label] += n
        ends = {e for _, e in tokens}
        found: list[Suggestion] = []
        reach = 0  # end of the last match: matches never overlap
        for start, end in tokens:
            if start < reach:
                continue
            for candidate in self._index.get(text[start:end], ()):
                stop = start + len(candidate)
                if stop in ends and text.startswith(candidate, start):
                    label = self.label_of(candidate, out_counts)
                    if label is not None:
                        found.append(Suggestion(start, stop, label, "memory"))
                        reach = stop
                        break
        return found


def _most_common(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _first_word(text: str) -> str:
    """Stand-in for the first token when none is given: the text up to the first space."""
    return text.split(None, 1)[0]
