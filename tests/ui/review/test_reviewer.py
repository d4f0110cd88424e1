"""The reviewer is a person: asked for review mode, remembered, recorded, warned about judging their own work."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog

from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from tests.helpers.window_driver import when_input_dialog_shows


def _answer(window: MainWindow, name: str | None, seen: list[str]) -> QTimer:
    """When the name dialog shows, type `name` and press OK (None: Cancel); note its title."""
    def act(dialog: QInputDialog) -> None:
        seen.append(dialog.windowTitle())
        if name is None:
            dialog.reject()
        else:
            dialog.setTextValue(name)
            dialog.accept()
    return when_input_dialog_shows(window, act)


def _window(qtbot, project: Path) -> MainWindow:
    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_review_mode_asks_who_reviews_records_it_and_warns_an_annotator(qtbot, review_project: Path):
    w = _window(qtbot, review_project)
    seen: list[str] = []
    _answer(w, None, seen)
    w.actions_by_name["review_mode"].trigger()  # cancelled: still annotating
    assert seen == ["Who reviews?"] and not w.reviewing and not w.actions_by_name["review_mode"].isChecked()
    _answer(w, "alice", seen)
    w.actions_by_name["review_mode"].trigger()
    assert w.reviewing and AppSettings().reviewer == "alice"
    assert "You review as alice, one of this document's annotators" in w.statusBar().currentMessage()
    assert "Reviewer: <b>alice</b>" in w.annotator_label.text()
    qtbot.keyClick(w.review.article, "a")
    with sqlite3.connect(review_project) as conn:
        assert {r[0] for r in conn.execute("SELECT reviewer FROM decisions")} == {"alice"}
    _answer(w, "rita", seen)
    w.actions_by_name["switch_reviewer"].trigger()  # Review > Change Reviewer
    assert w.review.session.adjudication.reviewer == "rita" and AppSettings().reviewer == "rita"
    assert "You review as" not in w.statusBar().currentMessage()
    w.review.session.choose(1)
    with sqlite3.connect(review_project) as conn:
        assert [r[0] for r in conn.execute("SELECT reviewer FROM decisions ORDER BY id")][-1] == "rita"


def test_the_reviewer_is_remembered_by_the_next_window(qtbot, review_project: Path):
    AppSettings().reviewer = "rita"
    w = _window(qtbot, review_project)
    seen: list[str] = []
    timer = _answer(w, None, seen)  # would cancel a dialog, if one were shown
    w.actions_by_name["review_mode"].trigger()
    qtbot.wait(60)
    timer.stop()
    assert seen == [] and w.reviewing and w.review.session.adjudication.reviewer == "rita"
    w.actions_by_name["review_mode"].trigger()
    assert "Annotator: <b>alice</b>" in w.annotator_label.text()
