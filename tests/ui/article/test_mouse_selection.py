"""Mouse selection made by the view itself: the characters a drag passed over, kept as text."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from annotator.core.model import Span
from annotator.ui.article.article_view import ArticleView

PARAGRAPH = "Rescuers said 21 civilians died in Idlib when strikes hit the camp near the border. "


def _view(qtbot) -> tuple[ArticleView, str]:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    text = "\n\n".join(f"{i}. " + PARAGRAPH * 3 for i in range(60))
    view.set_article(text, [Span(1, 0, 2, "ACTOR", id=1)])
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()
    return view, text


def test_a_drag_over_english_words_selects_them(qtbot):
    view, text = _view(qtbot)
    start = text.index("civilians")
    [box] = view.viewport_rects(start, start + len("civilians died"))
    y = box.center().y()
    viewport, left = view.viewport(), Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=QPointF(box.left() + 1, y).toPoint())
    qtbot.mouseMove(viewport, QPointF(box.center().x(), y).toPoint())
    qtbot.mouseRelease(viewport, left, pos=QPointF(box.right() - 1, y).toPoint())
    assert view.selection_range() == (start, start + len("civilians died"))


def test_a_drag_keeps_its_start_when_the_view_scrolls_under_it(qtbot):
    view, text = _view(qtbot)
    start = text.index("civilians")
    [box] = view.viewport_rects(start, start + 9)
    viewport, left = view.viewport(), Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=QPointF(box.left() + 1, box.center().y()).toPoint())
    view.verticalScrollBar().setValue(6)  # scrolled by lines (the wheel, or Qt's drag scrolling)
    view.viewport().repaint()
    shown = view.viewport().rect()
    ends = [i for i in range(start, len(text)) if text.startswith("border", i)]
    end, target = next((i, box) for i in ends for box in view.viewport_rects(i, i + 6)
                       if shown.contains(box.center().toPoint()))
    assert start not in range(*view.text_geometry.visible_range(shown))  # the drag's start scrolled away
    qtbot.mouseMove(viewport, QPointF(target.right() - 1, target.center().y()).toPoint())
    qtbot.mouseRelease(viewport, left, pos=QPointF(target.right() - 1, target.center().y()).toPoint())
    assert view.selection_range() == (start, end + 6)
