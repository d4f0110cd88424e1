"""MainWindow: composes the panels, menus and status bar and connects their signals.

It holds no annotation state: the Workspace owns the open document, its selection and undo
history; the store owns the data. Opening a project or switching annotator makes a new
Workspace over the same widgets.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import (QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from annotator.assets import guidelines_path, icon_path
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, Status
from annotator.services.labelling import Changes
from annotator.storage import ProjectStore
from annotator.ui.article.article_view import ArticleView
from annotator.ui.base.background import BackgroundTask
from annotator.ui.base.token_loader import TokenFill
from annotator.ui.dialogs.names import ask_annotator_name, ask_reviewer_name
from annotator.ui.workspace.document_list import DocumentListLoader, DocumentPanel
from annotator.ui.workspace.find_bar import FindBar
from annotator.ui.workspace.guide_panel import GuidePanel
from annotator.ui.workspace.gold_notice import GoldNotice
from annotator.ui.workspace.label_palette import LabelPalette
from annotator.ui.app.menus import build_menus
from annotator.ui.app.autobackup import EditingBackups
from annotator.ui.app.project_actions import ProjectActions
from annotator.ui.app.team_actions import TeamActions
from annotator.services.team import assigned_first
from annotator.ui.review.panel import ReviewPanel
from annotator.ui.review.review_session import ReviewSession
from annotator.ui.app.settings import AppSettings
from annotator.ui.app.view_controls import ViewControls
from annotator.ui.workspace.attribute_panel import AttributePanel
from annotator.ui.workspace.claims_view import ClaimsView
from annotator.ui.workspace.span_table import SpanTable
from annotator.ui.workspace.suggestions import SuggestionController
from annotator.ui.workspace.open_document import Workspace
from annotator.core.wording import plural


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
        self._opened_write = None  # the store's last write when the project was opened
        self._background_write: datetime | None = None
        self.setWindowIcon(QIcon(str(icon_path())))
        self._build_widgets()
        self.dialogs = ProjectActions(self, self)
        self.team = TeamActions(self)  # issue 18: assign, team view, compare with gold, threads, active time
        self.backups = EditingBackups(self)  # at most one every 30 minutes while edits are made
        self.backups.message.connect(self.show_message)
        self.view_controls = ViewControls([self.article, self.review.article], settings, self)
        self.actions_by_name: dict[str, QAction] = build_menus(
            self, self._menu_slots(), self.settings.recent_projects, lambda p: self.open_project(Path(p)))
        self.actions_by_name["label_names"].setChecked(settings.label_names)
        self.actions_by_name["suggest_show"].setChecked(True)
        self._restore_layout()
        self.guide.visibilityChanged.connect(self.actions_by_name["guide"].setChecked)  # its own close button too
        self.actions_by_name["guide"].setChecked(self.guide.isVisibleTo(self))
        self.open_project(project)

    # -- composition --------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.documents = DocumentPanel()
        self.article = ArticleView()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.palette = LabelPalette()
        self.span_table = SpanTable()
        self.claims_view = ClaimsView()
        self.attributes = AttributePanel()
        self.lists = QTabWidget()
        self.lists.addTab(self.span_table, "Spans")
        self.lists.addTab(self.claims_view, "Claims")
        self.lists.currentChanged.connect(lambda _i: self._refresh_claims())
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.article, 1)
        column.addWidget(self.find_bar)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.palette)
        side.addWidget(self.lists)
        side.addWidget(self.attributes)
        side.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.documents, centre, side):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 720, 330])
        self.guide = GuidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guide)
        self.guide.hide()  # View > Guide opens it; the saved window state keeps it open
        self.review = ReviewPanel()
        self.review.document_opened.connect(self._on_review_document_opened)
        self.stack = QStackedWidget()  # page 0: annotate, page 1: review
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.review)
        self.setCentralWidget(self.stack)
        self.annotator_label = QLabel()
        self.saved_label = QLabel()
        self._build_suggestions()
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.annotator_label)
        self.documents.document_activated.connect(self.open_document)
        self.documents.filter_changed.connect(self.refresh_documents)
        self.palette.label_clicked.connect(self._on_palette_label_clicked)
        self.span_table.span_activated.connect(self._on_table_span_activated)
        self.claims_view.span_activated.connect(self._on_table_span_activated)
        self.attributes.attribute_edited.connect(lambda n, v: self.workspace and self.workspace.set_attribute(n, v))
        self.attributes.unlink_requested.connect(lambda r: self.workspace and self.workspace.unlink(r))
        self.attributes.left.connect(self.article.setFocus)
        self.find_bar.search = self._find
        self.find_bar.hit_chosen.connect(self._on_find_hit_chosen)
        self.find_bar.hits_changed.connect(self.article.set_find_hits)
        self.find_bar.label_all_requested.connect(self._on_find_label_all)
        self.find_bar.closed.connect(self.article.setFocus)
        self.article.unbound_key_pressed.connect(self._on_article_unbound_key_pressed)
        self.resize(1340, 820)

    def _build_suggestions(self) -> None:
        """Suggestions over the article view, counted in the status bar."""
        self.suggestion_label = QLabel()
        self.suggestions = SuggestionController(self.article, self)
        self.suggestions.changed.connect(lambda n: self.suggestion_label.setText(f"  Suggestions: {n}  "))
        self.suggestions.message.connect(self.show_message)
        self.statusBar().addPermanentWidget(self.suggestion_label)

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
            "reload": self.reload,
            "focus_list": self.documents.search.setFocus, "focus_article": self.article.setFocus,
            "review_mode": self.set_review_mode,
            "accept_unanimous": lambda: self.review.session and self.review.session.accept_unanimous(),
            "agreement": d.agreement, "switch_annotator": self.switch_annotator,
            "switch_reviewer": self.switch_reviewer, "guidelines": self.guide.show,  # rendered, in the guide panel
            "zoom_in": partial(self.view_controls.zoom, 1), "zoom_out": partial(self.view_controls.zoom, -1),
            "zoom_reset": self.view_controls.reset, "font_size": self.view_controls.ask_size,
            "label_names": self.view_controls.set_label_names, "guide": self.guide.setVisible,
            "schema": d.schema,
            "suggest_next": self._annotating(partial(self.suggestions.step, 1)),
            "suggest_previous": self._annotating(partial(self.suggestions.step, -1)),
            "suggest_accept": self._annotating(self.suggestions.accept),
            "suggest_reject": self._annotating(self.suggestions.reject),
            "suggest_accept_all": self._annotating(self.suggestions.accept_all),
            "suggest_show": self.suggestions.set_shown,
            "suggest_train": self.train_model,
            **self.team.slots(),
        }

    def _annotating(self, action: Callable[[], object]) -> Callable[[], None]:
        """`action` while annotating; in review mode a word instead (suggestions are for one's own layer)."""
        def guarded() -> None:
            if self.reviewing:
                self.show_message("Suggestions are for annotating your own layer: leave review mode (Ctrl+R) first.")
            else:
                action()
        return guarded

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
        self.guide.set_labels(store.labels(), guidelines_path().read_text(encoding="utf-8"))
        self.find_bar.set_labels([l.name for l in store.labels()])
        self.span_table.source.colours = {}
        self._make_workspace()
        self._opened_write = store.last_write  # registering the annotator's name is not work to report
        self._background_write = None  # an import or merge of this window, written on its own connection
        self._mark_saved()  # so nothing is shown, and the last project's time is gone
        self.setWindowTitle(f"{path.name} — Conflict annotator")
        self._check_on_open(store)
        self.fill_tokens()

    def _check_on_open(self, store: ProjectStore) -> None:
        """SQLite's quick check and our invariants, off the GUI thread (a third of a second on
        a 50 MB project); a problem is one line in the status bar."""
        from annotator.services.check import opening_check

        task = BackgroundTask(store.path, lambda other, _progress: opening_check(other), self)
        task.succeeded.connect(self._on_check_succeeded)
        task.failed.connect(lambda text: self.statusBar().showMessage(f"Check failed: {text}"))
        task.start()

    def _on_check_succeeded(self, problem: object) -> None:
        if problem:
            self.statusBar().showMessage(f"Check failed: {problem}")  # stays until the next message

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
        name = name or ask_annotator_name(self, self._annotator, self._known_annotators())
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
        self.gold_notice = GoldNotice(self.store)
        self.span_table.source.colours = dict(self.article.colours)
        ws.document_opened.connect(self._on_workspace_document_opened)
        ws.spans_changed.connect(self._on_workspace_spans_changed)
        ws.span_selected.connect(self.span_table.show_span)
        ws.span_selected.connect(self._on_workspace_span_selected)
        ws.span_selected.connect(self._show_span_details)
        ws.attributes_requested.connect(self.attributes.focus_first)
        ws.status_changed.connect(self._on_workspace_status_changed)
        ws.message.connect(self.show_message)
        ws.pending.waiting.connect(self._on_workspace_pending_waiting)
        self.suggestions.attach(ws, self.store.path)
        self.team.attach()
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
        reviewer = self._reviewer() if on and self.store is not None and self.review.session is None else ""
        if on and reviewer is None:  # the reviewer's name was not given: stay annotating
            self.actions_by_name["review_mode"].setChecked(False)
            return
        if reviewer:
            session = ReviewSession(self.store, reviewer, self)
            session.message.connect(self.show_message)
            session.decided.connect(self._mark_saved)
            self.review.set_session(session, dict(self.article.colours), dict(self.article.label_keys))
        elif on:
            self.review.refresh()  # annotators' edits since the last visit reopen what they touch
        self.stack.setCurrentIndex(1 if on else 0)
        self.actions_by_name["review_mode"].setChecked(on)
        who = f"Reviewer: <b>{self.review.session.adjudication.reviewer}</b>" if on and self.review.session \
            else f"Annotator: <b>{self._annotator}</b>"
        self.annotator_label.setText(f"  {who}  ")
        (self.review.article if on else self.article).setFocus()
        if not on:
            self.refresh_documents()
            if self.workspace is not None:
                self.workspace.reload()

    def _reviewer(self) -> str | None:
        """The remembered reviewer, or asked for (None when the user cancels)."""
        if not self.settings.reviewer:
            name = ask_reviewer_name(self, self._annotator, self._known_annotators())
            if name is None:
                return None
            self.settings.reviewer = name
        return self.settings.reviewer

    def _known_annotators(self) -> list[str]:
        return [a for a in self.store.annotators() if a != GOLD] if self.store is not None else []

    def switch_reviewer(self) -> None:
        """Review > Change Reviewer: a new name for the decisions from now on."""
        name = ask_reviewer_name(self, self.settings.reviewer or self._annotator, self._known_annotators())
        if name and name != self.settings.reviewer:
            self.settings.reviewer = name
            self.review.set_session(None)
            if self.reviewing:
                self.set_review_mode(True)

    def _on_workspace_span_selected(self, span_id: int | None) -> None:
        span = next((s for s in self.article.spans() if s.id == span_id), None)
        if span is not None:
            self.guide.show_label(span.label)

    def _on_review_document_opened(self, doc) -> None:
        self.guide.show_document(doc)
        self.statusBar().showMessage(f"Reviewing: {doc.title}", 4000)  # replaces the last document's news

    def reload(self) -> None:
        """F5: what the project file has now (another window's edits), in the mode shown."""
        if self.reviewing:
            self.review.refresh()
        elif self.workspace is not None:
            self.workspace.reload()

    def undo(self) -> None:
        if not self.reviewing and self.workspace is not None:
            self.workspace.undo()  # waits behind edits still waiting for the write lock
            return
        group = self._undo_group()
        if group is not None:
            group.undo()

    def redo(self) -> None:
        if not self.reviewing and self.workspace is not None:
            self.workspace.redo()
            return
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
        self.team.detach()  # the running stretch of active time is stored while the store is open
        if self.workspace is not None:
            self._flush_waiting_edits()
            for signal in (self.article.label_pressed, self.article.delete_pressed, self.article.resize_pressed,
                           self.article.span_clicked, self.article.cycle_pressed, self.article.escape_pressed):
                signal.disconnect()
            self.suggestions.attach(None, None)
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
        ids = assigned_first(self.store, self._annotator, self.store.document_ids(self._annotator, status, search))
        self._on_documents_loaded(ids, self.store.status_counts(self._annotator)["done"], self.store.document_count())

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
            self.show_message("Every document is done or skipped. Well done.")
        else:
            self.open_document(nxt)

    def _skip_confirmed(self, doc) -> bool:
        """Skipping a document marked done throws the mark away: ask first."""
        if self.store.status(doc.id, self._annotator) is not Status.DONE:
            return True
        answer = QMessageBox.question(self, "Skip a done document?",
                                      f"“{doc.title}” is marked done. Skip it instead?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def step_document(self, delta: int) -> None:
        model = self.documents.model
        if self.workspace is None or self.workspace.document is None or not model.rowCount():
            return
        row = model.row_of(self.workspace.document.id)
        self.open_document(model.summary(max(0, min(model.rowCount() - 1, row + delta))).id)

    def refresh_after_new_data(self, wrote: bool = False) -> None:
        """Other data arrived (import, merge): lists and the open document show it.

        `wrote`: this window's import or merge (on its own background connection) changed the file."""
        if wrote:
            self._background_write = datetime.now(timezone.utc)
            self._mark_saved()
        self.refresh_documents()
        self.fill_tokens()
        if self.workspace is not None:
            self.workspace.reload()
        if self.review.session is not None:
            self.review.refresh_queue()

    def apply_schema(self) -> None:
        """The schema changed (labels, keys, colours, attributes): every view shows the new one."""
        if self.store is None:
            return
        self.palette.set_labels(self.store.labels())
        self.find_bar.set_labels([label.name for label in self.store.labels()])
        if self.workspace is not None:
            self.workspace.configure_labels()
            self.span_table.source.colours = dict(self.article.colours)
        self.refresh_after_new_data()

    def open_in_review(self, document_id: int) -> None:
        self.set_review_mode(True)
        if self.review.session is not None:
            self.review.session.open_document(document_id)

    def _on_workspace_document_opened(self, doc) -> None:
        self.span_table.source.set_spans(doc.text, self.article.spans())
        self._show_span_details()
        self._refresh_claims()
        self.documents.show_current(doc.id)
        self.guide.show_document(doc)
        self.gold_notice.opened(doc.id)
        self.team.document_opened(doc.id)
        self.settings.set_last_document(self.store.path, self._annotator, doc.id)
        self.find_bar.refresh()
        self.statusBar().showMessage(f"{doc.title} — {len(doc.text):,} characters", 4000)

    def _on_workspace_spans_changed(self, changes: Changes) -> None:
        ws = self.workspace
        if ws is None or ws.document is None:
            return
        self.span_table.source.set_spans(ws.document.text, self.article.spans())
        self.span_table.show_span(self.article.selected_span_id)
        self._show_span_details()
        self._refresh_claims()
        self._update_document_row(changes.document_id)
        self._mark_saved()
        if self.store is not None:
            self.backups.edited(self.store.path)
        notice = self.gold_notice.after(changes)
        if notice:
            self.show_message(notice)

    def _on_workspace_pending_waiting(self, count: int) -> None:
        """Edits waiting for another program's write lock stay in sight until they are saved."""
        if count:
            self.saved_label.setText(f"{plural(count, 'edit')} waiting to be saved  ")
        else:
            self._mark_saved()

    def _mark_saved(self) -> None:
        """Show when this window last wrote work to the project: refused edits, reloads and reads move nothing."""
        ours = [t for t in (self.store.last_write if self.store else None, self._background_write) if t]
        when = max(ours) if ours else None
        shown = when is not None and when != self._opened_write
        self.saved_label.setText(f"✓ Saved {when.astimezone().strftime('%H:%M:%S')}  " if shown else "")

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
        self.guide.show_label(name)
        if self.workspace is not None:
            self.workspace.label(name)
        self.article.setFocus()

    def _on_article_unbound_key_pressed(self, key: str) -> None:
        keys = ", ".join(f"{k} {name}" for k, name in sorted(self.article.label_keys.items()))
        self.show_message(f"No label on key {key}. Label keys: {keys or 'none (set them in the project)'}.")

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

    def train_model(self) -> None:
        """Suggestions > Train Model: a dialog that trains in its own process (kept while open)."""
        from annotator.ui.dialogs.train_dialog import TrainDialog

        if self.store is not None:
            self._train_dialog = TrainDialog(self.store.path, self.store.annotators(), self)
            self._train_dialog.open()

    # -- feedback and closing -----------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _flush_waiting_edits(self) -> None:
        """Edits still waiting for another program's write lock are written before the workspace
        goes; any that cannot be are named in a dialog, never dropped silently."""
        refused = self.workspace.flush_pending() if self.workspace is not None else 0
        if refused:
            QMessageBox.warning(self, "Edits not saved", f"{plural(refused, 'edit')} could not be saved: another program "
                                "kept the project locked. Redo them when it has finished.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_waiting_edits()
        self.team.stop()  # the running stretch of active time is stored
        self.settings.save_window_state(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        if self._token_fill is not None:
            self._token_fill.stop()  # derived data: what is not done is done next time
        BackgroundTask.wait_all()  # an import or merge in flight finishes its transaction first
        self.suggestions.attach(None, None)  # stops its thread; a result still queued finds no document
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
