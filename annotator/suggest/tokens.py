"""The one place the suggestion sources get a document's tokens from.

Today it tokenizes with the shared tokenizer; when documents carry stored token arrays, only
this module changes (see the lead's merge notes for issue 11).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from annotator.nlp.tokenizer import token_offsets, token_offsets_many


def document_tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) code points of the non-whitespace tokens of `text`."""
    return token_offsets(text)


def document_tokens_many(texts: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
    """document_tokens() of each text, batched."""
    for starts, ends in token_offsets_many(texts):
        yield list(zip(starts.tolist(), ends.tolist()))
