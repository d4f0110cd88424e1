"""Qt table models of review mode: the queue of documents and the units of the open document."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.core.units import Unit, UnitKind
from annotator.services.adjudication import QueueEntry
from annotator.ui.base.tables import RowsModel

_KIND_TEXT = {UnitKind.UNANIMOUS: "agreed", UnitKind.LABEL: "label", UnitKind.BOUNDARY: "boundary",
              UnitKind.MISSING: "missing"}


class ReviewQueueModel(RowsModel[QueueEntry]):
    """Documents labelled by two or more annotators, most disagreement first."""

    HEADERS = ("", "Title", "Disagree")

    def update_state(self, document_id: int, adjudicated: bool, reopened: bool) -> None:
        """One document's marks after a decision, an undo or a redo (the queue is not measured again)."""
        row = next((i for i, e in enumerate(self.rows) if e.id == document_id), -1)
        if row >= 0:
            self.rows[row] = replace(self.rows[row], adjudicated=adjudicated, reopened=reopened)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def cell(self, row: QueueEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✓" if row.adjudicated else "↻" if row.reopened else ""
            return (mark, row.title, f"{row.disagreement:.0%}")[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            state = ("adjudicated" if row.adjudicated else
                     "reopened: an annotator changed units after they were decided" if row.reopened
                     else "to adjudicate")
            return f"{row.title}\nannotators: {', '.join(row.annotators)}\n{state}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor("#b3261e" if row.reopened else "#2e7d32")
        return None


class UnitListModel(RowsModel[Unit]):
    """The disagreement units of the open document, in text order."""

    HEADERS = ("", "Kind", "Text")

    def __init__(self, text: Callable[[], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._text = text

    def cell(self, row: Unit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            piece = self._text()[row.start:row.end].replace("\n", " ")
            return (_mark(row), _KIND_TEXT[row.kind], piece)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor("#2e7d32" if row.decided else "#b3261e" if row.reopened else "#c27c0e")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = ["reopened: an annotator changed it after it was decided"] if row.reopened and not row.decided else []
            lines += [f"{s.annotator}: {s.note or ''}{' (unsure)' if s.unsure else ''}" for s in row.flagged]
            return "\n".join(lines) or None
        return None


def _mark(unit: Unit) -> str:
    """✓ decided, ↻ reopened (decided once, changed since), ! a note or unsure flag to read."""
    if unit.decided:
        return "✓"
    if unit.reopened is not None:
        return "↻"
    return "!" if unit.flagged else ""
