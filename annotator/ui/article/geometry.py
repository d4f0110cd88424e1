"""Where the article's characters are: the one conversion between code points and the screen.

Offsets crossing the article's API are Python code points; Qt counts UTF-16 units and places
glyphs by the Unicode bidi algorithm, so a character's place on screen depends on the
direction of its run. Everything that maps between the two (highlights, hit testing, mouse
selection, chips, arrows, find hits, suggestions) goes through `ArticleGeometry`.

Paragraphs are laid out by QPlainTextEdit on demand (only what is scrolled into view); this
class then *settles* each block once: its direction, its
alignment (right for a right-to-left paragraph) and, when label chips show, room above each
line for them and below for the underline bars. Line boxes are cached per block; the cache
goes when the layout changes (a new width, a zoom, chips on or off).

In an Arabic or Persian document a paragraph reads right to left unless most of its letters
read left to right (an English quote keeps its order); elsewhere Qt's rule, the first strong
character, decides. A line holding right-to-left text is measured character by character (QTextLine.glyphRuns
gives each character's box in its run's direction), so a highlight over a mixed run is painted
as the pieces it really covers, and a drag selects the characters it passed over.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
import unicodedata

from PySide6.QtGui import QTextBlock, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.offsets import Utf16Map

RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"})
# Right-to-left letters (Hebrew, Arabic and its supplements, Syriac, Thaana, NKo, presentation
# forms) and the right-to-left marks and embeddings.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067"
                  "\U00010800-\U00010fff\U0001e800-\U0001efff]")
_NEWLINE = re.compile("\n")
_LTR_LETTER = re.compile(r"[^\W\d_]")  # a letter (right-to-left ones included: counted against _RTL)


@dataclass(slots=True)
class Line:
    """One visual line of a block, in block coordinates; `chars` holds per-character x ranges
    (UTF-16 block offsets from `start`) when the line has right-to-left text, else None."""

    y: float
    height: float
    start: int
    end: int
    chars: list[tuple[float, float]] | None
    layout_line: object  # the QTextLine (valid while the block's layout is)


class ArticleGeometry:
    """Code points <-> Qt positions <-> viewport pixels for one ArticleView."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self.view = view
        self.map = Utf16Map("")
        self.rtl_document = False
        self.chip_room = 0.0  # px left above each line for label chips (0: chips hidden)
        self.bar_room = 0.0  # px left below each line for underline bars
        self._lines: dict[int, tuple[tuple, list[Line]]] = {}  # block number -> (layout signature, settled lines)
        self._checked: set[int] = set()  # blocks whose signature was checked in this frame
        self._origins: dict[int, QPointF] = {}  # block number -> viewport top-left, for one paint
        self._pieces: dict[tuple[int, int], list[tuple[int, QRectF]]] = {}  # range -> block-relative boxes
        self._blocks: dict[int, QTextBlock] = {}
        # Where each block starts (UTF-16), found in Python: every Qt call releases the GIL, and a
        # busy background thread makes each one wait, so the hot paths make as few as they can.
        self._block_starts: list[int] | None = None
        self._starts_checked = False

    # -- text and offsets ---------------------------------------------------------------
    def set_text(self, text: str, lang: str = "") -> None:
        self.map = Utf16Map(text)
        self.rtl_document = lang.split("-")[0].lower() in RTL_LANGS
        self._blocks.clear()
        self._block_starts, self._starts_checked = None, False
        if "\r" not in text and "\u2029" not in text:  # only "\n" starts a block
            to16 = self.map.to_utf16
            self._block_starts = [0] + [to16(m.end()) for m in _NEWLINE.finditer(text)]
        self.invalidate()

    def _block_at(self, u16: int) -> QTextBlock:
        """The block holding UTF-16 position `u16`."""
        starts = self._block_starts
        if starts is not None and not self._starts_checked:  # once, after Qt has the text
            self._starts_checked = True
            if len(starts) != self.view.document().blockCount():
                self._block_starts = starts = None
        if starts is None:
            return self.view.document().findBlock(u16)
        number = max(0, bisect_right(starts, u16) - 1)
        block = self._blocks.get(number)
        if block is None:
            block = self._blocks[number] = self.view.document().findBlockByNumber(number)
        return block

    def to_qt(self, cp: int) -> int:
        return self.map.to_utf16(cp)

    def to_cp(self, u16: int) -> int:
        return self.map.to_codepoint(u16)

    def invalidate(self) -> None:
        """The layout changed (width, font, spacing): every cached line is stale."""
        self._lines.clear()
        self._checked.clear()
        self._origins.clear()
        self._pieces.clear()

    def new_frame(self) -> None:
        """Blocks are placed afresh for every paint and query (the view may have scrolled), and
        each block's layout is checked once again for a relayout by Qt."""
        self._origins.clear()
        self._checked.clear()

    # -- direction ----------------------------------------------------------------------
    def is_rtl_block(self, block: QTextBlock) -> bool:
        text = block.text()
        if self.rtl_document:  # right to left unless most of the paragraph's letters read left to right
            rtl = len(_RTL.findall(text))
            return rtl > 0 and rtl * 2 >= len(_LTR_LETTER.findall(text)) or _LTR_LETTER.search(text) is None
        return block.textDirection() == Qt.LayoutDirection.RightToLeft

    def is_rtl_at(self, cp: int) -> bool:
        """Whether the paragraph holding code point `cp` reads right to left."""
        block = self._block_at(self.to_qt(cp))
        return block.isValid() and self._settled(block) is not None and self._block_rtl(block)

    def _block_rtl(self, block: QTextBlock) -> bool:
        return block.layout().textOption().textDirection() == Qt.LayoutDirection.RightToLeft

    # -- settling blocks ----------------------------------------------------------------
    def settle_visible(self) -> None:
        """Settle the blocks the viewport shows now, before Qt paints them."""
        view = self.view
        block = view.firstVisibleBlock()
        offset = view.contentOffset()
        bottom = view.viewport().height()
        top = view.blockBoundingGeometry(block).translated(offset).top() if block.isValid() else 0
        while block.isValid() and top <= bottom:
            self._settled(block)
            top += view.blockBoundingRect(block).height()
            block = block.next()

    def _settled(self, block: QTextBlock) -> list[Line] | None:
        """The block's lines, laid out and settled (direction, alignment, room for chips)."""
        number = block.blockNumber()
        cached = self._lines.get(number)
        if cached is not None and number in self._checked:
            return cached[1]
        layout = block.layout()
        if cached is not None and cached[0] == _signature(layout):
            self._checked.add(number)
            return cached[1]  # Qt has not laid the block out again since
        self._pieces.clear()  # boxes measured on the old layout
        if layout.lineCount() == 0:
            self.view.document().documentLayout().blockBoundingRect(block)  # Qt lays it out
            if layout.lineCount() == 0:
                return None
        rtl = self.is_rtl_block(block)
        option = QTextOption(layout.textOption())
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        align = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignAbsolute
        auto_rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
        roomy = bool(self.chip_room or self.bar_room) or layout.lineAt(0).y() != 0  # room to make or to take away
        if rtl != auto_rtl or roomy:
            option.setTextDirection(direction)
            option.setAlignment(align)
            _relayout(layout, option, self.chip_room, self.bar_room)
        elif rtl and option.alignment() != align:  # Qt's own layout already reads right to left
            option.setTextDirection(direction)
            option.setAlignment(align)
            layout.setTextOption(option)  # alignment is applied when lines are drawn or measured
        mixed = rtl or _RTL.search(block.text()) is not None
        lines = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            start, end = line.textStart(), line.textStart() + line.textLength()
            chars = _char_boxes(line, start, end) if mixed else None
            lines.append(Line(line.y(), line.height(), start, end, chars, line))
        self._lines[number] = (_signature(layout), lines)
        self._checked.add(number)
        return lines

    # -- queries ------------------------------------------------------------------------
    def block_origin(self, block: QTextBlock) -> QPointF:
        number = block.blockNumber()
        origin = self._origins.get(number)
        if origin is None:
            view = self.view
            origin = self._origins[number] = view.blockBoundingGeometry(block).translated(
                view.contentOffset()).topLeft()
        return origin

    def line_boxes(self, start: int, end: int) -> list[tuple[int, QRectF]]:
        """Block-relative boxes of [start, end) (code points) with their block's number: one per
        line, or per visual piece on a line where the range crosses runs of both directions."""
        key = (start, end)
        out = self._pieces.get(key)
        if out is not None:
            for number in {n for n, _ in out}:
                self._settled(self._blocks.get(number) or self.view.document().findBlockByNumber(number))
            out = self._pieces.get(key)  # gone if a block was laid out again
            if out is not None:
                return out
        u16_start, u16_end = self.to_qt(start), self.to_qt(end)
        out = []
        block = self._block_at(u16_start)
        while block.isValid() and block.position() < u16_end:
            lines = self._settled(block)
            base = block.position()
            number = block.blockNumber()
            a, b = max(u16_start, base) - base, min(u16_end, base + block.length() - 1) - base
            for line in lines or ():
                if line.end <= a or line.start >= b:
                    continue
                lo, hi = max(a, line.start), min(b, line.end)
                if line.chars is None:
                    x1 = line.layout_line.cursorToX(lo)[0]
                    x2 = line.layout_line.cursorToX(hi)[0]
                    out.append((number, QRectF(x1, line.y, x2 - x1, line.height)))
                    continue
                for x1, x2 in _merged(line.chars, lo - line.start, hi - line.start):
                    out.append((number, QRectF(x1, line.y, x2 - x1, line.height)))
            block = block.next()
        self._pieces[key] = out
        return out

    def rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of [start, end) (code points), in reading order of the lines."""
        return [box.translated(self._origin_of(number)) for number, box in self.line_boxes(start, end)]

    def _origin_of(self, number: int) -> QPointF:
        origin = self._origins.get(number)
        if origin is None:
            block = self._blocks.get(number) or self.view.document().findBlockByNumber(number)
            origin = self.block_origin(block)
        return origin

    def start_rect(self, start: int, end: int) -> tuple[QRectF, bool] | None:
        """The piece of [start, end) holding its first character, and whether that character reads
        right to left (then the span starts at the piece's right edge)."""
        pieces = self.rects(start, end)
        if not pieces:
            return None
        first = self.char_box(start)
        piece = next((r for r in pieces if first is not None and r.contains(first.center())), pieces[0])
        return piece, self.char_is_rtl(start)

    def char_box(self, cp: int) -> QRectF | None:
        """The viewport box of the character at code point `cp`."""
        boxes = self.rects(cp, cp + 1)
        return boxes[0] if boxes else None

    def char_is_rtl(self, cp: int) -> bool:
        """Whether the character at `cp` reads right to left: its own direction, else its paragraph's."""
        u16 = self.to_qt(cp)
        block = self._block_at(u16)
        if not block.isValid():
            return False
        text, i = block.text(), cp - self.to_cp(block.position())  # a block's text is a Python string
        kind = unicodedata.bidirectional(text[i]) if 0 <= i < len(text) else ""
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
        return self._settled(block) is not None and self._block_rtl(block)

    def visible_range(self, clip: QRectF) -> tuple[int, int]:
        """Code points shown in the `clip` part of the viewport, whole paragraphs."""
        view = self.view
        first = view.cursorForPosition(QPoint(0, int(clip.top()))).block().position()
        last = view.cursorForPosition(QPoint(view.viewport().width(), int(clip.bottom()))).block()
        return self.to_cp(first), self.to_cp(last.position() + last.length())

    def _line_at(self, point: QPointF) -> tuple[QTextBlock, Line] | None:
        view = self.view
        block = view.cursorForPosition(point.toPoint()).block()
        lines = self._settled(block) if block.isValid() else None
        if not lines:
            return None
        y = point.y() - self.block_origin(block).y()
        tops = [ln.y for ln in lines]
        return block, lines[max(0, bisect_right(tops, y) - 1)]

    def char_at(self, point: QPointF, exact: bool = False) -> int | None:
        """Code point of the character under `point` (viewport), else the nearest on its line;
        with `exact`, None unless the point is on a character's box (a click beside the text)."""
        self.new_frame()  # asked from an input event: place blocks where they are now
        found = self._line_at(point)
        if found is None:
            return None
        block, line = found
        if line.end == line.start:
            return None
        x = point.x() - self.block_origin(block).x()
        if line.chars is None:
            rel = min(max(line.layout_line.xToCursor(x, _ON_CHARACTER), line.start), line.end - 1)
            box = (line.layout_line.cursorToX(rel)[0], line.layout_line.cursorToX(rel + 1)[0])
        else:
            rel = line.start + min(range(len(line.chars)), key=lambda i: _distance(line.chars[i], x))
            box = line.chars[rel - line.start]
        y = point.y() - self.block_origin(block).y()
        if exact and (_distance(box, x) > 0 or not line.y <= y <= line.y + line.height):
            return None
        return self.to_cp(block.position() + rel)

    def anchor(self, point: QPointF) -> tuple[int, float] | None:
        """Where a drag begins, kept as text: the character under `point` and the point's x from
        that character's left edge, so the view scrolling under the drag does not move it."""
        cp = self.char_at(point)
        box = self.char_box(cp) if cp is not None else None
        return None if box is None else (cp, point.x() - box.left())

    def _anchor_place(self, anchor: tuple[int, float]) -> tuple[QTextBlock, Line, float] | None:
        cp, dx = anchor
        u16 = self.to_qt(cp)
        block = self._block_at(u16)
        rel = u16 - block.position()
        line = next((ln for ln in self._settled(block) or () if ln.start <= rel < ln.end), None)
        return None if line is None else (block, line, self._char_left(line, rel) + dx)

    def _point_place(self, point: QPointF) -> tuple[QTextBlock, Line, float] | None:
        found = self._line_at(point)
        return None if found is None else (*found, point.x() - self.block_origin(found[0]).x())

    @staticmethod
    def _char_left(line: Line, rel: int) -> float:
        if line.chars is not None:
            return line.chars[rel - line.start][0]
        return line.layout_line.cursorToX(rel)[0]

    @staticmethod
    def _char_centre_x(line: Line, rel: int) -> float:
        if line.chars is not None:
            return sum(line.chars[rel - line.start]) / 2
        return (line.layout_line.cursorToX(rel)[0] + line.layout_line.cursorToX(rel + 1)[0]) / 2

    def covered(self, anchor: tuple[int, float], b: QPointF) -> tuple[int, int, bool] | None:
        """The characters a drag from `anchor` (see `anchor`) to the viewport point `b` passed
        over, as one logical range (code points), and whether `b` is at the range's logical end;
        None when it covered none.

        On one line: the characters whose centre lies between the two x; over several lines the
        rest of the first line in its reading direction, whole lines, the start of the last."""
        self.new_frame()
        pa, pb = self._anchor_place(anchor), self._point_place(b)
        if pa is None or pb is None:
            return None
        forward = (pb[0].blockNumber(), pb[1].y) >= (pa[0].blockNumber(), pa[1].y)
        first, last = (pa, pb) if forward else (pb, pa)
        picked: list[int] = []  # UTF-16 document positions
        one_line = first[0] == last[0] and first[1] is last[1]
        if one_line:
            block, line, _ = first
            x1, x2 = sorted((first[2], last[2]))
            picked = [block.position() + i for i in self._chars_where(line, lambda c: x1 <= c <= x2)]
        else:
            for (block, line, x), tail in ((first, True), (last, False)):
                ahead = tail != self._block_rtl(block)  # the rest of the line lies right of x
                picked += [block.position() + i
                           for i in self._chars_where(line, (lambda c, x=x: c >= x) if ahead else (lambda c, x=x: c <= x))]
            start = first[0].position() + first[1].end
            end = last[0].position() + last[1].start
            if end > start:
                picked += [start, end - 1]
        if not picked:
            return None
        lo16, hi16 = min(picked), max(picked)
        lo, hi = self.to_cp(lo16), max(self.to_cp(hi16 + 1), self.to_cp(lo16) + 1)
        if not one_line:
            return lo, hi, forward
        block, line, _ = first
        base = block.position()
        to_last = abs(self._char_centre_x(line, hi16 - base) - pb[2])
        to_first = abs(self._char_centre_x(line, lo16 - base) - pb[2])
        return lo, hi, to_last <= to_first

    def _chars_where(self, line: Line, keep) -> list[int]:  # noqa: ANN001 - a predicate on a centre x
        """Block offsets of the line's characters whose centre x satisfies `keep`."""
        if line.chars is not None:
            return [line.start + i for i, (x1, x2) in enumerate(line.chars) if keep((x1 + x2) / 2)]
        out = []
        ql = line.layout_line
        left = ql.cursorToX(line.start)[0]
        for i in range(line.start, line.end):
            right = ql.cursorToX(i + 1)[0]
            if keep((left + right) / 2):
                out.append(i)
            left = right
        return out

    def visual_order(self, cp: int) -> list[int]:
        """Code points of the characters on the line holding `cp`, left to right on screen."""
        u16 = self.to_qt(cp)
        block = self._block_at(u16)
        lines = self._settled(block) or []
        rel = u16 - block.position()
        line = next((ln for ln in lines if ln.start <= rel < ln.end), lines[-1] if lines else None)
        if line is None:
            return []
        if line.chars is None:
            order = list(range(line.start, line.end))
        else:
            order = sorted(range(line.start, line.end), key=lambda i: sum(line.chars[i - line.start]))
        return [self.to_cp(block.position() + i) for i in order]


_ON_CHARACTER = QTextLine.CursorPosition.CursorOnCharacter


def _signature(layout: QTextLayout) -> tuple:
    """What changes when Qt lays a block out again (a new width, its own spacing and alignment)."""
    if layout.lineCount() == 0:
        return (0,)
    line = layout.lineAt(0)
    option = layout.textOption()
    return layout.lineCount(), line.y(), line.width(), option.alignment(), option.textDirection()


def _char_boxes(line, start: int, end: int) -> list[tuple[float, float]]:  # noqa: ANN001 - QTextLine
    """Each character's x range on the line: its glyph run's box (its run's direction, ligatures shared)."""
    boxes = []
    for i in range(start, end):
        runs = line.glyphRuns(i, 1)
        if runs:
            rect = runs[0].boundingRect()
            x1, x2 = rect.left(), rect.right()
            for run in runs[1:]:
                other = run.boundingRect()
                x1, x2 = min(x1, other.left()), max(x2, other.right())
        else:  # a character with no glyph (a mark, a control): a caret's width at its position
            x1 = x2 = line.cursorToX(i)[0]
        boxes.append((x1, x2))
    return boxes


def _merged(chars: list[tuple[float, float]], a: int, b: int) -> list[tuple[float, float]]:
    """The x ranges of characters [a, b) of a line joined into the pieces they make on screen,
    left to right: two pieces are one when no other character of the line lies between them (a
    ligature's unclaimed part)."""
    pieces: list[list[float]] = []
    for x1, x2 in sorted(chars[a:b]):
        if pieces and x1 <= pieces[-1][1] + 0.5:
            pieces[-1][1] = max(pieces[-1][1], x2)
        else:
            pieces.append([x1, x2])
    if len(pieces) > 1:  # across runs, or a gap a ligature left: only other characters part them
        centres = sorted((x1 + x2) / 2 for x1, x2 in chars[:a] + chars[b:])
        joined = [pieces[0]]
        for piece in pieces[1:]:
            if _any_between(centres, joined[-1][1], piece[0]):
                joined.append(piece)
            else:
                joined[-1][1] = max(joined[-1][1], piece[1])
        pieces = joined
    return [(x1, x2) for x1, x2 in pieces]


def _any_between(sorted_xs: list[float], lo: float, hi: float) -> bool:
    i = bisect_right(sorted_xs, lo)
    return i < len(sorted_xs) and sorted_xs[i] < hi


def _distance(box: tuple[float, float], x: float) -> float:
    x1, x2 = box
    return 0.0 if x1 <= x <= x2 else min(abs(x - x1), abs(x - x2))


def _relayout(layout: QTextLayout, option: QTextOption, above: float, below: float) -> None:
    """Lay the block's lines out again with `option` and room above and below each line, keeping
    Qt's line widths (so the same words stay on each line and the line count stays)."""
    widths = [(layout.lineAt(i).width(), layout.lineAt(i).x()) for i in range(layout.lineCount())]
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    i = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        width, x = widths[min(i, len(widths) - 1)]
        line.setLeadingIncluded(True)
        line.setLineWidth(width)
        y += above
        line.setPosition(QPointF(x, y))
        y += line.height() + below
        if line.leading() < 0:
            y += math.ceil(line.leading())
        i += 1
    layout.endLayout()
