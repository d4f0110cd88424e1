"""Window-level behaviour: models, import dialog, remembered state, kill safety, platform checks."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from annotator.core.model import Span
from annotator.storage import ProjectStore
from annotator.ui.workspace.document_list import DocumentListModel
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from annotator.ui.workspace.span_table import SpanTableModel


def test_models_pass_qt_model_tester(qtmodeltester, window, project):
    with ProjectStore(project) as store:
        doc = store.summaries("alice")[0].id
        store.add_span(Span(doc, 5, 12, "FIGURE", annotator="alice"))
        rows = store.summaries("alice")
        spans = store.spans(doc, "alice")
        text = store.document(doc).text
    docs = DocumentListModel()
    docs.set_rows(rows)
    qtmodeltester.check(docs)
    table = SpanTableModel()
    table.set_spans(text, spans)
    qtmodeltester.check(table)


def test_status_filter_and_search(qtbot, window):
    window.documents.search.setText("Red Cross")
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 1)
    window.documents.search.clear()
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 3)
    window.actions_by_name["done"].trigger()
    window.documents.status_filter.setCurrentIndex(window.documents.status_filter.findText("Done"))
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 1)


def test_import_dialog_imports_off_the_gui_thread_and_lists_bad_files(qtbot, window, write):
    good = write("new.txt", "A new headline\n\nThe ICRC said 12 people died.")
    bad = write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    dialog = window.dialogs.run_import([good, bad])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        pass
    assert "1 new document" in dialog.status.text()
    assert "photo.txt: is binary" in dialog.errors.toPlainText()
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 4)


def test_layout_and_last_document_are_remembered(qtbot, project):
    first = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(first)
    first.show()
    first.actions_by_name["next"].trigger()
    remembered = first.workspace.document.id
    first.splitter.setSizes([377, 600, 300])
    wanted = first.splitter.sizes()[0]
    first.close()
    second = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(second)
    second.show()
    assert second.workspace.document.id == remembered
    assert second.splitter.sizes()[0] == wanted != 290


def test_an_empty_project_tells_the_user_how_to_start(qtbot, tmp_path):
    w = MainWindow(tmp_path / "empty.db", AppSettings(), "alice")
    qtbot.addWidget(w)
    assert "Import Articles" in w.article.toPlainText()


def test_killing_the_app_loses_nothing_that_was_on_screen(project):
    """A real app process labels by key presses, then is SIGKILLed; the spans are in the file."""
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from PySide6.QtTest import QTest
        from annotator.ui.app.main_window import MainWindow
        from annotator.ui.app.settings import AppSettings
        app = QApplication([])
        w = MainWindow(Path({str(project)!r}), AppSettings(), "alice")
        w.show()
        text = w.workspace.document.text
        for word, key in (("Syrians", "1"), ("Idlib", "2"), ("350,000", "3")):
            i = text.index(word)
            w.article.select_range(i, i + len(word))
            QTest.keyClick(w.article, key)
        app.processEvents()
        print(len(w.article.spans()), flush=True)
        import time; time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "3"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with ProjectStore(project) as store:
        doc = store.summaries("alice")[0].id
        assert sorted(s.label for s in store.spans(doc, "alice")) == ["ACTOR", "FIGURE", "LOCATION"]
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_double_click_selects_one_token(qtbot, window):
    view = window.article
    qtbot.waitUntil(lambda: bool(view.token_ranges))
    text = window.workspace.document.text
    cursor = view.textCursor()
    cursor.setPosition(text.index("350,000") + 2)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())
    assert view.selection_range() == (text.index("350,000"), text.index("350,000") + 7)


def test_missing_xcb_libraries_are_named(monkeypatch):
    from annotator.ui.app import launch

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(launch.ctypes.util, "find_library",
                        lambda name: None if name == "xcb-cursor" else f"lib{name}.so")
    problem = launch.platform_problem()
    assert problem is not None and "apt-get install libxcb-cursor0" in problem
    assert "\n" not in problem


def test_project_dialogs_open_from_the_window(qtbot, window, tmp_path):
    """Merge brings another project's layer in; agreement's ranking opens a document in review."""
    from annotator.core.model import NewArticle, Status
    from tests.helpers.window_driver import TEXTS

    other = tmp_path / "bob.annotator.db"
    with ProjectStore(other) as store:
        store.import_articles([NewArticle(text=t, title=t[:20]) for t in TEXTS])
        for summary in store.summaries("bob"):
            store.add_span(Span(summary.id, 0, 4, "ACTOR", annotator="bob"))
            store.set_status(summary.id, "bob", Status.DONE)
    with ProjectStore(window.store.path) as store:
        for summary in store.summaries("alice"):
            store.add_span(Span(summary.id, 0, 4, "FIGURE", annotator="alice"))
            store.set_status(summary.id, "alice", Status.DONE)
    merge = window.dialogs.run_merge([other])
    qtbot.addWidget(merge)
    with qtbot.waitSignal(merge.merged, timeout=20000):
        pass
    assert "bob" in window.store.annotators()
    window.settings.reviewer = "rita"  # review mode would ask who reviews (tests/ui/test_reviewer.py)
    agreement = window.dialogs.agreement()
    qtbot.addWidget(agreement)
    qtbot.waitUntil(lambda: agreement.report is not None, timeout=30000)
    first = agreement.ranking_model.document_id(0)
    agreement.document_chosen.emit(first)
    assert window.reviewing and window.review.session.document.id == first
    export = window.dialogs.export()
    qtbot.addWidget(export)
    assert export.isVisible()

