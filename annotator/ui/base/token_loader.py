"""Tokenize documents on one background thread, so neither start-up nor opening waits for spaCy.

One worker thread loads spaCy (about two seconds) and tokenizes each opened document;
results come back as a queued Qt signal. Other callers (a label key pressed before the
tokens arrived, review editing, export and agreement tasks) tokenize on their own thread:
spaCy's tokenizer holds the GIL for each call, so calls never interleave.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from annotator.nlp.tokenizer import blank_nlp, token_offsets

_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tokenizer")


def warm_up() -> Future:
    """Start loading the tokenizer in the background."""
    return _EXECUTOR.submit(blank_nlp)


class TokenLoader(QObject):
    """request(id, text) -> ready(id, tokens) on the GUI thread."""

    ready = Signal(int, object)

    def request(self, document_id: int, text: str) -> None:
        future = _EXECUTOR.submit(token_offsets, text)
        # Emitting from the worker thread is safe: Qt queues the signal to this object's thread.
        future.add_done_callback(lambda f: f.exception() is None and self.ready.emit(document_id, f.result()))
