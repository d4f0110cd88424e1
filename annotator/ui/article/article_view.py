"""ArticleView: the read-only article with its decorations painted; keys become signals.

All offsets crossing this widget's API are Python code points; `ArticleGeometry` converts them
to Qt's positions and pixels, and is the one conversion every painter, hit test and mouse
selection uses (right-to-left and mixed runs included). What is painted over the text is one
value, `Decorations` (spans, suggestions, find hits, the review focus, links), set through
`set_decorations`; painting covers the visible part only, and an edit repaints only the lines
it touched, so a label keystroke stays within a frame even with thousands of spans.
"""
from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, count
from operator import gt, is_not
from dataclasses import dataclass, fields, replace
from typing import Any, Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen,
                           QRegion, QTextCursor)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Span
from annotator.core.overlap import stack_levels
from annotator.ui.article.geometry import ArticleGeometry
from annotator.ui.article.label_chips import chip_font, paint_label_chips
from annotator.ui.article.link_painter import paint_links
from annotator.ui.base.quoting import quoted

_BAR = 3  # px height of a span's underline bar; nested spans stack their bars upwards
FONT_RANGE = (7.0, 40.0)  # points: zoom stays readable and the page stays usable
_ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr})
_GREY = QColor("#999999")
_HIT = QColor(255, 214, 0, 110)  # find hits: a yellow marker under the span colours
_SUGGESTION_GREY = QColor("#777777")


@dataclass(frozen=True)
class Decorations:
    """Everything drawn over the article, in code points. Layers, bottom to top: find hits, the
    review focus, suggestions (dashed outlines, the current one bolder), spans (fill, bar, the
    selected one outlined), link arrows; label chips go over the text."""

    spans: tuple[Span, ...] = ()
    suggestions: tuple[Any, ...] = ()  # core.suggestion.Suggestion: disjoint, sorted by start
    current_suggestion: Any = None
    hits: tuple[tuple[int, int], ...] = ()
    focus: tuple[int, int] | None = None
    links: tuple[tuple[Span, Span, str], ...] = ()  # (head, child, relation name): the selected span's


_LAYERS = frozenset(f.name for f in fields(Decorations))


class PaintedSpan:
    """A span as painted: code-point range, colour and stacking level (0 = outermost)."""

    __slots__ = ("span", "start", "end", "colour", "level")

    def __init__(self, span: Span, colour: QColor, level: int) -> None:
        self.span, self.start, self.end, self.colour, self.level = span, span.start, span.end, colour, level


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
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_geometry = ArticleGeometry(self)
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
        self._map = self.text_geometry.map  # code points <-> UTF-16 (the geometry's)
        self._text = ""
        self._decorations = Decorations()
        # The spans by start, as parallel lists: starts, ends, their running maximum (so the spans
        # over any point are found by bisection) and stacking levels, worked out per overlap
        # cluster when first painted (None until then).
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._reach: list[int] = []
        self._levels: list[int | None] = []
        self._selected: int | None = None
        self._press_pos = QPoint()
        self._drag_from: tuple[int, float] | None = None  # where a left-button drag began (geometry.anchor)
        self._drag_x = 0.0  # and its viewport x then
        self._visual: tuple[int, int, str] | None = None  # a mouse selection and the side Shift+arrows move
        self.key_filter: Callable[[QKeyEvent], bool] | None = None  # the link mode takes keys first

    # -- content ------------------------------------------------------------------------
    def set_article(self, text: str, spans: list[Span], lang: str = "") -> None:
        """Show `text` (lang: the document's ISO 639-1 code; Arabic and Persian read right to left)."""
        self._text = text  # Python string: sliced by code points, never by Qt positions
        self.text_geometry.set_text(text, lang)
        self._map = self.text_geometry.map
        self.token_ranges = []
        self._selected = None
        self._visual = None
        self._starts, self._ends, self._reach, self._levels = [], [], [], []
        self._decorations = Decorations()
        self.setPlainText(text)
        self.text_geometry.invalidate()
        self.set_decorations(spans=spans)

    @property
    def decorations(self) -> Decorations:
        """What is drawn over the text now."""
        return self._decorations

    def set_decorations(self, **layers: Any) -> None:
        """Replace the named layers of the decorations (spans=, suggestions=, current_suggestion=,
        hits=, focus=, links=; see Decorations) and repaint what they change."""
        unknown = set(layers) - _LAYERS
        if unknown:
            raise TypeError(f"no decoration layer {', '.join(sorted(unknown))}")
        before = self._decorations
        for name in ("spans", "suggestions", "hits", "links"):
            if name in layers:
                layers[name] = tuple(layers[name])
        if layers.get("focus") is not None:
            layers["focus"] = tuple(layers["focus"])
        for name in ("hits", "focus", "links", "current_suggestion"):  # small layers: unchanged, no repaint
            if name in layers and layers[name] == getattr(before, name):
                del layers[name]
        if not layers:
            return
        self._decorations = replace(before, **layers)
        dirty: list[tuple[int, int]] | None = []  # code-point ranges to repaint; None: everything
        if "spans" in layers:
            dirty = self._take_spans(before.spans)
        if "suggestions" in layers or "current_suggestion" in layers:
            changed = _changed_ranges(before.suggestions, self._decorations.suggestions)
            for s in (before.current_suggestion, self._decorations.current_suggestion):
                if s is not None and changed is not None:
                    changed.append((s.start, s.end))
            dirty = None if dirty is None or changed is None else dirty + changed
        if set(layers) & {"hits", "focus", "links"}:
            dirty = None
        self._repaint_ranges(dirty)

    def _take_spans(self, before: tuple[Span, ...]) -> list[tuple[int, int]] | None:
        """Index the new spans (by start); the ranges whose painting changed, None for all.

        Only what differs from `before` (by identity, found from the common head and tail at C
        speed) is indexed again, and only its overlap clusters lose their levels, so a keystroke
        on a 2,000-span article costs what it changed."""
        spans = self._decorations.spans
        if len(spans) < 64 or not before:
            return self._index_all(spans)
        n_old, n_new = len(before), len(spans)
        head = next(compress(count(), map(is_not, before, spans)), min(n_old, n_new))
        tail = next(compress(count(), map(is_not, reversed(before[head:]), reversed(spans[head:]))),
                    min(n_old, n_new) - head)
        gone, fresh = before[head:n_old - tail], spans[head:n_new - tail]
        if len(gone) + len(fresh) > 64:
            return self._index_all(spans)
        new_starts = [s.start for s in fresh]
        cut = slice(head, n_old - tail)
        self._starts[cut] = new_starts
        self._ends[cut] = [s.end for s in fresh]
        self._levels[cut] = [None] * len(fresh)
        lo, hi = head - 1, head + len(fresh)  # the new entries must still be in order of start
        if new_starts != sorted(new_starts) or (lo >= 0 and fresh and self._starts[lo] > new_starts[0]) or (
                hi < n_new and fresh and self._starts[hi] < new_starts[-1]):
            return self._index_all(spans)
        self._reach = list(accumulate(self._ends, max))
        changed = [(s.start, s.end) for s in (*gone, *fresh)]
        for s, e in list(changed):  # the clusters around each change are stacked afresh
            k = bisect_left(self._starts, s)
            if k > 0 and self._reach[k - 1] > s:
                k -= 1  # a span before it reaches over the change
            k, j = self._cluster(min(k, n_new - 1), e) if n_new else (0, 0)
            if j > k:
                self._levels[k:j] = [None] * (j - k)
                changed.append((self._starts[k], self._reach[j - 1]))
        if self._selected is not None and any(s.id == self._selected for s in gone) and \
                not any(s.id == self._selected for s in fresh):
            self._selected = None
        return changed

    def _index_all(self, spans: tuple[Span, ...]) -> None:
        self._starts = [s.start for s in spans]
        if any(map(gt, self._starts, self._starts[1:])):  # by start (stable), as painting needs
            spans = tuple(sorted(spans, key=lambda s: s.start))
            self._decorations = replace(self._decorations, spans=spans)
            self._starts = [s.start for s in spans]
        self._ends = [s.end for s in spans]
        self._reach = list(accumulate(self._ends, max))
        self._levels = [None] * len(spans)
        if self._selected is not None and all(s.id != self._selected for s in spans):
            self._selected = None
        return None

    def _cluster(self, i: int, end: int = -1) -> tuple[int, int]:
        """Index range of the overlap cluster holding span `i` (and reaching at least to `end`)."""
        starts, reach = self._starts, self._reach
        k = i
        while k > 0 and starts[k] < reach[k - 1]:
            k -= 1
        j = i + 1
        while j < len(starts) and (starts[j] < reach[j - 1] or starts[j] < end):
            j += 1
        return k, j

    def _level(self, i: int) -> int:
        level = self._levels[i]
        if level is None:
            k, j = self._cluster(i)
            spans = self._decorations.spans
            self._levels[k:j] = stack_levels([(s.start, s.end) for s in spans[k:j]])
            level = self._levels[i]
        return level

    def _indices(self, lo: int, hi: int) -> range:
        """Indices of the spans that may overlap [lo, hi) (check their ends)."""
        return range(bisect_right(self._reach, lo), bisect_left(self._starts, hi))

    def _repaint_ranges(self, ranges: list[tuple[int, int]] | None) -> None:
        """Repaint the lines showing `ranges` (code points), or the whole viewport for None."""
        viewport = self.viewport()
        if ranges is None or not self.isVisible():
            viewport.update()
            return
        if not ranges:
            return
        g = self.text_geometry
        g.new_frame()
        lo, hi = g.visible_range(QRectF(viewport.rect()))
        room = g.chip_room + 2 if self.show_label_names else chip_font_height(self) * 0.6 + 2
        region = QRegion()
        for start, end in ranges:
            if end < lo or start > hi:
                continue
            for rect in g.rects(start, end):
                region += QRect(0, int(rect.top() - room), viewport.width(), int(rect.height() + room + _BAR + 6))
        if not region.isEmpty():
            viewport.update(region)

    def spans(self) -> list[Span]:
        return list(self._decorations.spans)

    def reveal(self, start: int) -> None:
        """Put the caret at `start` (code point) and scroll it into view."""
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def visible_spans(self, clip: QRectF) -> list[PaintedSpan]:
        """The painted spans on the lines of `clip` (viewport pixels), by start."""
        lo, hi = self.text_geometry.visible_range(clip)
        spans, ends = self._decorations.spans, self._ends
        return [PaintedSpan(spans[i], self.colours.get(spans[i].label, _GREY), self._level(i))
                for i in self._indices(lo, hi) if ends[i] > lo]

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
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # any zoom re-wraps the lines: cached boxes are stale
            self._update_room()
            self.text_geometry.invalidate()
            self.viewport().update()

    # -- selection ----------------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The text selection in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.to_codepoint(cursor.selectionStart()), self._map.to_codepoint(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        self._visual = None
        self._set_selection(start, end)
        self.ensureCursorVisible()

    def _set_selection(self, anchor: int, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(anchor))
        cursor.setPosition(self._map.to_utf16(position), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        self._visual = None
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    @property
    def selected_span_id(self) -> int | None:
        return self._selected

    def set_selected_span(self, span_id: int | None, scroll: bool = True) -> None:
        before = self._selected
        self._selected = span_id
        self._visual = None
        touched = {s.id: s for s in self._decorations.spans if s.id is not None and s.id in (span_id, before)}
        if span_id in touched:
            cursor = self.textCursor()
            cursor.setPosition(self._map.to_utf16(touched[span_id].start))
            self.setTextCursor(cursor)  # also clears the text selection
            if scroll:
                self.ensureCursorVisible()
        self._repaint_ranges([(s.start, s.end) for s in touched.values()])

    def spans_at(self, cp: int) -> list[Span]:
        """Spans covering code point `cp`, innermost (shortest) first."""
        spans = self._decorations.spans
        hits = [spans[i] for i in self._indices(cp, cp + 1) if self._ends[i] > cp]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        g = self.text_geometry
        g.settle_visible()  # direction, alignment and room for chips, before Qt draws the lines
        g.new_frame()
        clip = QRectF(event.rect())
        painter = QPainter(self.viewport())
        try:
            self._paint_layers(painter, clip)
        finally:
            painter.end()
        super().paintEvent(event)
        if self.show_label_names and self._starts:  # over the text, where it can be read
            painter = QPainter(self.viewport())
            try:
                paint_label_chips(self, painter, clip)
            finally:
                painter.end()

    def set_show_label_names(self, on: bool) -> None:
        """Label names beside spans (View > Show Label Names): colour is not the only cue. Lines
        move apart to leave the chips room, so no chip covers the line above or its own words."""
        self.show_label_names = on
        self._update_room()
        self.viewport().update()

    def _update_room(self) -> None:
        g = getattr(self, "text_geometry", None)
        if g is None:
            return
        shown = getattr(self, "show_label_names", False)
        room = chip_font_height(self) + 2 if shown else 0.0
        if room != g.chip_room:
            g.chip_room, g.bar_room = room, (_BAR + 2 if shown else 0.0)
            g.invalidate()

    def _paint_layers(self, painter: QPainter, clip: QRectF) -> None:
        g, d = self.text_geometry, self._decorations
        lo, hi = g.visible_range(clip)
        for start, end in d.hits:
            if start < hi and end > lo:
                for rect in g.rects(start, end):
                    painter.fillRect(rect, _HIT)
        if d.focus is not None:
            painter.setPen(QPen(QColor("#d08800"), 2, Qt.PenStyle.DashLine))
            for rect in g.rects(*d.focus):
                painter.drawRect(rect.adjusted(-3, -2, 3, 1))
        if d.suggestions:
            self._paint_suggestions(painter, clip, lo, hi)
        # Only spans that start before the clip's text ends and end after it begins.
        spans, ends, colours = d.spans, self._ends, self.colours
        for i in self._indices(lo, hi):
            if ends[i] <= lo:
                continue
            rects = [r for r in g.rects(spans[i].start, ends[i]) if r.intersects(clip)]
            if rects:
                p = PaintedSpan(spans[i], colours.get(spans[i].label, _GREY), self._level(i))
                for rect in rects:
                    self._paint_one(painter, p, rect)
        if d.links:  # over the fills, so an arrow is never hidden by a span's colour
            links = [(h.start, h.end, c.start, c.end, name) for h, c, name in d.links]
            paint_links(painter, links, g.rects, self.font())

    def _paint_suggestions(self, painter: QPainter, clip: QRectF, lo: int, hi: int) -> None:
        """One pen and one drawRects call per label (a dashed 1-px pen strokes fast; the current one bolder)."""
        items, current = self._decorations.suggestions, self._decorations.current_suggestion
        shown = items[bisect_right(items, lo, key=lambda s: s.end):bisect_left(items, hi, key=lambda s: s.start)]
        by_label: dict[str, list[QRectF]] = {}
        for s in shown:
            rects = [r.adjusted(-1, 0, 1, -1) for r in self.text_geometry.rects(s.start, s.end) if r.intersects(clip)]
            if s is current:
                painter.setPen(QPen(self.colours.get(s.label, _SUGGESTION_GREY), 2.5, Qt.PenStyle.DashLine))
                painter.drawRects(rects)
            else:
                by_label.setdefault(s.label, []).extend(rects)
        for label, rects in by_label.items():
            painter.setPen(QPen(self.colours.get(label, _SUGGESTION_GREY), 1, Qt.PenStyle.DashLine))
            painter.drawRects(rects)

    def _paint_one(self, painter: QPainter, p: PaintedSpan, rect: QRectF) -> None:
        fill = QColor(p.colour)
        fill.setAlpha(60)
        painter.fillRect(rect, fill)
        # Even levels stack up from the line's bottom, odd ones down from its top, so even three
        # overlapping versions keep their bars off the glyphs.
        depth = p.level // 2
        top = rect.bottom() - _BAR * (depth + 1) - depth if p.level % 2 == 0 else rect.top() + depth * (_BAR + 1)
        if p.level == 0 and self.text_geometry.bar_room:  # lines were moved apart: the outermost bar goes under the words
            top = rect.bottom() + 1
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
        """Where [start, end) (code points) is on screen now: one rectangle per visual line (per
        piece where it crosses runs of both directions)."""
        self.text_geometry.new_frame()
        return self.text_geometry.rects(start, end)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        self.text_geometry.invalidate()  # lines re-wrap at a new width

    # -- input --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_filter is not None and self.key_filter(event):
            return
        mods = event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        key = event.key()
        label = self.label_keys.get(_key_text(event))
        if label and not ctrl:
            self.label_pressed.emit(label, alt)
        elif not ctrl and _key_text(event).isdigit():
            self.unbound_key_pressed.emit(_key_text(event))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            self.delete_pressed.emit()
        elif alt and key in _ARROWS:
            self.resize_pressed.emit("end" if shift else "start", _ARROWS[key])
        elif key == Qt.Key.Key_Tab and not ctrl:
            self.cycle_pressed.emit(1)
        elif key == Qt.Key.Key_Backtab and not ctrl:
            self.cycle_pressed.emit(-1)
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        elif shift and not ctrl and key in _ARROWS and self._visual_step(_ARROWS[key]):
            return
        else:
            if key not in _MODIFIER_KEYS:  # Shift alone (pressed before its arrow) keeps the mouse selection's side
                self._visual = None
            super().keyPressEvent(event)

    def _visual_step(self, step: int) -> bool:
        """Shift+Left/Right after a mouse selection: grow or shrink it by one character on screen,
        on the side it was made from (a word's reading end after a double-click), whatever the
        runs' directions; the selection stays a logical range. False: leave the key to Qt."""
        selection = self.selection_range()
        if self._visual is None or selection is None or selection != self._visual[:2]:
            return False
        start, end, side = self._visual
        order = self.text_geometry.visual_order(start)
        where = {cp: i for i, cp in enumerate(order)}
        if any(cp not in where for cp in range(start, end)):
            return False  # over more than one line: Qt's logical steps
        places = [where[cp] for cp in range(start, end)]
        left, right = min(places), max(places)
        if side == "left":
            left += step
        else:
            right += step
        if left < 0 or right >= len(order):
            return False  # at the line's edge: Qt goes on to the next line
        if left > right:  # shrunk to nothing: a caret where it began
            self._visual = None
            self._set_selection(start, start)
            return True
        covered = order[left:right + 1]
        lo, hi = min(covered), max(covered) + 1
        self._set_selection(lo, hi)
        self._visual = (lo, hi, side)
        return True

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return False  # Tab cycles spans here instead of moving focus

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        self._visual = None
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        left = event.button() == Qt.MouseButton.LeftButton and plain
        self._drag_from = self.text_geometry.anchor(event.position()) if left else None
        self._drag_x = event.position().x()
        if self._drag_from is not None and self.textCursor().hasSelection():
            self.clear_selection()  # a press starts a new selection, never a drag of the old one
        super().mousePressEvent(event)

    def _drag_to(self, point: QPointF) -> None:
        """Select the characters the drag passed over on screen (bidi runs keep their order)."""
        if self._drag_from is None or (point.toPoint() - self._press_pos).manhattanLength() <= 3:
            return
        covered = self.text_geometry.covered(self._drag_from, point)
        if covered is None:
            return
        lo, hi, at_end = covered
        self._set_selection(lo, hi) if at_end else self._set_selection(hi, lo)
        self._visual = (lo, hi, "right" if point.x() >= self._drag_x else "left")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_to(event.position())
            self._drag_from = None
        moved = (event.position().toPoint() - self._press_pos).manhattanLength() > 3
        if event.button() != Qt.MouseButton.LeftButton or moved or self.textCursor().hasSelection():
            return
        cp = self.text_geometry.char_at(event.position(), exact=True)
        hits = self.spans_at(cp) if cp is not None else []
        if not hits:
            self.span_clicked.emit(None)
            return
        ids = [s.id for s in hits]
        # A second click on the same place walks outwards through nested spans.
        nxt = ids[(ids.index(self._selected) + 1) % len(ids)] if self._selected in ids else ids[0]
        self.span_clicked.emit(nxt)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cp = self.text_geometry.char_at(event.position())
        token = next((t for t in self.token_ranges if t[0] <= cp < t[1]), None) if cp is not None else None
        if token is None:
            super().mouseDoubleClickEvent(event)
            return
        self._drag_from = None
        self.select_range(*token)
        # Shift+arrows then move the word's reading end: its left side for a right-to-left word.
        self._visual = (token[0], token[1], "left" if self.text_geometry.char_is_rtl(token[1] - 1) else "right")

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._drag_to(event.position())
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        cp = self.text_geometry.char_at(event.position(), exact=True)
        hits = self.spans_at(cp) if cp is not None else []
        if hits:
            esc = html.escape
            lines = [f"<b>{esc(s.label)}</b> {quoted(esc(_short(self._text[s.start:s.end])))}"  # code points
                     + (f" · {esc(s.annotator)}" if self.show_annotators else "")
                     + (" · <i>unsure</i>" if s.unsure else "") + (f"<br>{esc(s.note)}" if s.note else "")
                     for s in hits]
            QToolTip.showText(event.globalPosition().toPoint(), "<br>".join(lines), self)
        else:
            QToolTip.hideText()


def chip_font_height(view: ArticleView) -> float:
    return QFontMetricsF(chip_font(view)).height()


def _changed_ranges(before: tuple[Any, ...], after: tuple[Any, ...]) -> list[tuple[int, int]] | None:
    """Ranges of the items that differ (by identity) between two lists sorted alike, found from
    their common head and tail; None when many changed."""
    if before is after:
        return []
    head = next(compress(count(), map(is_not, before, after)), min(len(before), len(after)))
    tail = next(compress(count(), map(is_not, reversed(before[head:]), reversed(after[head:]))),
                min(len(before), len(after)) - head)
    if len(before) + len(after) - 2 * (head + tail) > 64:
        return None
    return [(x.start, x.end) for x in (*before[head:len(before) - tail], *after[head:len(after) - tail])]


def _key_text(event: QKeyEvent) -> str:
    """The key as typed, ignoring Alt (Alt+1 still means '1')."""
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return chr(key).lower()
    return event.text().lower()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
