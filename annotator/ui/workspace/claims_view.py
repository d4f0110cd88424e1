"""The claims of the open document: figure, numbers, category, cue and source; click a row to jump."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from annotator.core.claims import Claim
from annotator.ui.base.tables import RowsModel, style_table


class ClaimsModel(RowsModel[Claim]):
    """A row per figure; empty cells where a link is missing."""

    HEADERS = ("Figure", "Value", "Precision", "Category", "Cue", "Source")
    TIPS = ("", "low and high: 21 (exact), ≥ 21 (at least), ≤ 21 (at most), 800–1,000 (a range)", "", "",
            "the ATTRIBUTION with a CLAIM link to the figure", "the ACTOR the cue's SOURCE names")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""

    def set_claims(self, text: str, claims: list[Claim]) -> None:
        self._text = text
        self.set_rows(claims)

    def _words(self, spans: Any) -> str:
        return " | ".join(" ".join(self._text[s.start:s.end].split()) for s in spans)

    def cell(self, claim: Claim, col: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        attrs = claim.figure.attrs
        values = (self._words([claim.figure]), value_text(attrs.get("low"), attrs.get("high")),
                  attrs.get("precision"), attrs.get("category"), self._words(claim.cues), self._words(claim.sources))
        return "" if values[col] is None else str(values[col])

    def sort_key(self, column: int, descending: bool) -> Callable[[Claim], Any] | None:
        return (lambda c: c.figure.start) if column == 0 else None


def value_text(low: Any, high: Any) -> str:
    """low and high in one cell: "21", "≥ 21", "≤ 80,000", "800–1,000", or "" when neither is known."""
    show = (lambda n: f"{n:,}" if isinstance(n, (int, float)) else str(n))  # noqa: E731
    if low is None and high is None:
        return ""
    if high is None:
        return f"≥ {show(low)}"
    if low is None:
        return f"≤ {show(high)}"
    return show(low) if low == high else f"{show(low)}–{show(high)}"


class ClaimsView(QTableView):
    """The claims table; activating a row selects that figure in the article."""

    span_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = ClaimsModel(self)
        style_table(self, self.source)
        # The columns share the panel's width (fixed shares: measuring contents costs a row each), so Cue
        # and Source are never behind a horizontal scroll in the 330-pixel side panel; cells elide.
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("MMM"))
        header.setDefaultSectionSize(header.minimumSectionSize())
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clicked.connect(self._on_row_activated)
        self.activated.connect(self._on_row_activated)

    def _on_row_activated(self, index: QModelIndex) -> None:
        span_id = self.source.row_at(index.row()).figure.id
        if span_id is not None:
            self.span_activated.emit(span_id)
