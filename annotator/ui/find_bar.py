"""Find bar under the article: find text, step through hits, label every hit in one step."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    """Emits what the user asked for; the main window runs it against the open document."""

    search_changed = Signal(str, bool)  # query, whole words
    next_requested = Signal(int)  # +1 / -1
    label_all_requested = Signal(str)  # label name
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
        self.query.textChanged.connect(self._emit_search)
        self.whole.toggled.connect(self._emit_search)
        self.query.returnPressed.connect(lambda: self.next_requested.emit(1))
        self.label_all.clicked.connect(lambda: self.label_all_requested.emit(self.label.currentText()))
        close.clicked.connect(self.close_bar)

    def set_labels(self, names: list[str]) -> None:
        self.label.clear()
        self.label.addItems(names)

    def set_count(self, current: int, total: int) -> None:
        self.count.setText(f"{current} of {total}" if total else ("no match" if self.query.text() else ""))

    def open_bar(self) -> None:
        self.show()
        self.query.setFocus()
        self.query.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def _emit_search(self) -> None:
        self.search_changed.emit(self.query.text(), self.whole.isChecked())
