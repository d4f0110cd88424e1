"""Find bar under the article: find text, step through hits, label every hit in one step."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    """Finds hits through `search` (set by the window) and emits the hit or all hits to label."""

    hit_chosen = Signal(int, int)  # code points of the hit to select
    hits_changed = Signal(object)  # every hit [(start, end)], to mark in the article; [] when closed
    label_all_requested = Signal(object, str)  # every hit [(start, end)], label name
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QLineEdit(placeholderText="Find in article (Enter: next hit, then press a label key)")
        self.whole = QCheckBox("Whole words")
        self.whole.setChecked(True)
        self.count = QLabel("")
        self.label = QComboBox()
        self.label_all = QPushButton("Label all matches")
        close = QPushButton("✕")
        close.setFlat(True)
        close.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget, stretch in ((self.query, 1), (self.whole, 0), (self.count, 0), (QLabel("as"), 0),
                                (self.label, 0), (self.label_all, 0), (close, 0)):
            layout.addWidget(widget, stretch)
        self.search: Callable[[str, bool], list[tuple[int, int]]] = lambda query, whole: []
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self.query.textChanged.connect(self.refresh)
        self.whole.toggled.connect(self.refresh)
        self.query.returnPressed.connect(self.next_hit)
        self.label_all.clicked.connect(self._on_label_all_clicked)
        close.clicked.connect(self.close_bar)

    def set_labels(self, names: list[str]) -> None:
        self.label.clear()
        self.label.addItems(names)

    def refresh(self) -> None:
        """Search again (new query, or another document opened)."""
        self._hits = self.search(self.query.text(), self.whole.isChecked()) if self.isVisible() else []
        self._hit = -1
        self._show_count()
        self.hits_changed.emit(list(self._hits))

    def next_hit(self, delta: int = 1) -> None:
        if self._hits:
            self._hit = (self._hit + delta) % len(self._hits)
            self._show_count()
            self.hit_chosen.emit(*self._hits[self._hit])

    def _show_count(self) -> None:
        total = len(self._hits)
        text = f"{self._hit + 1} of {total}" if total and self._hit >= 0 else f"{total} found" if total else ""
        self.count.setText(text or ("no match" if self.query.text().strip() else ""))

    def _on_label_all_clicked(self) -> None:
        if self._hits:
            self.label_all_requested.emit(list(self._hits), self.label.currentText())

    def open_bar(self) -> None:
        self.show()
        self.query.setFocus()
        self.query.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        self.hide()
        self.hits_changed.emit([])
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)
