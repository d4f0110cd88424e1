"""The team in the window: the activity timer, and Assign, Team, Compare with Gold and Note Thread.

The window makes one TeamActions, adds `slots()` to its menu slots and calls `attach` when a
workspace is made and `document_opened` when one opens a document; everything else is here.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.errors import AnnotatorError
from annotator.services.activity import ActivityRecorder
from annotator.services.project import ProjectStore
from annotator.ui.base.quoting import quoted

_LIFE = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class ActivityTimer(QObject):
    """Active time per document: an open document in an active window, fed by keys, clicks and scrolls.

    `clock` (seconds, monotonic) is injectable, so tests move time by hand instead of sleeping;
    `counting()` says whether the window is annotating (review mode is not the annotator's time)."""

    def __init__(self, counting: Callable[[], bool], clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.counting, self.clock = counting, clock
        self.recorder: ActivityRecorder | None = None
        app = QApplication.instance()
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._on_app_state_changed)

    def attach(self, store: ProjectStore | None, annotator: str) -> None:
        """A new workspace (or none): the running stretch is stored first."""
        self.detach()
        if store is not None:
            self.recorder = ActivityRecorder(store, annotator, self.clock)
            self.recorder.active = QApplication.applicationState() == Qt.ApplicationState.ApplicationActive

    def detach(self) -> None:
        if self.recorder is not None:
            self._safely(self.recorder.close)
            self.recorder = None

    def document_opened(self, document_id: int | None) -> None:
        if self.recorder is not None:
            self._safely(lambda: self.recorder.open(document_id))

    def set_active(self, active: bool) -> None:
        if self.recorder is not None:
            self._safely(lambda: self.recorder.set_active(active))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.recorder is not None and event.type() in _LIFE and self.counting():
            self._safely(self.recorder.touch)
        return False

    def _on_app_state_changed(self, state: Qt.ApplicationState) -> None:
        self.set_active(state == Qt.ApplicationState.ApplicationActive)

    def stop(self) -> None:
        self.detach()
        QApplication.instance().removeEventFilter(self)

    @staticmethod
    def _safely(step: Callable[[], object]) -> None:
        """Time is provenance: a busy or full project loses a few seconds of it, never an edit or the window."""
        try:
            step()
        except AnnotatorError:
            pass


class TeamActions(QObject):
    """The team's menu entries and the activity timer of one window (the window is passed in, never imported)."""

    def __init__(self, window: Any, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.w = window
        self.timer = ActivityTimer(lambda: not window.reviewing and window.isActiveWindow(), clock, self)

    def slots(self) -> dict[str, Callable[..., object]]:
        return {"assign": self.assign, "team": self.team, "compare_gold": self.compare_gold,
                "note_thread": self.note_thread}

    def attach(self) -> None:
        self.timer.attach(self.w.store, self.w.annotator)

    def detach(self) -> None:
        self.timer.detach()

    def document_opened(self, document_id: int) -> None:
        self.timer.document_opened(document_id)

    def assign(self):
        from annotator.ui.dialogs.assign_dialog import AssignDialog

        dialog = AssignDialog(self.w.store.path, [a for a in self.w.store.annotators() if a != "gold"], self.w)
        dialog.assigned.connect(lambda _r: self.w.refresh_documents())
        dialog.show()
        return dialog

    def team(self):
        from annotator.ui.review.team_view import TeamDialog

        dialog = TeamDialog(self.w.store.path, self.w)
        dialog.show()
        return dialog

    def compare_gold(self):
        from annotator.ui.review.gold_compare import GoldCompareDialog

        ws = self.w.workspace
        if ws is None or ws.document is None:
            self.w.show_message("Open a document first.")
            return None
        dialog = GoldCompareDialog(self.w.store, self.w.annotator, ws.document.id, self.w)
        dialog.show()
        return dialog

    def note_thread(self):
        """The thread of the selected span (annotating: one's own; reviewing: every span of the unit)."""
        from annotator.ui.workspace.note_thread import NoteThreadDialog

        targets, document, author = self._thread_targets()
        if document is None:
            self.w.show_message("Open a document first.")
            return None
        dialog = NoteThreadDialog(self.w.store, document.id, targets, author, self.w)
        dialog.show()
        return dialog

    def _thread_targets(self):
        w = self.w
        if w.reviewing and w.review.session is not None:
            session = w.review.session
            doc, unit = session.document, session.unit()
            spans = [s for c in unit.candidates for s in c.sources] if unit is not None else []
            targets = [(s.annotator, s.key, f"{s.label} {quoted(doc.text[s.start:s.end][:40])}") for s in spans]
            targets += [(name, None, "the document") for name in (unit.annotators if unit else ())]
            return targets or [(w.annotator, None, "the document")], doc, session.adjudication.reviewer
        ws = w.workspace
        doc = ws.document if ws is not None else None
        if doc is None:
            return [], None, w.annotator
        span = ws.selected_span()
        targets = [(w.annotator, span.key, f"{span.label} {quoted(doc.text[span.start:span.end][:40])}")] if span else []
        return targets + [(w.annotator, None, "the document")], doc, w.annotator

    def stop(self) -> None:
        self.timer.stop()
