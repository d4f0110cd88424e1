"""Suggestions in the article view: dashed outlines apart from the spans, and keys to accept or reject them.

Rules and project memory are computed on the GUI thread when a document opens (a few
milliseconds each); the memory itself is built, and the model run, on one background thread
with a connection of their own, arriving by queued signals. Outlines are painted by an event filter on the
view's viewport, under the spans' own fills and bars, so a suggestion never hides or
changes a span. Offsets are code points; the view converts them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QUndoCommand

from annotator.core.offsets import Utf16Map
from annotator.core.suggestion import Suggestion, without_overlaps
from annotator.services.changes import ProjectChanges
from annotator.services.suggestions import visible
from annotator.services import suggestion_sources as ss
from annotator.services.suggestion_sources import ProjectMemory, rule_suggestions, stored_tokens, with_figure_readings
from annotator.ui.article.article_view import ArticleView
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.workspace.open_document import Workspace
from annotator.ui.workspace.suggestion_worker import SuggestionWorker

_GREY = QColor("#777777")


class SuggestionOverlay(QObject):
    """Paints suggestions as dashed outlines without fill on the article view (the current one bolder)."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.view = view
        self.suggestions: list[Suggestion] = []
        self.current: Suggestion | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.suggestions:
            painter = QPainter(self.view.viewport())
            try:
                self._paint(painter, QRectF(event.rect()))
            finally:
                painter.end()
        return False  # the view paints its spans and text on top

    def _paint(self, painter: QPainter, clip: QRectF) -> None:
        for s in self.suggestions:
            colour = self.view.colours.get(s.label, _GREY)
            pen = QPen(colour, 2.5 if s is self.current else 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect in self.view.viewport_rects(s.start, s.end):
                if rect.intersects(clip):
                    painter.drawRect(rect.adjusted(-1, 0, 1, -1))


class SuggestionController(QObject):
    """The open document's suggestions for one annotator: shown, navigated, accepted, rejected."""

    changed = Signal(int)  # suggestions shown now (0 when hidden)
    message = Signal(str)

    def __init__(self, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.overlay = SuggestionOverlay(view)
        self.workspace: Workspace | None = None
        self.shown = True
        self._found: list[Suggestion] = []  # every source's suggestions for the open document
        self._visible: list[Suggestion] = []
        self._map = Utf16Map("")
        self._worker: SuggestionWorker | None = None
        self._memory: ProjectMemory | None = None
        self._channel: ChangeChannel | None = None

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
        self._found, self._visible = [], []
        if workspace is None or project is None:
            self._show()
            return
        self._memory = None
        self._worker = SuggestionWorker(project, self)
        self._worker.memory_built.connect(self._on_worker_memory_built)
        self._worker.ready.connect(self._on_worker_ready)
        self._worker.failed.connect(self.message)
        workspace.document_opened.connect(self._on_document_opened)

    def _on_document_opened(self, doc: Any) -> None:
        self._map = Utf16Map(doc.text)
        self._found = rule_suggestions(doc.text, doc.lang) + self._remembered(doc)  # at once, with the document
        self.overlay.current = None
        self._refilter()
        if self._worker is not None:
            self._worker.request(doc.id, doc.text)

    def _remembered(self, doc: Any) -> list[Suggestion]:
        """Memory matches on the document's stored tokens (once the worker built the memory)."""
        if self._memory is None or self.workspace is None:
            return []
        [tokens] = stored_tokens(self.workspace.store, [doc])
        return with_figure_readings(doc.text, self._memory.suggest(doc.text, tokens), doc.lang)

    def _on_worker_memory_built(self, memory: ProjectMemory) -> None:
        if self.workspace is None:
            return
        self._memory = memory
        doc = self.workspace.document
        if doc is not None:
            self._found = [s for s in self._found if s.source != "memory"] + self._remembered(doc)
            self._refilter()

    def _on_worker_ready(self, document_id: int, found: list[Suggestion]) -> None:
        ws = self.workspace
        if ws is None or ws.document is None or ws.document.id != document_id:
            return  # the annotator moved on meanwhile
        self._found = [s for s in self._found if s.source != "model"] + found
        self._refilter()

    def _on_spans_changed(self, _changes: object) -> None:
        if self._worker is not None:
            self._worker.memory_is_stale()
        self._refilter()

    def _refilter(self) -> None:
        """What to show: not rejected, not already a span, not overlapping a span of the same label."""
        ws = self.workspace
        if ws is None or ws.document is None:
            self._visible = []
        else:
            spans = self.view.spans()
            hidden = ss.rejected(ws.store, ws.document.id, ws.annotator) | {s.key for s in spans}
            self._visible = [s for s in visible(self._found, hidden)
                             if not any(p.label == s.label and p.start < s.end and s.start < p.end for p in spans)]
            self._visible = without_overlaps(self._visible)
        if self.overlay.current not in self._visible:
            self.overlay.current = None
        self._show()

    def _show(self) -> None:
        self.overlay.suggestions = self._visible if self.shown else []
        self.view.viewport().update()
        self.changed.emit(len(self.overlay.suggestions))

    # -- the annotator's keys -----------------------------------------------------------
    def set_shown(self, on: bool) -> None:
        self.shown = on
        self._show()

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) suggestion after the cursor, wrapping round."""
        items = self.overlay.suggestions
        if not items:
            self.message.emit("No suggestions in this document.")
            return
        current = self.overlay.current
        if current in items:
            index = (items.index(current) + delta) % len(items)
        else:
            pos = self._cursor()
            after = [i for i, s in enumerate(items) if (s.start > pos if delta > 0 else s.end <= pos)]
            index = (after[0] if delta > 0 else after[-1]) if after else (0 if delta > 0 else len(items) - 1)
        self.overlay.current = items[index]
        if self.workspace is not None:
            self.workspace.select_span(None, scroll=False)
        self.view.select_range(items[index].start, items[index].start)
        self.view.viewport().update()
        self.message.emit(f"Suggestion {index + 1} of {len(items)}: {items[index].label} "
                          f"(from {items[index].source})")

    def accept(self) -> None:
        target = self._at_cursor()
        if target is not None and self.workspace is not None:
            self.workspace.add_spans([(target.start, target.end, target.label, target.span_attrs(), target.provenance())])
            self.view.setFocus()

    def accept_all(self) -> None:
        if self.workspace is not None and self.overlay.suggestions:
            self.workspace.add_spans([(s.start, s.end, s.label, s.span_attrs(), s.provenance())
                                      for s in self.overlay.suggestions])

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
        items = self.overlay.suggestions
        current = self.overlay.current
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
        return list(self.overlay.suggestions)


class _Rejected(QUndoCommand):
    """A rejected suggestion; undo shows it again."""

    def __init__(self, controller: SuggestionController, document_id: int, suggestion: Suggestion) -> None:
        super().__init__(f"reject suggested {suggestion.label}")
        self._controller, self._document_id, self._suggestion = controller, document_id, suggestion

    def redo(self) -> None:
        self._controller._set_rejected(self._document_id, self._suggestion, True)

    def undo(self) -> None:
        self._controller._set_rejected(self._document_id, self._suggestion, False)
