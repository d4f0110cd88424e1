"""Workspace: the open document of one annotator, its spans, relations, selection and undo history.

The workspace holds the open document's state; the article view paints what it is given and
reports clicks and keys. Slots are short: call the labelling service, push an undo command,
and publish the ProjectChanges it returned on the window's one change channel.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from annotator.core.claims import Claim, claims_of
from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Span, Status
from annotator.core.relation import Relation
from annotator.services.changes import ProjectChanges, reread
from annotator.services.labelling import LabellingService
from annotator.services.project import ProjectStore
from annotator.ui.article.article_view import ArticleView
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.workspace.note_dialog import NoteDialog
from annotator.ui.base.write_queue import BUSY_WAIT_MS, PendingWrites
from annotator.ui.base.token_loader import TokenLoader
from annotator.ui.workspace.link_mode import LinkMode
from annotator.ui.workspace.undo_commands import LinksAddedOrDeleted, SpansAddedOrDeleted, SpanUpdated
from annotator.ui.base.quoting import quoted


class Workspace(QObject):
    """Connects the article view to the labelling service for the current document."""

    INITIATOR = "workspace"  # what its ProjectChanges say they come from

    document_opened = Signal(object)  # Document
    span_selected = Signal(object)  # span id or None
    message = Signal(str)  # one-line feedback and errors, shown in one place
    attributes_requested = Signal()  # Enter on a selected span: edit its attributes
    refused = Signal(str)  # an edit refused (another window changed the span): stays in sight until the next edit

    def __init__(self, store: ProjectStore, annotator: str, view: ArticleView, parent: QObject | None = None,
                 channel: ChangeChannel | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.channel = channel if channel is not None else ChangeChannel(self)
        self.service = LabellingService(store, annotator)
        self.view = view
        self.document: Document | None = None
        self.exact = False  # label exact characters instead of snapping to tokens
        self.undo_group = QUndoGroup(self)
        self.spans: list[Span] = []  # the open document's spans in this layer, by start
        self.selected_id: int | None = None  # the selected span
        self.relations: list[Relation] = []  # the open document's links in this layer
        self.link_mode = LinkMode(self)
        view.key_filter = self._on_view_key
        self._stacks: dict[int, QUndoStack] = {}
        store.set_busy_timeout(BUSY_WAIT_MS)  # a keystroke never waits long for another program's write
        self.pending = PendingWrites(self._error, self)  # edits waiting for the lock, written in order
        self.pending.message.connect(self.message)
        self.pending.refused.connect(self.reload)
        self.tokens = TokenLoader(store.path, self)
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

        self.schema = self.store.schema()
        labels = list(self.schema.labels)
        self.view.label_keys = {l.key.lower(): l.name for l in labels if l.key}
        self.view.colours = {l.name: QColor(l.colour) for l in labels}

    # -- documents ----------------------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        try:
            doc = self.store.document(document_id)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        self.link_mode.cancel()
        self.document = doc
        self.relations = self.service.relations(doc.id)
        self.spans, self.selected_id = self.service.spans(doc.id), None
        self.view.set_article(doc.text, self.spans, doc.lang)
        self.undo_group.setActiveStack(self._stack(doc.id))
        self.document_opened.emit(doc)
        self.span_selected.emit(None)
        self.tokens.request(doc)  # read (or made once) off the GUI thread: opening stays fast

    def reload(self) -> None:
        """Re-read the open document's spans (e.g. saved by another window)."""
        if self.document is not None:
            self._refresh(reread(self.document.id, self.INITIATOR))

    def _on_tokens_ready(self, document_id: int, tokens: list[tuple[int, int]]) -> None:
        if self.document is not None and self.document.id == document_id:
            self.service.set_tokens(self.document, tokens)
            self.view.token_ranges = tokens

    def flush_pending(self, wait_ms: int = 15000) -> int:
        """Before this workspace goes (switching annotator or project, closing): write the edits
        still waiting, waiting for the lock as a command would; returns how many were refused."""
        if not len(self.pending):
            return 0
        self.store.set_busy_timeout(wait_ms)
        try:
            return self.pending.drain()
        finally:
            self.store.set_busy_timeout(BUSY_WAIT_MS)

    def undo(self) -> None:
        """Undo the open document's last step, in order behind edits waiting for the write lock."""
        stack = self.undo_group.activeStack()
        if stack is not None:
            self.pending.submit(lambda: self._when_writable(stack.undo))

    def redo(self) -> None:
        stack = self.undo_group.activeStack()
        if stack is not None:
            self.pending.submit(lambda: self._when_writable(stack.redo))

    def _when_writable(self, step: Any) -> None:
        """Run an undo step only once the write lock is free (BusyError otherwise: it waits), so
        that the step is never lost to another program's write."""
        with self.store.transaction():
            pass
        step()

    def undo_stack(self, document_id: int) -> QUndoStack:
        """The undo history of one document (a step another panel makes goes on it too)."""
        return self._stack(document_id)

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
            self._guard(lambda: self.update_span(selected, f"relabel as {label}",
                                                 **self.service.relabel(doc, selected, label)))
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

    def add_spans(self, spans: list[tuple[Any, ...]]) -> None:
        """Add (start, end, label, attrs, provenance) spans (accepted suggestions) as one undoable step."""
        if self.document is not None and spans:
            doc = self.document
            self._guard(lambda: self._push_added(self.service.add_spans(doc, spans)))

    def _push_added(self, changes: ProjectChanges) -> None:
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
            self._stack(span.document_id).push(SpansAddedOrDeleted(
                changes.removed, False, self.service, self._refresh, self._error, changes.relations_removed))
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
        self.link_mode.cancel()
        self.selected_id = span_id if any(s.id == span_id for s in self.spans) else None
        self.view.set_selected_span(self.selected_id, scroll=scroll)
        self.show_links_of(span_id)
        self.span_selected.emit(span_id)

    def selected_span(self) -> Span | None:
        return self._selected_span()

    # -- attributes and links -----------------------------------------------------------
    def set_attribute(self, name: str, value: Any) -> None:
        """Set (None: clear) one attribute of the selected span, undoably; checked by the schema."""
        span = self._selected_span()
        if span is None:
            return
        attrs = {**span.attrs, name: value}
        try:
            attrs = self.schema.check_attrs(span.label, attrs)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        if attrs != dict(span.attrs):
            self.update_span(span, f"set {name}", attrs=attrs)

    def links_of(self, span_id: int | None) -> list[Relation]:
        return [r for r in self.relations if span_id is not None and span_id in (r.head_id, r.child_id)]

    def link_descriptions(self, span: Span | None) -> list[tuple[str, Relation]]:
        """The links of `span` as the side panel lists them: "→ SOURCE “UN”", "← CLAIM “said”"."""
        if span is None or self.document is None:
            return []
        spans, text, out = {s.id: s for s in self.spans}, self.document.text, []
        for r in self.links_of(span.id):
            outgoing = r.head_id == span.id
            other = spans.get(r.child_id if outgoing else r.head_id)
            if other is not None:
                out.append((f"{'→' if outgoing else '←'} {r.label} {quoted(text[other.start:other.end])}", r))
        return out

    def show_links_of(self, span_id: int | None) -> None:
        """Draw the links of one span only (all of them at once would bury the text)."""
        links = self.links_of(span_id)
        spans = {s.id: s for s in self.spans} if links else {}
        self.view.set_decorations(links=[(spans[r.head_id], spans[r.child_id], r.label) for r in links
                                         if r.head_id in spans and r.child_id in spans])

    def link(self, head: Span, child: Span, name: str) -> None:
        def act() -> None:
            changes = self.service.link(head, child, name)
            self._stack(head.document_id).push(
                LinksAddedOrDeleted(changes.relations_added, True, self.service, self._refresh, self._error))
            self._refresh(changes)
            self.message.emit(f"Linked: {name}.")
        self._guard(act)

    def unlink(self, relation: Relation) -> None:
        def act() -> None:
            changes = self.service.unlink([relation])
            self._stack(relation.document_id).push(
                LinksAddedOrDeleted(changes.relations_removed, False, self.service, self._refresh, self._error))
            self._refresh(changes)
        self._guard(act)

    def claims(self) -> list[Claim]:
        return claims_of(self.spans, self.relations, self.schema)

    def _on_view_key(self, event: Any) -> bool:
        from PySide6.QtCore import Qt

        if self.link_mode.handle_key(event):
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected_span() is not None \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.attributes_requested.emit()
            return True
        return False

    def cycle(self, delta: int) -> None:
        if not self.spans:
            return
        ids = [s.id for s in self.spans]
        current = self.selected_id
        index = (ids.index(current) + delta) % len(ids) if current in ids else (0 if delta > 0 else len(ids) - 1)
        self.select_span(ids[index])

    def _selected_span(self) -> Span | None:
        sid = self.selected_id
        return next((s for s in self.spans if s.id == sid), None) if sid is not None else None

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
        self._publish(ProjectChanges(doc_id, status=status))
        return self.service.next_to_do(doc_id)

    # -- plumbing -----------------------------------------------------------------------
    def _refresh(self, changes: ProjectChanges) -> None:
        """Apply `changes` to the open document's state (or re-read it when told nothing), have the
        view paint it, and publish them on the change channel. An edit's changes name every span
        and link it touched (a deletion the links it took along), so a keystroke reads nothing back."""
        if self.document is not None and changes.document_id == self.document.id:
            if changes.spans_changed or changes.relations_changed:
                if changes.spans_changed:
                    current = {s.id: s for s in self.spans}
                    for span in changes.removed:
                        current.pop(span.id, None)
                    current.update((s.id, s) for s in (*changes.added, *changes.updated))
                    self.spans = sorted(current.values(), key=lambda s: (s.start, s.end, s.label))
                if changes.relations_changed:
                    gone = {r.id for r in changes.relations_removed}
                    kept = [r for r in self.relations if r.id not in gone]
                    self.relations = sorted([*kept, *changes.relations_added], key=lambda r: r.id or 0)
            else:
                self.spans = self.service.spans(self.document.id)
                self.relations = self.service.relations(self.document.id)
            if all(s.id != self.selected_id for s in self.spans):
                self.selected_id = None
            if changes.spans_changed or not changes.relations_changed:
                self.view.set_decorations(spans=self.spans)
            self.show_links_of(self.selected_id)
        self._publish(changes)

    def _publish(self, changes: ProjectChanges) -> None:
        self.channel.publish(changes if changes.initiator else changes.by(self.INITIATOR))

    def _guard(self, action: Any) -> None:
        self.pending.submit(action)  # now, or when another program's write has finished

    def _error(self, text: str) -> None:
        self.message.emit(text)
        self.refused.emit(text)
        self.reload()
