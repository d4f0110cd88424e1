"""Workspace: the open document of one annotator, its selection and its undo history.

Slots here are short: read the view's selection, call the labelling service, push an undo
command, and tell the views what changed through one signal.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Span, Status
from annotator.services.labelling import Changes, LabellingService
from annotator.storage import ProjectStore
from annotator.ui.workspace.article_view import ArticleView
from annotator.ui.workspace.note_dialog import NoteDialog
from annotator.ui.base.token_loader import TokenLoader
from annotator.ui.workspace.undo_commands import SpansAddedOrDeleted, SpanUpdated


class Workspace(QObject):
    """Connects the article view to the labelling service for the current document."""

    document_opened = Signal(object)  # Document
    spans_changed = Signal(object)  # Changes
    span_selected = Signal(object)  # span id or None
    status_changed = Signal(int, object)  # document id, Status
    message = Signal(str)  # one-line feedback and errors, shown in one place

    def __init__(self, store: ProjectStore, annotator: str, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.service = LabellingService(store, annotator)
        self.view = view
        self.document: Document | None = None
        self.exact = False  # label exact characters instead of snapping to tokens
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self.tokens = TokenLoader(self)
        self.tokens.ready.connect(self._on_tokens_ready)
        self.configure_labels()
        view.label_pressed.connect(self.label)
        view.delete_pressed.connect(self.delete_selected)
        view.resize_pressed.connect(self.resize)
        view.span_clicked.connect(self.select_span)
        view.cycle_pressed.connect(self.cycle)
        view.escape_pressed.connect(self._on_view_escape)

    @property
    def annotator(self) -> str:
        return self.service.annotator

    def configure_labels(self) -> None:
        from PySide6.QtGui import QColor

        labels = self.store.labels()
        self.view.label_keys = {l.key.lower(): l.name for l in labels if l.key}
        self.view.colours = {l.name: QColor(l.colour) for l in labels}

    # -- documents ----------------------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        try:
            doc = self.store.document(document_id)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        self.document = doc
        self.view.set_article(doc.text, self.service.spans(doc.id))
        self.undo_group.setActiveStack(self._stack(doc.id))
        self.document_opened.emit(doc)
        self.span_selected.emit(None)
        self.tokens.request(doc.id, doc.text)  # tokenized off the GUI thread: opening stays fast

    def reload(self) -> None:
        """Re-read the open document's spans (e.g. saved by another window)."""
        if self.document is not None:
            self._refresh(Changes(self.document.id))

    def _on_tokens_ready(self, document_id: int, tokens: list[tuple[int, int]]) -> None:
        if self.document is not None and self.document.id == document_id:
            self.service.set_tokens(self.document, tokens)
            self.view.token_ranges = tokens

    def _stack(self, document_id: int) -> QUndoStack:
        if document_id not in self._stacks:
            self._stacks[document_id] = QUndoStack(self.undo_group)
        return self._stacks[document_id]

    # -- labelling ----------------------------------------------------------------------
    def label(self, label: str, exact: bool = False) -> None:
        """Label the selection, or relabel the selected span."""
        doc = self.document
        if doc is None:
            return
        selection = self.view.selection_range()
        selected = self._selected_span()
        if selection is None and selected is not None:
            self.update_span(selected, f"relabel as {label}", label=label)
            return
        if selection is None:
            self.message.emit("Select some text first, then press a label key.")
            return
        self._guard(lambda: self._push_added(self.service.add(doc, *selection, label, exact or self.exact)))

    def label_ranges(self, ranges: list[tuple[int, int]], label: str) -> None:
        """Label several exact ranges as one undoable step (label all matches)."""
        if self.document is not None and ranges:
            doc = self.document
            self._guard(lambda: self._push_added(self.service.add_ranges(doc, ranges, label)))

    def add_spans(self, spans: list[tuple[int, int, str, dict[str, Any]]]) -> None:
        """Add spans with their attributes (accepted suggestions) as one undoable step."""
        if self.document is not None and spans:
            doc = self.document
            self._guard(lambda: self._push_added(self.service.add_spans(doc, spans)))

    def _push_added(self, changes: Changes) -> None:
        if not changes.added:
            self.message.emit("Nothing new to label there.")
            return
        self._stack(changes.document_id).push(
            SpansAddedOrDeleted(changes.added, True, self.service, self._refresh, self._error))
        self._refresh(changes)
        self.view.clear_selection()
        self.select_span(changes.added[-1].id, scroll=False)

    def delete_selected(self) -> None:
        span = self._selected_span()
        if span is None:
            self.message.emit("Click a span (or Tab to it) to delete it.")
            return
        def act() -> None:
            changes = self.service.delete([span])
            self._stack(span.document_id).push(
                SpansAddedOrDeleted(changes.removed, False, self.service, self._refresh, self._error))
            self._refresh(changes)
        self._guard(act)

    def update_span(self, span: Span, text: str, **after: Any) -> None:
        before = {k: getattr(span, k) for k in after}
        def act() -> None:
            changes = self.service.update(span, **after)
            if changes.updated:
                self._stack(span.document_id).push(
                    SpanUpdated(text, span, before, after, self.service, self._refresh, self._error))
                self._refresh(changes)
        self._guard(act)

    def edit_note(self, parent: QWidget) -> None:
        """Ask for the note and unsure flag of the selected span, then store them (undoably)."""
        span = self._selected_span()
        if self.document is None or span is None:
            self.message.emit("Select a span first (click it or Tab to it), then add a note.")
            return
        dialog = NoteDialog(self.document.text[span.start:span.end], span.note, span.unsure, parent)
        if dialog.exec():
            note, unsure = dialog.values()
            self.update_span(span, "edit note", note=note, unsure=unsure)

    def toggle_unsure(self) -> None:
        span = self._selected_span()
        if span is not None:
            self.update_span(span, "toggle unsure", unsure=not span.unsure)

    def resize(self, edge: str, delta: int) -> None:
        """Move one edge of the selected span (or of the text selection) by one token."""
        if self.document is None:
            return
        span = self._selected_span()
        if span is not None:
            start, end = self.service.resize(self.document, span.start, span.end, edge, delta)
            if (start, end) != (span.start, span.end):
                self.update_span(span, "resize", start=start, end=end)
            return
        selection = self.view.selection_range()
        if selection is not None:
            snapped = self.service.snap(self.document, *selection) or selection
            self.view.select_range(*self.service.resize(self.document, *snapped, edge, delta))

    # -- selection ----------------------------------------------------------------------
    def select_span(self, span_id: int | None, scroll: bool = True) -> None:
        self.view.set_selected_span(span_id, scroll=scroll)
        self.span_selected.emit(span_id)

    def cycle(self, delta: int) -> None:
        spans = self.view.spans()
        if not spans:
            return
        ids = [s.id for s in spans]
        current = self.view.selected_span_id
        index = (ids.index(current) + delta) % len(ids) if current in ids else (0 if delta > 0 else len(ids) - 1)
        self.select_span(ids[index])

    def _selected_span(self) -> Span | None:
        sid = self.view.selected_span_id
        return next((s for s in self.view.spans() if s.id == sid), None) if sid is not None else None

    def _on_view_escape(self) -> None:
        self.view.clear_selection()
        self.select_span(None, scroll=False)

    # -- status -------------------------------------------------------------------------
    def finish(self, status: Status) -> int | None:
        """Mark the open document (done or skipped) and return the next one still to do."""
        if self.document is None:
            return None
        doc_id = self.document.id
        try:
            self.service.set_status(doc_id, status)
        except AnnotatorError as exc:
            self._error(str(exc))
            return None
        self.status_changed.emit(doc_id, status)
        return self.service.next_to_do(doc_id)

    # -- plumbing -----------------------------------------------------------------------
    def _refresh(self, changes: Changes) -> None:
        """Show `changes` in the view: applied to what it shows, or re-read when told nothing."""
        if self.document is not None and changes.document_id == self.document.id:
            if changes.added or changes.removed or changes.updated:
                current = {s.id: s for s in self.view.spans()}
                for span in changes.removed:
                    current.pop(span.id, None)
                current.update((s.id, s) for s in (*changes.added, *changes.updated))
                spans = sorted(current.values(), key=lambda s: (s.start, s.end, s.label))
            else:
                spans = self.service.spans(self.document.id)
            self.view.set_spans(spans)
        self.spans_changed.emit(changes)

    def _guard(self, action: Any) -> None:
        try:
            action()
        except AnnotatorError as exc:
            self._error(str(exc))

    def _error(self, text: str) -> None:
        self.message.emit(text)
        self.reload()
