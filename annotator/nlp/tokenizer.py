"""The project's tokenizers: spaCy's blank pipeline of each document's language, imported lazily (spaCy costs ~2 s).

One tokenizer per language for snapping, exports and agreement, so their token boundaries agree.

spaCy's blank pipelines need no model download. Each is loaded once, on first use (import
takes about two seconds), and is safe to warm up from a background thread. A language spaCy
has no blank pipeline for is tokenized by its multilingual one (`xx`), said once per language.
"""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

LANGUAGE = "en"  # the project default when nothing else says
MULTILINGUAL = "xx"
_lock = threading.Lock()
_pipelines: dict[str, "Language"] = {}
_fallbacks: dict[str, str] = {}  # language -> why its blank pipeline could not be made


def blank_nlp(lang: str = LANGUAGE) -> "Language":
    """The shared blank pipeline (tokenizer only) of `lang`; spaCy's multilingual one if it has none."""
    nlp = _pipelines.get(lang)
    if nlp is None:
        with _lock:
            nlp = _pipelines.get(lang)
            if nlp is None:
                nlp = _pipelines[lang] = _make(lang)
    return nlp


def pipeline_language(lang: str) -> str:
    """The language whose blank pipeline tokenizes `lang` (itself, or `xx`)."""
    return blank_nlp(lang).lang or MULTILINGUAL


def fallback_reason(lang: str) -> str | None:
    """Why `lang` is tokenized by the multilingual pipeline, or None when it has its own.

    Answered from spaCy's files when spaCy is not loaded yet (an import must not wait ~2 s for it)."""
    if lang in _pipelines or lang == MULTILINGUAL:
        return _fallbacks.get(lang)
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spec is not None and spec.origin and (Path(spec.origin).parent / "lang" / lang / "__init__.py").is_file():
        return None
    blank_nlp(lang)
    return _fallbacks.get(lang)


def _make(lang: str) -> "Language":
    import spacy

    try:
        return spacy.blank(lang)
    except (ImportError, KeyError, ValueError, OSError) as exc:  # spaCy's E048 is an ImportError
        reason = str(exc).splitlines()[0][:160]
        _fallbacks[lang] = reason
        logging.getLogger(__name__).warning(
            "spaCy has no blank pipeline for language %r (%s); its documents are tokenized by the "
            "multilingual tokenizer (xx)", lang, reason)
        return _pipelines.get(MULTILINGUAL) or spacy.blank(MULTILINGUAL)


def token_offsets(text: str, lang: str = LANGUAGE) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of the non-whitespace tokens of `text`."""
    doc = blank_nlp(lang).make_doc(text)
    return [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]


def token_offsets_many(texts: Iterable[str], lang: str = LANGUAGE) -> Iterator[tuple["np.ndarray", "np.ndarray"]]:
    """(starts, ends) of the non-whitespace tokens of each text: token_offsets() in bulk, as arrays.

    Same tokenizer and rule as token_offsets (a test holds them equal), but batched and read
    out as arrays: no Python object per token.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    for doc in blank_nlp(lang).tokenizer.pipe(texts, batch_size=256):
        columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64).reshape(-1, 3)
        kept = columns[columns[:, 2] == 0]
        yield kept[:, 0], kept[:, 0] + kept[:, 1]
