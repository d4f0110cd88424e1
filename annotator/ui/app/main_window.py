"""MainWindow: the pages (annotate desk, review panel), menus, status bar and the project's lifecycle.

It holds no annotation state and runs no desk: the AnnotateDesk owns its panels and its
Workspace, the ReviewPanel its ReviewSession. Both desks, the document list and the suggestion
controller follow one ChangeChannel; the window subscribes to it too, for the "Saved" line and
editing backups, and publishes what its project dialogs (import, merge, schema) changed.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget

from annotator.assets import guidelines_path, icon_path
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, Status
from annotator.core.wording import plural
from annotator.services.changes import ProjectChanges
from annotator.services.project import ProjectStore, open_store
from annotator.ui.app.autobackup import EditingBackups
from annotator.ui.app.derived_data import DerivedData
from annotator.ui.app.menus import build_menus
from annotator.ui.app.project_actions import ProjectActions
from annotator.ui.app.team_actions import TeamActions
from annotator.ui.app.settings import AppSettings
from annotator.ui.app.view_controls import ViewControls
from annotator.ui.base.background import BackgroundTask
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.dialogs.names import ask_annotator_name, ask_reviewer_name
from annotator.ui.review.panel import ReviewPanel
from annotator.ui.review.review_session import ReviewSession
from annotator.ui.workspace.desk import AnnotateDesk
from annotator.ui.workspace.guide_panel import GuidePanel

_BACKGROUND = ("import", "merge")  # initiators writing on their own connection, off the GUI thread


class MainWindow(QMainWindow):
    """The annotator's window over one project file."""

    def __init__(self, project: Path, settings: AppSettings, annotator: str) -> None:
        super().__init__()
        self.settings = settings
        self.store: ProjectStore | None = None
        self._annotator = annotator
        self._opened_write = None  # the store's last write when the project was opened
        self._background_write: datetime | None = None
        self.setWindowIcon(QIcon(str(icon_path())))
        self.changes = ChangeChannel(self)  # the one channel: every panel of both desks follows it
        self.derived = DerivedData(self)  # the opening check, the search index and tokens, in the background
        self.derived.message.connect(self.statusBar().showMessage)
        self._build_pages()
        self.changes.changed.connect(self._on_project_changes)
        self.dialogs = ProjectActions(self, self)
        self.team = TeamActions(self)  # issue 18: assign, team view, compare with gold, threads, active time
        self.backups = EditingBackups(self)  # at most one every 30 minutes while edits are made
        self.backups.message.connect(self.show_message)
        self.view_controls = ViewControls([self.article, self.review.article], settings, self)
        self.actions_by_name: dict[str, QAction] = build_menus(
            self, self._menu_slots(), self.settings.recent_projects, lambda p: self.open_project(Path(p)))
        self.actions_by_name["label_names"].setChecked(settings.label_names)
        self.actions_by_name["suggest_show"].setChecked(True)
        settings.restore_window(self, self.splitter)
        self.guide.visibilityChanged.connect(self.actions_by_name["guide"].setChecked)  # its own close button too
        self.actions_by_name["guide"].setChecked(self.guide.isVisibleTo(self))
        self.open_project(project)

    # -- composition --------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.guide = GuidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guide)
        self.guide.hide()  # View > Guide opens it; the saved window state keeps it open
        self.desk = AnnotateDesk(self.changes, self.guide)
        self.desk.message.connect(self.show_message)
        self.desk.note.connect(self.statusBar().showMessage)
        self.desk.document_shown.connect(
            lambda doc: self.settings.set_last_document(self.store.path, self._annotator, doc.id))
        self.desk.document_shown.connect(lambda doc: self.team.document_opened(doc.id))
        self.desk.waiting.connect(self._on_desk_waiting)
        self.review = ReviewPanel(self.changes)
        self.review.document_opened.connect(self._on_review_document_opened)
        self.stack = QStackedWidget()  # page 0: annotate, page 1: review
        self.stack.addWidget(self.desk)
        self.stack.addWidget(self.review)
        self.setCentralWidget(self.stack)
        d = self.desk  # the desk's parts, by the names the window always gave them
        self.article, self.documents, self.find_bar, self.span_table = d.article, d.documents, d.find_bar, d.span_table
        self.claims_view, self.attributes, self.lists, self.splitter = d.claims_view, d.attributes, d.lists, d.splitter
        self.suggestions, self.open_document = d.suggestions, d.open_document
        self.refresh_documents = d.refresh_documents
        self.annotator_label, self.saved_label, self.suggestion_label = QLabel(), QLabel(), QLabel()
        self.suggestions.changed.connect(lambda n: self.suggestion_label.setText(f"  Suggestions: {n}  "))
        for label in (self.suggestion_label, self.saved_label, self.annotator_label):
            self.statusBar().addPermanentWidget(label)
        self.resize(1340, 820)

    def _menu_slots(self) -> dict[str, Callable[..., object]]:
        """What each menu entry of menus.MENUS does, by its name."""
        d, desk, s = self.dialogs, self.desk, self.suggestions
        return {
            "open": d.open_project, "new": d.new_project, "import": d.import_files,
            "import_folder": partial(d.import_files, folder=True), "merge": d.merge, "export": d.export,
            "quit": self.close, "undo": self.undo, "redo": self.redo,
            "find": self.find_bar.open_bar, "find_next": partial(self.find_bar.next_hit, 1),
            "find_previous": partial(self.find_bar.next_hit, -1), "note": desk.edit_note,
            "unsure": desk.toggle_unsure, "exact": desk.set_exact_mode, "done": self.done_and_next,
            "skip": partial(desk.finish_document, Status.SKIPPED), "next": partial(desk.step_document, 1),
            "previous": partial(desk.step_document, -1), "reload": self.reload, "language": desk.language.ask,
            "focus_list": self.documents.search.setFocus, "focus_article": self.article.setFocus,
            "review_mode": self.set_review_mode,
            "accept_unanimous": lambda: self.review.session and self.review.session.accept_unanimous(),
            "agreement": d.agreement, "switch_annotator": self.switch_annotator,
            "switch_reviewer": self.switch_reviewer, "guidelines": self.guide.show,  # rendered, in the guide panel
            "zoom_in": partial(self.view_controls.zoom, 1), "zoom_out": partial(self.view_controls.zoom, -1),
            "zoom_reset": self.view_controls.reset, "font_size": self.view_controls.ask_size,
            "label_names": self.view_controls.set_label_names, "guide": self.guide.setVisible,
            "schema": d.schema,
            "suggest_next": self._annotating(partial(s.step, 1)),
            "suggest_previous": self._annotating(partial(s.step, -1)),
            "suggest_accept": self._annotating(s.accept), "suggest_reject": self._annotating(s.reject),
            "suggest_accept_all": self._annotating(s.accept_all), "suggest_show": s.set_shown,
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

    # -- project and annotator ----------------------------------------------------------
    @property
    def annotator(self) -> str:
        return self._annotator

    @property
    def workspace(self):  # noqa: ANN201 - the desk's Workspace (None between projects)
        return self.desk.workspace

    def open_project(self, path: Path) -> None:
        try:
            store = open_store(path)
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return
        if self.store is not None:
            self._drop_desks()
            self.store.close()
        self.store = store
        self.settings.add_recent(path)
        self.guide.set_labels(store.labels(), guidelines_path().read_text(encoding="utf-8"))
        self.desk.open_project(store)
        self._attach_desk()
        self._opened_write = store.last_write  # registering the annotator's name is not work to report
        self._background_write = None  # an import or merge of this window, written on its own connection
        self._mark_saved()  # so nothing is shown, and the last project's time is gone
        self.setWindowTitle(f"{path.name} — Conflict annotator")
        self.derived.check(store)
        self.derived.fill(store)

    def _attach_desk(self) -> None:
        self.desk.exact = self.actions_by_name["exact"].isChecked()
        self.annotator_label.setText(f"  Annotator: <b>{self._annotator}</b>  ")
        self.desk.attach(self._annotator, self.settings.last_document(self.store.path, self._annotator))
        self.team.attach()

    def switch_annotator(self, name: str | None = None) -> None:
        name = name or ask_annotator_name(self, self._annotator, self._known_annotators())
        if not name or name == self._annotator:
            return
        self._annotator = self.settings.annotator = name
        self._drop_desks()
        self._attach_desk()

    def _drop_desks(self) -> None:
        self.team.detach()
        self._warn_refused(self.desk.detach())
        self.review.set_session(None)
        if self.reviewing:
            self.set_review_mode(False)

    # -- the change channel -------------------------------------------------------------
    def _on_project_changes(self, changes: ProjectChanges) -> None:
        """What the window shows of any change: the Saved line, backups, tokens of new documents."""
        if changes.initiator in _BACKGROUND and changes.written:
            self._background_write = datetime.now(timezone.utc)
        if changes.documents and self.store is not None:
            self.derived.fill(self.store)
        if changes.written or changes.reread:
            self._mark_saved()
        if (changes.spans_changed or changes.relations_changed) and self.store is not None:
            self.backups.edited(self.store.path)

    def _on_desk_waiting(self, count: int) -> None:
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
            session = ReviewSession(self.store, reviewer, self, self.changes)
            session.message.connect(self.show_message)
            self.review.set_session(session, dict(self.article.colours), dict(self.article.label_keys))
        elif on:
            self.review.refresh()  # annotators' edits since the last visit reopen what they touch
        self.stack.setCurrentIndex(1 if on else 0)
        self.suggestion_label.setVisible(not on)  # suggestions are for one's own layer: review counts none
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

    def _on_review_document_opened(self, doc) -> None:  # noqa: ANN001 - a Document
        self.guide.show_document(doc)
        self.statusBar().showMessage(f"Reviewing: {doc.title}", 4000)  # replaces the last document's news

    def open_in_review(self, document_id: int) -> None:
        self.set_review_mode(True)
        if self.review.session is not None:
            self.review.session.open_document(document_id)

    # -- the mode shown decides ---------------------------------------------------------
    def reload(self) -> None:
        """F5: what the project file has now (another window's edits), in the mode shown."""
        if self.reviewing:
            self.review.refresh()
        elif self.workspace is not None:
            self.workspace.reload()

    def undo(self) -> None:
        self._undo_or_redo("undo")

    def redo(self) -> None:
        self._undo_or_redo("redo")

    def _undo_or_redo(self, which: str) -> None:
        """Annotating: the workspace's (behind edits waiting for the write lock); reviewing: the session's."""
        if not self.reviewing:
            if self.workspace is not None:
                getattr(self.workspace, which)()
        elif self.review.session is not None:
            getattr(self.review.session.undo_group, which)()

    def done_and_next(self) -> None:
        """Ctrl+Enter: annotating, mark done and go on; reviewing, the next document to adjudicate."""
        if self.reviewing:
            self.review.open_next()
        else:
            self.desk.finish_document(Status.DONE)

    def train_model(self) -> None:
        """Suggestions > Train Model: a dialog that trains in its own process (kept while open)."""
        from annotator.ui.dialogs.train_dialog import TrainDialog

        if self.store is not None:
            self._train_dialog = TrainDialog(self.store.path, self.store.annotators(), self)
            self._train_dialog.open()

    # -- feedback and closing -----------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _warn_refused(self, refused: int) -> None:
        """Edits that could not be written before a workspace went are named, never dropped silently."""
        if refused:
            QMessageBox.warning(self, "Edits not saved", f"{plural(refused, 'edit')} could not be saved: another "
                                "program kept the project locked. Redo them when it has finished.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.team.stop()
        self._warn_refused(self.desk.workspace.flush_pending() if self.desk.workspace is not None else 0)
        self.settings.save_window_state(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        self.derived.stop()
        BackgroundTask.wait_all()  # an import or merge in flight finishes its transaction first
        self.suggestions.attach(None, None, None)  # stops its thread; a result still queued finds no document
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
