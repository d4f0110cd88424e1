"""Label palette: one button per label with its key and colour; hover shows the guideline."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.core.model import Label


class LabelPalette(QWidget):
    """Clicking a label labels the selection (or relabels the selected span), like its key."""

    label_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self.buttons: dict[str, QPushButton] = {}

    def set_labels(self, labels: list[Label]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.buttons = {}
        for label in labels:
            button = QPushButton(f"  {label.key or ' '}   {label.name}")
            button.setStyleSheet(
                f"QPushButton {{ text-align: left; padding: 5px 8px; border-left: 8px solid {label.colour};"
                f" border-radius: 3px; background: palette(button); }}"
                f" QPushButton:hover {{ background: {label.colour}33; }}")
            button.setToolTip(f"<b>{label.name}</b> (key {label.key or '–'})<br>{label.description}"
                              f"<br><br><i>{label.guideline}</i>")
            button.setFocusPolicy(button.focusPolicy().NoFocus)  # keep keyboard focus in the article
            button.clicked.connect(lambda _=False, name=label.name: self.label_clicked.emit(name))
            self._layout.addWidget(button)
            self.buttons[label.name] = button
        hint = QLabel("Select text, press a key.\nAlt+key: exact characters.\nClick a span or Tab to it:\n"
                      "key relabels, Del deletes,\nAlt+Left/Right moves its start,\nAlt+Shift+Left/Right its end,\nF2 note, F1 all keys.")
        hint.setStyleSheet("color: #555555; font-size: 11px; padding-top: 6px;")
        hint.setWordWrap(True)
        self._layout.addWidget(hint)
        self._layout.addStretch(1)
