"""The note and unsure flag of one span (F2 in the workspace)."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from annotator.ui.base.quoting import quoted


class NoteDialog(QDialog):
    """Edit the note and the unsure flag of one span."""

    def __init__(self, span_text: str, note: str, unsure: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note on span")
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("Why this label or these boundaries? The reviewer sees this.\n"
                                     "Ctrl+Enter saves, Esc cancels.")
        self.note.setTabChangesFocus(True)  # Tab reaches the checkbox and the buttons
        self.unsure = QCheckBox("Unsure: ask the reviewer to look at this span")
        self.unsure.setChecked(unsure)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # Enter is a new line in the note
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(quoted(span_text[:120])))
        layout.addWidget(self.note)
        layout.addWidget(self.unsure)
        layout.addWidget(buttons)
        self.resize(420, 220)

    def values(self) -> tuple[str, bool]:
        return self.note.toPlainText().strip(), self.unsure.isChecked()
