"""Span list of the open document: a Qt table model that sorts itself; click a row to jump."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView, QWidget

from annotator.core.model import Span
from annotator.ui.base.tables import RowsModel, style_table


class SpanTableModel(RowsModel[Span]):
    """Columns: label, text, note (with the unsure flag); sorts itself by any column."""

    HEADERS = ("Label", "Text", "Note")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.colours: dict[str, QColor] = {}

    def set_spans(self, text: str, spans: list[Span]) -> None:
        """The open document's spans: another document's reset the table, an edit's change its rows."""
        if text is self._text:
            self.change_rows(spans)
        else:
            self._text = text
            self.set_rows(spans)

    def span_at(self, row: int) -> Span:
        return self.rows[row]

    def row_of(self, span_id: int) -> int:
        return next((i for i, s in enumerate(self.rows) if s.id == span_id), -1)

    def sort_key(self, column: int, descending: bool) -> Callable[[Span], Any]:
        return ((lambda s: (s.label, s.start)), (lambda s: (s.start, s.end)), (lambda s: (s.note, s.start)))[column]

    def cell(self, span: Span, col: int, role: int) -> Any:
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
        style_table(self, self.source, stretch=1, sortable=True)
        self.sortByColumn(1, Qt.SortOrder.AscendingOrder)
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
