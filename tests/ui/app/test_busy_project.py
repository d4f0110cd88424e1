"""Another program holds the project's write lock: the window does not freeze, edits wait and land in order."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.ui.base import write_queue as pending
from tests.helpers.window_driver import TEXTS, layer
from tests.helpers.window_driver import select_word as _select_word

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def lock(window):
    """A second connection (another program, as far as SQLite is concerned) holding the write lock."""
    holder = sqlite3.connect(window.store.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_edits_made_while_another_program_writes_wait_and_land_in_order(qtbot, window, lock):
    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")  # returns at once: the lock is held elsewhere
    _select_word(qtbot, window, "Idlib")
    qtbot.keyClick(window.article, "2")
    assert layer(window) == []
    assert len(window.workspace.pending) == 2
    assert "2 edits waiting" in window.statusBar().currentMessage()
    lock.execute("COMMIT")  # the other program finishes
    qtbot.waitUntil(lambda: len(window.workspace.pending) == 0, timeout=5000)
    assert layer(window) == [("ACTOR", "Syrians"), ("LOCATION", "Idlib")]
    assert "Saved 2 waiting edits" in window.statusBar().currentMessage()
    qtbot.keyClick(window.article, "z", CTRL)  # undoable as usual, last first
    assert layer(window) == [("ACTOR", "Syrians")]


def test_edits_that_wait_too_long_are_refused_visibly_and_the_document_reloaded(qtbot, window, lock, monkeypatch):
    monkeypatch.setattr(pending, "GIVE_UP_S", 0.3)
    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    qtbot.waitUntil(lambda: len(window.workspace.pending) == 0, timeout=5000)
    assert "Could not save 1 edit" in window.statusBar().currentMessage()
    assert layer(window) == [] and window.article.spans() == []


def test_editing_takes_a_backup_in_the_background(qtbot, window):
    from annotator.storage.backups import list_backups

    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(window.store.path)] == ["while-editing"], timeout=10000)
    assert layer(window) == [("ACTOR", "Syrians")]


def test_undo_waits_behind_the_edit_it_undoes(qtbot, window, lock):
    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    qtbot.keyClick(window.article, "z", CTRL)  # undo of an edit still waiting: it waits behind it
    assert len(window.workspace.pending) == 2 and "waiting to be saved" in window.saved_label.text()
    lock.execute("COMMIT")
    qtbot.waitUntil(lambda: len(window.workspace.pending) == 0, timeout=5000)
    assert layer(window) == []  # labelled, then undone: in that order
    qtbot.keyClick(window.article, "z", CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo as usual
    assert layer(window) == [("ACTOR", "Syrians")]


def test_closing_the_window_writes_the_edits_still_waiting(qtbot, window, lock):
    import threading

    _select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    assert len(window.workspace.pending) == 1
    path = window.store.path
    threading.Timer(0.3, lambda: lock.execute("COMMIT")).start()  # the other program finishes soon
    window.close()  # waits for the lock as a command would, then writes the edit
    from annotator.storage import ProjectStore
    with ProjectStore(path) as store:
        assert [(s.label, s.start) for s in store.spans(1, "alice")] == [("ACTOR", TEXTS[0].index("Syrians"))]
