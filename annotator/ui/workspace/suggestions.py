"""Suggestions in the article view: dashed outlines apart from the spans, and keys to accept or reject them.

Rules and project memory of a news-length document are computed on the GUI thread when it
opens (a few milliseconds); a longer one's, the memory itself and the model's run on one
background thread with a connection of its own, arriving through the relay. What shows is
decided by services.suggestion_filter (the rule `annotator suggest --json` uses too), redoing
only what an edit touched, so a keystroke stays within a frame on a 2,000-span article. The view
paints them as its suggestions layer (dashed outlines under the spans' own fills and bars, so a
suggestion never hides or changes a span). Offsets are code points; the view converts them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from annotator.core.offsets import Utf16Map
from annotator.core.suggestion import Suggestion
from annotator.services.changes import ProjectChanges
from annotator.services import suggestion_sources as ss
from annotator.services.suggestion_filter import ShownSuggestions
from annotator.services.suggestion_sources import ProjectMemory, stored_tokens
from annotator.services.suggestions import instant_suggestions
from annotator.ui.article.article_view import ArticleView
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.workspace.open_document import Workspace
from annotator.ui.workspace.suggestion_worker import SuggestionWorker

INSTANT_CHARS = 20_000  # up to this length (a long news article) rules and memory show with the document


class SuggestionController(QObject):
    """The open document's suggestions for one annotator: shown, navigated, accepted, rejected."""

    changed = Signal(int)  # suggestions shown now (0 when hidden)
    message = Signal(str)

    def __init__(self, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._shown: list[Suggestion] = []  # what the view shows now
        self._current: Suggestion | None = None
        self.workspace: Workspace | None = None
        self.shown = True
        self._filter = ShownSuggestions([])  # every source's suggestions for the open document, and the shown
        self._cache: dict[int, tuple[ProjectMemory | None, ShownSuggestions]] = {}
        self._visible: list[Suggestion] = []
        self._follows_deletes = False
        self._layer_keys: list[tuple[int, int, str]] = []  # the layer's span keys at the last refilter
        self._keys_before: list[tuple[int, int, str]] = []  # and at the one before
        self._map = Utf16Map("")
        self._worker: SuggestionWorker | None = None
        self._memory: ProjectMemory | None = None
        self._channel: ChangeChannel | None = None
        self._rejected: set[tuple[int, int, str]] | None = None  # the open document's, read once

    # -- wiring -------------------------------------------------------------------------
    def attach(self, workspace: Workspace | None, project: Path | None, channel: ChangeChannel | None = None) -> None:
        """Follow a new workspace (a project opened, the annotator switched) and the window's change channel."""
        if channel is not self._channel:
            if self._channel is not None:
                self._channel.changed.disconnect(self._on_spans_changed)
            self._channel = channel
            if channel is not None:
                channel.changed.connect(self._on_spans_changed)
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        self.workspace = workspace
        self._filter, self._visible, self._cache = ShownSuggestions([]), [], {}
        if workspace is None or project is None:
            self._show()
            return
        self._memory = None
        self._worker = SuggestionWorker(project, workspace.annotator, self)
        self._worker.memory_built.connect(self._on_worker_memory_built)
        self._worker.ready.connect(self._on_worker_ready)
        self._worker.failed.connect(self.message)
        workspace.document_opened.connect(self._on_document_opened)
        if not self._follows_deletes:
            self.view.delete_pressed.connect(self._on_view_delete_pressed)  # runs after the workspace deleted
            self._follows_deletes = True

    def _on_document_opened(self, doc: Any) -> None:
        self._rejected = None
        self._map = Utf16Map(doc.text)
        self._current = None
        cached = self._cache.pop(doc.id, None)
        fresh = cached is None or cached[0] is not self._memory
        if not fresh:
            self._filter = cached[1]  # the same document again: nothing to compute
        else:
            self._filter = ShownSuggestions(self._instant(doc) if len(doc.text) <= INSTANT_CHARS else [])
        self._remember(doc.id)
        self._refilter()
        if self._worker is not None:  # the model; for a long document rules and memory too, off this thread
            self._worker.request(doc.id, every_source=fresh and len(doc.text) > INSTANT_CHARS)

    def _instant(self, doc: Any) -> list[Suggestion]:
        """Rules, and memory on the document's stored tokens once the worker built it."""
        tokens = None
        if self._memory is not None and self.workspace is not None:
            [tokens] = stored_tokens(self.workspace.store, [doc])
        return instant_suggestions(doc.text, tokens, self._memory, doc.lang)

    def forget(self, document_id: int) -> None:
        """Drop what was kept of a document whose suggestions are made anew (its language changed)."""
        self._cache.pop(document_id, None)

    def _remember(self, document_id: int) -> None:
        """Keep the last few documents' suggestions: going back to one shows them at once."""
        self._cache[document_id] = (self._memory, self._filter)
        while len(self._cache) > 8:
            self._cache.pop(next(iter(self._cache)))

    def _on_worker_memory_built(self, memory: ProjectMemory) -> None:
        if self.workspace is None:
            return
        self._memory = memory
        doc = self.workspace.document
        if doc is not None and len(doc.text) <= INSTANT_CHARS:
            model = [s for s in self._filter.candidates if s.source == "model"]
            self._filter = ShownSuggestions(self._instant(doc) + model)
            self._remember(doc.id)
            self._refilter()

    def _on_worker_ready(self, document_id: int, found: list[Suggestion]) -> None:
        ws = self.workspace
        if ws is None or ws.document is None or ws.document.id != document_id:
            return  # the annotator moved on meanwhile
        sources = {s.source for s in found} | {"model"}
        kept = [s for s in self._filter.candidates if s.source not in sources]
        self._filter = ShownSuggestions(kept + found)
        self._remember(document_id)
        self._refilter()

    def _on_spans_changed(self, changes: ProjectChanges) -> None:
        if self._worker is not None:
            self._worker.memory_is_stale()
        if "rejections" in changes.extra or changes.reread:
            self._rejected = None  # read again: this window's rejection, or another's (F5)
        self._refilter()

    def _refilter(self) -> None:
        """What to show (services.suggestion_filter's rule): only what the edit touched is redone.
        A keystroke reads nothing from the store: the layer's spans are the workspace's, and the
        rejections are read once per document (again when a rejection is written or the layer re-read)."""
        ws = self.workspace
        before = self._visible
        if ws is None or ws.document is None:
            self._visible = []
        else:
            spans = [(s.start, s.end, s.label) for s in ws.spans]
            self._keys_before, self._layer_keys = self._layer_keys, spans
            if self._rejected is None:
                self._rejected = ss.rejected(ws.store, ws.document.id, ws.annotator)
            self._visible = self._filter.update(spans, self._rejected)
        lost_current = self._current is not None and not self._filter.shows(self._current)
        if lost_current:
            self._current = None
        if self._visible is not before or lost_current:  # the same list: nothing to repaint or count
            self._show()

    def _show(self) -> None:
        self._shown = self._visible if self.shown else []
        self.view.set_decorations(suggestions=self._shown, current_suggestion=self._current)
        self.changed.emit(len(self._shown))

    def _on_view_delete_pressed(self) -> None:
        """A span the annotator deletes by hand is a no to the suggestion it matches: it does not come
        straight back (undoing the acceptance instead brings the suggestion back)."""
        ws = self.workspace
        if ws is None or ws.document is None:
            return
        deleted = set(self._keys_before) - set(self._layer_keys)
        for suggestion in filter(None, map(self._filter.candidate, deleted)):
            self._set_rejected(ws.document.id, suggestion, True)

    # -- the annotator's keys -----------------------------------------------------------
    def set_shown(self, on: bool) -> None:
        self.shown = on
        self._show()

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) suggestion after the cursor, wrapping round."""
        items = self._shown
        if not items:
            self.message.emit("No suggestions in this document.")
            return
        current = self._current
        if current in items:
            index = (items.index(current) + delta) % len(items)
        else:
            pos = self._cursor()
            after = [i for i, s in enumerate(items) if (s.start > pos if delta > 0 else s.end <= pos)]
            index = (after[0] if delta > 0 else after[-1]) if after else (0 if delta > 0 else len(items) - 1)
        self._current = items[index]
        if self.workspace is not None:
            self.workspace.select_span(None, scroll=False)
        self.view.select_range(items[index].start, items[index].start)
        self.view.set_decorations(current_suggestion=self._current)
        self.message.emit(f"Suggestion {index + 1} of {len(items)}: {items[index].label} "
                          f"(from {items[index].source})")

    def accept(self) -> None:
        target = self._at_cursor()
        if target is not None and self.workspace is not None:
            self.workspace.add_spans([(target.start, target.end, target.label, target.span_attrs(), target.provenance())])
            self.view.setFocus()

    def accept_all(self) -> None:
        if self.workspace is not None and self._shown:
            self.workspace.add_spans([(s.start, s.end, s.label, s.span_attrs(), s.provenance())
                                      for s in self._shown])

    def reject(self) -> None:
        """Reject the suggestion at the cursor: stored for this annotator, undoable like an edit."""
        target = self._at_cursor()
        ws = self.workspace
        stack = ws.undo_group.activeStack() if ws is not None else None
        if target is None or ws is None or ws.document is None or stack is None:
            return
        stack.push(_Rejected(self, ws.document.id, target))

    def _set_rejected(self, document_id: int, suggestion: Suggestion, rejected: bool) -> None:
        ws = self.workspace
        if ws is None:
            return

        def write() -> None:  # through the write queue: waits while another program writes
            (ss.reject if rejected else ss.unreject)(ws.store, document_id, ws.annotator, suggestion)
            if self._channel is not None:  # the channel brings it back here: _on_spans_changed refilters
                self._channel.publish(ProjectChanges(document_id, extra=("rejections",), initiator="suggestions"))
        ws.pending.submit(write)

    def _at_cursor(self) -> Suggestion | None:
        items = self._shown
        current = self._current
        pos = self._cursor()
        if current in items and current.start <= pos <= current.end:
            return current
        hit = next((s for s in items if s.start <= pos <= s.end), None)
        if hit is None:
            self.message.emit("No suggestion at the cursor: F8 goes to the next one.")
        return hit

    def _cursor(self) -> int:
        return self._map.to_codepoint(self.view.textCursor().position())

    @property
    def suggestions(self) -> list[Suggestion]:
        """What the view shows now (empty when hidden)."""
        return list(self._shown)


class _Rejected(QUndoCommand):
    """A rejected suggestion; undo shows it again."""

    def __init__(self, controller: SuggestionController, document_id: int, suggestion: Suggestion) -> None:
        super().__init__(f"reject suggested {suggestion.label}")
        self._controller, self._document_id, self._suggestion = controller, document_id, suggestion

    def redo(self) -> None:
        self._controller._set_rejected(self._document_id, self._suggestion, True)

    def undo(self) -> None:
        self._controller._set_rejected(self._document_id, self._suggestion, False)
