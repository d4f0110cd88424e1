"""A document's language in the window: the list shows it, Document > Language… and the list's menu change it."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotator.core.model import NewArticle, Span
from annotator.services.changes import LANGUAGE
from annotator.services.languages import change_language
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from annotator.ui.workspace.document_list import DocumentListModel


def test_the_list_has_a_language_column(qtmodeltester, tmp_path):
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_articles([NewArticle(text="Au moins 12 civils ont été tués.", title="fr", lang="fr"),
                               NewArticle(text="قال مسؤول إن 21 مدنيا قتلوا.", title="ar", lang="ar"),
                               NewArticle(text="The UN said 21 died.", title="en")])
        model = DocumentListModel()
        model.fetch = lambda ids: store.summaries_of("alice", ids)
        model.set_ids(store.document_ids("alice"))
        assert model.headerData(3, Qt.Orientation.Horizontal) == "Lang"
        assert [model.data(model.index(r, 3)) for r in range(3)] == ["fr", "ar", "en"]
        assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole).endswith("language ar")
        qtmodeltester.check(model)
        change_language(store, store.document_ids("alice")[2], "es")
        model.set_ids(store.document_ids("alice"))
        assert model.data(model.index(2, 3)) == "es"


FRENCH = "Au moins 12 civils ont été tués près d'Idlib, selon l'OCHA."


@pytest.fixture
def french_as_english(qtbot, tmp_path):
    """A window on a French article that came in marked English, with a span on "d'Idlib"."""
    path = tmp_path / "lang.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=FRENCH, title="Idlib fr", lang="en"),
                               NewArticle(text="The UN said 21 died in Idlib on Monday.", title="en", lang="en")])
        start = FRENCH.index("d'Idlib")
        store.add_span(Span(1, start, start + len("d'Idlib"), "LOCATION", annotator="alice"))
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.open_document(1)
    qtbot.waitUntil(lambda: bool(w.article.token_ranges), timeout=10000)
    return w


def _answer(qtbot, window, text: str) -> None:
    """The language question is open: type `text` and press OK, as the annotator does."""
    dialog = window.desk.language.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=2000)
    dialog.setTextValue(text)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def _on_disk(window) -> list[str]:
    with ProjectStore(window.store.path) as other:  # a second connection: what is in the file
        return [other.document(d).lang for d in other.document_ids("alice")]


def test_document_language_retokenizes_says_what_moved_refreshes_and_undoes(qtbot, french_as_english):
    w = french_as_english
    published = []
    w.changes.changed.connect(published.append)
    english_tokens = list(w.article.token_ranges)
    assert "d'Idlib" in [FRENCH[s:e] for s, e in english_tokens]
    w.actions_by_name["language"].trigger()
    assert w.desk.language.dialog.textValue() == "en — English"  # the current language is offered first
    _answer(qtbot, w, "fr — French")
    assert _on_disk(w) == ["fr", "en"]
    message = w.statusBar().currentMessage()
    assert message == "document 1: language en -> fr; re-tokenized: 13 tokens -> 15, 4 token boundaries moved"
    [change] = [c for c in published if LANGUAGE in c.extra]
    assert change.document_id == 1 and change.written
    assert w.documents.model.data(w.documents.model.index(0, 3)) == "fr"  # the list row follows
    assert w.workspace.document.lang == "fr"
    qtbot.waitUntil(lambda: w.article.token_ranges not in ([], english_tokens), timeout=10000)
    words = [FRENCH[s:e] for s, e in w.article.token_ranges]
    assert "d'" in words and "Idlib" in words  # the article snaps to French tokens now
    assert [FRENCH[s.start:s.end] for s in w.workspace.spans] == ["d'Idlib"]  # the span did not move
    w.grab().save(str(Path(w.store.path).with_suffix(".png")))

    w.actions_by_name["undo"].trigger()  # Ctrl+Z: the old language, tokenized again
    qtbot.waitUntil(lambda: _on_disk(w) == ["en", "en"], timeout=5000)
    assert "language fr -> en" in w.statusBar().currentMessage()
    assert w.documents.model.data(w.documents.model.index(0, 3)) == "en"
    qtbot.waitUntil(lambda: w.article.token_ranges == english_tokens, timeout=10000)
    w.actions_by_name["redo"].trigger()
    qtbot.waitUntil(lambda: _on_disk(w) == ["fr", "en"], timeout=5000)


def test_the_lists_context_menu_changes_that_rows_document_and_a_bad_code_is_one_line(qtbot, french_as_english):
    w = french_as_english
    table = w.documents.table
    row = table.visualRect(w.documents.model.index(1, 1)).center()
    below = table.visualRect(w.documents.model.index(1, 1)).bottomLeft() + QPoint(4, 40)
    assert w.desk.language.menu_at(below) is None  # no row there: no menu
    menu = w.desk.language.menu_at(row)  # what a right click on the second row pops up
    assert [a.text() for a in menu.actions()] == ["Language… (now en)"]
    menu.actions()[0].trigger()
    _answer(qtbot, w, "klingon")
    assert w.statusBar().currentMessage() == ("document 2: unknown language code 'klingon'; give an ISO 639-1 code "
                                              "such as en, fr, ar, uk")
    assert _on_disk(w) == ["en", "en"]
    w.desk.language.menu_at(row).actions()[0].trigger()
    _answer(qtbot, w, " ES ")
    assert _on_disk(w) == ["en", "es"]
    assert w.documents.model.data(w.documents.model.index(1, 3)) == "es"
    assert w.workspace.document.id == 1 and w.workspace.document.lang == "en"  # the open one is untouched
