"""Review mode driven from the keyboard: queue, units, one key per choice, gold with undo."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import GOLD, NewArticle, Status
from annotator.storage import ProjectStore
from tests.helpers.review_builders import CALM, TEXT
from tests.helpers.review_builders import gold_layer as _gold
from tests.helpers.review_builders import span_at as _span
from tests.helpers.window_driver import reviewing_window


def test_queue_is_ranked_by_disagreement_and_opens_the_worst_first(reviewing):
    rows = reviewing.review.queue_model.rows
    assert [r.title for r in rows] == ["Idlib", "Calm"]
    assert reviewing.review.session.document.title == "Idlib"
    kinds = [u.kind.value for u in reviewing.review.session.units]
    assert kinds == ["boundary", "unanimous", "boundary", "unanimous", "missing"]


def test_one_key_per_choice_then_undo(qtbot, reviewing, review_project):
    view = reviewing.review.article
    session = reviewing.review.session
    assert session.current == 0  # first open unit: "Some 350,000" vs "350,000"
    assert session.unit().annotators == ("alice", "bob")  # keys 1 and 2, the same in every unit
    qtbot.keyClick(view, "1")  # alice's "350,000"
    assert _gold(review_project) == [("FIGURE", "350,000")]
    assert session.current == 2  # moved on to the next undecided unit (Idlib / Idlib province)
    qtbot.keyClick(view, "0")  # reject all
    assert _gold(review_project) == [("FIGURE", "350,000")]
    reviewing.actions_by_name["undo"].trigger()
    reviewing.actions_by_name["undo"].trigger()
    assert _gold(review_project) == []
    reviewing.actions_by_name["redo"].trigger()
    assert _gold(review_project) == [("FIGURE", "350,000")]


def test_notes_and_unsure_flags_show_with_their_unit(reviewing):
    assert "is 'Some' a qualifier?" in reviewing.review.detail.text()
    assert "unsure" in reviewing.review.detail.text()
    assert "[1]</b> alice" in reviewing.review.detail.text() and "[2]</b> bob" in reviewing.review.detail.text()


def test_accept_all_agreed_then_edit_then_accept_adjudicates(qtbot, reviewing, review_project):
    view = reviewing.review.article
    session = reviewing.review.session
    qtbot.keyClick(view, "a")
    assert _gold(review_project) == [("ACTOR", "Syrians"), ("ACTOR", "UN")]
    session.select(0)
    qtbot.keyClick(view, "e")  # edit: starts from the first version; replace it by hand
    assert session.draft is not None
    session.draft.clear()
    start = TEXT.index("350,000")
    view.select_range(start + 1, start + 5)  # cuts the token: snapped to "350,000"
    qtbot.keyClick(view, "3")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert ("FIGURE", "350,000") in _gold(review_project)
    for _ in range(2):  # Idlib unit, then "said" unit: take version 1 each
        qtbot.keyClick(view, "1")
    with ProjectStore(review_project) as store:
        doc = store.summaries(GOLD)[0].id
        assert store.status(doc, GOLD) is Status.DONE
    assert reviewing.review.queue_model.rows[0].adjudicated
    reviewing.actions_by_name["done"].trigger()  # Ctrl+Enter: next document to adjudicate
    assert session.document.title == "Calm"


def test_back_to_annotating_shows_own_layer(qtbot, reviewing):
    reviewing.actions_by_name["review_mode"].trigger()
    assert not reviewing.reviewing
    assert all(s.annotator == "rita" for s in reviewing.article.spans())


def test_review_models_pass_the_model_tester(qtmodeltester, reviewing):
    qtmodeltester.check(reviewing.review.queue_model)
    qtmodeltester.check(reviewing.review.unit_model)


def test_each_version_shows_its_attributes_and_taking_it_takes_them(qtbot, tmp_path):
    from annotator.services.adjudication import Adjudication
    from annotator.ui.review.panel import unit_html

    path = tmp_path / "attrs.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=CALM, title="Calm")])
        [doc] = [s.id for s in store.summaries("alice")]
        store.add_span(_span(doc, CALM, "21", "FIGURE", "alice", attrs={"category": "killed", "low": 21}))
        store.add_span(_span(doc, CALM, "21", "FIGURE", "bob", attrs={"category": "injured", "low": 21}))
        for who in ("alice", "bob"):
            store.set_status(doc, who, Status.DONE)
        review = Adjudication(store, "rita")
        [unit] = review.units(doc)
        shown = unit_html(unit, CALM, None)
        assert "alice [FIGURE category <b>killed</b> · low <b>21</b>]" in shown
        assert "bob [FIGURE category <b>injured</b>" in shown
        review.take(doc, unit.key, "bob")
        assert dict(store.spans(doc, GOLD)[0].attrs) == {"category": "injured", "low": 21}


def test_relations_are_decided_from_the_review_window_with_undo(qtbot, tmp_path):
    from annotator.core.relation import Relation
    from annotator.storage import relation_store as rs
    from annotator.ui.review.relation_dialog import RelationDialog

    path = tmp_path / "links.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib")])
        [doc] = [s.id for s in store.summaries("alice")]
        for who in ("alice", "bob"):
            said = store.add_span(_span(doc, TEXT, "said", "ATTRIBUTION", who))
            un = store.add_span(_span(doc, TEXT, "UN", "ACTOR", who))
            rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator=who))
            store.set_status(doc, who, Status.DONE)
    w = reviewing_window(qtbot, path)
    qtbot.keyClick(w.review.article, "l")
    dialog = w.review.findChild(RelationDialog)
    assert dialog.model.data(dialog.model.index(0, 4)) == "waits for both ends in gold"
    qtbot.keyClick(dialog.table, "t")
    assert "both its ends must be in the gold layer" in dialog.problem.text()
    dialog.close()
    qtbot.keyClick(w.review.article, "a")  # accept the unanimous units: both ends are gold now
    qtbot.keyClick(w.review.article, "l")
    dialog = [d for d in w.review.findChildren(RelationDialog) if d.isVisible()][-1]
    qtbot.keyClick(dialog.table, "t")
    assert dialog.model.data(dialog.model.index(0, 4)) == "take (rita)"
    with ProjectStore(path) as store:
        assert [r.label for r in rs.relations(store, doc, GOLD)] == ["SOURCE"]
    w.actions_by_name["undo"].trigger()
    with ProjectStore(path) as store:
        assert rs.relations(store, doc, GOLD) == []
    assert dialog.model.data(dialog.model.index(0, 4)) == "open: T take, R reject"


def test_the_open_relations_dialog_follows_the_reviewer_to_the_next_document(qtbot, tmp_path):
    from annotator.core.relation import Relation
    from annotator.storage import relation_store as rs
    from annotator.ui.review.relation_dialog import RelationDialog

    path = tmp_path / "links.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib"), NewArticle(text=CALM, title="Calm")])
        linked, calm = (s.id for s in store.summaries("alice"))
        for who in ("alice", "bob"):
            said = store.add_span(_span(linked, TEXT, "said", "ATTRIBUTION", who))
            un = store.add_span(_span(linked, TEXT, "UN", "ACTOR", who))
            rs.add_relation(store, Relation(linked, said.id, un.id, "SOURCE", annotator=who))
            store.add_span(_span(calm, CALM, "Rescuers", "ACTOR", who))
            for doc in (linked, calm):
                store.set_status(doc, who, Status.DONE)
    w = reviewing_window(qtbot, path)
    w.review.session.open_document(linked)
    qtbot.keyClick(w.review.article, "l")
    dialog = w.review.findChild(RelationDialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 4)) == "waits for both ends in gold"
    qtbot.keyClick(w.review.article, "a")  # decided in the window: both ends gold, the dialog says so
    assert dialog.model.data(dialog.model.index(0, 4)) == "open: T take, R reject"
    w.review.session.open_document(calm)  # moving on: not the last document's relation any more
    assert dialog.isVisible() and dialog.document_id == calm and dialog.model.rowCount() == 0
    w.review.session.open_document(linked)
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(dialog.table, "t")
    with ProjectStore(path) as store:
        assert [r.label for r in rs.relations(store, linked, GOLD)] == ["SOURCE"]


def test_a_decision_key_on_a_document_fully_decided_does_not_redecide_the_last_unit(qtbot, reviewing, review_project):
    """Trial #2: with every unit decided the selection stays on the last one; a miscounted key
    there said "decided" and replaced the reject. Now it says so and changes nothing; picking the
    unit (Tab / Shift+Tab, or a click in the units list) and a key still decides it again."""
    view, session, panel = reviewing.review.article, reviewing.review.session, reviewing.review
    reviewing.activateWindow()
    qtbot.keyClick(view, "a")
    qtbot.keyClick(view, "1")  # 350,000: alice
    qtbot.keyClick(view, "1")  # Idlib: alice
    qtbot.keyClick(view, "0")  # "said" (bob's alone): rejected
    assert all(u.decided for u in session.units)
    gold = _gold(review_project)
    assert ("ATTRIBUTION", "said") not in gold
    decisions = [u.decision for u in session.units]
    for key in ("2", "2", "0", "1", "e"):  # a fast reviewer who miscounts
        qtbot.keyClick(view, key)
        assert _gold(review_project) == gold
        assert session.draft is None
        assert reviewing.statusBar().currentMessage().startswith("Unit already decided: Ctrl+Z undoes it")
    assert [u.decision for u in session.units] == decisions
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # picked deliberately: next unit, then back to "said"
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    said = session.current
    assert TEXT[session.unit().start:session.unit().end] == "said"
    qtbot.keyClick(view, "2")  # bob's version after all
    assert ("ATTRIBUTION", "said") in _gold(review_project)
    qtbot.keyClick(view, "0")  # the advance came back to it by itself: not re-decided
    assert ("ATTRIBUTION", "said") in _gold(review_project)
    rect = panel.units.visualRect(panel.unit_model.index(said, 0))
    qtbot.mouseClick(panel.units.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # picked by a click
    qtbot.keyClick(view, "0")
    assert ("ATTRIBUTION", "said") not in _gold(review_project)
