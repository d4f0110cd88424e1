"""Label names beside spans, so colour is not the only cue: a small chip at each span's start.

Chips straddle the top of the line, half in the gap above it, over the text (drawn after it).
Spans starting at the same place (nested spans, even of one label) get their chips side by
side, the longest span's first, so two nested LOCATIONs show two chips; their bars show how
far each reaches. A chip never covers the one before it on its line: it moves right instead.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

ArticleView = Any  # the article view (not imported: it imports this module)

_CHIP_BG = QColor(255, 255, 255, 235)


def chip_font(view: ArticleView) -> QFont:
    font = QFont(view.font())
    font.setPointSizeF(max(6.0, view.font().pointSizeF() * 0.5))
    font.setBold(True)
    return font


def label_chips(view: ArticleView, clip: QRectF) -> list[tuple[QRectF, str, QColor]]:
    """(rectangle, label name, colour) of every chip of the spans shown in `clip` (viewport pixels)."""
    metrics = QFontMetricsF(chip_font(view))
    first, last = view._u16_range_of(clip)
    chips: list[tuple[QRectF, str, QColor]] = []
    placed: dict[float, float] = {}  # line (y of its top) -> the first x after the chips placed on it
    visible = [p for p in view._painted[: bisect_left(view._starts, last)] if p.u16_end > first]
    for p in sorted(visible, key=lambda p: (p.u16_start, -(p.u16_end - p.u16_start))):
        rects = view._rects(p.u16_start, p.u16_end)
        if not rects:
            continue
        start = rects[0]
        width, height = metrics.horizontalAdvance(p.span.label) + 6, metrics.height()
        line = round(start.top())
        x = max(start.left(), placed.get(line, start.left()))  # never over the chip before it
        chip = QRectF(x, start.top() - height * 0.55, width, height)
        placed[line] = chip.right() + 2
        chips.append((chip, p.span.label, p.colour))
    return chips


def paint_label_chips(view: ArticleView, painter: QPainter, clip: QRectF) -> None:
    painter.setFont(chip_font(view))
    for rect, label, colour in label_chips(view, clip):
        if not rect.intersects(clip):
            continue
        painter.setPen(QPen(colour, 1))
        painter.setBrush(_CHIP_BG)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(colour.darker(140))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
