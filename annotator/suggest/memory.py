"""Project memory: strings labelled in the project are suggested wherever they appear again.

Which layers it remembers is the caller's choice (services.suggestions: gold and the
annotator's own layer, unless the project shares memory). A string takes its most common
label in the gold layer when gold has labelled it, else its most common label in the other
rows (ties: the label name first in sort order). It matches case-sensitively and only where
it starts and ends on token boundaries, the longest string first, without overlaps.

A string is matched by its first token in the tokenizer of the document it is matched in: the
memory keeps one index per language (services.suggestions builds one for each language of the
project), so "l'ONU" labelled anywhere is found in a French article whose tokens are "l'" "ONU".

Matching costs one dictionary look-up per token and distinct string length starting with
that token, whatever the size of the memory: a memory of 10,000 articles matches a 100 KB
article as fast as a small one.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

from annotator.core.suggestion import Suggestion

Row = tuple[str, str, bool, int]  # (text, label, labelled in gold, count)
_Index = tuple[dict[str, str], dict[str, list[int]]]  # string -> first token; first token -> lengths, longest first


class ProjectMemory:
    """Labelled strings of a project, indexed by their first token and length for matching."""

    def __init__(self, rows: Iterable[Row], first_token: "Mapping[str, str] | None" = None,
                 by_language: "Mapping[str, Mapping[str, str]] | None" = None) -> None:
        """`first_token`: each string's first token for a language `by_language` (lang -> string ->
        first token) does not give; without either, the text up to its first space."""
        self._gold: dict[str, Counter[str]] = {}
        self._all: dict[str, Counter[str]] = {}
        for text, label, gold, n in rows:
            if not text.strip() or text != text.strip():
                continue  # whitespace-only or untrimmed spans cannot sit on token boundaries
            (self._gold if gold else self._all).setdefault(text, Counter())[label] += n
        self._label: dict[str, str] = {}  # string -> the label memory gives it
        for text in self._gold.keys() | self._all.keys():
            label = self.label_of(text)
            if label is not None:
                self._label[text] = label
        self._default = self._index(first_token)
        self._by_language = {lang: self._index(firsts) for lang, firsts in (by_language or {}).items()}

    def _index(self, first_token: "Mapping[str, str] | None") -> _Index:
        first: dict[str, str] = {}
        lengths: dict[str, list[int]] = {}
        for text in self._label:
            key = first_token[text] if first_token is not None and text in first_token else _first_word(text)
            first[text] = key
            lengths.setdefault(key, []).append(len(text))
        return first, {key: sorted(set(values), reverse=True) for key, values in lengths.items()}

    def __len__(self) -> int:
        return len(self._label)

    @property
    def strings(self) -> list[str]:
        return sorted(self._label)

    def label_of(self, text: str, leave_out: Mapping[tuple[str, bool], Counter[str]] | None = None) -> str | None:
        """The label memory gives `text` (None: not in memory), minus the counts in `leave_out`."""
        for gold, table in ((True, self._gold), (False, self._all)):
            counts = table.get(text)
            if counts and leave_out:
                counts = counts - leave_out.get((text, gold), Counter())
            if counts:
                return _most_common(counts)
        return None

    def suggest(self, text: str, tokens: Sequence[tuple[int, int]],
                leave_out: Iterable[Row] = (), lang: str | None = None) -> list[Suggestion]:
        """Matches in `text` (tokens: its (start, end) code points, by the tokenizer of `lang`, its
        language); `leave_out` rows are not counted."""
        first, lengths = self._by_language.get(lang, self._default) if lang is not None else self._default
        out_counts: dict[tuple[str, bool], Counter[str]] = {}
        for t, label, gold, n in leave_out:
            out_counts.setdefault((t, gold), Counter())[label] += n
        ends = {e for _, e in tokens}
        found: list[Suggestion] = []
        reach = 0  # end of the last match: matches never overlap
        for start, end in tokens:
            if start < reach:
                continue
            key = text[start:end]
            for length in lengths.get(key, ()):
                stop = start + length
                if stop not in ends:
                    continue
                candidate = text[start:stop]
                if first.get(candidate) != key:
                    continue
                label = self.label_of(candidate, out_counts) if out_counts else self._label[candidate]
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
