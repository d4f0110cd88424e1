"""Review mode, L: the document's relations, decided into gold once both ends are gold spans.

T takes the selected relation (a gold link between the gold spans), R rejects it; each
decision is a step of the document's review undo history (Ctrl+Z in the window, or Undo
here). A relation whose ends are not both in gold yet waits until the units are decided.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError, BusyError
from annotator.services.relation_review import RelationCandidate, RelationReview
from annotator.ui.base.quoting import quoted
from annotator.ui.base.tables import RowsModel, read_only_table


class _Step(QUndoCommand):
    """One relation decision as a step of the review undo history."""

    def __init__(self, review: RelationReview, decision: int, text: str, after: Callable[[], None],
                 submit: Callable[[Callable[[], None]], None]) -> None:
        super().__init__(text)
        self._review, self._decision, self._after, self._submit, self._first = review, decision, after, submit, True

    def redo(self) -> None:
        if not self._first:
            self._submit(lambda: (self._review.redo(self._decision), self._after()))
        self._first = False

    def undo(self) -> None:
        self._submit(lambda: (self._review.undo(self._decision), self._after()))


class RelationsModel(RowsModel[RelationCandidate]):
    HEADERS = ("Head", "Relation", "Child", "Made by", "Decision")

    def __init__(self, text: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = text

    def cell(self, c: RelationCandidate, col: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        (hs, he, hl), (cs, ce, cl), kind = c.key
        state = (f"{c.decision.action} ({c.decision.reviewer})" if c.decision else
                 "open: T take, R reject" if c.ready else "waits for both ends in gold")
        return (f"{quoted(self.text[hs:he])} {hl}", kind, f"{quoted(self.text[cs:ce])} {cl}", ", ".join(c.annotators), state)[col]


class RelationDialog(QDialog):
    """The relations of one document for the reviewer."""

    def __init__(self, review: RelationReview, document_id: int, text: str, stack: QUndoStack | None,
                 parent: QWidget | None = None, submit: Callable[[Callable[[], None]], None] | None = None,
                 decided: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._submit = submit or (lambda write: write())  # the review session's write queue
        self._decided = decided or (lambda: None)  # publishes the gold change on the window's channel
        self.setWindowTitle("Relations to decide")
        self.review, self.document_id, self.stack = review, document_id, stack
        self.model = RelationsModel(text, self)
        self.table = read_only_table(self.model, stretch=4)
        self.table.installEventFilter(self)
        self.problem = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        undo = buttons.addButton("Undo", QDialogButtonBox.ButtonRole.ActionRole)
        undo.clicked.connect(lambda: self.stack is not None and self.stack.undo())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("T takes the selected relation into gold, R rejects it; Esc closes."))
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(720, 320)
        self.refresh()

    def show_document(self, document_id: int, text: str, stack: QUndoStack | None) -> None:
        """The reviewer moved on: this document's relations (and its undo history) from now on."""
        self.document_id, self.stack = document_id, stack
        self.model.text = text
        self.problem.setText("")
        self.table.clearSelection()
        self.table.setCurrentIndex(self.model.index(-1, -1))
        self.refresh()

    def refresh(self) -> None:
        row = max(self.table.currentIndex().row(), 0)
        self.model.set_rows(self.review.candidates(self.document_id))
        self.table.resizeColumnsToContents()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def decide(self, action: str) -> bool:
        row = self.table.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            return False
        key = self.model.row_at(row).key
        self._submit(lambda: self._decide_now(action, key))  # waits while another program writes
        return True

    def _decide_now(self, action: str, key: Any) -> None:
        try:
            decision = (self.review.take if action == "take" else self.review.reject)(self.document_id, key)
        except BusyError:
            raise  # the write queue tries again
        except AnnotatorError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.setText("")
        if self.stack is not None:
            self.stack.push(_Step(self.review, decision, f"{action} {key[2]}", self._after_step, self._submit))
        self._after_step()

    def _after_step(self) -> None:
        self.refresh()
        self._decided()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            text = event.text().lower()
            if text in ("t", "r"):
                self.decide("take" if text == "t" else "reject")
                return True
        return super().eventFilter(watched, event)
