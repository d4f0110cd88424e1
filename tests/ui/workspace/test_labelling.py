"""The annotator's workspace driven as a user drives it: keys, clicks, the store checked after."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.storage import ProjectStore
from tests.helpers.window_driver import layer, select_with_keyboard
from tests.helpers.window_driver import select_word as _select_word

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_select_and_press_a_key_stores_the_span(qtbot, window):
    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    assert layer(window) == [("ACTOR", "Syrians")]
    assert [s.label for s in window.article.spans()] == ["ACTOR"]
    assert window.span_table.model().rowCount() == 1


def test_a_selection_cutting_a_word_snaps_to_the_whole_token(qtbot, window):
    text = window.workspace.document.text
    start = text.index("yrians")  # starts inside "Syrians"
    select_with_keyboard(qtbot, window.article, start, text.index(" have") + 1)  # trailing space
    qtbot.keyClick(window.article, "1")
    assert layer(window) == [("ACTOR", "Syrians")]


def test_alt_key_labels_exact_characters(qtbot, window):
    text = window.workspace.document.text
    select_with_keyboard(qtbot, window.article, text.index("yrians"), text.index("yrians") + 6)
    qtbot.keyClick(window.article, "1", ALT)
    assert layer(window) == [("ACTOR", "yrians")]


def test_relabel_delete_undo_redo(qtbot, window):
    _select_word(qtbot, window, "Idlib")
    qtbot.keyClick(window.article, "1")
    qtbot.keyClick(window.article, "2")  # the new span is selected: another key relabels it
    assert layer(window) == [("LOCATION", "Idlib")]
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert layer(window) == []
    window.actions_by_name["undo"].trigger()
    assert layer(window) == [("LOCATION", "Idlib")]
    window.actions_by_name["undo"].trigger()
    assert layer(window) == [("ACTOR", "Idlib")]
    window.actions_by_name["undo"].trigger()
    assert layer(window) == []
    for expected in ([("ACTOR", "Idlib")], [("LOCATION", "Idlib")], []):
        window.actions_by_name["redo"].trigger()
        assert layer(window) == expected


def test_undo_history_survives_moving_between_documents(qtbot, window):
    first = window.workspace.document.id
    _select_word(qtbot, window, "UN")
    qtbot.keyClick(window.article, "1")
    window.actions_by_name["next"].trigger()
    assert window.workspace.document.id != first
    window.actions_by_name["previous"].trigger()
    window.actions_by_name["undo"].trigger()
    assert layer(window) == []


def test_resize_by_token_from_the_keyboard(qtbot, window):
    _select_word(qtbot, window, "Idlib")
    qtbot.keyClick(window.article, "2")
    qtbot.keyClick(window.article, Qt.Key.Key_Right, ALT | SHIFT)  # end one token right
    assert layer(window) == [("LOCATION", "Idlib province")]
    qtbot.keyClick(window.article, Qt.Key.Key_Left, ALT)  # start one token left
    assert layer(window) == [("LOCATION", "fled Idlib province")]
    qtbot.keyClick(window.article, Qt.Key.Key_Right, ALT)
    qtbot.keyClick(window.article, Qt.Key.Key_Left, ALT | SHIFT)
    assert layer(window) == [("LOCATION", "Idlib")]
    window.actions_by_name["undo"].trigger()
    assert layer(window) == [("LOCATION", "Idlib province")]


def test_overlapping_and_nested_spans(qtbot, window):
    _select_word(qtbot, window, "350,000 Syrians")
    qtbot.keyClick(window.article, "1")
    _select_word(qtbot, window, "350,000")
    qtbot.keyClick(window.article, "3")
    assert sorted(layer(window)) == [("ACTOR", "350,000 Syrians"), ("FIGURE", "350,000")]
    # Tab walks the spans; the nested one is reachable and deletable alone.
    window.workspace.select_span(None)
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert len(layer(window)) == 1


def test_emoji_and_arabic_offsets_are_code_points(qtbot, window):
    window.actions_by_name["next"].trigger()
    text = window.workspace.document.text
    assert text.startswith("🚀")
    for word, key in (("Rescuers", "1"), ("إدلب", "2"), ("Atmeh camp", "2")):
        _select_word(qtbot, window, word)
        qtbot.keyClick(window.article, key)
    assert sorted(layer(window)) == [("ACTOR", "Rescuers"), ("LOCATION", "Atmeh camp"), ("LOCATION", "إدلب")]
    with ProjectStore(window.store.path) as other:
        spans = other.spans(window.workspace.document.id, "alice")
    assert spans[0].start == 2  # Python: after "🚀 "; Qt would say 3


def test_mark_done_opens_the_next_document_to_do(qtbot, window):
    first = window.workspace.document.id
    window.actions_by_name["skip"].trigger()
    second = window.workspace.document.id
    assert second != first
    qtbot.keyClick(window.article, Qt.Key.Key_Return, CTRL)
    assert window.workspace.document.id not in (first, second)
    with ProjectStore(window.store.path) as other:
        assert other.status(first, "alice") is Status.SKIPPED
        assert other.status(second, "alice") is Status.DONE
    assert window.documents.progress.value() == 1


def test_find_then_label_the_hit_and_label_all_matches(qtbot, window):
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.find_bar.query, "Idlib")
    assert len(window.article.decorations.hits) == 1  # the hit is marked in the article
    qtbot.keyClick(window.find_bar.query, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, "2")
    assert layer(window) == [("LOCATION", "Idlib")]
    window.actions_by_name["next"].trigger()
    window.find_bar.query.clear()
    qtbot.keyClicks(window.find_bar.query, "said")
    window.find_bar.label.setCurrentText("ATTRIBUTION")
    qtbot.mouseClick(window.find_bar.label_all, Qt.MouseButton.LeftButton)
    assert layer(window) == [("ATTRIBUTION", "said")]


def test_note_and_unsure_flag(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QApplication

    from annotator.ui.workspace.note_dialog import NoteDialog

    _select_word(qtbot, window, "UN")
    qtbot.keyClick(window.article, "1")

    seen: list[bool] = []

    def fill_the_dialog() -> None:  # what the user does in the modal dialog: type, tick, Ctrl+Enter
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NoteDialog):
            QTimer.singleShot(20, fill_the_dialog)  # exec() has not shown it yet
            return
        qtbot.keyClicks(dialog.note, "is it the UN or UNHCR?")
        seen.append(dialog.note.tabChangesFocus())  # Tab leaves the note (offscreen cannot focus-chain)
        qtbot.keyClick(dialog.unsure, Qt.Key.Key_Space)
        # Ctrl+Enter saves (Enter is a new line). An offscreen modal dialog does not become the
        # active window under pytest, so the shortcut is found and fired rather than typed.
        [save] = [sc for sc in dialog.findChildren(QShortcut) if sc.key().toString() == "Ctrl+Return"]
        save.activated.emit()
        if dialog.isVisible():  # never leave a modal dialog open: the test would hang, not fail
            dialog.reject()

    QTimer.singleShot(0, fill_the_dialog)
    window.actions_by_name["note"].trigger()
    with ProjectStore(window.store.path) as other:
        [span] = other.spans(window.workspace.document.id, "alice")
    assert seen == [True]
    assert (span.note, span.unsure) == ("is it the UN or UNHCR?", True)
    window.actions_by_name["unsure"].trigger()
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    with ProjectStore(window.store.path) as other:
        [span] = other.spans(window.workspace.document.id, "alice")
    assert (span.note, span.unsure) == ("", False)


def test_each_annotator_sees_only_their_own_layer(qtbot, window):
    _select_word(qtbot, window, "UN")
    qtbot.keyClick(window.article, "1")
    window.switch_annotator("bob")
    assert window.article.spans() == []
    window.switch_annotator("alice")
    assert len(window.article.spans()) == 1


def test_a_second_window_sees_saved_work_on_reload(qtbot, window, project):
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    other = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(other)
    _select_word(qtbot, window, "UN")
    qtbot.keyClick(window.article, "1")
    assert other.article.spans() == []
    other.actions_by_name["reload"].trigger()
    assert [s.label for s in other.article.spans()] == ["ACTOR"]
    # The stale window cannot silently undo what it did not do; deleting the same span twice is caught.
    other.workspace.select_span(other.article.spans()[0].id)
    qtbot.keyClick(other.article, Qt.Key.Key_Delete)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert layer(window) == []
    assert "another window" in window.statusBar().currentMessage()


def test_clicking_a_span_selects_it(qtbot, window):
    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    window.workspace.select_span(None)
    view = window.article
    text = window.workspace.document.text
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_utf16(text.index("Syrians") + 2))
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_span_id == view.spans()[0].id
    qtbot.keyClick(view, "2")
    assert layer(window) == [("LOCATION", "Syrians")]


def test_a_stale_window_cannot_overwrite_a_relabel(qtbot, window, project):
    """Window B still shows ACTOR after window A relabelled: B's relabel is refused, not saved."""
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    _select_word(qtbot, window, "UN")
    qtbot.keyClick(window.article, "1")
    stale = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(stale)
    stale.workspace.select_span(stale.article.spans()[0].id)
    qtbot.keyClick(window.article, "2")  # window A: relabel as LOCATION (its span is selected)
    assert layer(window) == [("LOCATION", "UN")]
    qtbot.keyClick(stale.article, "3")  # window B, stale: FIGURE
    assert layer(window) == [("LOCATION", "UN")]
    assert "another window" in stale.statusBar().currentMessage()
    assert [s.label for s in stale.article.spans()] == ["LOCATION"]  # B reloaded and shows the truth
