"""ArticleView: the read-only article with spans painted as highlights; keys become signals.

All offsets crossing this widget's API are Python code points; Qt's UTF-16 positions are
converted here (Utf16Map) and nowhere else. Highlights are painted under the text for the
visible part only, so a label keystroke repaints in a frame even with thousands of spans.
"""
from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from typing import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Span
from annotator.core.offsets import Utf16Map
from annotator.core.overlap import stack_levels
from annotator.ui.article.label_chips import paint_label_chips
from annotator.ui.article.link_painter import paint_links

_BAR = 3  # px height of a span's underline bar; nested spans stack their bars upwards
FONT_RANGE = (7.0, 40.0)  # points: zoom stays readable and the page stays usable
_ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
_GREY = QColor("#999999")
_HIT = QColor(255, 214, 0, 110)  # find hits: a yellow marker under the span colours


class _Painted:
    """A span ready to paint: UTF-16 range, colour and stacking level (reused while unchanged)."""

    __slots__ = ("span", "u16_start", "u16_end", "colour", "level")

    def __init__(self, span: Span, u16_start: int, u16_end: int, colour: QColor) -> None:
        self.span, self.u16_start, self.u16_end, self.colour = span, u16_start, u16_end, colour
        self.level = 0


class ArticleView(QPlainTextEdit):
    """Shows one article; emits what the annotator asked for, changes nothing itself."""

    label_pressed = Signal(str, bool)  # label name, exact characters
    delete_pressed = Signal()
    resize_pressed = Signal(str, int)  # edge ("start"/"end"), delta in tokens
    span_clicked = Signal(object)  # span id, or None for a click outside spans
    cycle_pressed = Signal(int)  # +1 next span, -1 previous span
    escape_pressed = Signal()
    unbound_key_pressed = Signal(str)  # a number key no label has
    font_size_changed = Signal(float)  # points, after a zoom or a font size setting

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rect_cache: dict[tuple[int, int], list[tuple[int, QRectF]]] = {}  # block-relative line boxes
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.25)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self.setCursorWidth(2)
        self.setMouseTracking(True)
        self.label_keys: dict[str, str] = {}  # key text -> label name
        self.colours: dict[str, QColor] = {}
        self.token_ranges: list[tuple[int, int]] = []  # code points, for double-click
        self.show_annotators = False  # review shows several layers: name who made each span
        self.show_label_names = False  # a chip with the label's name at each span's start
        self._map = Utf16Map("")
        self._text = ""
        self._painted: list[_Painted] = []
        self._starts: list[int] = []
        self._selected: int | None = None
        self._press_pos = QPoint()
        self._focus: tuple[int, int] | None = None  # UTF-16 range outlined for review
        self._hits: list[tuple[int, int]] = []  # UTF-16 ranges of find hits, marked under the spans
        self._origins: dict[int, QPointF] = {}  # block number -> viewport top-left, for one paint
        self._links: list[tuple[int, int, int, int, str]] = []  # code points: the selected span's links
        self.key_filter: Callable[[QKeyEvent], bool] | None = None  # the link mode takes keys first

    # -- content ------------------------------------------------------------------------
    def set_article(self, text: str, spans: list[Span]) -> None:
        self._text = text  # Python string: sliced by code points, never by Qt positions
        self._map = Utf16Map(text)
        self._rect_cache.clear()
        self._focus = None
        self._hits = []
        self.token_ranges = []
        self._selected = None
        self.setPlainText(text)
        self.set_spans(spans)

    def set_spans(self, spans: list[Span]) -> None:
        """Replace the painted spans; entries of unchanged spans (same object) are reused."""
        known = {id(p.span): p for p in self._painted}
        to16 = self._map.to_utf16
        painted = []
        for s in spans:
            p = known.get(id(s))
            if p is None or p.span is not s:
                p = _Painted(s, to16(s.start), to16(s.end), self.colours.get(s.label, _GREY))
            painted.append(p)
        for p, level in zip(painted, stack_levels([(p.u16_start, p.u16_end) for p in painted])):
            p.level = level
        painted.sort(key=lambda p: p.u16_start)
        self._painted = painted
        self._starts = [p.u16_start for p in painted]
        if self._selected is not None and all(p.span.id != self._selected for p in painted):
            self._selected = None
        self.viewport().update()

    def spans(self) -> list[Span]:
        return [p.span for p in self._painted]

    def set_links(self, links: list[tuple[Span, Span, str]]) -> None:
        """Links to draw as arrows (head, child, relation name): the selected span's, or none."""
        self._links = [(h.start, h.end, c.start, c.end, name) for h, c, name in links]
        self.viewport().update()

    def set_find_hits(self, ranges: list[tuple[int, int]]) -> None:
        """Mark the find bar's hits (code points); an empty list clears them."""
        self._hits = [(self._map.to_utf16(s), self._map.to_utf16(e)) for s, e in ranges]
        self.viewport().update()

    def set_focus_range(self, start: int | None, end: int | None = None, scroll: bool = True) -> None:
        """Outline [start, end) (code points), e.g. the unit a reviewer decides; None clears it."""
        self._focus = None if start is None or end is None else (self._map.to_utf16(start), self._map.to_utf16(end))
        if self._focus is not None and scroll:
            cursor = self.textCursor()
            cursor.setPosition(self._focus[0])
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.viewport().update()

    # -- zoom ---------------------------------------------------------------------------
    def set_font_size(self, points: float) -> None:
        """The article's font size in points (clamped to FONT_RANGE); highlights re-wrap with the text."""
        points = max(FONT_RANGE[0], min(FONT_RANGE[1], float(points)))
        if abs(points - self.font().pointSizeF()) < 0.01:
            return
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.setFont(font)  # changeEvent drops the cached line boxes
        self.font_size_changed.emit(points)

    def zoom(self, steps: int) -> None:
        """Ctrl+Plus / Ctrl+Minus / Ctrl+wheel: one point per step."""
        self.set_font_size(self.font().pointSizeF() + steps)

    def wheelEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:  # one point per notch (120); a touchpad's smaller steps still zoom by one
                self.zoom(int(delta / 120) or (1 if delta > 0 else -1))
            event.accept()  # never Qt's own zoom, which bypasses set_font_size
            return
        super().wheelEvent(event)

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        if event.type() == QEvent.Type.FontChange:  # any zoom re-wraps the lines: cached boxes are stale
            self._rect_cache.clear()
            self.viewport().update()
        super().changeEvent(event)

    # -- selection ----------------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The text selection in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.to_codepoint(cursor.selectionStart()), self._map.to_codepoint(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    @property
    def selected_span_id(self) -> int | None:
        return self._selected

    def set_selected_span(self, span_id: int | None, scroll: bool = True) -> None:
        self._selected = span_id
        painted = next((p for p in self._painted if p.span.id == span_id), None)
        if painted is not None:
            cursor = self.textCursor()
            cursor.setPosition(painted.u16_start)
            self.setTextCursor(cursor)  # also clears the text selection
            if scroll:
                self.ensureCursorVisible()
        self.viewport().update()

    def spans_at(self, cp: int) -> list[Span]:
        """Spans covering code point `cp`, innermost (shortest) first."""
        u16 = self._map.to_utf16(cp)
        hits = [p.span for p in self._painted[: bisect_right(self._starts, u16)] if p.u16_end > u16]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self._paint_spans(painter, QRectF(event.rect()))
        finally:
            painter.end()
        super().paintEvent(event)
        if self.show_label_names and self._painted:  # over the text, where it can be read
            painter = QPainter(self.viewport())
            try:
                paint_label_chips(self, painter, QRectF(event.rect()))
            finally:
                painter.end()

    def set_show_label_names(self, on: bool) -> None:
        """Label names beside spans (View > Show Label Names): colour is not the only cue."""
        self.show_label_names = on
        self.viewport().update()

    def _u16_range_of(self, clip: QRectF) -> tuple[int, int]:
        """Text positions (UTF-16) shown in the `clip` part of the viewport, whole lines."""
        first = self.cursorForPosition(QPoint(0, int(clip.top()))).block().position()
        last = self.cursorForPosition(QPoint(self.viewport().width(), int(clip.bottom()))).block()
        return first, last.position() + last.length()

    def _paint_spans(self, painter: QPainter, clip: QRectF) -> None:
        self._origins.clear()  # blocks are placed afresh on every paint (the view may have scrolled)
        for start, end in self._hits:
            for rect in self._rects(start, end):
                painter.fillRect(rect, _HIT)
        if self._focus is not None:
            painter.setPen(QPen(QColor("#d08800"), 2, Qt.PenStyle.DashLine))
            for rect in self._rects(*self._focus):
                painter.drawRect(rect.adjusted(-3, -2, 3, 1))
        if not self._painted:
            return
        first, last = self._u16_range_of(clip)
        # Only spans that start before the clip's text ends and end after it begins.
        for p in self._painted[: bisect_left(self._starts, last)]:
            if p.u16_end <= first:
                continue
            for rect in self._rects(p.u16_start, p.u16_end):
                if rect.intersects(clip):
                    self._paint_one(painter, p, rect)
        if self._links:  # over the fills, so an arrow is never hidden by a span's colour
            to16 = self._map.to_utf16
            paint_links(painter, self._links, lambda s, e: self._rects(to16(s), to16(e)), self.font())

    def _paint_one(self, painter: QPainter, p: _Painted, rect: QRectF) -> None:
        fill = QColor(p.colour)
        fill.setAlpha(60)
        painter.fillRect(rect, fill)
        # Even levels stack up from the line's bottom, odd ones down from its top, so even three
        # overlapping versions keep their bars off the glyphs.
        depth = p.level // 2
        top = rect.bottom() - _BAR * (depth + 1) - depth if p.level % 2 == 0 else rect.top() + depth * (_BAR + 1)
        bar = QRectF(rect.left(), top, rect.width(), _BAR)
        if p.span.unsure:
            pen = QPen(p.colour, _BAR, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(bar.left(), bar.center().y(), bar.right(), bar.center().y())
        else:
            painter.fillRect(bar, p.colour)
        if p.span.id is not None and p.span.id == self._selected:
            painter.setPen(QPen(QColor("#202020"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    def viewport_rects(self, start: int, end: int) -> list[QRectF]:
        """Where [start, end) (code points) is on screen now: one rectangle per visual line."""
        self._origins.clear()
        return self._rects(self._map.to_utf16(start), self._map.to_utf16(end))

    def _rects(self, u16_start: int, u16_end: int) -> list[QRectF]:
        """Viewport rectangles of a UTF-16 range, from line boxes cached relative to their block.

        QPlainTextEdit measures block geometry from the first *visible* block, so only
        block-relative boxes survive scrolling; each block is placed afresh when painted.
        """
        key = (u16_start, u16_end)
        pieces = self._rect_cache.get(key)
        if pieces is None:
            pieces, complete = self._line_boxes(u16_start, u16_end)
            if complete:  # a block not laid out yet would cache "nowhere" for good
                self._rect_cache[key] = pieces
        return [box.translated(self._block_origin(number)) for number, box in pieces]

    def _line_boxes(self, u16_start: int, u16_end: int) -> tuple[list[tuple[int, QRectF]], bool]:
        """Line boxes relative to their block, and whether every block was laid out."""
        boxes: list[tuple[int, QRectF]] = []
        complete = True
        block = self.document().findBlock(u16_start)
        while block.isValid() and block.position() < u16_end:
            layout = block.layout()
            if layout.lineCount() == 0:
                self.document().documentLayout().blockBoundingRect(block)  # lays the block out
                complete = complete and layout.lineCount() > 0
            a = max(u16_start, block.position()) - block.position()
            b = min(u16_end, block.position() + block.length() - 1) - block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls, le = line.textStart(), line.textStart() + line.textLength()
                if le <= a or ls >= b:
                    continue
                x1 = line.cursorToX(max(a, ls))[0]
                x2 = line.cursorToX(min(b, le))[0]
                boxes.append((block.blockNumber(), QRectF(x1, line.y(), x2 - x1, line.height())))
            block = block.next()
        return boxes, complete

    def _block_origin(self, number: int) -> QPointF:
        """Top-left of block `number` in viewport coordinates (memoised for one paint)."""
        origin = self._origins.get(number)
        if origin is None:
            block = self.document().findBlockByNumber(number)
            origin = self._origins[number] = self.blockBoundingGeometry(block).translated(
                self.contentOffset()).topLeft()
        return origin

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self._rect_cache.clear()  # lines re-wrap at a new width
        super().resizeEvent(event)

    # -- input --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_filter is not None and self.key_filter(event):
            return
        mods = event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        label = self.label_keys.get(_key_text(event))
        if label and not ctrl:
            self.label_pressed.emit(label, alt)
        elif not ctrl and _key_text(event).isdigit():
            self.unbound_key_pressed.emit(_key_text(event))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            self.delete_pressed.emit()
        elif alt and key in _ARROWS:
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            self.resize_pressed.emit("end" if shift else "start", _ARROWS[key])
        elif key == Qt.Key.Key_Tab and not ctrl:
            self.cycle_pressed.emit(1)
        elif key == Qt.Key.Key_Backtab and not ctrl:
            self.cycle_pressed.emit(-1)
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return False  # Tab cycles spans here instead of moving focus

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = (event.position().toPoint() - self._press_pos).manhattanLength() > 3
        if event.button() != Qt.MouseButton.LeftButton or moved or self.textCursor().hasSelection():
            return
        cp = self._map.to_codepoint(self.cursorForPosition(event.position().toPoint()).position())
        hits = self.spans_at(cp)
        if not hits:
            self.span_clicked.emit(None)
            return
        ids = [s.id for s in hits]
        # A second click on the same place walks outwards through nested spans.
        nxt = ids[(ids.index(self._selected) + 1) % len(ids)] if self._selected in ids else ids[0]
        self.span_clicked.emit(nxt)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cp = self._map.to_codepoint(self.cursorForPosition(event.position().toPoint()).position())
        token = next((t for t in self.token_ranges if t[0] <= cp < t[1]), None)
        if token is None:
            super().mouseDoubleClickEvent(event)
            return
        self.select_range(*token)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        cp = self._map.to_codepoint(self.cursorForPosition(event.position().toPoint()).position())
        hits = self.spans_at(cp)
        if hits:
            esc = html.escape
            lines = [f"<b>{esc(s.label)}</b> “{esc(_short(self._text[s.start:s.end]))}”"  # code points
                     + (f" · {esc(s.annotator)}" if self.show_annotators else "")
                     + (" · <i>unsure</i>" if s.unsure else "") + (f"<br>{esc(s.note)}" if s.note else "")
                     for s in hits]
            QToolTip.showText(event.globalPosition().toPoint(), "<br>".join(lines), self)
        else:
            QToolTip.hideText()


def _key_text(event: QKeyEvent) -> str:
    """The key as typed, ignoring Alt (Alt+1 still means '1')."""
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return chr(key).lower()
    return event.text().lower()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
