"""One tokenizer for snapping, exports and agreement, so their token boundaries agree.

spaCy's blank English pipeline needs no model download. It is loaded once, on first use
(import takes about two seconds), and is safe to warm up from a background thread.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

LANGUAGE = "en"
_lock = threading.Lock()
_nlp: "Language | None" = None


def blank_nlp() -> "Language":
    """The shared blank pipeline (tokenizer only)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                _nlp = spacy.blank(LANGUAGE)
    return _nlp


def token_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of the non-whitespace tokens of `text`."""
    doc = blank_nlp().make_doc(text)
    return [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]


def token_offsets_many(texts: Iterable[str]) -> Iterator[tuple["np.ndarray", "np.ndarray"]]:
    """(starts, ends) of the non-whitespace tokens of each text: token_offsets() in bulk, as arrays.

    Same tokenizer and rule as token_offsets (a test holds them equal), but batched and read
    out as arrays: no Python object per token.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    for doc in blank_nlp().tokenizer.pipe(texts, batch_size=256):
        columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64).reshape(-1, 3)
        kept = columns[columns[:, 2] == 0]
        yield kept[:, 0], kept[:, 0] + kept[:, 1]
