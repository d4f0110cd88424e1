"""Suggestions in the window: shown apart from spans, navigated, accepted (undoably), rejected, hidden."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import NewArticle, Span
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from tests.helpers.window_driver import layer

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def shown(window) -> list[tuple[str, str, str]]:
    text = window.workspace.document.text
    return [(s.label, text[s.start:s.end], s.source) for s in window.suggestions.suggestions]


def test_rules_show_when_the_document_opens_and_stay_out_of_the_layer(qtbot, window):
    assert shown(window) == [("FIGURE", "350,000", "rules"), ("ATTRIBUTION", "said", "rules")]
    assert "Suggestions: 2" in window.suggestion_label.text()
    assert layer(window) == [] and window.article.spans() == []


def test_f8_then_accept_makes_an_ordinary_undoable_span_that_says_where_it_came_from(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    qtbot.keyClick(window.article, Qt.Key.Key_A, CTRL_SHIFT)
    assert layer(window) == [("FIGURE", "350,000")]
    [span] = window.article.spans()
    assert dict(span.attrs) == {"low": 350000, "high": 350000, "precision": "approximate"}  # provenance is apart
    assert span.provenance["source"] == "rules" and span.provenance["figure"] == "parsed"
    assert shown(window) == [("ATTRIBUTION", "said", "rules")]  # the accepted one is a span now
    window.actions_by_name["undo"].trigger()
    assert layer(window) == [] and len(shown(window)) == 2
    window.actions_by_name["redo"].trigger()
    assert layer(window) == [("FIGURE", "350,000")]
    assert window.article.spans()[0].provenance["source"] == "rules" and "suggested_by" not in window.article.spans()[0].attrs


def test_reject_is_remembered_across_documents_and_windows(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    qtbot.keyClick(window.article, Qt.Key.Key_F8)  # the second: "said"
    qtbot.keyClick(window.article, Qt.Key.Key_X, CTRL_SHIFT)
    assert shown(window) == [("FIGURE", "350,000", "rules")]
    first = window.workspace.document.id
    window.actions_by_name["next"].trigger()
    window.open_document(first)
    assert shown(window) == [("FIGURE", "350,000", "rules")]
    with ProjectStore(window.store.path) as other:
        assert len(ss.rejected(other, first, "alice")) == 1 and ss.rejected(other, first, "bob") == set()
    assert layer(window) == []
    window.actions_by_name["undo"].trigger()  # a rejection by mistake comes back
    assert len(shown(window)) == 2
    window.actions_by_name["redo"].trigger()
    assert shown(window) == [("FIGURE", "350,000", "rules")]


def test_accept_all_is_one_step_and_the_toggle_hides_everything(qtbot, window):
    window.actions_by_name["suggest_accept_all"].trigger()
    assert sorted(layer(window)) == [("ATTRIBUTION", "said"), ("FIGURE", "350,000")]
    assert shown(window) == []
    window.actions_by_name["undo"].trigger()
    assert layer(window) == [] and len(shown(window)) == 2
    window.actions_by_name["suggest_show"].trigger()  # checked -> unchecked
    assert shown(window) == [] and "Suggestions: 0" in window.suggestion_label.text()
    window.actions_by_name["suggest_accept_all"].trigger()
    assert layer(window) == []  # hidden suggestions are not accepted
    window.actions_by_name["suggest_show"].trigger()
    assert len(shown(window)) == 2


def test_accept_with_nothing_at_the_cursor_says_so(qtbot, window):
    window.article.select_range(0, 0)
    window.actions_by_name["suggest_accept"].trigger()
    assert layer(window) == [] and "No suggestion at the cursor" in window.statusBar().currentMessage()


def test_project_memory_arrives_from_the_background_and_spans_are_never_hidden(qtbot, tmp_path):
    path = tmp_path / "memory.annotator.db"
    texts = ["Rebels attacked \U0001F680 Saraqeb at dawn.", "Shelling hit Saraqeb again, rebels said."]
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=t[:10]) for t in texts])
        store.add_span(Span(1, texts[0].index("Saraqeb"), texts[0].index("Saraqeb") + 7, "LOCATION", annotator="alice"))
        store.add_span(Span(2, texts[1].index("rebels"), texts[1].index("rebels") + 6, "ACTOR", annotator="alice"))
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    w.open_document(1)
    with qtbot.waitSignal(w.suggestions._worker.ready, timeout=20000, check_params_cb=lambda doc, _: doc == 2):
        w.open_document(2)
    assert ("LOCATION", "Saraqeb", "memory") in shown(w)
    assert all(text != "rebels" for _, text, _ in shown(w))  # alice's own span is not suggested over itself
    assert [(s.label, texts[1][s.start:s.end]) for s in w.article.spans()] == [("ACTOR", "rebels")]
    w.close()


def test_the_menu_opens_the_train_dialog_with_the_project_layers(qtbot, window):
    window.store.add_span(Span(1, 0, 4, "ACTOR", annotator="bob"))
    window.actions_by_name["suggest_train"].trigger()
    dialog = window._train_dialog
    assert dialog.isVisible() and [dialog.layer.itemText(i) for i in range(dialog.layer.count())] == ["alice", "bob"]
    dialog.reject()


def test_a_stale_model_is_one_line_in_the_status_bar_and_rules_still_show(qtbot, tmp_path):
    from annotator.services.training import train_model
    from annotator.suggest.pipeline import TrainingSettings
    from tests.helpers.projects import make_labelled_project

    path = make_labelled_project(tmp_path / "stale.annotator.db", 12)
    with ProjectStore(path) as store:
        train_model(store, "alice", TrainingSettings(epochs=1))
        store.db.execute("UPDATE suggestion_models SET spacy_version = '2.3.9'")
    w = MainWindow(path, AppSettings(), "bob")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "spaCy 2.3.9" in w.statusBar().currentMessage(), timeout=20000)
    message = w.statusBar().currentMessage()
    assert message.startswith("Suggestions: the stored model") and "train it again" in message
    assert {source for _, _, source in shown(w)} >= {"rules"}
    w.close()


def test_suggestion_keys_do_nothing_to_a_layer_in_review_mode(qtbot, window):
    window.settings.reviewer = "rita"  # review mode would ask who reviews
    window.actions_by_name["review_mode"].trigger()
    window.actions_by_name["suggest_accept_all"].trigger()
    assert "leave review mode" in window.statusBar().currentMessage()
    window.actions_by_name["review_mode"].trigger()
    assert layer(window) == [] and len(shown(window)) == 2


def test_a_second_annotator_never_sees_the_first_ones_spans_unless_the_project_shares_memory(qtbot, tmp_path):
    from annotator.services.suggestions import set_memory_shared

    path = tmp_path / "blind.annotator.db"
    texts = ["Rebels attacked Saraqeb at dawn.", "Shelling hit Saraqeb again on Monday."]
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=t[:10]) for t in texts])
        store.add_span(Span(1, 16, 23, "LOCATION", annotator="alice"))
    for shared in (False, True):
        with ProjectStore(path) as store:
            set_memory_shared(store, shared)
        w = MainWindow(path, AppSettings(), "bob")
        qtbot.addWidget(w)
        w.show()
        w.open_document(1)
        with qtbot.waitSignal(w.suggestions._worker.ready, timeout=20000, check_params_cb=lambda doc, _: doc == 2):
            w.open_document(2)
        assert (("LOCATION", "Saraqeb", "memory") in shown(w)) is shared
        w.actions_by_name["suggest_accept_all"].trigger()  # Ctrl+Alt+A copies only what bob may see
        assert (("LOCATION", "Saraqeb") in layer(w, "bob")) is shared
        w.actions_by_name["undo"].trigger()
        w.close()


def test_a_suggestion_accepted_then_deleted_does_not_come_straight_back(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    qtbot.keyClick(window.article, Qt.Key.Key_A, CTRL_SHIFT)  # 350,000 becomes a span, selected
    assert layer(window) == [("FIGURE", "350,000")]
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert layer(window) == [] and shown(window) == [("ATTRIBUTION", "said", "rules")]
    window.actions_by_name["undo"].trigger()  # the span is back; the suggestion stays away while it is
    assert layer(window) == [("FIGURE", "350,000")] and shown(window) == [("ATTRIBUTION", "said", "rules")]


def test_review_mode_does_not_count_suggestions_in_the_status_bar(qtbot, window):
    assert window.suggestion_label.isVisible() and "Suggestions: 2" in window.suggestion_label.text()
    window.settings.reviewer = "rita"
    window.actions_by_name["review_mode"].trigger()
    assert not window.suggestion_label.isVisible()
    window.actions_by_name["review_mode"].trigger()
    assert window.suggestion_label.isVisible()


def test_the_workers_answers_arrive_on_the_gui_thread_through_the_relay(qtbot, tmp_path):
    import threading

    from annotator.ui.workspace.suggestion_worker import SuggestionWorker

    path = tmp_path / "worker.db"
    text = "Some 350,000 Syrians have fled Idlib province, the UN said on Thursday."
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=text, title="one")])
        [doc] = [s.id for s in store.summaries("alice")]
        store.add_span(Span(doc, text.index("UN"), text.index("UN") + 2, "ACTOR", annotator="alice"))
    worker = SuggestionWorker(path, "alice")
    threads: list[tuple[str, bool]] = []
    direct = Qt.ConnectionType.DirectConnection  # runs in the thread that emits: which one is it?
    worker.memory_built.connect(lambda _m: threads.append(("memory", threading.current_thread() is threading.main_thread())),
                                direct)
    worker.ready.connect(lambda _d, _f: threads.append(("ready", threading.current_thread() is threading.main_thread())),
                         direct)
    worker.request(doc, every_source=True)
    qtbot.waitUntil(lambda: any(what == "ready" for what, _ in threads), timeout=10000)
    worker.stop()
    assert threads == [("memory", True), ("ready", True)]


def test_a_long_documents_rules_show_when_the_annotator_comes_straight_back_to_it(qtbot, tmp_path):
    from annotator.ui.workspace.suggestions import INSTANT_CHARS

    path = tmp_path / "long.db"
    sentence = "Some 350,000 Syrians have fled Idlib province, the UN said on Thursday. "
    long_text = sentence * (INSTANT_CHARS // len(sentence) + 1)  # rules computed off the GUI thread
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=long_text, title="long"), NewArticle(text=sentence, title="short")])
        long_id, short_id = (s.id for s in store.summaries("alice"))
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    assert w.workspace.document.id == long_id  # its rules and memory are on their way
    w.open_document(short_id)
    w.open_document(long_id)  # back before they arrived: the answer for this document still counts
    qtbot.waitUntil(lambda: any(s.source == "rules" for s in w.suggestions.suggestions), timeout=60000)
