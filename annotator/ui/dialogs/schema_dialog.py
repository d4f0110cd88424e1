"""Project > Labels and Schema: the project's schema as the JSON `annotator schema show --json`
prints, edited and applied in one transaction; and renaming a label with its spans.

A change that would orphan stored work, or JSON that does not parse, is one line in the
dialog and changes nothing.
"""
from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema, SchemaError
from annotator.services import schema as service
from annotator.services.project import ProjectStore
from annotator.core.wording import plural


class SchemaDialog(QDialog):
    """Edit the schema of `store` as JSON; `changed` tells the window to show the new labels."""

    changed = Signal()

    def __init__(self, store: ProjectStore, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Labels and Schema")
        self.store, self.annotator = store, annotator
        intro = QLabel("Labels (name, colour, key, description, guideline) with their attributes, relation "
                       "types and vague quantities. Fields left out keep their current value. Apply refuses "
                       "changes that would leave spans, values or links without a definition.")
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.old = QComboBox()
        self.new = QLineEdit()
        self.new.setPlaceholderText("new name")
        rename = QPushButton("Rename label")
        rename.clicked.connect(self.rename)
        row = QHBoxLayout()
        for widget in (QLabel("Rename"), self.old, QLabel("to"), self.new, rename):
            row.addWidget(widget)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.editor):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.load()

    def load(self) -> None:
        schema = self.store.schema()
        self.editor.setPlainText(json.dumps(schema.to_json(), indent=2, ensure_ascii=False))
        self.old.clear()
        self.old.addItems(schema.label_names)

    def apply(self) -> bool:
        try:
            data = json.loads(self.editor.toPlainText())
        except json.JSONDecodeError as exc:
            return self._fail(f"not JSON: {exc}")
        try:
            with self.store.patient():  # the window's 40 ms wait is for keystrokes, not this
                service.set_schema(self.store, Schema.from_json(data, self.store.schema()), self.annotator)
        except (SchemaError, AnnotatorError) as exc:
            return self._fail(str(exc))
        return self._done("Schema saved.")

    def rename(self) -> bool:
        old, new = self.old.currentText(), self.new.text().strip()
        try:
            with self.store.patient():
                count = service.rename_label(self.store, old, new, self.annotator)
        except AnnotatorError as exc:
            return self._fail(str(exc))
        self.new.clear()
        return self._done(f"{old} is now {new} ({plural(count, 'span')}).")

    def _fail(self, text: str) -> bool:
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setText(text)
        return False

    def _done(self, text: str) -> bool:
        self.problem.setStyleSheet("color: #1b5e20")
        self.problem.setText(text)
        self.load()
        self.changed.emit()
        return True
