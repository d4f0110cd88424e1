"""Gold stays true in the window: late edits reopen units; undo updates queue, marks and messages."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import GOLD, Status
from annotator.storage import ProjectStore
from tests.helpers.review_builders import TEXT
from tests.helpers.review_builders import gold_layer as _gold


def _adjudicate_idlib(qtbot, window) -> None:
    view, session = window.review.article, window.review.session
    qtbot.keyClick(view, "a")
    while not all(u.decided for u in session.units):
        qtbot.keyClick(view, "1")
    assert window.review.queue_model.rows[0].adjudicated


def test_a_late_relabel_and_delete_reopen_their_units_in_review_mode(qtbot, reviewing, review_project: Path):
    _adjudicate_idlib(qtbot, reviewing)
    reviewing.actions_by_name["review_mode"].trigger()  # back to annotating, now as bob
    reviewing.switch_annotator("bob")
    doc = next(r.id for r in reviewing.store.summaries("bob") if r.title == "Idlib")
    reviewing.open_document(doc)
    spans = {TEXT[s.start:s.end]: s for s in reviewing.article.spans()}
    reviewing.workspace.select_span(spans["UN"].id)
    qtbot.keyClick(reviewing.article, "2")  # UN: ACTOR -> LOCATION
    reviewing.workspace.select_span(spans["Syrians"].id)
    qtbot.keyClick(reviewing.article, Qt.Key.Key_Delete)
    reviewing.switch_annotator("rita")
    reviewing.actions_by_name["review_mode"].trigger()
    session, panel = reviewing.review.session, reviewing.review
    units = {TEXT[u.start:u.end]: u for u in session.units}
    assert units["UN"].reopened is not None and not units["UN"].decided
    assert units["Syrians"].reopened is not None and not units["Syrians"].decided
    assert sum(u.decided for u in session.units) == len(session.units) - 2  # exactly the two it touched
    assert not panel.queue_model.rows[0].adjudicated and panel.queue_model.index(0, 0).data() == "↻"
    marks = {panel.unit_model.rows[r].start: panel.unit_model.index(r, 0).data() for r in range(len(session.units))}
    assert marks[units["UN"].start] == "↻" and marks[units["Syrians"].start] == "↻"
    session.select(session.units.index(units["UN"]))
    assert "Reopened" in panel.detail.text() and "Decided (" not in panel.detail.text()
    outdated = [s for s in session.shown_spans() if "outdated" in s.annotator]
    assert sorted(TEXT[s.start:s.end] for s in outdated) == ["Syrians", "UN"]
    with ProjectStore(review_project) as store:
        assert store.status(doc, GOLD) is Status.IN_PROGRESS  # opening review did not settle it as done
    qtbot.keyClick(panel.article, "2")  # take bob's LOCATION
    session.select(session.units.index(next(u for u in session.units if TEXT[u.start:u.end] == "Syrians")))
    qtbot.keyClick(panel.article, "2")  # take bob's version: no span
    assert ("LOCATION", "UN") in _gold(review_project) and ("ACTOR", "Syrians") not in _gold(review_project)
    assert panel.queue_model.rows[0].adjudicated


def test_undo_of_a_decision_updates_queue_marks_and_message_at_once(qtbot, reviewing, review_project: Path):
    _adjudicate_idlib(qtbot, reviewing)
    panel = reviewing.review
    assert "adjudicated" in reviewing.statusBar().currentMessage()
    reviewing.actions_by_name["undo"].trigger()
    assert not panel.queue_model.rows[0].adjudicated  # the queue's ✓ goes at once
    assert panel.queue_model.index(0, 0).data() == ""
    assert reviewing.statusBar().currentMessage().startswith("Undone: take")
    assert "1 unit still open" in reviewing.statusBar().currentMessage()
    assert [panel.unit_model.index(r, 0).data() for r in range(panel.unit_model.rowCount())].count("✓") == \
        len(panel.session.units) - 1
    reviewing.actions_by_name["redo"].trigger()
    assert panel.queue_model.rows[0].adjudicated
    assert reviewing.statusBar().currentMessage().startswith("Redone: take")


def test_undo_of_accept_all_reopens_the_agreed_units_in_the_list(qtbot, reviewing):
    panel = reviewing.review
    qtbot.keyClick(panel.article, "a")
    assert reviewing.statusBar().currentMessage().startswith("Accept all unanimous: 2 units decided.")
    reviewing.actions_by_name["undo"].trigger()
    assert not any(u.decided for u in panel.session.units)
    assert "✓" not in [panel.unit_model.index(r, 0).data() for r in range(panel.unit_model.rowCount())]
    assert "5 units still open" in reviewing.statusBar().currentMessage()


def test_f5_in_review_mode_shows_another_windows_delete_at_once(qtbot, reviewing, review_project: Path):
    _adjudicate_idlib(qtbot, reviewing)
    session = reviewing.review.session
    with ProjectStore(review_project) as other:  # bob, in another window, deletes his "UN"
        [un] = [s for s in other.spans(session.document.id, "bob") if TEXT[s.start:s.end] == "UN"]
        other.delete_span(un)
    assert all(u.decided for u in session.units)  # not seen yet
    reviewing.actions_by_name["reload"].trigger()
    units = {TEXT[u.start:u.end]: u for u in session.units}
    assert units["UN"].reopened is not None and not units["UN"].decided
    assert reviewing.review.queue_model.index(0, 0).data() == "↻"
