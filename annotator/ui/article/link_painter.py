"""Arrows for links: drawn only for the selected span (arrows for every link make a page unreadable)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

_INK = QColor("#303030")

Rects = Callable[[int, int], list[QRectF]]  # code-point range -> viewport rectangles


def paint_links(painter: QPainter, links: list[tuple[int, int, int, int, str]], rects: Rects, font: QFont) -> None:
    """Each link (head start, head end, child start, child end, name) as a curved arrow with its name."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.7, 7.0))
    painter.setFont(small)
    for hs, he, cs, ce, name in links:
        head, child = rects(hs, he), rects(cs, ce)
        if not head or not child:
            continue
        lift = 12 + min(abs(head[0].center().x() - child[0].center().x()) / 8, 24)
        above = min(head[0].top(), child[0].top()) - lift > 4  # no room above the first line: arc below
        a = QPointF(head[0].center().x(), head[0].top() + 1 if above else head[0].bottom() - 1)
        b = QPointF(child[0].center().x(), child[0].top() + 1 if above else child[0].bottom() - 1)
        control = QPointF((a.x() + b.x()) / 2, min(a.y(), b.y()) - lift if above else max(a.y(), b.y()) + lift)
        path = QPainterPath(a)
        path.quadTo(control, b)
        painter.setPen(QPen(_INK, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        tangent = path.angleAtPercent(0.99)
        arrow = QPolygonF([b, b + _polar(tangent + 150, 7), b + _polar(tangent - 150, 7)])
        painter.setBrush(_INK)
        painter.drawPolygon(arrow)
        apex = path.pointAtPercent(0.5)
        box = painter.fontMetrics().boundingRect(name).adjusted(-3, -1, 3, 1)
        box.moveCenter(apex.toPoint())
        painter.fillRect(box, QColor(255, 255, 255, 230))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
    painter.restore()


def _polar(degrees: float, length: float) -> QPointF:
    from math import cos, radians, sin

    return QPointF(length * cos(radians(degrees)), -length * sin(radians(degrees)))
