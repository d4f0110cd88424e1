"""Label-name chips get room of their own: lines move apart, so a chip covers neither the line
above nor the tops of its words, at the normal size and zoomed in; bars go under the words."""
from __future__ import annotations

import itertools

from PySide6.QtCore import QRectF

from annotator.ui.article.label_chips import label_chips
from tests.helpers.window_driver import TEXTS


def _text_boxes(view, text: str) -> list[QRectF]:
    """Every line of text on screen, as the boxes its characters make."""
    return view.viewport_rects(0, len(text))


def _label(qtbot, view, text: str, pieces: tuple[tuple[str, str], ...]) -> None:
    for piece, key in pieces:
        start = text.index(piece)
        view.select_range(start, start + len(piece))
        qtbot.keyClick(view, key)


def test_chips_cover_no_text_at_normal_size_and_zoomed_in(qtbot, window):
    view = window.article
    text = TEXTS[0]
    _label(qtbot, view, text, (("Some 350,000 Syrians", "3"), ("Idlib province", "2"), ("Idlib", "2"),
                               ("UN", "1"), ("Thursday", "3")))
    window.actions_by_name["label_names"].trigger()
    height_with_chips = None
    for zoom in (0, 8):  # the normal size, then zoomed in until the sentence wraps over lines
        for _ in range(zoom):
            window.actions_by_name["zoom_in"].trigger()
        view.viewport().repaint()
        chips = label_chips(view, QRectF(view.viewport().rect()))
        boxes = _text_boxes(view, text)
        assert len(chips) == 5 and (zoom == 0 or len({round(b.top()) for b in boxes}) > 1)
        for rect, label, _ in chips:
            assert not any(rect.intersects(box.adjusted(0, 1, 0, -1)) for box in boxes), (zoom, label, rect)
        assert not any(a.intersects(b) for (a, _, _), (b, _, _) in itertools.combinations(chips, 2))
        view.grab().save(f"/tmp/chip-room-{zoom}.png")
        if zoom == 0:
            height_with_chips = boxes[0].top()
    window.actions_by_name["zoom_reset"].trigger()
    window.actions_by_name["label_names"].trigger()  # off: the lines close up again
    view.viewport().repaint()
    assert _text_boxes(view, text)[0].top() < height_with_chips


def test_the_outermost_bar_goes_under_the_words_when_chips_show(qtbot, window):
    view = window.article
    text = TEXTS[0]
    _label(qtbot, view, text, (("Syrians", "1"),))
    start = text.index("Syrians")
    view.viewport().repaint()
    [box] = view.viewport_rects(start, start + 7)
    image = view.viewport().grab().toImage()
    below = int(box.bottom()) + 2
    assert image.pixelColor(int(box.center().x()), below).lightness() > 200  # no bar under the words yet
    window.actions_by_name["label_names"].trigger()
    view.viewport().repaint()
    [box] = view.viewport_rects(start, start + 7)
    image = view.viewport().grab().toImage()
    assert image.pixelColor(int(box.center().x()), int(box.bottom()) + 2).lightness() < 200  # the bar, below
