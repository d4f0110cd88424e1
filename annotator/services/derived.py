"""Derived data a project keeps for speed (stored tokens, the search index): read, made or filled in."""
from __future__ import annotations

from typing import Callable

from annotator.core.model import Document
from annotator.nlp.tokens import document_tokens, fill_missing
from annotator.storage import ProjectStore
from annotator.storage.search import index_pending, pending_count


def token_pairs(store: ProjectStore, document: Document) -> list[tuple[int, int]]:
    """The document's token offsets (stored, or made once and stored)."""
    return document_tokens(store, document).pairs()


def fill_derived(store: ProjectStore, progress: Callable[[int, int, str], None], stopped: Callable[[], bool]) -> int:
    """Index newly imported documents for search, then tokenize every document without tokens (in
    helper processes: the caller is the window); stops between batches once `stopped()`; returns how
    many documents were tokenized."""
    total, done = pending_count(store), 0
    while done < total and not stopped():
        step = index_pending(store)
        if not step:
            break
        done += step
        progress(done, total, "search")
    return fill_missing(store, lambda d, t: progress(d, t, "tokens"), stopped, in_helpers_only=True)
