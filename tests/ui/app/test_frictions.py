"""Small frictions of an eight-hour day: keys that say what they do, messages that name the span."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from tests.helpers.window_driver import layer, select_with_keyboard

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXT = "Rebels advanced on Saraqeb.\n\nIdlib burned, officials said.\nRescuers counted 21 dead."


@pytest.fixture
def desk(qtbot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "paragraphs.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Paragraphs"),
                               NewArticle(text="Second article.", title="Second")])
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.article.setFocus()
    return w


def _label(qtbot, w: MainWindow, piece: str, key: str) -> None:
    start = TEXT.index(piece)
    select_with_keyboard(qtbot, w.article, start, start + len(piece))
    qtbot.keyClick(w.article, key)


def test_alt_arrows_never_carry_a_span_across_a_paragraph_break(qtbot, desk):
    _label(qtbot, desk, "Idlib", "2")
    qtbot.keyClick(desk.article, Qt.Key.Key_Left, ALT)  # the "." before the blank line: refused
    assert layer(desk) == [("LOCATION", "Idlib")]
    qtbot.keyClick(desk.article, Qt.Key.Key_Right, ALT | SHIFT)  # one token: "burned"
    assert layer(desk) == [("LOCATION", "Idlib burned")]
    for _ in range(4):  # ",", "officials", "said", "." then the line break stops it
        qtbot.keyClick(desk.article, Qt.Key.Key_Right, ALT | SHIFT)
    qtbot.keyClick(desk.article, Qt.Key.Key_Right, ALT | SHIFT)
    assert layer(desk) == [("LOCATION", "Idlib burned, officials said.")]


def test_a_number_key_without_a_label_says_so(qtbot, desk):
    start = TEXT.index("Rebels")
    select_with_keyboard(qtbot, desk.article, start, start + 6)
    qtbot.keyClick(desk.article, "7")
    assert desk.statusBar().currentMessage() == ("No label on key 7. Label keys: 1 ACTOR, 2 LOCATION, 3 FIGURE, "
                                                 "4 ATTRIBUTION.")
    assert layer(desk) == []


def _delete_what_another_window_changed(qtbot, desk) -> None:
    """Label "Rescuers", relabel it from another window, then press Delete on the stale copy here."""
    _label(qtbot, desk, "Rescuers", "1")
    [span] = desk.article.spans()
    with ProjectStore(desk.store.path) as other:
        other.update_span(other.span(span.id), label="LOCATION")
    desk.workspace.select_span(span.id)
    qtbot.keyClick(desk.article, Qt.Key.Key_Delete)


def test_the_two_window_conflict_message_names_the_span_by_its_text(qtbot, desk):
    _delete_what_another_window_changed(qtbot, desk)
    assert desk.statusBar().currentMessage().startswith("ACTOR “Rescuers” (characters 59–67) was changed or removed "
                                                        "in another window")
    assert layer(desk) == [("LOCATION", "Rescuers")]


def test_after_ctrl_l_the_arrows_move_through_the_list(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.documents.search.hasFocus()
    qtbot.keyClick(window.documents.search, Qt.Key.Key_Down)
    table = window.documents.table
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    third = window.documents.model.summary(2).id
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.workspace.document.id == third


def test_the_shortcut_sheet_fits_a_768_pixel_screen(qtbot, window):
    from annotator.ui.app.menus import keys_box

    box = keys_box(window)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.height() <= 768 - 80  # the window's title bar and a desktop panel still fit
    assert "Ctrl+Shift+L" in box.text() and "Ctrl+L, ↓ ↑, Enter" in box.text()
    box.close()


def test_counts_read_one_document_two_annotators(qtbot, window):
    from PySide6.QtCore import Qt as QtNs

    from annotator.core.wording import plural

    assert (plural(1, "document"), plural(2, "annotator"), plural(0, "unit")) == ("1 document", "2 annotators",
                                                                                  "0 units")
    start = window.workspace.document.text.index("UN")
    window.article.select_range(start, start + 2)
    qtbot.keyClick(window.article, "1")
    tip = window.documents.model.index(0, 1).data(QtNs.ItemDataRole.ToolTipRole)
    assert "1 span ·" in tip and "1 spans" not in tip


def test_the_two_window_refusal_stays_in_sight_until_the_next_edit(qtbot, desk):
    _delete_what_another_window_changed(qtbot, desk)
    desk.statusBar().clearMessage()  # a menu's status tip, a progress line: the status bar moves on
    qtbot.wait(2500)
    notice = desk.desk.notice
    assert notice.isVisible() and "was changed or removed in another window" in notice.text()
    _label(qtbot, desk, "Idlib", "2")  # the next edit: the refusal is old news
    assert not notice.isVisible()
