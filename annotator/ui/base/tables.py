"""Read-only table models over a list of rows, and the table view they are shown in.

Every list in the app (documents, spans, review queue, units, agreement pairs, ranking) is
a RowsModel: rows in a Python list, a subclass saying what each cell shows and, where a
column sorts, by what key. Sorting happens here in Python: a QSortFilterProxyModel would
call data() tens of thousands of times on big tables. Views use fixed row heights for the
same reason: sizing rows to their contents measures every row.
"""
from __future__ import annotations

from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
DISPLAY = Qt.ItemDataRole.DisplayRole


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A table over `rows`; subclasses define HEADERS, cell() and, for sortable columns, sort_key()."""

    HEADERS: tuple[str, ...] = ()
    TIPS: tuple[str, ...] = ()  # header tooltips, by column

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def change_rows(self, rows: Sequence[Row]) -> None:
        """Show `rows` as set_rows does, telling the view only which rows came, went or changed
        (an edit adds, removes or replaces one row: the view keeps its selection and scroll and
        repaints that row, instead of a reset that re-reads every row shown)."""
        old = self.rows
        new = list(rows)
        self.rows = new
        self._sort_rows()
        new = self.rows
        self.rows = old
        head, limit = 0, min(len(old), len(new))
        while head < limit and old[head] is new[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[len(old) - 1 - tail] is new[len(new) - 1 - tail]:
            tail += 1
        gone, came = len(old) - head - tail, len(new) - head - tail
        if gone == came:
            self.rows = new
            if gone:
                self.dataChanged.emit(self.index(head, 0), self.index(head + gone - 1, len(self.HEADERS) - 1))
        elif gone and came:
            self.set_rows(rows)
        elif came:
            self.beginInsertRows(QModelIndex(), head, head + came - 1)
            self.rows = new
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), head, head + gone - 1)
            self.rows = new
            self.endRemoveRows()

    def row_at(self, row: int) -> Row:
        return self.rows[row]

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError

    def sort_key(self, column: int, descending: bool) -> Callable[[Row], Any] | None:
        """Key that sorts `column`; None where the column does not sort."""
        return None

    # -- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.TIPS):
            return self.TIPS[section] or None
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.sort_key(column, order == Qt.SortOrder.DescendingOrder) is None:
            return
        self.layoutAboutToBeChanged.emit()
        self._order = (column, order)
        before = [id(r) for r in self.rows]
        self._sort_rows()
        after = {id(r): i for i, r in enumerate(self.rows)}
        for persistent in self.persistentIndexList():
            moved = after[before[persistent.row()]]
            self.changePersistentIndex(persistent, self.index(moved, persistent.column()))
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._order is not None:
            column, order = self._order
            descending = order == Qt.SortOrder.DescendingOrder
            key = self.sort_key(column, descending)
            if key is not None:
                self.rows.sort(key=key, reverse=descending)


def read_only_table(model: QAbstractTableModel, stretch: int | None = None, sortable: bool = False) -> QTableView:
    """A new table view in house style over `model`."""
    return style_table(QTableView(), model, stretch, sortable)


def style_table(view: QTableView, model: QAbstractTableModel, stretch: int | None = None,
                sortable: bool = False) -> QTableView:
    """House style: whole-row selection, fixed row height (no per-row measuring), one stretching column."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    if stretch is None:
        view.horizontalHeader().setStretchLastSection(True)
    else:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setSortingEnabled(sortable)
    return view
