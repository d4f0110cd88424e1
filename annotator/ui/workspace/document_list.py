"""Document list: a lazy Qt table model over the ids of a filter, with status filter, search, progress.

At 100,000 documents the list cannot hold a summary per row: the model holds only the
matching ids (ascending) and fetches summaries a page at a time as rows are shown (indexed
columns only: title, length, status, span count). Refreshes (a filter, a search as you type,
new data) query the ids on a worker thread with its own connection; the newest answer wins.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from annotator.services.team import assigned_first
from annotator.core.model import DocumentSummary, Status
from annotator.core.wording import plural
from annotator.ui.base.background import NewestWins
from annotator.ui.base.tables import DISPLAY, Index, read_only_table

_STATUS_TEXT = {Status.TODO: "to do", Status.IN_PROGRESS: "started", Status.DONE: "done", Status.SKIPPED: "skipped"}
_STATUS_COLOUR = {Status.TODO: "#8a8a8a", Status.IN_PROGRESS: "#c27c0e", Status.DONE: "#2e7d32",
                  Status.SKIPPED: "#7a5c99"}
_PAGE = 128  # rows fetched at once when one of them is shown
_PAGES_KEPT = 64  # pages cached (8,192 rows); older ones are fetched again when shown
Fetch = Callable[[Sequence[int]], list[DocumentSummary]]


class DocumentListModel(QAbstractTableModel):
    """Rows: one document each (status, title, span count) for the current annotator, fetched when shown."""

    HEADERS = ("Status", "Title", "Spans", "Lang")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ids: list[int] = []
        self._rows: dict[int, int] = {}  # document id -> row
        self.fetch: Fetch | None = None
        self._pages: dict[int, list[DocumentSummary]] = {}

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show the documents `ids` (in that order: ascending, or an annotator's assignment first);
        their summaries come from `fetch` when shown."""
        self.beginResetModel()
        self.ids = list(ids)
        self._rows = {doc: row for row, doc in enumerate(self.ids)}
        self._pages.clear()
        self.endResetModel()

    def set_rows(self, rows: Sequence[DocumentSummary]) -> None:
        """Show these summaries (in id order), nothing to fetch."""
        rows = sorted(rows, key=lambda r: r.id)
        self.set_ids([r.id for r in rows])
        self._pages = {p: list(rows[p * _PAGE:(p + 1) * _PAGE]) for p in range((len(rows) + _PAGE - 1) // _PAGE)}

    def row_of(self, document_id: int) -> int:
        return self._rows.get(document_id, -1)

    def summary(self, row: int) -> DocumentSummary:
        page = self._page(row // _PAGE)
        return page[row % _PAGE]

    def update_row(self, summary: DocumentSummary) -> None:
        row = self.row_of(summary.id)
        if row >= 0:
            page = self._pages.get(row // _PAGE)
            if page is not None:
                page[row % _PAGE] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def _page(self, number: int) -> list[DocumentSummary]:
        page = self._pages.pop(number, None)  # popped and put back: the dict's order is recency
        if page is None:
            ids = self.ids[number * _PAGE:(number + 1) * _PAGE]
            found = {s.id: s for s in (self.fetch(ids) if self.fetch is not None else [])}
            page = [found.get(i) or DocumentSummary(i, "(not found)", 0, Status.TODO, 0) for i in ids]
            while len(self._pages) >= _PAGES_KEPT:
                self._pages.pop(next(iter(self._pages)))
        self._pages[number] = page
        return page

    # -- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role not in (DISPLAY, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            return None  # no fetch for roles we do not show
        return self.cell(self.summary(index.row()), index.column(), role)

    def cell(self, row: DocumentSummary, col: int, role: int) -> Any:
        if role == DISPLAY:
            return (_STATUS_TEXT[row.status], row.title, row.span_count, row.lang)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor(_STATUS_COLOUR[row.status])
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{row.title}\n{plural(row.length, 'character')} · {plural(row.span_count, 'span')}"
                    f" · {_STATUS_TEXT[row.status]} · language {row.lang}")
        return None


def _query(project: Path, annotator: str, status: Status | None, search: str) -> tuple[list[int], int, int]:
    """(matching ids, documents done, documents in all), on the list's worker thread."""
    from annotator.ui.base.background import thread_store

    store = thread_store(project)
    ids = assigned_first(store, annotator, store.document_ids(annotator, status, search))  # one rule, issue 18
    return ids, store.status_counts(annotator)["done"], store.document_count()


class DocumentListLoader(QObject):
    """request(...) -> loaded(ids, done, total) on the GUI thread; only the newest request is delivered."""

    loaded = Signal(object, int, int)
    failed = Signal(str)

    def __init__(self, project: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._jobs = NewestWins("document-list", self)  # the user types on: only the newest answer shows
        self._jobs.delivered.connect(lambda answer: self.loaded.emit(*answer))
        self._jobs.failed.connect(self.failed)

    def request(self, annotator: str, status: Status | None, search: str) -> None:
        self._jobs.request(lambda *args: _query(*args), self.project, annotator, status, search)


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
        self.table.setColumnWidth(3, self.fontMetrics().horizontalAdvance("Lang") + 16)
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
        self._search_timer = QTimer(self, singleShot=True, interval=120)  # a pause in typing, then search
        self._search_timer.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(self.filter_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)
        self.search.installEventFilter(self)  # after Ctrl+L, the arrows go on into the list

    def current_filter(self) -> tuple[Status | None, str]:
        data = self.status_filter.currentData()  # Qt hands the str-valued enum back as str
        return (Status(data) if data else None), self.search.text().strip()

    def set_ids(self, ids: Sequence[int], done: int, total: int) -> None:
        self.model.set_ids(ids)
        self.set_progress(done, total)

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
