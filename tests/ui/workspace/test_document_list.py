"""The document list at scale: ids only, summaries fetched a page at a time, refreshes off the GUI thread."""
from __future__ import annotations

import threading

import pytest

from annotator.core.model import NewArticle, Span, Status
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from annotator.ui.workspace import document_list
from annotator.ui.workspace.document_list import DocumentListModel

COUNT = 1500


@pytest.fixture
def big_project(tmp_path):
    path = tmp_path / "big.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=f"Report {n}: shelling near Алеппо, émigrés counted {n}.",
                                          title=f"Report {n}") for n in range(COUNT)]
                              + [NewArticle(text="Idlib: the UN said 21 died.", title="Idlib")])
        store.add_span(Span(3, 0, 6, "ACTOR", annotator="alice"))
        store.set_status(5, "alice", Status.DONE)
    return path


def test_the_lazy_model_passes_qt_model_tester_and_fetches_only_what_is_shown(qtmodeltester, big_project):
    with ProjectStore(big_project) as store:
        fetched: list[int] = []
        model = DocumentListModel()
        model.fetch = lambda ids: fetched.extend(ids) or store.summaries_of("alice", ids)
        model.set_ids(store.document_ids("alice"))
        assert fetched == [] and model.rowCount() == COUNT + 1
        assert (model.summary(2).span_count, model.summary(4).status) == (1, Status.DONE)
        assert len(fetched) == 128  # one page
        assert model.summary(COUNT).title == "Idlib" and model.row_of(COUNT + 1) == COUNT
        qtmodeltester.check(model)


def test_search_narrows_as_you_type_with_case_and_accents_folded(qtbot, big_project):
    w = MainWindow(big_project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    assert w.documents.model.rowCount() == COUNT + 1
    w.documents.search.setText("АЛЕП")  # (QTest types Latin-1 only)
    qtbot.waitUntil(lambda: w.documents.model.rowCount() == COUNT)
    w.documents.search.clear()
    qtbot.keyClicks(w.documents.search, "emigres 149")
    qtbot.waitUntil(lambda: w.documents.model.rowCount() == 11)  # 149, 1490 to 1499
    w.documents.status_filter.setCurrentIndex(w.documents.status_filter.findText("Done"))
    qtbot.waitUntil(lambda: w.documents.model.rowCount() == 0)
    w.documents.search.clear()
    qtbot.waitUntil(lambda: w.documents.model.rowCount() == 1)
    assert w.documents.model.summary(0).id == 5


def test_refreshes_run_on_a_worker_thread_and_the_newest_answer_wins(qtbot, big_project, monkeypatch):
    threads: list[str] = []
    query = document_list._query
    monkeypatch.setattr(document_list, "_query", lambda *a: threads.append(threading.current_thread().name)
                        or query(*a))
    w = MainWindow(big_project, AppSettings(), "alice")
    qtbot.addWidget(w)
    for text in ("Report", "Report 7", "idlib"):  # typed faster than the list answers
        w.documents.search.setText(text)
        w.refresh_documents()
    qtbot.waitUntil(lambda: w.documents.model.rowCount() == 1)
    qtbot.wait(100)  # any older answer arriving now must not replace the newest
    assert w.documents.model.rowCount() == 1 and w.documents.model.summary(0).title == "Idlib"
    assert threads and all(name.startswith("document-list") for name in threads)


def test_the_window_indexes_and_stores_tokens_in_the_background_and_then_never_tokenizes(qtbot, project,
                                                                                          monkeypatch):
    from annotator.nlp import tokens as nlp_tokens
    from annotator.storage import search, token_store
    from tests.helpers.window_driver import layer, select_with_keyboard

    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    with ProjectStore(project) as other:
        qtbot.waitUntil(lambda: token_store.untokenized_count(other, nlp_tokens.tokenizer_tag()) == 0, timeout=20000)
        assert search.pending_count(other) == 0

    def refuse(texts):
        raise AssertionError("a stored document was tokenized again")
    monkeypatch.setattr(nlp_tokens, "tokenize_many", refuse)
    w.actions_by_name["next"].trigger()  # a document this window has not opened yet: its tokens come from the file
    text = w.workspace.document.text
    start = text.index("Rescuers")
    qtbot.waitUntil(lambda: w.article.token_ranges != [])
    select_with_keyboard(qtbot, w.article, start - 1, start + 5)  # sloppy: a space before, half a word
    qtbot.keyClick(w.article, "1")
    assert ("ACTOR", "Rescuers") in layer(w)


def test_a_window_closed_before_its_background_fill_begins_never_starts_it(qtbot, project):
    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    fill = w.derived.token_fill
    w.close()  # before the fill's delayed start: a thread started now would outlive the window
    qtbot.wait(500)
    assert not fill.task.is_running() and not fill.task._thread.isFinished()
