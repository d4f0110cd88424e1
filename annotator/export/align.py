"""The one alignment rule (spans onto tokens) and the one flattening rule (overlaps out of ents).

Alignment: `Doc.char_span(..., alignment_mode="strict")` first. A span it refuses (or one
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

from annotator.core.errors import AlignmentError
from annotator.core.model import Document, Span
from annotator.export.model import Placed

if TYPE_CHECKING:
    from spacy.tokens import Doc


def place(doc: "Doc", text: str, span: Span) -> Placed:
    """Put `span` on the tokens of `doc`, made from `text` (the span's document text)."""
    exact = doc.char_span(span.start, span.end, alignment_mode="strict")
    # A token that starts or ends with whitespace is a whitespace token: test the text, which
    # is cheaper than making Token objects (this runs for every span of every export).
    if exact is not None and not text[span.start].isspace() and not text[span.end - 1].isspace():
        return Placed(span, exact.start, exact.end, span.start, span.end)
    grown = doc.char_span(span.start, span.end, alignment_mode="expand")
    i, j = (grown.start, grown.end) if grown is not None else (0, 0)
    while i < j and doc[i].is_space:  # whitespace is never part of an entity
        i += 1
    while j > i and doc[j - 1].is_space:
        j -= 1
    if i == j:
        return Placed(span, i, i, span.start, span.start)
    return Placed(span, i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))


def place_all(doc: "Doc", document: Document, spans: Sequence[Span], strict: bool) -> list[Placed]:
    """Place every span of a document; with `strict`, the first misaligned one stops the export."""
    text = document.text
    placed = [place(doc, text, s) for s in spans]
    if strict:
        for p in placed:
            if not p.aligned:
                raise AlignmentError(describe_misaligned(document, p) + "; export stopped (strict "
                                     "alignment): fix the span, or export without --strict to grow it to its tokens")
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

