"""Drivers of the real window: select as a keyboard user does, read a layer from disk, answer a dialog."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from annotator.storage import ProjectStore

TEXTS = [
    "Some 350,000 Syrians have fled Idlib province, the UN said on Thursday.",
    "🚀 Rescuers in إدلب said 21 civilians died near Atmeh camp.",
    "Third article: the Red Cross said dozens were missing.",
]


def select_with_keyboard(qtbot, view, start: int, end: int) -> None:
    """Put the caret at `start` and extend with Shift+Right, as a keyboard user does."""
    view.select_range(start, start)
    cursor = view.textCursor()
    target = view._map.to_utf16(end)
    while cursor.position() < target:
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        cursor = view.textCursor()
    assert cursor.hasSelection()


def layer(window, annotator: str = "alice") -> list[tuple[str, str]]:
    """(label, text) of the open document's spans as stored in the project file."""
    doc = window.workspace.document
    with ProjectStore(window.store.path) as other:  # a second connection: what is really on disk
        return [(s.label, doc.text[s.start:s.end]) for s in other.spans(doc.id, annotator)]


def select_word(qtbot, window, word: str, occurrence: int = 0) -> None:
    """Select the `occurrence`-th `word` of the open document with the keyboard."""
    text = window.workspace.document.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    select_with_keyboard(qtbot, window.article, start, start + len(word))


def when_input_dialog_shows(owner: QWidget, act: Callable[[QInputDialog], None]) -> QTimer:
    """Once a QInputDialog is the modal widget, `act` on it (answer, accept or reject) once.

    The timer belongs to `owner`, so it never outlives the test."""
    timer = QTimer(owner)
    timer.setInterval(20)

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            timer.stop()
            act(dialog)
    timer.timeout.connect(respond)
    timer.start()
    return timer


def reviewing_window(qtbot, path, reviewer: str = "rita"):
    """The real window on `path`, shown and in review mode, with `reviewer` already known (not asked)."""
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    settings = AppSettings()
    settings.reviewer = reviewer
    w = MainWindow(path, settings, reviewer)
    qtbot.addWidget(w)
    w.show()
    w.actions_by_name["review_mode"].trigger()
    return w
