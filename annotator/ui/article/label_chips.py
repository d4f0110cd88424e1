"""Label names beside spans, so colour is not the only cue: a small chip at each span's start.

When chips show, the view leaves room above every line (ArticleGeometry.chip_room) and a chip
sits in it, just above its span's first character: it never covers the line above or the tops
of the labelled words. A span starts at its first character's left edge when it reads left to
right and at its right edge when it reads right to left (an Arabic name, even inside an English
line), so its chip is anchored there. Spans starting at the same place (nested spans, even of
one label) get their chips side by side, the longest span's first, so two nested LOCATIONs show
two chips; their bars show how far each reaches. A chip never covers one placed before it on
its line: it moves on in its reading direction instead.

Only the view's public API is read: `visible_spans`, `text_geometry` and `font`.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

ArticleView = Any  # the article view (not imported: it imports this module)

_CHIP_BG = QColor(255, 255, 255, 235)


def chip_font(view: ArticleView) -> QFont:
    font = QFont(view.font())
    font.setPointSizeF(max(8.0, view.font().pointSizeF() * 0.7))  # readable all day: 6 pt chips were about 6 px of text
    font.setBold(True)
    return font


def label_chips(view: ArticleView, clip: QRectF) -> list[tuple[QRectF, str, QColor]]:
    """(rectangle, label name, colour) of every chip of the spans shown in `clip` (viewport pixels)."""
    metrics = QFontMetricsF(chip_font(view))
    geometry = view.text_geometry
    geometry.new_frame()
    room = geometry.chip_room
    chips: list[tuple[QRectF, str, QColor]] = []
    placed: dict[int, list[QRectF]] = {}  # line (y of its top) -> the chips placed on it
    for p in sorted(view.visible_spans(clip), key=lambda p: (p.start, -(p.end - p.start))):
        anchor = geometry.start_rect(p.start, p.end)
        if anchor is None:
            continue
        start, rtl = anchor
        width, height = metrics.horizontalAdvance(p.span.label) + 6, metrics.height()
        top = start.top() - room + 1 if room else start.top() - height * 0.55  # in the room, else straddling
        chip = QRectF(start.right() - width if rtl else start.left(), top, width, height)
        line = round(start.top())
        others = placed.setdefault(line, [])
        moved = True
        while moved:  # never over a chip placed before it: on, in its reading direction
            moved = False
            for other in others:
                if chip.intersects(other):
                    chip.moveLeft(other.left() - width - 2) if rtl else chip.moveLeft(other.right() + 2)
                    moved = True
        others.append(chip)
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
