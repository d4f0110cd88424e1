"""One background thread that builds the annotator's project memory and computes suggestions for the open document.

It has its own project connection (opened in the thread) and one services Suggester (the
same code `annotator suggest` runs, for this annotator: blind memory unless the project
shares it). It builds the memory once and again after the annotator's edits and hands it
to the GUI thread (matching a news article takes about a millisecond there, so short
documents show their rules and memory with the document); it loads the model once (again
when it was retrained); for a long document it computes rules and memory too, so that
opening never waits for them. It only works for the latest document asked for: an
annotator paging quickly never waits for a queue.

It runs as NewestWins work on the "suggestions" worker thread, and everything it says reaches the
GUI thread through the relay (`deliver`): no signal is emitted from the worker thread.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.suggestion import Suggestion
from annotator.services.project import ProjectStore
from annotator.services.suggestions import Suggester
from annotator.ui.base.background import NewestWins, deliver


class SuggestionWorker(QObject):
    """request(id, every_source) -> memory_built(ProjectMemory) when (re)built, ready(id, suggestions)."""

    memory_built = Signal(object)
    ready = Signal(int, object)
    failed = Signal(str)

    def __init__(self, project: Path, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project, self._annotator = project, annotator
        # The suggestions thread; each answer comes through the relay itself (`_run`), kept while its
        # document is the newest asked for: an older request for the same document (rules and memory
        # of a reopened document) still counts, which NewestWins's own answer would drop.
        self._jobs = NewestWins("suggestions", self)
        self._latest: int | None = None
        self._stale = threading.Event()
        self._store: ProjectStore | None = None  # used by the worker thread only
        self._suggester: Any = None  # a Suggester; its memory is read-only once built, so the GUI may use it
        self._reported: set[str] = set()

    def request(self, document_id: int, every_source: bool = False) -> None:
        """The model's suggestions of a document; with `every_source`, rules and memory as well."""
        self._latest = document_id
        self._jobs.request(self._run, document_id, every_source)

    def memory_is_stale(self) -> None:
        """The annotator labelled something: rebuild the memory before the next document."""
        self._stale.set()

    def stop(self) -> None:
        """No more answers; the worker thread's connection is closed before this returns."""
        self._latest = None
        self._jobs.request(self._close)
        self._jobs.wait()

    def _on_delivered(self, answer: tuple[int, list[Suggestion]] | None) -> None:
        if answer is not None and answer[0] == self._latest:
            self.ready.emit(*answer)

    def _say(self, signal: Any, value: Any) -> None:
        """From the worker thread: emit `signal(value)` on the GUI thread, through the relay."""
        deliver(self, signal.emit, value)

    # -- on the worker thread ---------------------------------------------------------------
    def _run(self, document_id: int, every_source: bool) -> None:
        if document_id != self._latest:
            return None  # a newer document was opened meanwhile
        try:
            found = self._suggest(document_id, every_source)
        except AnnotatorError as exc:
            if str(exc) not in self._reported:  # one line per problem, not one per document
                self._reported.add(str(exc))
                self._say(self.failed, f"Suggestions: {exc}")
            if not every_source:
                return None
            found = self._suggest(document_id, every_source, model=False)  # rules and memory still show
        except Exception as exc:  # noqa: BLE001 - suggestions are optional: never take the window down
            self._say(self.failed, f"Suggestions: {type(exc).__name__}: {exc}")
            return None
        deliver(self, self._on_delivered, (document_id, found))
        return None

    def _suggest(self, document_id: int, every_source: bool, model: bool = True) -> list[Suggestion]:
        if self._store is None:
            self._store = ProjectStore(self._project, create=False)
        if self._suggester is None:
            self._stale.clear()
            self._suggester = Suggester(self._store, ("rules", "memory"), annotator=self._annotator)
            self._say(self.memory_built, self._suggester.memory)
        elif self._stale.is_set():
            self._stale.clear()
            self._suggester.rebuild_memory()
            self._say(self.memory_built, self._suggester.memory)
        if model:
            self._suggester.follow_model()
        sources = ("rules", "memory", "model") if every_source else ("model",)
        doc = self._store.document(document_id)
        by_source = self._suggester.compute([doc], sources if model else sources[:2])[doc.id]
        return [s for found in by_source.values() for s in found]

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
