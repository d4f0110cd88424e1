"""Each document's tokens, computed once and stored in the project; the one way to get them.

`document_tokens(store, doc)` and `tokens_of(store, docs)` read the stored arrays and compute
(and store) only what is missing or was made by another tokenizer (another spaCy version,
language or settings of ours: the tag TOKENIZER). Each document is tokenized by the blank
pipeline of its own language (documents.lang); its DocTokens say which. `fill_missing` does the rest of a project
in the background. Offsets are code points; arrays keep every spaCy token, whitespace tokens
too, so token indices are spaCy's (exporters count them); `words()` leaves whitespace out
(snapping and agreement use that).
"""
from __future__ import annotations

import os
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import numpy as np

from annotator.nlp.tokenizer import LANGUAGE, blank_nlp
from annotator.storage import token_store
from annotator.storage.token_store import Tag

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from annotator.core.model import Document
    from annotator.storage import ProjectStore

SETTINGS = "blank-tokenizer-1"  # bump when our use of the tokenizer changes what it gives
_SPACE, _TRAILING = 1, 2  # flag bits: a whitespace token; followed by one space (spaCy's SPACY)
_BATCH = 256


@lru_cache(maxsize=1)
def tokenizer_tag() -> Tag:
    """What made stored tokens: spaCy's version, the document's language and our settings."""
    from importlib.metadata import version

    return Tag(f"spacy {version('spacy')}; ", f"; {SETTINGS}")


@dataclass(frozen=True, slots=True)
class DocTokens:
    """One document's tokens as arrays (all of spaCy's tokens, whitespace tokens included)."""

    starts: np.ndarray  # int64 code-point offsets
    ends: np.ndarray
    flags: np.ndarray  # uint8: _SPACE, _TRAILING
    orths: np.ndarray  # uint64 ORTH hashes, as spaCy's vocabulary has them
    lang: str = LANGUAGE  # the document's language, whose blank pipeline made these tokens

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def is_space(self) -> np.ndarray:
        return (self.flags & _SPACE).astype(bool)

    @property
    def trailing_space(self) -> np.ndarray:
        return (self.flags & _TRAILING).astype(bool)

    def words(self) -> tuple[np.ndarray, np.ndarray]:
        """(starts, ends) of the non-whitespace tokens."""
        keep = (self.flags & _SPACE) == 0
        return self.starts[keep], self.ends[keep]

    def pairs(self) -> list[tuple[int, int]]:
        """[(start, end)] of the non-whitespace tokens (what snapping takes)."""
        starts, ends = self.words()
        return list(zip(starts.tolist(), ends.tolist()))

    def to_doc(self, text: str) -> "Doc":
        """The spaCy Doc these tokens are of, rebuilt from words and spaces (no tokenizing)."""
        from spacy.tokens import Doc

        words = [text[s:e] for s, e in zip(self.starts.tolist(), self.ends.tolist())]
        return Doc(blank_nlp(self.lang).vocab, words=words, spaces=self.trailing_space.tolist())

    def pack(self) -> bytes:
        n = len(self.starts)
        body = (self.starts.astype("<i4").tobytes() + (self.ends - self.starts).astype("<i4").tobytes()
                + self.flags.astype("u1").tobytes() + self.orths.astype("<u8").tobytes())
        return struct.pack("<I", n) + zlib.compress(body, 1)

    @classmethod
    def unpack(cls, data: bytes, lang: str = LANGUAGE) -> "DocTokens":
        (n,) = struct.unpack_from("<I", data)
        body = zlib.decompress(data[4:])
        starts = np.frombuffer(body, "<i4", n, 0).astype(np.int64)
        lengths = np.frombuffer(body, "<i4", n, 4 * n)
        flags = np.frombuffer(body, "u1", n, 8 * n)
        orths = np.frombuffer(body, "<u8", n, 9 * n)
        return cls(starts, starts + lengths, flags, orths, lang)


def tokenize_many(texts: Iterable[str], lang: str = LANGUAGE) -> Iterator[DocTokens]:
    """THE tokenizer of `lang` over texts, read out as arrays (no Python object per token)."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SPACY

    for doc in blank_nlp(lang).tokenizer.pipe(texts, batch_size=_BATCH):
        cols = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY, ORTH]).reshape(-1, 5)
        starts = cols[:, 0].astype(np.int64)
        flags = (cols[:, 2] * _SPACE + cols[:, 3] * _TRAILING).astype(np.uint8)
        yield DocTokens(starts, starts + cols[:, 1].astype(np.int64), flags, cols[:, 4].astype(np.uint64), lang)


def tokenize(text: str, lang: str = LANGUAGE) -> DocTokens:
    return next(tokenize_many([text], lang))


def tokenize_mixed(items: Sequence[tuple[str, str]]) -> list[DocTokens]:
    """Tokens of (text, lang) pairs in order, each by its language's pipeline (one batch per language)."""
    out: list[DocTokens | None] = [None] * len(items)
    for lang in dict.fromkeys(lang for _, lang in items):
        at = [i for i, (_, item_lang) in enumerate(items) if item_lang == lang]
        for i, tokens in zip(at, tokenize_many([items[i][0] for i in at], lang)):
            out[i] = tokens
    return out  # type: ignore[return-value]


def tokens_of(store: "ProjectStore", documents: Sequence[tuple[int, str]] | Sequence[int]) -> list[DocTokens]:
    """Tokens of documents in order, given as (id, text) pairs or as ids (texts are then read
    only for documents without stored tokens): stored ones read, the rest made once and stored."""
    from annotator.storage.language_store import languages_of

    ids = [d if isinstance(d, int) else d[0] for d in documents]
    tag = tokenizer_tag()
    langs = languages_of(store, ids)
    out = {doc_id: DocTokens.unpack(data, langs[doc_id])
           for doc_id, data in token_store.read_tokens(store, ids, tag).items()}
    missing = [d for d in documents if (d if isinstance(d, int) else d[0]) not in out]
    if missing:
        texts = {d[0]: (d[1], langs.get(d[0], LANGUAGE)) for d in missing if not isinstance(d, int)}
        texts.update(token_store.texts(store, [d for d in missing if isinstance(d, int)]))
        made = list(zip(texts, tokenize_mixed(list(texts.values()))))
        token_store.write_tokens(store, ((doc_id, t.pack(), t.lang) for doc_id, t in made), tag)
        out.update(made)
    return [out[doc_id] for doc_id in ids]


def document_tokens(store: "ProjectStore", document: "Document | int") -> DocTokens:
    """One document's tokens (stored, or computed now and stored): THE way to get them."""
    if isinstance(document, int):
        document = store.document(document)
    return tokens_of(store, [(document.id, document.text)])[0]


def pack_many(items: list[tuple[str, str]]) -> list[bytes]:
    """Packed tokens of (text, lang) pairs (what a helper process returns: bytes travel cheaply)."""
    return [t.pack() for t in tokenize_mixed(items)]


# Below this many documents a helper process costs more (it loads spaCy, ~2 s) than it saves.
PARALLEL_FROM = 4 * _BATCH


def fill_missing(store: "ProjectStore", progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None, helpers: int | None = None,
                 in_helpers_only: bool = False) -> int:
    """Tokenize and store every document without current tokens, a batch per transaction.

    With many documents a helper process tokenizes every other batch (the second core, when
    it is free; `helpers` = 0 keeps to this process). With `in_helpers_only` (the window's
    background fill, from PARALLEL_FROM documents) helper processes at a lower priority tokenize
    every batch and this process only reads and writes: its GUI thread never waits for the
    interpreter lock behind spaCy.
    Returns how many were tokenized; stops early (keeping what is stored) when `should_stop()`."""
    tag = tokenizer_tag()
    total = token_store.untokenized_count(store, tag)
    if not total:
        return 0
    in_helpers_only = in_helpers_only and total >= PARALLEL_FROM  # a few documents: not worth a process
    if in_helpers_only:
        helpers = max(1, min(2, os.cpu_count() or 1))
    elif helpers is None:
        helpers = 1 if total >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 else 0
    pool = _helper_pool(helpers)
    try:
        return _fill(store, tag, total, pool, progress, should_stop, share=not in_helpers_only,
                     helpers=helpers)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _helper_pool(helpers: int):
    if helpers <= 0:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: a fork of a process with Qt's or SQLite's threads is not safe
    return ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_priority)


def _lower_priority() -> None:
    """A helper gives way to the program it helps (the window's GUI thread above all)."""
    try:
        os.nice(10)
    except OSError:  # not allowed here: it still helps at the same priority
        pass


def _helped(future, batch: list[tuple[int, str, str]]) -> list[bytes]:
    """The helper's packed tokens; if the helper could not run (no process could start), made here."""
    try:
        return future.result()
    except (OSError, RuntimeError, EOFError) as exc:  # BrokenProcessPool is a RuntimeError
        import logging

        logging.getLogger(__name__).warning("tokenizing in this process only: the helper failed (%s)", exc)
        return pack_many([(text, lang) for _, text, lang in batch])


def _fill(store: "ProjectStore", tag: Tag, total: int, pool, progress: Callable[[int, int], None] | None,
          should_stop: Callable[[], bool] | None, share: bool = True, helpers: int = 1) -> int:
    """A batch here (when `share`) and one per helper at a time, stored in one transaction."""
    done, after = 0, 0
    while total and not (should_stop is not None and should_stop()):
        parts = (1 if share else 0) + (helpers if pool is not None else 0)
        batch = token_store.untokenized(store, tag, after, _BATCH * parts)
        if not batch:
            break
        mine = batch[:_BATCH] if share or pool is None else []
        theirs = [batch[i:i + _BATCH] for i in range(len(mine), len(batch), _BATCH)]
        futures = [(chunk, pool.submit(pack_many, [(text, lang) for _, text, lang in chunk])) for chunk in theirs]
        made = tokenize_mixed([(text, lang) for _, text, lang in mine]) if mine else []
        rows = [(doc_id, t.pack(), lang) for (doc_id, _, lang), t in zip(mine, made)]
        for chunk, future in futures:
            rows += [(doc_id, data, lang) for (doc_id, _, lang), data in zip(chunk, _helped(future, chunk))]
        if not token_store.write_tokens(store, rows, tag):
            break  # the file is busy or read-only: try again another time
        done, after = done + len(batch), batch[-1][0]
        if progress is not None:
            progress(done, total)
    return done
