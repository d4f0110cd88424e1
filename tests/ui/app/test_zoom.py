"""Zoom and font size: highlights follow the text after every re-wrap, and the size is remembered."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from tests.helpers.window_driver import TEXTS


def _painted_vs_true(view, start: int, end: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Top-left of the first box the painter uses (cached) and of the text itself (Qt's cursor)."""
    box = view.viewport_rects(start, end)[0]
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(start))
    truth = view.cursorRect(cursor)
    return (round(box.left()), round(box.top())), (round(truth.left()), round(truth.top()))


def _wheel(view, steps: int) -> None:
    event = QWheelEvent(QPointF(20, 20), QPointF(view.mapToGlobal(QPoint(20, 20))), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_highlights_follow_the_text_after_zoom(qtbot, window):
    view = window.article
    text = TEXTS[0]
    start = text.index("UN")  # far enough along to move to another line when the text grows
    view.select_range(start, start + 2)
    qtbot.keyClick(view, "1")
    view.viewport().repaint()
    painted, true = _painted_vs_true(view, start, start + 2)
    assert abs(painted[0] - true[0]) <= 2 and abs(painted[1] - true[1]) <= 2
    before = view.font().pointSizeF()
    for _ in range(6):
        window.actions_by_name["zoom_in"].trigger()
    assert view.font().pointSizeF() == before + 6
    painted_after, true_after = _painted_vs_true(view, start, start + 2)
    assert true_after != true  # the word moved ...
    assert abs(painted_after[0] - true_after[0]) <= 2 and abs(painted_after[1] - true_after[1]) <= 2  # ... and so did its highlight
    _wheel(view, -2)  # Ctrl+wheel zooms too
    assert view.font().pointSizeF() == before + 4
    painted_wheel, true_wheel = _painted_vs_true(view, start, start + 2)
    assert abs(painted_wheel[0] - true_wheel[0]) <= 2 and abs(painted_wheel[1] - true_wheel[1]) <= 2
    assert window.review.article.font().pointSizeF() == before + 4  # review shows the same size


def test_the_font_size_is_remembered_and_reset(qtbot, window, project):
    before = window.article.font().pointSizeF()
    window.actions_by_name["zoom_out"].trigger()
    assert AppSettings().font_size == before - 1
    again = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(again)
    assert again.article.font().pointSizeF() == before - 1
    again.actions_by_name["zoom_reset"].trigger()
    assert again.article.font().pointSizeF() == before and AppSettings().font_size == before
    for _ in range(100):
        again.actions_by_name["zoom_in"].trigger()
    assert again.article.font().pointSizeF() == 40.0  # bounded


def test_view_font_size_sets_points(qtbot, window):
    from tests.helpers.window_driver import when_input_dialog_shows

    when_input_dialog_shows(window, lambda dialog: (dialog.setIntValue(22), dialog.accept()))
    window.actions_by_name["font_size"].trigger()
    assert window.article.font().pointSizeF() == 22 == window.review.article.font().pointSizeF()
    assert AppSettings().font_size == 22
