"""Snap a character selection to token boundaries, and grow or shrink spans by one token.

Tokens are given as sorted, non-overlapping (start, end) code-point pairs (whitespace is
never a token). Pure functions, so the UI, the exporters and the tests share one rule.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Sequence

Tokens = Sequence[tuple[int, int]]

# Punctuation trimmed from either end of a snapped selection (quotes of every style too).
_EDGE_PUNCT = set(".,;:!?()[]{}\"'«»“”‘’„‚‹›—–-…/\\|*·")


def _is_edge_punct(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    return bool(piece) and all(ch in _EDGE_PUNCT for ch in piece)


def snap_to_tokens(text: str, tokens: Tokens, start: int, end: int) -> tuple[int, int] | None:
    """Grow [start, end) to whole tokens it touches, then trim punctuation tokens at the edges.

    Returns None when nothing but whitespace or punctuation was selected.
    """
    return _snap(text, tokens, [t[0] for t in tokens], start, end)


def _snap(text: str, tokens: Tokens, starts: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    if end < start:
        start, end = end, start
    first = bisect_right(starts, start) - 1  # token starting at or before `start`
    if first < 0 or tokens[first][1] <= start:
        first += 1  # start fell in whitespace: begin at the next token
    last = bisect_left(starts, end) - 1  # last token starting before `end`
    while first <= last and _is_edge_punct(text, *tokens[first]):
        first += 1
    while last >= first and _is_edge_punct(text, *tokens[last]):
        last -= 1
    if first > last or first >= len(tokens):
        return None
    return tokens[first][0], tokens[last][1]


def token_range(tokens: Tokens, start: int, end: int) -> tuple[int, int]:
    """Indices [i, j) of the tokens that [start, end) touches (j == i when it touches none)."""
    return _token_range([t[0] for t in tokens], [t[1] for t in tokens], start, end)


def _token_range(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int]:
    i = bisect_right(ends, start)
    j = bisect_left(starts, end)
    return i, max(i, j)


def is_aligned(tokens: Tokens, start: int, end: int) -> bool:
    """True when [start, end) begins at a token start and ends at a token end."""
    return TokenIndex("", tokens).is_aligned(start, end)


def resize_by_token(tokens: Tokens, start: int, end: int, edge: str, delta: int, text: str = "") -> tuple[int, int]:
    """Move the `edge` ("start" or "end") of [start, end) by `delta` tokens (+1 right, -1 left).

    Each step goes to the next token boundary of that edge's kind (a start to a token start, an
    end to a token end), so an edge inside a token first reaches that token's own boundary. The
    span never becomes empty, never leaves the tokens of the text, and never grows across a line
    break of `text` (a paragraph break: a span does not run from one paragraph into the next).
    """
    return _resize(tokens, [t[0] for t in tokens], [t[1] for t in tokens], start, end, edge, delta, text)


def _resize(tokens: Tokens, starts: Sequence[int], ends: Sequence[int], start: int, end: int, edge: str,
            delta: int, text: str = "") -> tuple[int, int]:
    for _ in range(abs(delta)):
        moved = _step(starts, ends, start, end, edge, delta > 0)
        grown = text[moved[0]:start] if moved[0] < start else text[end:moved[1]] if moved[1] > end else ""
        if moved == (start, end) or "\n" in grown:
            break
        start, end = moved
    return start, end


def _step(starts: Sequence[int], ends: Sequence[int], start: int, end: int, edge: str,
          right: bool) -> tuple[int, int]:
    """One token boundary to the left or right for one edge; unchanged where there is none."""
    if edge == "start":
        k = bisect_right(starts, start) if right else bisect_left(starts, start) - 1
        ok = 0 <= k < len(starts) and starts[k] < end
        return (starts[k], end) if ok else (start, end)
    k = bisect_right(ends, end) if right else bisect_left(ends, end) - 1
    ok = 0 <= k < len(ends) and ends[k] > start
    return (start, ends[k]) if ok else (start, end)


class TokenIndex:
    """The tokens of one text with their start and end arrays, built once, for repeated snapping."""

    __slots__ = ("text", "tokens", "starts", "ends")

    def __init__(self, text: str, tokens: Tokens) -> None:
        self.text = text
        self.tokens = list(tokens)
        self.starts = [t[0] for t in self.tokens]
        self.ends = [t[1] for t in self.tokens]

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        return _snap(self.text, self.tokens, self.starts, start, end)

    def resize(self, start: int, end: int, edge: str, delta: int) -> tuple[int, int]:
        return _resize(self.tokens, self.starts, self.ends, start, end, edge, delta, self.text)

    def is_aligned(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.ends, end)
        return i < len(self.starts) and self.starts[i] == start and j < len(self.ends) and self.ends[j] == end
