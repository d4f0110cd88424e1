"""Regression guard: PySide6 6.12.0 on CPython 3.11 drops a reference to None on every Qt call
returning nothing, and the interpreter aborts ("none_dealloc") after a few thousand calls."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_twenty_thousand_void_qt_calls_keep_none_alive():
    doc = QTextDocument("The UN said 350,000 people fled Idlib.")
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for i in range(20_000):
        cursor.setPosition(i % 30)  # returns nothing
        cursor.clearSelection()  # returns nothing
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references: PySide6 refcount bug"
