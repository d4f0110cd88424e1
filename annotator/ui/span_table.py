"""Span list of the open document: a Qt table model that sorts itself; click a row to jump."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.model import Span

Index = QModelIndex | QPersistentModelIndex


class SpanTableModel(QAbstractTableModel):
    """Columns: label, text, note (with the unsure flag); sort keys are the natural values."""

    HEADERS = ("Label", "Text", "Note")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._spans: list[Span] = []
        self._text = ""
        self._sort_key: tuple[int, Qt.SortOrder] = (1, Qt.SortOrder.AscendingOrder)
        self.colours: dict[str, QColor] = {}

    def set_spans(self, text: str, spans: list[Span]) -> None:
        self.beginResetModel()
        self._text, self._spans = text, list(spans)
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here in Python: a proxy would call data() tens of thousands of times."""
        self.layoutAboutToBeChanged.emit()
        self._sort_key = (column, order)
        ids_before = [s.id for s in self._spans]
        self._sort_rows()
        row_after = {s.id: i for i, s in enumerate(self._spans)}
        for persistent in self.persistentIndexList():
            new_row = row_after[ids_before[persistent.row()]]
            self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort_key
        keys = {0: lambda s: (s.label, s.start), 1: lambda s: (s.start, s.end), 2: lambda s: (s.note, s.start)}
        self._spans.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)

    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: int) -> int:
        return next((i for i, s in enumerate(self._spans) if s.id == span_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span, col = self._spans[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            note = ("? " if span.unsure else "") + span.note
            return (span.label, self._text[span.start:span.end].replace("\n", " "), note)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self.colours.get(span.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"characters {span.start}–{span.end}"
            return f"{span.label}: {self._text[span.start:span.end]}\n{where}" + ("\nunsure" if span.unsure else "")
        return None


class SpanTable(QTableView):
    """The span list; activating a row asks to select (and scroll to) that span."""

    span_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = SpanTableModel(self)
        self.setModel(self.source)
        self.setSortingEnabled(True)
        self.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(False)
        # Fixed sizes: sizing to contents would measure every row of a 2,000-span article.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, self.fontMetrics().horizontalAdvance("ATTRIBUTION") + 36)
        self.setColumnWidth(2, 70)
        self.clicked.connect(self._on_row_activated)
        self.activated.connect(self._on_row_activated)

    def show_span(self, span_id: int | None) -> None:
        if span_id is None:
            self.clearSelection()
            return
        row = self.source.row_of(span_id)
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(self.source.index(row, 0))

    def _on_row_activated(self, index: QModelIndex) -> None:
        span = self.source.span_at(index.row())
        if span.id is not None:
            self.span_activated.emit(span.id)
