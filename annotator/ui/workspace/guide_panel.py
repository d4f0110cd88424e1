"""GuidePanel: a dock that can stay open beside the article: the document's metadata and the
selected label's guideline, rendered from Markdown (then the project's whole guidelines)."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption, QTextTable
from PySide6.QtWidgets import QDockWidget, QLabel, QTextBrowser, QVBoxLayout, QWidget

from annotator.core.model import Document, Label

_META_KEYS = ("source", "url", "date", "group")  # what a reviewer checks first, in this order


class GuidePanel(QDockWidget):
    """Shows what the annotator needs while labelling; changes nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Guide", parent)
        self.setObjectName("guide")  # the window's saved state restores it open or closed
        self.meta = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText, openExternalLinks=True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.guideline = QTextBrowser(openExternalLinks=True)
        # Words wrap whole: a narrow dock never breaks "ATTRIBUTION" inside the guidelines' table
        # (Qt's default wraps anywhere once a word does not fit its column).
        self.guideline.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.meta)
        layout.addWidget(self.guideline, 1)
        self.setWidget(body)
        self._labels: dict[str, Label] = {}
        self._general = ""
        self.label: str | None = None

    def set_labels(self, labels: list[Label], general: str = "") -> None:
        """The project's labels and its general guidelines (Markdown)."""
        self._labels = {label.name: label for label in labels}
        self._general = general
        self.show_label(self.label if self.label in self._labels else next(iter(self._labels), None))

    def show_label(self, name: str | None) -> None:
        """The guideline of label `name`, rendered, above the general guidelines."""
        self.label = name
        label = self._labels.get(name or "")
        parts = []
        if label is not None:
            key = f" (key {label.key})" if label.key else ""
            parts.append(f"### {label.name}{key}\n\n{label.description}\n\n{label.guideline}")
        if self._general:
            parts.append(self._general)
        self.guideline.setMarkdown("\n\n---\n\n".join(parts))
        self._fit_tables()

    def _fit_tables(self) -> None:
        """Tables as narrow as whole words allow: little padding, no spacing between cells."""
        frames = [self.guideline.document().rootFrame()]
        while frames:
            frame = frames.pop()
            frames.extend(frame.childFrames())
            if isinstance(frame, QTextTable):
                table_format = frame.format()
                table_format.setCellPadding(2)
                table_format.setCellSpacing(0)
                frame.setFormat(table_format)

    def show_document(self, doc: Document | None) -> None:
        """Title, then source, URL, date and group, as far as the document has them."""
        if doc is None:
            self.meta.setText("")
            return
        meta = {"source": doc.source, **{k: v for k, v in doc.meta.items() if v not in (None, "")}}
        rows = [f"<b>{html.escape(doc.title)}</b>"]
        for key in _META_KEYS:
            value = str(meta.get(key) or "")
            if not value:
                continue
            shown = html.escape(value)
            if key == "url" and value.startswith(("http://", "https://")):
                shown = f"<a href='{html.escape(value, quote=True)}'>{shown}</a>"
            rows.append(f"{key}: {shown}")
        self.meta.setText("<br>".join(rows))
