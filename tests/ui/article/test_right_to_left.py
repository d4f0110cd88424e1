"""Right to left: Arabic articles and Arabic names in English lines, driven in the real window.

Every check ends at the stored span (or the selection's code points): the slice of the text it
names must be the Arabic word the annotator meant.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from annotator.ui.article.label_chips import label_chips
from tests.helpers.window_driver import layer

ARABIC = ("قال المتحدث باسم الأمم المتحدة إن 350 شخصا قتلوا في حلب.\n\n"
          "وأعلنت منظمة الصحة العالمية أن المستشفيات في إدلب تعمل فوق طاقتها.\n\n"
          "The UN office in Gaziantep (مكتب الأمم المتحدة) confirmed the figures.")
MIXED = "🚀 The spokesman (محمد الأحمد) said 350 people were killed in Aleppo on Monday."
NAME = "محمد الأحمد"


@pytest.fixture
def rtl_window(qtbot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "rtl.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARABIC, title="Aleppo (ar)", lang="ar"),
                               NewArticle(text=MIXED, title="Aleppo (en)", lang="en")])
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    w.article.setFocus()
    return w


def _open(qtbot, window, title: str) -> str:
    model = window.documents.model
    doc = next(model.summary(i).id for i in range(model.rowCount()) if model.summary(i).title == title)
    window.open_document(doc)
    view = window.article
    qtbot.waitUntil(lambda: bool(view.token_ranges))
    view.viewport().repaint()
    return window.workspace.document.text


def _drag(qtbot, view, a: QPointF, b: QPointF) -> None:
    viewport, left = view.viewport(), Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=a.toPoint())
    for i in range(1, 6):
        qtbot.mouseMove(viewport, (a + (b - a) * (i / 5)).toPoint())
    qtbot.mouseRelease(viewport, left, pos=b.toPoint())


def _selected(view, text: str) -> str:
    selection = view.selection_range()
    return text[selection[0]:selection[1]] if selection else ""


def _box(view, text: str, word: str, occurrence: int = 0) -> QRectF:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    boxes = view.viewport_rects(start, start + len(word))
    assert len(boxes) == 1, (word, boxes, view.viewport().width())  # one piece: the word is one run on screen
    [box] = boxes
    return box


def test_an_arabic_article_is_laid_out_right_to_left_and_a_mouse_drag_labels_the_word(qtbot, rtl_window):
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (ar)")
    first, last = view.text_geometry.char_box(0), view.text_geometry.char_box(text.index("."))
    assert first.left() > last.left()  # the sentence begins on the right and ends on the left
    assert view.viewport().width() - first.right() < 40  # aligned right (the margin only)
    quote = view.text_geometry.char_box(text.index("The UN"))
    assert quote.left() < 40  # an English paragraph in the Arabic article keeps left to right
    box = _box(view, text, "حلب")
    for a, b in ((box.left() + 1, box.right() + 1), (box.right() - 1, box.left() - 1)):  # both directions
        _drag(qtbot, view, QPointF(a, box.center().y()), QPointF(b, box.center().y()))
        assert _selected(view, text) == "حلب"
    qtbot.keyClick(view, "2")
    assert layer(rtl_window) == [("LOCATION", "حلب")]


def test_dragging_left_to_right_over_an_arabic_name_in_an_english_line_selects_the_name(qtbot, rtl_window):
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (en)")
    box = _box(view, text, NAME)
    y = box.center().y()
    _drag(qtbot, view, QPointF(box.left() + 1, y), QPointF(box.right() + 1, y))  # it used to select ")"
    assert _selected(view, text) == NAME
    _drag(qtbot, view, QPointF(box.right() + 1, y), QPointF(box.left() + 1, y))
    assert _selected(view, text) == NAME
    qtbot.keyClick(view, "1")
    assert layer(rtl_window) == [("ACTOR", NAME)]
    with ProjectStore(rtl_window.store.path) as other:
        [span] = other.spans(rtl_window.workspace.document.id, "alice")
    assert (span.start, span.end) == (text.index(NAME), text.index(NAME) + len(NAME))  # code points (🚀 is one)


def test_a_drag_over_part_of_an_arabic_word_snaps_to_the_word(qtbot, rtl_window):
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (ar)")
    box = _box(view, text, "المستشفيات")
    y = box.center().y()
    _drag(qtbot, view, QPointF(box.right() - 2, y), QPointF(box.center().x(), y))  # its first half, read from the right
    picked = _selected(view, text)
    assert picked and "المستشفيات".startswith(picked) and picked != "المستشفيات"
    qtbot.keyClick(view, "2")
    assert layer(rtl_window) == [("LOCATION", "المستشفيات")]


def _double_click(qtbot, view, point: QPointF) -> None:
    viewport, left = view.viewport(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(viewport, left, pos=point.toPoint())
    qtbot.mouseDClick(viewport, left, pos=point.toPoint())
    qtbot.mouseRelease(viewport, left, pos=point.toPoint())


def test_double_click_selects_an_arabic_token_and_shift_arrows_move_its_reading_end_on_screen(qtbot, rtl_window):
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (ar)")
    _double_click(qtbot, view, _box(view, text, "حلب").center())
    assert _selected(view, text) == "حلب"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(view, text) == "حلب."  # the full stop, on the word's left, joins
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(view, text) == "حلب"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(view, text) == "حل"  # its left end gives way

    text = _open(qtbot, rtl_window, "Aleppo (en)")
    _double_click(qtbot, view, _box(view, text, "محمد").center())
    assert _selected(view, text) == "محمد"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(view, text) == "محمد "  # on screen the space is left of the word (it used to give "محم")
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(view, text) == "محم"


def test_highlights_cover_the_pieces_a_span_makes_on_screen(qtbot, rtl_window):
    """A range over "(" and the name's first word is two pieces in a mixed line: between them sits
    the name's second word, which it does not cover."""
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (en)")
    start = text.index("(")
    pieces = view.viewport_rects(start, start + 5)  # "(محمد"
    assert len(pieces) == 2
    second = _box(view, text, "الأحمد")
    assert not any(p.intersects(second.adjusted(1, 1, -1, -1)) for p in pieces)
    name = _box(view, text, NAME)
    assert name.contains(view.text_geometry.char_box(text.index("الأحمد")).center())


def test_label_chips_sit_at_an_arabic_span_start_on_its_right(qtbot, rtl_window):
    view = rtl_window.article
    for title, word, key in (("Aleppo (ar)", "حلب", "2"), ("Aleppo (en)", NAME, "1"), ("Aleppo (en)", "Aleppo", "2")):
        text = _open(qtbot, rtl_window, title)
        view.select_range(text.index(word), text.index(word) + len(word))
        qtbot.keyClick(view, key)
    rtl_window.actions_by_name["label_names"].trigger()
    view.viewport().repaint()
    chips = {label: rect for rect, label, _ in label_chips(view, QRectF(view.viewport().rect()))}
    name, aleppo = _box(view, text, NAME), _box(view, text, "Aleppo")
    assert abs(chips["ACTOR"].right() - name.right()) < 1  # an Arabic name starts on its right
    assert abs(chips["LOCATION"].left() - aleppo.left()) < 1
    text = _open(qtbot, rtl_window, "Aleppo (ar)")
    [(rect, label, _)] = label_chips(view, QRectF(view.viewport().rect()))
    assert label == "LOCATION" and abs(rect.right() - _box(view, text, "حلب").right()) < 1


def test_find_marks_arabic_hits_on_their_words(qtbot, rtl_window):
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (ar)")
    rtl_window.actions_by_name["find"].trigger()
    rtl_window.find_bar.query.setText("إدلب")  # typed (QTest types ASCII only)
    start = text.index("إدلب")
    assert view.decorations.hits == ((start, start + 4),)
    [hit] = view.viewport_rects(start, start + 4)
    for i in range(start, start + 4):
        assert hit.contains(view.text_geometry.char_box(i).center())
    qtbot.keyClick(rtl_window.find_bar.query, Qt.Key.Key_Return)
    qtbot.keyClick(view, "2")
    assert layer(rtl_window) == [("LOCATION", "إدلب")]


def test_clicking_an_arabic_span_selects_it_and_its_link_arrow_is_anchored_on_both_spans(qtbot, rtl_window):
    view = rtl_window.article
    text = _open(qtbot, rtl_window, "Aleppo (ar)")
    for word, key in (("المتحدث", "1"), ("حلب", "2")):
        view.select_range(text.index(word), text.index(word) + len(word))
        qtbot.keyClick(view, key)
    spokesman = next(s for s in view.spans() if text[s.start:s.end] == "المتحدث")
    box = _box(view, text, "المتحدث")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(box.left()) + 2, int(box.center().y())))
    assert view.selected_span_id == spokesman.id
    city = next(s for s in view.spans() if s.id != spokesman.id)
    view.set_decorations(links=[(spokesman, city, "SAID_ABOUT")])
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    ink = 0x505050
    # the arrow leaves the head at its centre and reaches the child's (over the words, or under
    # them on a first line with no room above): dark ink at both words' centres, on an edge
    for word in ("المتحدث", "حلب"):
        box = _box(view, text, word)
        x = int(box.center().x())
        edges = [int(box.top()) - dy for dy in range(-2, 6)] + [int(box.bottom()) + dy for dy in range(-2, 6)]
        assert any(_dark(image.pixel(x + dx, y), ink) for dx in range(-3, 4) for y in edges), word


def _dark(pixel: int, ink: int) -> bool:
    return all(((pixel >> shift) & 0xFF) <= ((ink >> shift) & 0xFF) for shift in (0, 8, 16))


def test_an_arabic_title_in_the_status_bar_keeps_the_character_count_after_it(qtbot, tmp_path: Path):
    """The trial saw "117 — قال … characters": an Arabic title pulled the number to its side."""
    from annotator.ui.base.quoting import FSI, PDI

    title = "قال الدفاع المدني"
    path = tmp_path / "title.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARABIC, title=title, lang="ar")])
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.workspace is not None and w.workspace.document is not None)
    w.open_document(w.workspace.document.id)
    assert w.statusBar().currentMessage() == f"{FSI}{title}{PDI} — {len(ARABIC):,} characters"
