"""One change channel: every write of the window, from either desk or a dialog, reaches every subscriber
as one ProjectChanges; writes made while another program holds the lock wait in the write queue."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import GOLD
from annotator.services.changes import ProjectChanges
from annotator.storage import ProjectStore
from tests.helpers.review_builders import gold_layer
from tests.helpers.window_driver import select_word, reviewing_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def hold_lock(path: Path) -> sqlite3.Connection:
    """A second connection (another program, as far as SQLite is concerned) holding the write lock."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def heard(window) -> list[ProjectChanges]:
    got: list[ProjectChanges] = []
    window.changes.changed.connect(got.append)
    return got


def test_one_name_for_the_change_value():
    from annotator.services import changes, labelling

    assert not hasattr(changes, "Changes") and not hasattr(labelling, "Changes")  # ProjectChanges everywhere


def test_a_label_keystroke_and_done_are_published_once_each_by_the_workspace(qtbot, window):
    got = heard(window)
    select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    window.actions_by_name["done"].trigger()
    assert [(c.initiator, len(c.added), c.status) for c in got[:2]] == [("workspace", 1, None),
                                                                         ("workspace", 0, "done")]
    assert window.workspace.spans == window.article.spans()  # the view paints what the workspace holds


def test_an_import_reaches_the_desk_the_list_and_the_window_on_the_channel(qtbot, window, write):
    got = heard(window)
    rows = window.documents.model.rowCount()
    dialog = window.dialogs.run_import([write("new.txt", "Headline\n\nRescuers said 4 died.")])
    qtbot.waitUntil(lambda: any(c.initiator == "import" for c in got), timeout=10000)
    [news] = [c for c in got if c.initiator == "import"]
    assert news.documents and news.written
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == rows + 1, timeout=5000)
    assert window.saved_label.text().startswith("✓ Saved")
    dialog.close()


def test_a_review_decision_made_while_another_program_writes_waits_and_lands(qtbot, reviewing, review_project):
    got = heard(reviewing)
    holder = hold_lock(review_project)
    try:
        qtbot.keyClick(reviewing.review.article, "1")  # alice's "350,000": returns at once
        assert len(reviewing.review.session.pending) == 1
        assert "waiting" in reviewing.statusBar().currentMessage()
        assert gold_layer(review_project) == []
        holder.execute("COMMIT")
        qtbot.waitUntil(lambda: len(reviewing.review.session.pending) == 0, timeout=5000)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert gold_layer(review_project) == [("FIGURE", "350,000")]
    assert [c.initiator for c in got] == ["review"] and got[0].gold == (reviewing.review.session.document.id,)


def test_a_rejection_made_while_another_program_writes_waits_and_lands(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    before = len(window.suggestions.suggestions)
    holder = hold_lock(window.store.path)
    try:
        qtbot.keyClick(window.article, Qt.Key.Key_X, CTRL_SHIFT)
        assert len(window.workspace.pending) == 1 and len(window.suggestions.suggestions) == before
        holder.execute("COMMIT")
        qtbot.waitUntil(lambda: len(window.workspace.pending) == 0, timeout=5000)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert len(window.suggestions.suggestions) == before - 1
    from annotator.storage import suggestion_store as ss
    with ProjectStore(window.store.path) as other:
        assert len(ss.rejected(other, window.workspace.document.id, "alice")) == 1


def test_newest_wins_delivers_only_the_newest_answer_on_the_gui_thread(qtbot):
    import threading

    from annotator.ui.base.background import NewestWins

    jobs = NewestWins("test-newest")
    got: list[tuple[str, str]] = []
    jobs.delivered.connect(lambda answer: got.append((answer, threading.current_thread().name)))
    release = threading.Event()
    jobs.request(lambda: release.wait(5) and "old")
    jobs.request(lambda: "new")
    release.set()
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    qtbot.wait(50)
    assert got == [("new", threading.main_thread().name)]


def test_a_background_task_reports_progress_and_its_result_on_the_gui_thread(qtbot, project):
    import threading

    from annotator.ui.base.background import BackgroundTask

    seen: list[tuple[object, str]] = []
    task = BackgroundTask(project, lambda store, progress: progress(1, 2, "x") or store.document_count())
    task.progress.connect(lambda d, t, w: seen.append(((d, t, w), threading.current_thread().name)))
    task.succeeded.connect(lambda n: seen.append((n, threading.current_thread().name)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert seen == [((1, 2, "x"), threading.main_thread().name), (3, threading.main_thread().name)]


def test_a_relation_decision_made_while_another_program_writes_waits_and_lands(qtbot, tmp_path):
    from annotator.core.model import NewArticle, Status
    from annotator.core.relation import Relation
    from annotator.storage import relation_store as rs
    from annotator.ui.review.relation_dialog import RelationDialog
    from tests.helpers.review_builders import TEXT, span_at

    path = tmp_path / "links.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib")])
        [doc] = [s.id for s in store.summaries("alice")]
        for who in ("alice", "bob"):
            said = store.add_span(span_at(doc, TEXT, "said", "ATTRIBUTION", who))
            un = store.add_span(span_at(doc, TEXT, "UN", "ACTOR", who))
            rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator=who))
            store.set_status(doc, who, Status.DONE)
    w = reviewing_window(qtbot, path)
    qtbot.keyClick(w.review.article, "a")  # both ends into gold
    qtbot.keyClick(w.review.article, "l")
    dialog = [d for d in w.review.findChildren(RelationDialog) if d.isVisible()][-1]
    got = heard(w)
    holder = hold_lock(path)
    try:
        qtbot.keyClick(dialog.table, "t")
        assert len(w.review.session.pending) == 1
        holder.execute("COMMIT")
        qtbot.waitUntil(lambda: len(w.review.session.pending) == 0, timeout=5000)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert dialog.model.data(dialog.model.index(0, 4)) == "take (rita)"
    with ProjectStore(path) as store:
        assert [r.label for r in rs.relations(store, doc, GOLD)] == ["SOURCE"]
    assert [(c.initiator, c.gold) for c in got] == [("review", (doc,))]
    dialog.close()
