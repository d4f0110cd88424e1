"""MainWindow: composes the panels, menus and status bar and connects their signals.

It holds no annotation state: the Workspace owns the open document, its selection and undo
history; the store owns the data. Opening a project or switching annotator makes a new
Workspace over the same widgets.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from annotator.assets import icon_path
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, Status
from annotator.services.labelling import Changes
from annotator.storage import ProjectStore
from annotator.ui.workspace.article_view import ArticleView
from annotator.ui.base.background import BackgroundTask
from annotator.ui.base.token_loader import TokenFill
from annotator.ui.dialogs.names import ask_annotator_name
from annotator.ui.workspace.document_list import DocumentListLoader, DocumentPanel
from annotator.ui.workspace.find_bar import FindBar
from annotator.ui.workspace.label_palette import LabelPalette
from annotator.ui.app.menus import build_menus
from annotator.ui.app.project_actions import ProjectActions
from annotator.ui.review.panel import ReviewPanel
from annotator.ui.review.session import ReviewSession
from annotator.ui.app.settings import AppSettings
from annotator.ui.workspace.span_table import SpanTable
from annotator.ui.workspace.session import Workspace


class MainWindow(QMainWindow):
    """The annotator's window over one project file."""

    def __init__(self, project: Path, settings: AppSettings, annotator: str) -> None:
        super().__init__()
        self.settings = settings
        self.store: ProjectStore | None = None
        self.workspace: Workspace | None = None
        self._token_fill: TokenFill | None = None
        self._list_loader: DocumentListLoader | None = None
        self._annotator = annotator
        self.setWindowIcon(QIcon(str(icon_path())))
        self._build_widgets()
        self.dialogs = ProjectActions(self, self)
        self.actions_by_name: dict[str, QAction] = build_menus(
            self, self._menu_slots(), self.settings.recent_projects, lambda p: self.open_project(Path(p)))
        self._restore_layout()
        self.open_project(project)

    # -- composition --------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.documents = DocumentPanel()
        self.article = ArticleView()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.palette = LabelPalette()
        self.span_table = SpanTable()
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.article, 1)
        column.addWidget(self.find_bar)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.palette)
        side.addWidget(self.span_table)
        side.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.documents, centre, side):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 720, 330])
        self.review = ReviewPanel()
        self.review.document_opened.connect(self._on_review_document_opened)
        self.stack = QStackedWidget()  # page 0: annotate, page 1: review
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.review)
        self.setCentralWidget(self.stack)
        self.annotator_label = QLabel()
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.annotator_label)
        self.documents.document_activated.connect(self.open_document)
        self.documents.filter_changed.connect(self.refresh_documents)
        self.palette.label_clicked.connect(self._on_palette_label_clicked)
        self.span_table.span_activated.connect(self._on_table_span_activated)
        self.find_bar.search = self._find
        self.find_bar.hit_chosen.connect(self._on_find_hit_chosen)
        self.find_bar.hits_changed.connect(self.article.set_find_hits)
        self.find_bar.label_all_requested.connect(self._on_find_label_all)
        self.find_bar.closed.connect(self.article.setFocus)
        self.resize(1340, 820)

    def _menu_slots(self) -> dict[str, Callable[..., object]]:
        """What each menu entry of menus.MENUS does, by its name."""
        d = self.dialogs
        return {
            "open": d.open_project, "new": d.new_project, "import": d.import_files,
            "import_folder": partial(d.import_files, folder=True), "merge": d.merge, "export": d.export,
            "quit": self.close, "undo": self.undo, "redo": self.redo,
            "find": self.find_bar.open_bar, "find_next": partial(self.find_bar.next_hit, 1),
            "find_previous": partial(self.find_bar.next_hit, -1), "note": self.edit_note,
            "unsure": self.toggle_unsure, "exact": self.set_exact_mode, "done": self.done_and_next,
            "skip": partial(self.finish_document, Status.SKIPPED), "next": partial(self.step_document, 1),
            "previous": partial(self.step_document, -1),
            "reload": lambda: self.workspace and self.workspace.reload(),
            "focus_list": self.documents.search.setFocus, "focus_article": self.article.setFocus,
            "review_mode": self.set_review_mode,
            "accept_unanimous": lambda: self.review.session and self.review.session.accept_unanimous(),
            "agreement": d.agreement, "switch_annotator": self.switch_annotator, "guidelines": d.guidelines,
        }

    def _restore_layout(self) -> None:
        geometry, state, splitter = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # -- project and annotator ----------------------------------------------------------
    @property
    def annotator(self) -> str:
        return self._annotator

    def open_project(self, path: Path) -> None:
        try:
            store = ProjectStore(path)
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return
        if self.store is not None:
            self._drop_workspace()
            self.store.close()
        self.store = store
        if self._list_loader is not None:
            self._list_loader.deleteLater()
        self._list_loader = DocumentListLoader(store.path, self)
        self._list_loader.loaded.connect(self._on_documents_loaded)
        self._list_loader.failed.connect(self.show_message)
        self.settings.add_recent(path)
        self.palette.set_labels(store.labels())
        self.find_bar.set_labels([l.name for l in store.labels()])
        self.span_table.source.colours = {}
        self._make_workspace()
        self.setWindowTitle(f"{path.name} — Conflict annotator")
        self.fill_tokens()

    def fill_tokens(self) -> None:
        """New documents are indexed for search and tokenized in the background (after the window is up)."""
        if self._token_fill is not None:
            self._token_fill.stop()
        fill = self._token_fill = TokenFill(self.store.path, self)
        fill.progress.connect(self._on_token_fill_progress)
        QTimer.singleShot(300, fill, fill.start)  # after the first paint: nothing tokenizes before it

    def _on_token_fill_progress(self, done: int, total: int, what: str) -> None:
        if done < total:
            task = "Indexing for search" if what == "search" else "Preparing tokens"
            self.statusBar().showMessage(f"{task}: {done:,} of {total:,} documents", 3000)

    def switch_annotator(self, name: str | None = None) -> None:
        known = [a for a in self.store.annotators() if a != GOLD] if self.store is not None else []
        name = name or ask_annotator_name(self, self._annotator, known)
        if not name or name == self._annotator:
            return
        self._annotator = self.settings.annotator = name
        self._drop_workspace()
        self._make_workspace()

    def _make_workspace(self) -> None:
        assert self.store is not None
        self.store.annotator_id(self._annotator)
        ws = Workspace(self.store, self._annotator, self.article, self)
        ws.exact = self.actions_by_name["exact"].isChecked()
        self.workspace = ws
        self.span_table.source.colours = dict(self.article.colours)
        ws.document_opened.connect(self._on_workspace_document_opened)
        ws.spans_changed.connect(self._on_workspace_spans_changed)
        ws.span_selected.connect(self.span_table.show_span)
        ws.status_changed.connect(self._on_workspace_status_changed)
        ws.message.connect(self.show_message)
        self.annotator_label.setText(f"  Annotator: <b>{self._annotator}</b>  ")
        store, annotator = self.store, self._annotator
        self.documents.model.fetch = lambda ids: store.summaries_of(annotator, ids)
        self._load_documents_now()
        last = self.settings.last_document(self.store.path, self._annotator)
        first = self.documents.model.ids[0] if self.documents.model.ids else None
        target = last if last is not None and self.documents.model.row_of(last) >= 0 else first
        if target is not None:
            self.open_document(target)
        else:
            self.article.set_article("This project has no articles yet. Use File > Import Articles (Ctrl+I).", [])

    # -- review mode --------------------------------------------------------------------
    @property
    def reviewing(self) -> bool:
        return self.stack.currentWidget() is self.review

    def set_review_mode(self, on: bool) -> None:
        """Switch between annotating (own layer) and reviewing (every layer, into gold)."""
        if on and self.store is not None and self.review.session is None:
            session = ReviewSession(self.store, self._annotator, self)
            session.message.connect(self.show_message)
            session.decided.connect(self._mark_saved)
            self.review.set_session(session, dict(self.article.colours), dict(self.article.label_keys))
        elif on:
            self.review.refresh_queue()
        self.stack.setCurrentIndex(1 if on else 0)
        self.actions_by_name["review_mode"].setChecked(on)
        (self.review.article if on else self.article).setFocus()
        if not on:
            self.refresh_documents()
            if self.workspace is not None:
                self.workspace.reload()

    def _on_review_document_opened(self, doc) -> None:
        self.statusBar().showMessage(f"Reviewing: {doc.title}", 4000)  # replaces the last document's news

    def undo(self) -> None:
        group = self._undo_group()
        if group is not None:
            group.undo()

    def redo(self) -> None:
        group = self._undo_group()
        if group is not None:
            group.redo()

    def _undo_group(self):
        if self.reviewing:
            return self.review.session.undo_group if self.review.session else None
        return self.workspace.undo_group if self.workspace else None

    def done_and_next(self) -> None:
        """Ctrl+Enter: annotating, mark done and go on; reviewing, the next document to adjudicate."""
        if self.reviewing:
            self.review.open_next()
        else:
            self.finish_document(Status.DONE)

    def _drop_workspace(self) -> None:
        if self.workspace is not None:
            for signal in (self.article.label_pressed, self.article.delete_pressed, self.article.resize_pressed,
                           self.article.span_clicked, self.article.cycle_pressed, self.article.escape_pressed):
                signal.disconnect()
            self.workspace.deleteLater()
            self.workspace = None
        self.review.set_session(None)
        if self.reviewing:
            self.set_review_mode(False)

    # -- documents ----------------------------------------------------------------------
    def refresh_documents(self) -> None:
        """Re-read the list for the current filter and search, on the list's worker thread."""
        if self.store is not None and self._list_loader is not None:
            status, search = self.documents.current_filter()
            self._list_loader.request(self._annotator, status, search)

    def _load_documents_now(self) -> None:
        """The list as a project or annotator opens, before the first document (ids only, indexed)."""
        status, search = self.documents.current_filter()
        ids = self.store.document_ids(self._annotator, status, search)
        self._on_documents_loaded(ids, self.store.status_counts(self._annotator)["done"], self.store.document_count())

    def _on_documents_loaded(self, ids: list[int], done: int, total: int) -> None:
        self.documents.set_ids(ids, done, total)
        if self.workspace and self.workspace.document:
            self.documents.show_current(self.workspace.document.id)

    def open_document(self, document_id: int) -> None:
        if self.workspace is not None:
            self.workspace.open_document(document_id)

    def finish_document(self, status: Status) -> None:
        if self.workspace is None:
            return
        nxt = self.workspace.finish(status)
        if nxt is None:
            self.show_message("Every document is done or skipped. Well done.")
        else:
            self.open_document(nxt)

    def step_document(self, delta: int) -> None:
        model = self.documents.model
        if self.workspace is None or self.workspace.document is None or not model.rowCount():
            return
        row = model.row_of(self.workspace.document.id)
        self.open_document(model.summary(max(0, min(model.rowCount() - 1, row + delta))).id)

    def refresh_after_new_data(self) -> None:
        """Other data arrived (import, merge): lists and the open document show it."""
        self.refresh_documents()
        self.fill_tokens()
        if self.workspace is not None:
            self.workspace.reload()
        if self.review.session is not None:
            self.review.refresh_queue()

    def open_in_review(self, document_id: int) -> None:
        self.set_review_mode(True)
        if self.review.session is not None:
            self.review.session.open_document(document_id)

    def _on_workspace_document_opened(self, doc) -> None:
        self.span_table.source.set_spans(doc.text, self.article.spans())
        self.documents.show_current(doc.id)
        self.settings.set_last_document(self.store.path, self._annotator, doc.id)
        self.find_bar.refresh()
        self.statusBar().showMessage(f"{doc.title} — {len(doc.text):,} characters", 4000)

    def _on_workspace_spans_changed(self, changes: Changes) -> None:
        ws = self.workspace
        if ws is None or ws.document is None:
            return
        self.span_table.source.set_spans(ws.document.text, self.article.spans())
        self.span_table.show_span(self.article.selected_span_id)
        self._update_document_row(changes.document_id)
        self._mark_saved()

    def _mark_saved(self) -> None:
        self.saved_label.setText(f"✓ Saved {QTime.currentTime().toString('HH:mm:ss')}  ")

    def _on_workspace_status_changed(self, document_id: int, status: Status) -> None:
        self._update_document_row(document_id)
        self.documents.set_progress(self.store.status_counts(self._annotator)["done"], self.store.document_count())
        self._mark_saved()

    def _update_document_row(self, document_id: int) -> None:
        summary = self.store.summary(document_id, self._annotator)
        if summary is not None:
            self.documents.model.update_row(summary)

    # -- labels, spans, notes -----------------------------------------------------------
    def _on_palette_label_clicked(self, name: str) -> None:
        if self.workspace is not None:
            self.workspace.label(name)
        self.article.setFocus()

    def _on_table_span_activated(self, span_id: int) -> None:
        if self.workspace is not None:
            self.workspace.select_span(span_id)
        self.article.setFocus()

    def set_exact_mode(self, on: bool) -> None:
        """Edit > Label Exact Characters: labels take the characters selected, not whole tokens."""
        if self.workspace is not None:
            self.workspace.exact = on

    def edit_note(self) -> None:
        if self.workspace is not None:
            self.workspace.edit_note(self)

    def toggle_unsure(self) -> None:
        if self.workspace is not None:
            self.workspace.toggle_unsure()

    # -- find ---------------------------------------------------------------------------
    def _find(self, query: str, whole: bool) -> list[tuple[int, int]]:
        ws = self.workspace
        return ws.service.find_all(ws.document, query, whole) if ws and ws.document else []

    def _on_find_hit_chosen(self, start: int, end: int) -> None:
        self.article.select_range(start, end)
        self.article.setFocus()  # a label key now labels the hit

    def _on_find_label_all(self, ranges: list[tuple[int, int]], label: str) -> None:
        if self.workspace is not None:
            self.workspace.label_ranges(ranges, label)

    # -- feedback and closing -----------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        if self._token_fill is not None:
            self._token_fill.stop()  # derived data: what is not done is done next time
        BackgroundTask.wait_all()  # an import or merge in flight finishes its transaction first
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
