"""ArticleView painting: highlights stay on their text however the view scrolls or wraps."""
from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor

from annotator.core.model import Span
from annotator.ui.article.article_view import ArticleView

PARAGRAPH = "Rescuers said 21 civilians died in Idlib when strikes hit the camp near the border. "


def _long_view(qtbot) -> tuple[ArticleView, str, list[Span]]:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.colours = {"LOCATION": QColor("#59a14f")}
    text = "\n\n".join(f"{i}. " + PARAGRAPH * 3 for i in range(120))
    starts = [i for i in range(len(text)) if text.startswith("Idlib", i)]  # every one, top to bottom
    spans = [Span(1, start, start + 5, "LOCATION", id=n + 1) for n, start in enumerate(starts)]
    view.set_article(text, spans)
    view.show()
    qtbot.waitExposed(view)
    return view, text, spans


def _expected_left_top(view: ArticleView, cp: int):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._map.to_utf16(cp))
    return view.cursorRect(cursor).topLeft()


def test_highlight_rectangles_follow_the_text_after_scrolling(qtbot):
    """Spans measured at one scroll position and painted at another stay on their words."""
    view, text, spans = _long_view(qtbot)
    bar = view.verticalScrollBar()
    checked = 0
    for value in [*range(0, 40, 3), bar.maximum() // 2, bar.maximum() // 2 + 2, bar.maximum(), 5, 0]:
        bar.setValue(value)
        view.viewport().repaint()  # measures (and caches) what is visible now
        first = view.cursorForPosition(view.viewport().rect().topLeft()).position()
        last = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
        for span in spans:
            if first <= view._map.to_utf16(span.start) and view._map.to_utf16(span.end) <= last:
                rect = view.viewport_rects(span.start, span.end)[0]
                expected = _expected_left_top(view, span.start)
                assert abs(rect.left() - expected.x()) <= 2 and abs(rect.top() - expected.y()) <= 4, \
                    (value, span.start, rect, expected)
                checked += 1
    assert checked > 50


def test_highlight_rectangles_follow_rewrapping(qtbot):
    view, text, spans = _long_view(qtbot)
    view.viewport().repaint()
    view.resize(340, 300)
    qtbot.waitUntil(lambda: view.viewport().width() < 340)
    view.viewport().repaint()
    [rect, *_] = view.viewport_rects(spans[0].start, spans[0].end)
    expected = _expected_left_top(view, spans[0].start)
    assert abs(rect.left() - expected.x()) <= 2 and abs(rect.top() - expected.y()) <= 4
