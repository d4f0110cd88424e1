"""The selected span's attributes, editable from the keyboard, and its links.

Enter on a selected span in the article focuses the first attribute; in a choice, a digit
picks the value with that number (shown before each value, 0 for the tenth; Backspace clears
it), Tab goes to the next attribute, Esc goes back to the article. A number or text is
stored when its field is left or Enter is pressed. In the links list Del removes a link.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

from annotator.core.model import Span
from annotator.core.relation import Relation
from annotator.core.schema import AttributeDef, Schema
from annotator.ui.base.quoting import quoted

_EMPTY = "—"


class _Choice(QComboBox):
    """A choice whose values are numbered: a digit picks, Backspace clears, Esc leaves."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            index = int(text) or 10
            if index < self.count():
                self.setCurrentIndex(index)
                self.activated.emit(index)
            return
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.setCurrentIndex(0)
            self.activated.emit(0)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class _Field(QLineEdit):
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class _Links(QListWidget):
    delete_pressed = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.left.emit()
        else:
            super().keyPressEvent(event)


class AttributePanel(QWidget):
    """Shows one span; edits come out as signals (the workspace stores them, undoably)."""

    attribute_edited = Signal(str, object)  # attribute name, value (None clears it)
    unlink_requested = Signal(object)  # Relation
    left = Signal()  # Esc: back to the article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.links = _Links()
        self.links.setMaximumHeight(110)
        self.links.delete_pressed.connect(self._on_links_delete)
        self.links.left.connect(self.left)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        self.links_title = QLabel("<b>Links</b> (L in the article links; Del here removes)")
        layout.addWidget(self.links_title)
        layout.addWidget(self.links)
        layout.addStretch(1)
        self.editors: dict[str, QWidget] = {}
        self._shape: tuple[Any, ...] = ()
        self._showing: tuple[Any, ...] = ("nothing shown yet",)
        self.show_span(None, "", None, [])

    def show_span(self, span: Span | None, text: str, schema: Schema | None,
                  links: list[tuple[str, Relation]]) -> None:
        """Show `span` (None: nothing selected) with its attributes and links (description, relation);
        the same again (a keystroke elsewhere in the article) changes nothing on screen."""
        showing = (span, text[span.start:span.end] if span is not None else "", schema, links)
        if showing == self._showing:
            return
        self._showing = showing
        if span is None or schema is None:
            self.title.setText("<i>Select a span to see its attributes and links.</i>")
            self._rebuild((), selected=False)
            self._set_links([])
            return
        snippet = " ".join(text[span.start:span.end].split())
        self.title.setText(f"<b>{span.label}</b> {quoted(snippet[:80])} — Enter edits, Esc returns")
        definitions = schema.attributes_of(span.label)
        shape = (span.label, definitions)
        if shape != self._shape:
            self._rebuild(definitions)
            self._shape = shape
        for definition in definitions:
            self._set_value(definition, span.attrs.get(definition.name))
        self._set_links(links)

    def focus_first(self) -> bool:
        first = next(iter(self.editors.values()), None)
        if first is None:
            return False
        first.setFocus()
        return True

    # -- building ---------------------------------------------------------------------
    def _rebuild(self, definitions: tuple[AttributeDef, ...], selected: bool = True) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        self._shape = ()
        for d in definitions:
            editor = self._editor(d)
            self.editors[d.name] = editor
            self.form.addRow(d.name, editor)
            editor.show()  # at once, not after the next event-loop turn: Enter may focus it right away
        if not definitions and selected:  # with nothing selected there is no label to speak of
            self.form.addRow(QLabel("<i>no attributes for this label</i>"))

    def _editor(self, d: AttributeDef) -> QWidget:
        if d.type == "choice":
            combo = _Choice()
            combo.addItem(_EMPTY)
            for i, value in enumerate(d.values, 1):
                combo.addItem(f"{i % 10 if i <= 10 else ' '}  {value}", value)
            combo.activated.connect(lambda i, n=d.name, c=combo: self.attribute_edited.emit(n, c.itemData(i)))
            combo.left.connect(self.left)
            return combo
        if d.type == "bool":
            box = QCheckBox()
            box.clicked.connect(lambda on, n=d.name: self.attribute_edited.emit(n, bool(on)))
            return box
        field = _Field()
        field.setPlaceholderText("a number" if d.type == "number" else "text")
        field.editingFinished.connect(lambda n=d.name, f=field, kind=d.type: self._on_field(n, f, kind))
        field.left.connect(self.left)
        return field

    def _set_value(self, d: AttributeDef, value: Any) -> None:
        editor = self.editors.get(d.name)
        editor.blockSignals(True)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(d.values.index(value) + 1 if value in d.values else 0)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else f"{value}")
        editor.blockSignals(False)

    def _on_field(self, name: str, field: QLineEdit, kind: str) -> None:
        raw = field.text().strip().replace(",", "").replace("_", "")
        if kind != "number":
            self.attribute_edited.emit(name, field.text() or None)
            return
        try:
            value: Any = None if not raw else (int(raw) if raw.lstrip("-").isdigit() else float(raw))
        except ValueError:
            self.attribute_edited.emit(name, field.text())  # the schema's check names the problem
            return
        self.attribute_edited.emit(name, value)

    def _set_links(self, links: list[tuple[str, Relation]]) -> None:
        self.links.clear()
        for description, relation in links:
            item = QListWidgetItem(description)
            item.setData(Qt.ItemDataRole.UserRole, relation)
            self.links.addItem(item)
        self.links_title.setVisible(True)

    def _on_links_delete(self) -> None:
        item = self.links.currentItem()
        if item is not None:
            self.unlink_requested.emit(item.data(Qt.ItemDataRole.UserRole))
