"""The one alignment rule (spans onto tokens) and the one flattening rule (overlaps out of ents).

Alignment: `Doc.char_span(..., alignment_mode="strict")` first, computed on the document's
stored token arrays (annotator.nlp.tokens) for all its spans at once. A span it refuses (or one
whose edge is a whitespace token) is never dropped or shifted silently: with --strict the
export stops naming the document and span; otherwise the span grows to the non-whitespace
tokens it touches (`alignment_mode="expand"`, then whitespace tokens trimmed from the
edges) and the caller lists it in the report. A span that touches no token (whitespace
only) cannot be placed; it is listed too. We never go through `offsets_to_biluo_tags`,
which turns a misaligned span into "-" tags and a W030 warning instead of an error.

Flattening (doc.ents, CoNLL tags): of overlapping spans the longest (in tokens) wins; on a
tie the one starting first; then the label listed first in the project's label set. Every
span that loses stays in doc.spans["sc"] and jsonl, and is counted in the report.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from annotator.core.errors import AlignmentError, option
from annotator.core.model import Document, Span
from annotator.export.options import Placed

if TYPE_CHECKING:
    from annotator.nlp.tokens import DocTokens


def place(tokens: "DocTokens", text: str, span: Span) -> Placed:
    """Put `span` on the stored tokens of its document (`text` is the document's text)."""
    return place_many(tokens, text, [span])[0]


def place_many(tokens: "DocTokens", text: str, spans: Sequence[Span]) -> list[Placed]:
    """Place every span of one document at once, on arrays: what `Doc.char_span` gives in
    strict mode, and for the rest in expand mode trimmed of whitespace tokens (see the
    module docstring; a test holds this equal to spaCy's own char_span span by span)."""
    if not spans:
        return []
    starts, ends, space = tokens.starts, tokens.ends, tokens.is_space
    n = len(starts)
    s = np.fromiter((x.start for x in spans), np.int64, len(spans))
    e = np.fromiter((x.end for x in spans), np.int64, len(spans))
    text_end = int(ends[-1]) + int(tokens.trailing_space[-1]) if n else 0
    # Doc.char_span's token_by_char: a token owns its characters and its trailing space.
    first = np.clip(np.searchsorted(starts, s, "right") - 1, 0, max(n - 1, 0))
    last = np.clip(np.searchsorted(starts, e - 1, "right") - 1, 0, max(n - 1, 0))
    found = (s < text_end) & (e - 1 < text_end) & (e - 1 >= 0) if n else np.zeros(len(spans), bool)
    exact = found & (starts[first] == s) & (ends[last] == e) & ~space[first] & ~space[last] if n else found
    placed: list[Placed] = []
    for k, span in enumerate(spans):
        if exact[k]:
            placed.append(Placed(span, int(first[k]), int(last[k]) + 1, span.start, span.end))
        else:
            placed.append(_grown(tokens, span, bool(found[k]), int(first[k]), int(last[k])))
    return placed


def _grown(tokens: "DocTokens", span: Span, found: bool, first: int, last: int) -> Placed:
    """A misaligned span grown to the non-whitespace tokens it touches (expand mode)."""
    if not found:
        return Placed(span, 0, 0, span.start, span.start)
    starts, ends, space = tokens.starts, tokens.ends, tokens.is_space
    i, j = first + (span.start == int(ends[first])), last + 1  # a trailing space is not its token's
    while i < j and space[i]:  # whitespace is never part of an entity
        i += 1
    while j > i and space[j - 1]:
        j -= 1
    if i == j:
        return Placed(span, i, i, span.start, span.start)
    return Placed(span, i, j, int(starts[i]), int(ends[j - 1]))


def place_all(tokens: "DocTokens", document: Document, spans: Sequence[Span], strict: bool) -> list[Placed]:
    """Place every span of a document; with `strict`, the first misaligned one stops the export."""
    placed = place_many(tokens, document.text, spans)
    if strict:
        for p in placed:
            if not p.aligned:
                raise AlignmentError(describe_misaligned(document, p) + "; export stopped (strict "
                                     f"alignment): fix the span, or export without {option('strict')} to grow it to its tokens")
    return placed


def describe_misaligned(document: Document, p: Placed) -> str:
    """One line naming the document and the span, and what the tokens make of it."""
    text = document.text
    where = f'document {document.id} "{_short(document.title)}": {p.label} [{p.span.start}, {p.span.end}) '
    where += f'{quote(text[p.span.start:p.span.end])} does not fall on token boundaries'
    if p.placed:
        return where + f' (its tokens are [{p.start}, {p.end}) {quote(text[p.start:p.end])})'
    return where + " (it touches no token: only whitespace)"


def quote(text: str) -> str:
    """Span text quoted exactly: whitespace kept and line breaks or tabs written as \\n, \\t (JSON escapes)."""
    return json.dumps(text, ensure_ascii=False)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def flatten(placed: Sequence[Placed], label_rank: Mapping[str, int]) -> tuple[list[Placed], list[tuple[Placed, Placed]]]:
    """(ents sorted by position, [(left out, the entity it overlaps)]) by the rule above."""
    candidates = [p for p in placed if p.placed]
    # The common case: spans come sorted by start and none overlaps; one pass proves it.
    if all(a.token_end <= b.token_start for a, b in zip(candidates, candidates[1:])):
        return candidates, []
    last = len(label_rank)
    order = sorted(candidates, key=lambda p: (p.token_start - p.token_end, p.token_start,
                                               label_rank.get(p.label, last), p.span.start, p.span.end))
    kept: list[Placed] = []
    dropped: list[tuple[Placed, Placed]] = []
    for p in order:
        winner = next((k for k in kept if p.token_start < k.token_end and k.token_start < p.token_end), None)
        if winner is None:
            kept.append(p)
        else:
            dropped.append((p, winner))
    kept.sort(key=lambda p: p.token_start)
    return kept, dropped

