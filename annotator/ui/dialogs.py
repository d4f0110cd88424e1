"""Small dialogs: a span's note and unsure flag; the annotator's name."""
from __future__ import annotations

import getpass

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QInputDialog, QLabel, QMessageBox,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError
from annotator.core.model import check_annotator_name


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
        layout.addWidget(QLabel(f"“{span_text[:120]}”"))
        layout.addWidget(self.note)
        layout.addWidget(self.unsure)
        layout.addWidget(buttons)
        self.resize(420, 220)

    def values(self) -> tuple[str, bool]:
        return self.note.toPlainText().strip(), self.unsure.isChecked()


def ask_annotator_name(parent: QWidget | None, current: str = "", known: list[str] | None = None) -> str | None:
    """Ask who is annotating (known names offered, a new one may be typed); None when cancelled."""
    default = current or getpass.getuser()
    names = sorted(set(known or []) | {default})
    name, ok = QInputDialog.getItem(
        parent, "Who is annotating?",
        "Your name is stored with every span you make and kept for next time.\nName:",
        names, names.index(default), True)
    if not ok:
        return None
    try:
        return check_annotator_name(name)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Choose another name", str(exc))
        return ask_annotator_name(parent, current, known)
