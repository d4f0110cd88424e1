"""The one place the suggestion sources get tokens from.

A stored document's tokens are the ones stored with it (annotator.nlp.tokens: computed once,
tagged with the tokenizer that made them); only strings that are not documents (the strings
project memory remembers) are tokenized here, by the blank pipeline of the language they are
matched in (a string's first token differs between languages: French "l'ONU" is "l'" + "ONU",
English keeps it whole; Arabic keeps "د." whole, English splits it).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from annotator.nlp.tokenizer import LANGUAGE, token_offsets, token_offsets_many
from annotator.nlp.tokens import tokens_of

if TYPE_CHECKING:
    from annotator.core.model import Document
    from annotator.storage import ProjectStore


def document_tokens(text: str, lang: str = LANGUAGE) -> list[tuple[int, int]]:
    """(start, end) code points of the non-whitespace tokens of a string that is not a stored document."""
    return token_offsets(text, lang)


def document_tokens_many(texts: Iterable[str], lang: str = LANGUAGE) -> Iterator[list[tuple[int, int]]]:
    """document_tokens() of each text in `lang`, batched."""
    for starts, ends in token_offsets_many(texts, lang):
        yield list(zip(starts.tolist(), ends.tolist()))


def stored_tokens(store: "ProjectStore", docs: Sequence["Document"]) -> list[list[tuple[int, int]]]:
    """(start, end) of the non-whitespace tokens of stored documents, from their stored arrays."""
    return [t.pairs() for t in tokens_of(store, [(d.id, d.text) for d in docs])]
