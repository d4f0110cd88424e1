"""Skipping a done document asks first; editing an adjudicated document says once that it reopens review."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import GOLD, Status
from annotator.storage import ProjectStore
from tests.helpers.review_builders import CALM


def _press(window, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """When a question box shows, note its text and press `button`."""
    timer = QTimer(window)
    timer.setInterval(20)

    def respond() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            seen.append(box.text())
            box.button(button).click()
    timer.timeout.connect(respond)
    timer.start()


def test_skipping_a_done_document_asks_first(qtbot, window):
    first = window.workspace.document.id
    window.actions_by_name["done"].trigger()
    window.open_document(first)
    seen: list[str] = []
    _press(window, QMessageBox.StandardButton.No, seen)
    window.actions_by_name["skip"].trigger()
    assert len(seen) == 1 and "is marked done. Skip it instead?" in seen[0]
    assert window.workspace.document.id == first and window.store.status(first, "alice") is Status.DONE
    _press(window, QMessageBox.StandardButton.Yes, seen)
    window.actions_by_name["skip"].trigger()
    assert window.workspace.document.id != first
    with ProjectStore(window.store.path) as other:
        assert other.status(first, "alice") is Status.SKIPPED
    window.actions_by_name["skip"].trigger()  # a document still to do is skipped without a question
    assert len(seen) == 2


def test_editing_an_adjudicated_document_says_once_that_it_reopens_review(qtbot, reviewing, review_project: Path):
    panel = reviewing.review
    calm = next(e.id for e in panel.queue_model.rows if e.title == "Calm")
    panel.session.open_document(calm)
    qtbot.keyClick(panel.article, "a")  # both annotators agree: adjudicated
    assert panel.session.adjudication.is_adjudicated(calm)
    reviewing.actions_by_name["review_mode"].trigger()
    reviewing.switch_annotator("bob")
    reviewing.open_document(calm)
    [rescuers] = reviewing.article.spans()
    reviewing.workspace.select_span(rescuers.id)
    reviewing.actions_by_name["unsure"].trigger()  # a flag changes no unit: nothing to say
    assert "reopens review" not in reviewing.statusBar().currentMessage()
    qtbot.keyClick(reviewing.article, "2")  # Rescuers: ACTOR -> LOCATION
    assert "adjudicated: your change reopens review" in reviewing.statusBar().currentMessage()
    reviewing.statusBar().clearMessage()
    reviewing.workspace.select_span(rescuers.id)
    qtbot.keyClick(reviewing.article, "1")  # back to ACTOR: said once already
    assert reviewing.statusBar().currentMessage() == ""
    with ProjectStore(review_project) as store:
        assert store.status(calm, GOLD) is Status.IN_PROGRESS
        assert CALM[rescuers.start:rescuers.end] == "Rescuers"
