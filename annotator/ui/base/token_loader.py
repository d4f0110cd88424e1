"""Get an opened document's tokens on one background thread, so neither start-up nor opening waits.

The worker reads the stored token arrays on its own project connection (SQLite connections
stay in their thread); only a document without stored tokens loads spaCy (about two seconds)
and tokenizes it, once, storing the result. Results come back through the relay (NewestWins). Other
callers (a label key pressed before the tokens arrived, review editing) read the same store.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from annotator.core.model import Document


def _tokens(project: Path, document: Document) -> tuple[int, list[tuple[int, int]]]:
    from annotator.services.derived import token_pairs
    from annotator.ui.base.background import thread_store

    return document.id, token_pairs(thread_store(project), document)


class TokenLoader(QObject):
    """request(document) -> ready(id, tokens) on the GUI thread."""

    ready = Signal(int, object)

    def __init__(self, project: Path, parent: QObject | None = None) -> None:
        from annotator.ui.base.background import NewestWins

        super().__init__(parent)
        self.project = project
        self._jobs = NewestWins("tokens", self)  # paging on quickly: only the document shown matters
        self._jobs.delivered.connect(lambda answer: self.ready.emit(*answer))

    def request(self, document: Document) -> None:
        self._jobs.request(_tokens, self.project, document)


class TokenFill(QObject):
    """Build, in the background, what a project lacks of its derived data: first the search index
    of newly imported documents (quick), then the tokens of every document without them (a
    project made by an older version, or articles just imported). Progress by signal."""

    progress = Signal(int, int, str)  # done, to do, what ("search" or "tokens")
    finished = Signal()

    def __init__(self, project: Path, parent: QObject | None = None) -> None:
        from annotator.ui.base.background import BackgroundTask

        super().__init__(parent)
        self._stop = threading.Event()
        self.task = BackgroundTask(project, self._work, self)
        self.task.progress.connect(self.progress)
        self.task.finished.connect(self.finished)

    def _work(self, store, progress) -> int:
        from annotator.services.derived import fill_derived

        return fill_derived(store, progress, self._stop.is_set)

    def start(self) -> "TokenFill":
        """Start, unless stopped first (a window closed before its fill began: a thread started
        then could outlive the window that owns it)."""
        if not self._stop.is_set():
            self.task.start()
        return self

    def stop(self) -> None:
        """Stop after the batch in flight (what is stored stays); returns at once."""
        self._stop.set()
