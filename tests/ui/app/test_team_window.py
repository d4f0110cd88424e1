"""The team in the real window: active time with a hand-moved clock, assignment first in the list,
note threads answered in review mode and read on the span, compare with gold, the assign dialog."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from annotator.core.model import GOLD, Span, Status
from annotator.services import notes
from annotator.services.activity import active_seconds
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from annotator.ui.app.team_actions import ActivityTimer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def stored_seconds(path: Path, annotator: str = "alice") -> dict[int, float]:
    with ProjectStore(path) as other:
        return {doc: s for (doc, _), s in active_seconds(other, annotator).items()}


def test_active_time_counts_open_and_active_and_leaves_out_pauses(qtbot, window, project):
    clock = Clock()
    timer = window.team.timer
    timer.clock = clock
    window.team.attach()  # a recorder on the hand-moved clock (the first one's real-clock stretch is stored)
    before = stored_seconds(project).get(1, 0.0)
    window.team.timer.recorder.active = True
    timer.counting = lambda: True  # offscreen windows never become the active window
    window.open_document(1)
    for step in (10, 20, 30):  # keys 10 s apart: 30 s
        clock.now += step - (clock.now - 1000.0)
        qtbot.keyClick(window.article, Qt.Key.Key_Right)
    clock.now += 600  # ten minutes away: a pause, left out
    qtbot.keyClick(window.article, Qt.Key.Key_Right)
    clock.now += 5
    qtbot.keyClick(window.article, Qt.Key.Key_Right)
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    clock.now += 50  # the window is inactive: nothing counts
    qtbot.keyClick(window.article, Qt.Key.Key_Right)
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    clock.now += 4
    qtbot.keyClick(window.article, Qt.Key.Key_Right)
    window.open_document(2)  # the first document's stretch is stored as it closes
    assert stored_seconds(project)[1] - before == 39.0
    clock.now += 7
    qtbot.keyClick(window.article, Qt.Key.Key_Right)
    window.close()
    assert stored_seconds(project)[2] == 7.0 and stored_seconds(project)[1] - before == 39.0


def test_review_mode_is_not_the_annotators_time(qtbot, reviewing, review_project):
    timer: ActivityTimer = reviewing.team.timer
    assert timer.counting() is False  # reviewing: the annotator's stretch does not grow


def test_the_document_list_shows_the_assignment_first(qtbot, project):
    with ProjectStore(project) as store:
        ts.record_assignments(store, {3: ("alice",), 2: ("bob",)})
    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    assert w.documents.model.ids == [3, 1, 2]
    assert w.documents.model.row_of(1) == 1 and w.documents.model.row_of(3) == 0
    w.refresh_documents()  # the worker's answer keeps the same order
    qtbot.waitUntil(lambda: w.documents.model.ids == [3, 1, 2] and w.desk._list_loader is not None, timeout=5000)


def test_ctrl_enter_goes_on_to_the_next_assigned_document_first_then_the_rest(qtbot, project):
    with ProjectStore(project) as store:
        ts.record_assignments(store, {3: ("alice",), 2: ("bob",)})
    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.open_document(1)  # not hers: Ctrl+Enter goes to her assignment, not to document 2
    w.actions_by_name["done"].trigger()
    assert w.workspace.document.id == 3
    w.actions_by_name["done"].trigger()  # her assignment is done: the rest, in order
    assert w.workspace.document.id == 2
    with ProjectStore(project) as other:
        assert [other.status(d, "alice") for d in (1, 3)] == [Status.DONE, Status.DONE]


def test_reviewer_answers_in_review_mode_and_annotator_reads_it_on_the_span(qtbot, reviewing, review_project):
    session = reviewing.review.session
    unit = next(u for u in session.units if any(s.note for c in u.candidates for s in c.sources))
    session.select(session.units.index(unit))
    dialog = reviewing.team.note_thread()
    qtbot.addWidget(dialog)
    layers = [t[0] for t in dialog.targets]
    assert "bob" in layers and "alice" in layers
    row = next(i for i, t in enumerate(dialog.targets) if t[0] == "bob" and t[1] is not None)
    dialog.choice.setCurrentIndex(row)
    assert "is 'Some' a qualifier?" in dialog.thread.toPlainText()
    dialog.reply_box.setPlainText("Yes: keep 'Some' outside the FIGURE")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "rita" in dialog.thread.toPlainText()
    key = dialog.targets[row][1]
    with ProjectStore(review_project) as other:
        doc = session.document.id
        [thread] = [t for t in notes.threads(other, doc, "bob") if t.span == key]
        assert [(e.author, e.text) for e in thread.entries] == [("rita", "Yes: keep 'Some' outside the FIGURE")]
    bob = MainWindow(review_project, AppSettings(), "bob")
    qtbot.addWidget(bob)
    bob.open_document(doc)
    span = next(s for s in bob.store.spans(doc, "bob") if s.key == key)
    bob.workspace.select_span(span.id)  # the annotator picks the span
    seen = bob.team.note_thread()
    qtbot.addWidget(seen)
    texts = [seen.targets[i][1] for i in range(len(seen.targets))]
    assert key in texts
    seen.choice.setCurrentIndex(texts.index(key))
    assert "Yes: keep 'Some' outside the FIGURE" in seen.thread.toPlainText()


def test_compare_with_gold_on_an_adjudicated_document(qtbot, review_project):
    with ProjectStore(review_project) as store:
        doc = next(s.id for s in store.summaries("alice") if s.title == "Idlib")
        text = store.document(doc).text
        for piece, label in (("350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib province", "LOCATION")):
            start = text.index(piece)
            store.add_span(Span(doc, start, start + len(piece), label, annotator=GOLD))
        store.set_status(doc, GOLD, Status.DONE)
    w = MainWindow(review_project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.open_document(doc)
    dialog = w.team.compare_gold()
    qtbot.addWidget(dialog)
    shown = dialog.view.toPlainText()
    assert "2 kept, 0 relabelled, 1 resized, 1 removed, 0 missed" in shown
    assert "Idlib province" in shown


def test_the_assign_dialog_writes_bundles_or_says_why_not(qtbot, window, project, tmp_path):
    dialog = window.team.assign()
    qtbot.addWidget(dialog)
    dialog.annotators.setText("alice,gold")
    dialog.out.setText(str(tmp_path / "bundles"))
    dialog.run()
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled(), timeout=10000)
    assert "'gold' is the reviewers' adjudicated layer" in dialog.result_view.toPlainText()
    dialog.annotators.setText("alice,bob")
    dialog.overlap.setValue(100)
    with qtbot.waitSignal(dialog.assigned, timeout=10000):
        dialog.run()
    assert "assigned 3 documents" in dialog.result_view.toPlainText()
    assert sorted(p.name for p in (tmp_path / "bundles").iterdir()) == ["alice-batch1.annotator.db",
                                                                         "bob-batch1.annotator.db"]
