"""One background thread that builds the project memory and runs the model for the open document.

It has its own project connection (opened in the thread), builds the memory once and again
after the annotator's edits and hands it to the GUI thread (matching one article takes about
two milliseconds there, so memory shows with the document), loads the model once (again when
it was retrained), and only works for the latest document asked for: an annotator paging
quickly never waits for a queue.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.suggestion import Suggestion
from annotator.services.suggestions import build_memory, load_project_model
from annotator.services.project import ProjectStore
from annotator.services import suggestion_sources as ss
from annotator.services.suggestion_sources import predict, with_figure_readings


class SuggestionWorker(QObject):
    """request(id, text) -> memory_built(ProjectMemory) when (re)built, ready(id, model suggestions)."""

    memory_built = Signal(object)
    ready = Signal(int, object)
    failed = Signal(str)

    def __init__(self, project: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="suggestions")
        self._latest: int | None = None
        self._stale = threading.Event()
        self._store: ProjectStore | None = None  # used by the worker thread only
        self._memory: Any = None  # a ProjectMemory: read-only once built, so the GUI thread may use it
        self._model: Any = None
        self._model_version: str | None = None
        self._reported: set[str] = set()

    def request(self, document_id: int, text: str) -> None:
        self._latest = document_id
        self._executor.submit(self._run, document_id, text)

    def memory_is_stale(self) -> None:
        """The annotator labelled something: rebuild the memory before the next document."""
        self._stale.set()

    def stop(self) -> None:
        self._latest = None
        self._executor.submit(self._close)
        self._executor.shutdown(wait=True)

    # -- on the worker thread ---------------------------------------------------------------
    def _run(self, document_id: int, text: str) -> None:
        if document_id != self._latest:
            return  # a newer document was opened meanwhile
        try:
            found = self._suggest(text)
        except AnnotatorError as exc:
            if str(exc) not in self._reported:  # one line per problem, not one per document
                self._reported.add(str(exc))
                self.failed.emit(f"Suggestions: {exc}")
            return
        except Exception as exc:  # noqa: BLE001 - suggestions are optional: never take the window down
            self.failed.emit(f"Suggestions: {type(exc).__name__}: {exc}")
            return
        if document_id == self._latest:
            self.ready.emit(document_id, found)

    def _suggest(self, text: str) -> list[Suggestion]:
        if self._store is None:
            self._store = ProjectStore(self._project, create=False)
        if self._memory is None or self._stale.is_set():
            self._stale.clear()
            self._memory = build_memory(self._store)  # loads the tokenizer too, before the GUI uses it
            self.memory_built.emit(self._memory)
        version = ss.model_version(self._store)
        if version is not None and version != self._model_version:
            self._model_version = version
            self._model = load_project_model(self._store)
        return with_figure_readings(text, predict(self._model, [text])[0]) if self._model is not None else []

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
