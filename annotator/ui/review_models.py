"""Qt table models of review mode: the queue of documents and the units of the open document."""
from __future__ import annotations

from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.units import Unit, UnitKind
from annotator.services.adjudication import QueueEntry

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
_KIND_TEXT = {UnitKind.UNANIMOUS: "agreed", UnitKind.LABEL: "label", UnitKind.BOUNDARY: "boundary",
              UnitKind.MISSING: "missing"}


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a list of rows; subclasses say how a row shows per column."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError


class ReviewQueueModel(_RowsModel[QueueEntry]):
    """Documents labelled by two or more annotators, most disagreement first."""

    HEADERS = ("", "Title", "Disagree")

    def cell(self, row: QueueEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return ("✓" if row.adjudicated else "", row.title, f"{row.disagreement:.0%}")[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "adjudicated" if row.adjudicated else "to adjudicate"
            return f"{row.title}\nannotators: {', '.join(row.annotators)}\n{state}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor("#2e7d32")
        return None


class UnitListModel(_RowsModel[Unit]):
    """The disagreement units of the open document, in text order."""

    HEADERS = ("", "Kind", "Text")

    def __init__(self, text: Callable[[], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._text = text

    def cell(self, row: Unit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            piece = self._text()[row.start:row.end].replace("\n", " ")
            return ("✓" if row.decided else ("!" if row.flagged else ""), _KIND_TEXT[row.kind], piece)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor("#2e7d32" if row.decided else "#c27c0e")
        if role == Qt.ItemDataRole.ToolTipRole and row.flagged:
            return "\n".join(f"{s.annotator}: {s.note or ''}{' (unsure)' if s.unsure else ''}" for s in row.flagged)
        return None
