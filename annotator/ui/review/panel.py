"""ReviewPanel: review mode's queue, the article with every layer, the units and one key per choice."""
from __future__ import annotations

import html

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from annotator.core.model import Document
from annotator.core.units import Unit
from annotator.services.changes import ProjectChanges
from annotator.ui.article.article_view import ArticleView
from annotator.ui.review.queue_models import ReviewQueueModel, UnitListModel
from annotator.ui.review.review_session import ReviewSession
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.base.key_table import REVIEWING, strip_html
from annotator.ui.base.quoting import quoted
from annotator.ui.base.tables import read_only_table

KEYS_TEXT = strip_html(REVIEWING)  # generated from the one key table, as the F1 sheet is


class ReviewPanel(QWidget):
    """Review mode. Keys go to the session; the panel only shows its state."""

    document_opened = Signal(object)  # Document, for the window's status bar

    def __init__(self, channel: ChangeChannel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel if channel is not None else ChangeChannel(self)
        self._relations = None  # the last RelationDialog opened (L), followed while shown
        self.channel.changed.connect(self._on_project_changes)
        self.session: ReviewSession | None = None
        self.queue_model = ReviewQueueModel(self)
        self.unit_model = UnitListModel(self._text, self)
        self.queue = read_only_table(self.queue_model, stretch=1)
        self.queue.setColumnWidth(0, 28)
        self.queue.setColumnWidth(2, 70)
        self.article = ArticleView()
        self.article.show_annotators = True
        self.units = read_only_table(self.unit_model, stretch=2)
        self.units.setColumnWidth(0, 28)
        self.units.setColumnWidth(1, 70)
        self.detail = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setMinimumHeight(160)
        self.keys = QLabel(KEYS_TEXT, wordWrap=True)
        self.keys.setStyleSheet("color: #555555; font-size: 11px; padding: 2px 6px;")
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.units)
        side.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.queue, self.article, side):
            splitter.addWidget(widget)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.keys)
        self.queue.activated.connect(self._on_queue_activated)
        self.queue.clicked.connect(self._on_queue_activated)
        self.units.clicked.connect(self._on_units_clicked)
        self.article.installEventFilter(self)
        self.article.label_pressed.connect(self._on_article_label_pressed)
        self.article.delete_pressed.connect(self._on_article_delete_pressed)
        self.article.cycle_pressed.connect(self._on_article_cycle_pressed)
        self.article.span_clicked.connect(self._on_article_span_clicked)
        self._label_keys: dict[str, str] = {}

    # -- wiring -------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None, colours: dict[str, QColor] | None = None,
                    label_keys: dict[str, str] | None = None) -> None:
        """Show `session` (a new one after a project or reviewer change); None empties the panel."""
        if self.session is not None:
            self.session.deleteLater()
        self.session = session
        self.article.set_article("", [])
        self.unit_model.set_rows([])
        if session is None:
            self.queue_model.set_rows([])
            return
        self.article.colours = colours or {}
        self._label_keys = label_keys or {}
        session.document_opened.connect(self._on_session_document_opened)
        session.units_changed.connect(self._on_session_units_changed)
        session.unit_selected.connect(self._on_session_unit_selected)
        session.adjudicated.connect(self._on_session_adjudicated)
        self.refresh_queue()

    def refresh(self) -> None:
        """Back into review mode: the queue and the open document as the project file has them now."""
        self.refresh_queue()
        if self.session is not None:
            self.session.reopen()

    def refresh_queue(self) -> None:
        if self.session is None:
            return
        current = self.session.document.id if self.session.document else None
        self.queue_model.set_rows(self.session.queue())
        rows = [e.id for e in self.queue_model.rows]
        if current in rows:
            self.queue.selectRow(rows.index(current))
        elif rows and current is None:
            self.session.open_document(rows[0])

    def open_next(self) -> None:
        """The next document in the queue that is not adjudicated yet."""
        if self.session is None:
            return
        rows = self.queue_model.rows
        current = self.session.document.id if self.session.document else None
        start = next((i for i, e in enumerate(rows) if e.id == current), -1) + 1
        following = [e for e in rows[start:] + rows[:start] if not e.adjudicated and e.id != current]
        if following:
            self.session.open_document(following[0].id)
        else:
            self.session.message.emit("Every document in the queue is adjudicated.")

    # -- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.article and event.type() == QEvent.Type.KeyPress and self.session is not None:
            return self._review_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _review_key(self, event: QKeyEvent) -> bool:
        s, key, text = self.session, event.key(), event.text().lower()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl:
            return False  # window shortcuts (undo, next document) stay the window's
        if s.draft is not None:  # editing: label keys and Del work as in annotate mode
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                s.accept_edit()
                return True
            if key == Qt.Key.Key_Escape:
                s.cancel_edit()
                return True
            return False
        if text == "0":
            s.reject()
        elif text.isdigit():
            s.choose(int(text))
        elif text == "e":
            s.begin_edit()
        elif text == "a":
            s.accept_unanimous()
        elif text == "l":
            self.open_relations()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            s.step(1 if key == Qt.Key.Key_Down else -1)
        else:
            return False
        return True

    def open_relations(self):
        """L: the document's relations, to take into gold or reject once both ends are gold."""
        from annotator.services.relation_review import RelationReview
        from annotator.ui.review.relation_dialog import RelationDialog

        s = self.session
        if s is None or s.document is None:
            return None
        review = RelationReview(s.store, s.adjudication.reviewer)

        def decided() -> None:  # the document the dialog shows now: it follows the reviewer
            doc = dialog.document_id
            s.channel.publish(ProjectChanges(doc, gold=(doc,), initiator="review"))
        dialog = RelationDialog(review, s.document.id, s.document.text, s.undo_group.activeStack(), self,
                                s.pending.submit, decided)
        dialog.show()
        self._relations = dialog
        return dialog

    def _relations_shown(self):  # noqa: ANN202 - the open RelationDialog, or None
        dialog = self._relations
        return dialog if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() else None

    def _on_article_label_pressed(self, label: str, _exact: bool) -> None:
        selection = self.article.selection_range()
        if self.session is not None and selection is not None:
            self.session.edit_add(*selection, label)
            self.article.clear_selection()

    def _on_article_delete_pressed(self) -> None:
        if self.session is not None:
            self.session.edit_remove(self.article.selected_span_id)

    def _on_article_cycle_pressed(self, delta: int) -> None:
        if self.session is not None:
            self.session.step(delta)

    def _on_article_span_clicked(self, span_id: int | None) -> None:
        self.article.set_selected_span(span_id, scroll=False)

    def _on_session_adjudicated(self, _document_id: int) -> None:
        self.refresh_queue()

    def _on_project_changes(self, changes: ProjectChanges) -> None:
        """From the change channel: decisions (and their undo) move the queue's marks; new documents
        or layers (an import, a merge) refresh the queue."""
        s = self.session
        if s is None:
            return
        dialog = self._relations_shown()
        if dialog is not None and changes.touches_document(dialog.document_id):
            dialog.refresh()  # a unit decided in the window may make a relation ready to decide
        if changes.documents:
            self.refresh_queue()
        elif s.document is not None and s.document.id in changes.gold:
            done = s.adjudication.is_adjudicated(s.document.id)
            reopened = not done and any(u.reopened is not None and not u.decided for u in s.units)
            self.queue_model.update_state(s.document.id, done, reopened)

    # -- showing ------------------------------------------------------------------------
    def _text(self) -> str:
        doc = self.session.document if self.session else None
        return doc.text if doc else ""

    def _on_session_document_opened(self, doc: Document) -> None:
        self.article.set_article(doc.text, self.session.shown_spans(), doc.lang)
        dialog = self._relations_shown()
        if dialog is not None:  # non-modal: it goes on with the reviewer, never shows the last document
            dialog.show_document(doc.id, doc.text, self.session.undo_group.activeStack())
        self.document_opened.emit(doc)
        rows = [e.id for e in self.queue_model.rows]
        if doc.id in rows:
            self.queue.selectRow(rows.index(doc.id))

    def _on_session_units_changed(self) -> None:
        s = self.session
        self.article.label_keys = self._label_keys if s.draft is not None else {}
        self.article.set_decorations(spans=s.shown_spans())
        self.unit_model.set_rows(s.units)
        self._show_detail(s.unit())

    def _on_session_unit_selected(self, index: int) -> None:
        unit = self.session.unit()
        if unit is None:
            self.article.set_decorations(focus=None)
            self._show_detail(None)
            return
        self.units.selectRow(index)
        self.article.set_decorations(focus=(unit.start, unit.end))
        self.article.reveal(unit.start)
        self._show_detail(unit)
        self.article.setFocus()

    def _on_queue_activated(self, index) -> None:
        if self.session is not None:
            self.session.open_document(self.queue_model.rows[index.row()].id)

    def _on_units_clicked(self, index) -> None:
        if self.session is not None:
            self.session.select(index.row())

    def _show_detail(self, unit: Unit | None) -> None:
        s = self.session
        if s is None or s.document is None:
            self.detail.setText("<i>No document to review. Documents appear here once two or more "
                                "annotators have labelled them.</i>")
            return
        if unit is None:
            self.detail.setText("<i>No disagreement units in this document.</i>" if not s.units else "")
            return
        self.detail.setText(unit_html(unit, s.document.text, s.draft))


def _esc(text: str) -> str:
    """Text for rich-text labels: markup characters escaped, quotes left as typed."""
    return html.escape(text, quote=False)


def unit_html(unit: Unit, text: str, draft: list[tuple[int, int, str]] | None) -> str:
    """The versions of a unit, each annotator with their key, with notes and unsure flags."""
    def spans_html(spans) -> str:
        return ", ".join(f"<b>{_esc(label)}</b> {quoted(_esc(text[s:e]))}" for s, e, label in spans) \
            or "<i>no span</i>"

    lines = [f"<b>{unit.kind.value.capitalize()}</b> unit, characters {unit.start}–{unit.end}"]
    if unit.decision is not None:
        d = unit.decision
        lines.append(f"<span style='color:#2e7d32'>Decided ({d.action.value}) by {_esc(d.reviewer)}: "
                     f"{spans_html(d.spans)}</span>")
    elif unit.reopened is not None:
        d = unit.reopened
        lines.append(f"<span style='color:#b3261e'>Reopened: an annotator changed this unit after "
                     f"{_esc(d.reviewer)} decided it ({d.action.value}: {spans_html(d.spans)}); "
                     "that gold is outdated until you decide again</span>")
    if draft is not None:
        lines.append(f"<span style='color:#c27c0e'>Editing: {spans_html(draft)}</span> — Enter accepts, Esc cancels")
    key = {name: number for number, name in enumerate(unit.annotators, 1)}  # the same keys in every unit
    for candidate in sorted(unit.candidates, key=lambda c: min((key[n] for n in c.annotators), default=0)):  # in key order
        who = ", ".join(f"<b>[{key[name]}]</b> {_esc(name)}" for name in candidate.annotators)
        lines.append(f"{who}: {spans_html(candidate.spans)}")
        for source in candidate.sources:
            if source.note or source.unsure or source.attrs:
                flag = " <i>unsure</i>" if source.unsure else ""
                note = f": {_esc(source.note)}" if source.note else ""
                attrs = " · ".join(f"{_esc(k)} <b>{_esc(str(v))}</b>" for k, v in source.attrs.items())
                attrs = f" [{_esc(source.label)} {attrs}]" if attrs else ""  # what taking this version takes
                lines.append(f"&nbsp;&nbsp;&nbsp;{_esc(source.annotator)}{attrs}{flag}{note}")
    lines.append("<b>[0]</b> reject all (no span here)")
    return "<br>".join(lines)
