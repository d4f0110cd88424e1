"""Document list: a Qt table model over the store's summaries, with status filter, search, progress."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from annotator.core.model import DocumentSummary, Status
from annotator.core.wording import plural
from annotator.ui.base.tables import RowsModel, read_only_table

_STATUS_TEXT = {Status.TODO: "to do", Status.IN_PROGRESS: "started", Status.DONE: "done", Status.SKIPPED: "skipped"}
_STATUS_COLOUR = {Status.TODO: "#8a8a8a", Status.IN_PROGRESS: "#c27c0e", Status.DONE: "#2e7d32",
                  Status.SKIPPED: "#7a5c99"}


class DocumentListModel(RowsModel[DocumentSummary]):
    """Rows: one document each (status, title, span count) for the current annotator."""

    HEADERS = ("Status", "Title", "Spans")

    def update_row(self, summary: DocumentSummary) -> None:
        row = self.row_of(summary.id)
        if row >= 0:
            self.rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def row_of(self, document_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == document_id), -1)

    def summary(self, row: int) -> DocumentSummary:
        return self.rows[row]

    def cell(self, row: DocumentSummary, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (_STATUS_TEXT[row.status], row.title, row.span_count)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor(_STATUS_COLOUR[row.status])
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{row.title}\n{plural(row.length, 'character')} · {plural(row.span_count, 'span')}"
                    f" · {_STATUS_TEXT[row.status]}")
        return None


class DocumentPanel(QWidget):
    """Filter, search, the list and a done-of-total progress bar."""

    document_activated = Signal(int)
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(self)
        self.status_filter = QComboBox()
        self.status_filter.addItem("All documents", None)
        for status in Status:
            self.status_filter.addItem(_STATUS_TEXT[status].capitalize(), status)
        self.search = QLineEdit(placeholderText="Search titles and text…", clearButtonEnabled=True)
        self.table = read_only_table(self.model, stretch=1)
        self.table.setColumnWidth(0, self.fontMetrics().horizontalAdvance("skipped") + 16)
        self.table.setColumnWidth(2, self.fontMetrics().horizontalAdvance("Spans") + 16)
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m done")
        top = QHBoxLayout()
        top.addWidget(self.status_filter)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(self.filter_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)
        self.search.installEventFilter(self)  # after Ctrl+L, the arrows go on into the list

    def current_filter(self) -> tuple[Status | None, str]:
        data = self.status_filter.currentData()  # Qt hands the str-valued enum back as str
        return (Status(data) if data else None), self.search.text().strip()

    def set_rows(self, rows: list[DocumentSummary], done: int, total: int) -> None:
        self.model.set_rows(rows)
        self.set_progress(done, total)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat("%v of %m done" if total else "No documents yet")

    def show_current(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down / Up in the search field move into the list (Enter there opens the document)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and self.model.rowCount() \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            current = self.table.currentIndex().row()
            step = 1 if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1
            row = max(0, min(self.model.rowCount() - 1, current + step if current >= 0 else 0))
            self.table.setFocus()
            self.table.selectRow(row)
            return True
        return super().eventFilter(watched, event)

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.document_activated.emit(self.model.summary(index.row()).id)
