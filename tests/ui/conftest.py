"""Fixtures for driving the real window: a project with articles, the window on it."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings

TEXTS = [
    "Some 350,000 Syrians have fled Idlib province, the UN said on Thursday.",
    "🚀 Rescuers in إدلب said 21 civilians died near Atmeh camp.",
    "Third article: the Red Cross said dozens were missing.",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "ui.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=t[:20]) for t in TEXTS])
    return path


@pytest.fixture
def window(qtbot, project: Path) -> MainWindow:
    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.article.setFocus()
    return w


def select_with_keyboard(qtbot, view, start: int, end: int) -> None:
    """Put the caret at `start` and extend with Shift+Right, as a keyboard user does."""
    view.select_range(start, start)
    cursor = view.textCursor()
    target = view._map.to_utf16(end)
    while cursor.position() < target:
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        cursor = view.textCursor()
    assert cursor.hasSelection()


def layer(window: MainWindow, annotator: str = "alice") -> list[tuple[str, str]]:
    """(label, text) of the open document's spans as stored in the project file."""
    doc = window.workspace.document
    with ProjectStore(window.store.path) as other:  # a second connection: what is really on disk
        return [(s.label, doc.text[s.start:s.end]) for s in other.spans(doc.id, annotator)]


__all__ = ["select_with_keyboard", "layer", "QTextCursor"]


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
