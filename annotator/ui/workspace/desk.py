"""AnnotateDesk: the annotator's desk, composed as ReviewPanel composes review mode.

It owns its panels (document list, article, find bar, label palette, spans and claims tabs,
attribute panel, suggestions) and their wiring, makes one Workspace per project and annotator,
and follows the window's change channel: every ProjectChanges (its own edits, review decisions,
an import, the schema editor) reaches `_on_project_changes`, which picks what concerns each panel.
The window only places the desk on a page and relays its messages to the status bar.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from annotator.core.model import Document, Status
from annotator.services.changes import LANGUAGE, ProjectChanges
from annotator.services.project import ProjectStore
from annotator.services.team import assigned_first
from annotator.ui.article.article_view import ArticleView
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.workspace.attribute_panel import AttributePanel
from annotator.ui.workspace.claims_view import ClaimsView
from annotator.ui.workspace.document_language import DocumentLanguage
from annotator.ui.workspace.document_list import DocumentListLoader, DocumentPanel
from annotator.ui.workspace.find_bar import FindBar
from annotator.ui.workspace.gold_notice import GoldNotice
from annotator.ui.workspace.guide_panel import GuidePanel
from annotator.ui.workspace.label_palette import LabelPalette
from annotator.ui.workspace.open_document import Workspace
from annotator.ui.workspace.span_table import SpanTable
from annotator.ui.workspace.suggestions import SuggestionController
from annotator.ui.base.quoting import isolated, quoted


class AnnotateDesk(QWidget):
    """The annotate page: one annotator's layer of one project, document by document."""

    message = Signal(str)  # one line for the status bar (8 s)
    note = Signal(str, int)  # a passing remark (text, milliseconds): the document just opened
    document_shown = Signal(object)  # Document: the window remembers it as the last one
    waiting = Signal(int)  # edits waiting for another program's write lock (0: all written)

    def __init__(self, channel: ChangeChannel, guide: GuidePanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.guide = guide
        self.store: ProjectStore | None = None
        self.workspace: Workspace | None = None
        self.gold_notice: GoldNotice | None = None
        self.exact = False
        self._list_loader: DocumentListLoader | None = None
        self._build()
        self._connect()
        channel.changed.connect(self._on_project_changes)

    # -- composition --------------------------------------------------------------------
    def _build(self) -> None:
        self.documents = DocumentPanel()
        self.article = ArticleView()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.label_palette = LabelPalette()
        self.span_table = SpanTable()
        self.claims_view = ClaimsView()
        self.attributes = AttributePanel()
        self.lists = QTabWidget()
        self.lists.addTab(self.span_table, "Spans")
        self.lists.addTab(self.claims_view, "Claims")
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.notice = QLabel(wordWrap=True)  # a refused edit, until the next edit or document
        self.notice.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 4px 8px;")
        self.notice.hide()
        column.addWidget(self.notice)
        column.addWidget(self.article, 1)
        column.addWidget(self.find_bar)
        side = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.label_palette, self.lists, self.attributes):
            side.addWidget(widget)
        side.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.documents, centre, side):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 720, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.suggestions = SuggestionController(self.article, self)
        self.suggestions.message.connect(self.message)
        # Document > Language… and the document list's context menu
        self.language = DocumentLanguage(self.documents, self.channel, lambda: self.workspace, self)
        self.language.message.connect(self.message)

    def _connect(self) -> None:
        self.lists.currentChanged.connect(lambda _i: self._refresh_claims())
        self.documents.document_activated.connect(self.open_document)
        self.documents.filter_changed.connect(self.refresh_documents)
        self.label_palette.label_clicked.connect(self._on_palette_label_clicked)
        self.span_table.span_activated.connect(self._on_table_span_activated)
        self.claims_view.span_activated.connect(self._on_table_span_activated)
        self.attributes.attribute_edited.connect(lambda n, v: self.workspace and self.workspace.set_attribute(n, v))
        self.attributes.unlink_requested.connect(lambda r: self.workspace and self.workspace.unlink(r))
        self.attributes.left.connect(self.article.setFocus)
        self.find_bar.search = self._find
        self.find_bar.hit_chosen.connect(self._on_find_hit_chosen)
        self.find_bar.hits_changed.connect(lambda hits: self.article.set_decorations(hits=hits))
        self.find_bar.label_all_requested.connect(self._on_find_label_all)
        self.find_bar.closed.connect(self.article.setFocus)
        self.article.unbound_key_pressed.connect(self._on_article_unbound_key_pressed)

    # -- project and annotator ----------------------------------------------------------
    def open_project(self, store: ProjectStore) -> None:
        """A project opened in the window: its labels, its list loader (its own connection)."""
        self.store = store
        if self._list_loader is not None:
            self._list_loader.deleteLater()
        self._list_loader = DocumentListLoader(store.path, self)
        self._list_loader.loaded.connect(self._on_documents_loaded)
        self._list_loader.failed.connect(self.message)
        self._show_labels()
        self.span_table.source.colours = {}

    def attach(self, annotator: str, last_document: int | None) -> None:
        """A workspace for `annotator` on the open project, on their last document (or the first)."""
        assert self.store is not None
        self.store.annotator_id(annotator)
        ws = self.workspace = Workspace(self.store, annotator, self.article, self, self.channel)
        ws.exact = self.exact
        self.gold_notice = GoldNotice(self.store)
        self.span_table.source.colours = dict(self.article.colours)
        ws.document_opened.connect(self._on_workspace_document_opened)
        ws.span_selected.connect(self.span_table.show_span)
        ws.span_selected.connect(self._on_workspace_span_selected)
        ws.span_selected.connect(self._show_span_details)
        ws.attributes_requested.connect(self.attributes.focus_first)
        ws.message.connect(self.message)
        ws.refused.connect(self._show_notice)
        ws.pending.waiting.connect(self.waiting)
        self.suggestions.attach(ws, self.store.path, self.channel)
        store = self.store
        self.documents.model.fetch = lambda ids: store.summaries_of(annotator, ids)
        self._load_documents_now()
        ids = self.documents.model.ids
        target = last_document if last_document is not None and self.documents.model.row_of(last_document) >= 0 \
            else (ids[0] if ids else None)
        if target is not None:
            self.open_document(target)
        else:
            self.article.set_article("This project has no articles yet. Use File > Import Articles (Ctrl+I).", [])

    def detach(self) -> int:
        """Drop the workspace (switching annotator or project, closing); returns how many edits
        still waiting for the write lock had to be refused."""
        ws, self.workspace = self.workspace, None
        if ws is None:
            return 0
        refused = ws.flush_pending()
        for signal in (self.article.label_pressed, self.article.delete_pressed, self.article.resize_pressed,
                       self.article.span_clicked, self.article.cycle_pressed, self.article.escape_pressed):
            signal.disconnect()
        self.suggestions.attach(None, None, None)
        ws.deleteLater()
        return refused

    def _show_labels(self) -> None:
        labels = self.store.labels()
        self.label_palette.set_labels(labels)
        self.find_bar.set_labels([label.name for label in labels])
        if self.workspace is not None:
            self.workspace.configure_labels()
            self.span_table.source.colours = dict(self.article.colours)

    # -- the change channel -------------------------------------------------------------
    def _on_project_changes(self, changes: ProjectChanges) -> None:
        """Pick what concerns this desk: labels, the list, the open document's panels, its row."""
        ws = self.workspace
        if self.store is None or ws is None:
            return
        if changes.initiator == Workspace.INITIATOR and changes.written:
            self.notice.hide()  # the next edit landed: the refusal is old news
        if changes.labels or changes.schema:
            self._show_labels()
        if changes.project_wide:
            self.refresh_documents()
        if LANGUAGE in changes.extra and changes.document_id is not None:
            self._on_language_changed(changes.document_id)
            return
        if changes.initiator != Workspace.INITIATOR and ws.document is not None \
                and (changes.reread or changes.labels) and changes.touches_document(ws.document.id):
            ws.reload()  # publishes again, as the workspace: the panels below follow
            return
        if ws.document is not None and changes.document_id == ws.document.id:
            self._show_open_document_changes(changes)
        for document_id in changes.status_of():
            self._update_document_row(document_id)
        if changes.status is not None or changes.statuses:
            self.documents.set_progress(self.store.status_counts(ws.annotator)["done"], self.store.document_count())

    def _on_language_changed(self, document_id: int) -> None:
        """Its row shows the new language; open, it is shown again: tokens, direction, suggestions."""
        self._update_document_row(document_id)
        if self.workspace.document is not None and self.workspace.document.id == document_id:
            self.suggestions.forget(document_id)
            self.workspace.open_document(document_id)

    def _show_open_document_changes(self, changes: ProjectChanges) -> None:
        ws = self.workspace
        self.span_table.source.set_spans(ws.document.text, ws.spans)
        self.span_table.show_span(ws.selected_id)
        self._show_span_details()
        self._refresh_claims()
        if changes.spans_changed or changes.relations_changed or changes.reread:
            self._update_document_row(ws.document.id)
        notice = self.gold_notice.after(changes) if self.gold_notice is not None else None
        if notice:
            self.message.emit(notice)

    # -- documents ----------------------------------------------------------------------
    def refresh_documents(self) -> None:
        """Re-read the list for the current filter and search, on the list's worker thread."""
        if self.store is not None and self._list_loader is not None and self.workspace is not None:
            status, search = self.documents.current_filter()
            self._list_loader.request(self.workspace.annotator, status, search)

    def _load_documents_now(self) -> None:
        """The list as a project or annotator opens, before the first document (ids only, indexed)."""
        annotator = self.workspace.annotator
        status, search = self.documents.current_filter()
        ids = assigned_first(self.store, annotator, self.store.document_ids(annotator, status, search))
        self._on_documents_loaded(ids, self.store.status_counts(annotator)["done"], self.store.document_count())

    def _on_documents_loaded(self, ids: list[int], done: int, total: int) -> None:
        self.documents.set_ids(ids, done, total)
        if self.workspace and self.workspace.document:
            self.documents.show_current(self.workspace.document.id)

    def open_document(self, document_id: int) -> None:
        if self.workspace is not None:
            self.workspace.open_document(document_id)

    def finish_document(self, status: Status) -> None:
        ws = self.workspace
        if ws is None:
            return
        if status is Status.SKIPPED and ws.document is not None and not self._skip_confirmed(ws.document):
            return
        nxt = ws.finish(status)
        if nxt is None:
            self.message.emit("Every document is done or skipped. Well done.")
        else:
            self.open_document(nxt)

    def _skip_confirmed(self, doc: Document) -> bool:
        """Skipping a document marked done throws the mark away: ask first."""
        if self.store.status(doc.id, self.workspace.annotator) is not Status.DONE:
            return True
        answer = QMessageBox.question(self, "Skip a done document?",
                                      f"{quoted(doc.title)} is marked done. Skip it instead?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def step_document(self, delta: int) -> None:
        model = self.documents.model
        if self.workspace is None or self.workspace.document is None or not model.rowCount():
            return
        row = model.row_of(self.workspace.document.id)
        self.open_document(model.summary(max(0, min(model.rowCount() - 1, row + delta))).id)

    def _update_document_row(self, document_id: int) -> None:
        summary = self.store.summary(document_id, self.workspace.annotator)
        if summary is not None:
            self.documents.model.update_row(summary)

    def _show_notice(self, text: str) -> None:
        """A refused edit stays in sight above the article (the status bar's line passes in seconds)."""
        self.notice.setText(text)
        self.notice.show()

    def _on_workspace_document_opened(self, doc: Document) -> None:
        ws = self.workspace
        self.notice.hide()
        self.span_table.source.set_spans(doc.text, ws.spans)
        self._show_span_details()
        self._refresh_claims()
        self.documents.show_current(doc.id)
        self.guide.show_document(doc)
        self.gold_notice.opened(doc.id)
        self.document_shown.emit(doc)
        self.find_bar.refresh()
        self.note.emit(f"{isolated(doc.title)} — {len(doc.text):,} characters", 4000)  # an Arabic title keeps its place

    # -- labels, spans, find ------------------------------------------------------------
    def _on_workspace_span_selected(self, span_id: int | None) -> None:
        span = self.workspace.selected_span() if self.workspace is not None else None
        if span is not None and span.id == span_id:
            self.guide.show_label(span.label)

    def _on_palette_label_clicked(self, name: str) -> None:
        self.guide.show_label(name)
        if self.workspace is not None:
            self.workspace.label(name)
        self.article.setFocus()

    def _on_article_unbound_key_pressed(self, key: str) -> None:
        keys = ", ".join(f"{k} {name}" for k, name in sorted(self.article.label_keys.items()))
        self.message.emit(f"No label on key {key}. Label keys: {keys or 'none (set them in the project)'}.")

    def _on_table_span_activated(self, span_id: int) -> None:
        if self.workspace is not None:
            self.workspace.select_span(span_id)
        self.article.setFocus()

    def _show_span_details(self, *_: object) -> None:
        """The attribute panel: the selected span's attributes and links."""
        ws = self.workspace
        if ws is not None and ws.document is not None:
            span = ws.selected_span()
            self.attributes.show_span(span, ws.document.text, ws.schema, ws.link_descriptions(span))

    def _refresh_claims(self) -> None:
        """The claims tab, computed only while it is shown (a keystroke need not pay for it)."""
        ws = self.workspace
        if ws is not None and ws.document is not None and self.lists.currentWidget() is self.claims_view:
            self.claims_view.source.set_claims(ws.document.text, ws.claims())

    def set_exact_mode(self, on: bool) -> None:
        """Edit > Label Exact Characters: labels take the characters selected, not whole tokens."""
        self.exact = on
        if self.workspace is not None:
            self.workspace.exact = on

    def edit_note(self) -> None:
        if self.workspace is not None:
            self.workspace.edit_note(self)

    def toggle_unsure(self) -> None:
        if self.workspace is not None:
            self.workspace.toggle_unsure()

    def _find(self, query: str, whole: bool) -> list[tuple[int, int]]:
        ws = self.workspace
        return ws.service.find_all(ws.document, query, whole) if ws and ws.document else []

    def _on_find_hit_chosen(self, start: int, end: int) -> None:
        self.article.select_range(start, end)
        self.article.setFocus()  # a label key now labels the hit

    def _on_find_label_all(self, ranges: list[tuple[int, int]], label: str) -> None:
        if self.workspace is not None:
            self.workspace.label_ranges(ranges, label)
