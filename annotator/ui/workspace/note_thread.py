"""A note thread: the span's note, the replies with author and time, and a box to answer."""
from __future__ import annotations

from html import escape
from typing import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTextBrowser,
                               QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError
from annotator.services import notes
from annotator.services.project import ProjectStore

Target = tuple[str, tuple[int, int, str] | None, str]  # (layer, span key or None for the document, what it shows)


class NoteThreadDialog(QDialog):
    """Read and answer the threads of some spans (or a document); each reply is stored as it is sent."""

    replied = Signal()

    def __init__(self, store: ProjectStore, document_id: int, targets: Sequence[Target], author: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Note thread — writing as {author}")
        self.store, self.document_id, self.targets, self.author = store, document_id, list(targets), author
        self.choice = QComboBox()
        for layer, span, shown in self.targets:
            self.choice.addItem(f"{layer}: {shown}")
        self.choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.thread = QTextBrowser()
        self.reply_box = QPlainTextEdit()
        self.reply_box.setPlaceholderText("Your reply (Ctrl+Enter sends)")
        self.reply_box.setTabChangesFocus(True)
        self.error = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = buttons.addButton("Reply", QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.clicked.connect(self.send)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.send)
        layout = QVBoxLayout(self)
        for widget in (self.choice, self.thread, self.reply_box, self.error, buttons):
            layout.addWidget(widget)
        self.choice.setVisible(len(self.targets) > 1)
        self.resize(460, 380)
        self.refresh()

    def current(self) -> Target:
        return self.targets[max(self.choice.currentIndex(), 0)]

    def refresh(self) -> None:
        layer, span, _ = self.current()
        thread = notes.thread_of(self.store, self.document_id, layer, span)
        parts = [f"<p><b>{escape(layer)}</b> (note on the span): {escape(thread.note)}</p>"] if thread.note else []
        parts += [f"<p><b>{escape(e.author)}</b> <small>{escape(e.written_at[:16].replace('T', ' '))}</small><br>"
                  f"{escape(e.text)}</p>" for e in thread.entries]
        self.thread.setHtml("".join(parts) or "<p><i>No note or reply yet.</i></p>")
        self.entries = thread.entries

    def send(self) -> None:
        layer, span, _ = self.current()
        try:
            notes.reply(self.store, self.document_id, layer, span, self.author, self.reply_box.toPlainText())
        except AnnotatorError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.reply_box.clear()
        self.refresh()
        self.replied.emit()
