"""One tokenizer for snapping, exports and agreement, so their token boundaries agree.

spaCy's blank English pipeline needs no model download. It is loaded once, on first use
(import takes about two seconds), and is safe to warm up from a background thread.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def is_loaded() -> bool:
    return _nlp is not None


def token_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of the non-whitespace tokens of `text`."""
    doc = blank_nlp().make_doc(text)
    return [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
