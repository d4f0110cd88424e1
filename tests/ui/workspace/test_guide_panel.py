"""The guide: the selected label's guideline, rendered, and the document's metadata, in a panel that stays open."""
from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings

TEXT = "Some 350,000 Syrians have fled Idlib province, the UN said."


def test_guide_shows_metadata_and_the_selected_labels_guideline_rendered(qtbot, tmp_path: Path):
    path = tmp_path / "meta.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib <exodus>", source="afp.jsonl",
                                          meta={"url": "https://example.org/a?x=1&y=2", "date": "2020-02-06",
                                                "group": "idlib-story"})])
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert not w.guide.isVisible()
    w.actions_by_name["guide"].trigger()
    assert w.guide.isVisible() and w.actions_by_name["guide"].isChecked()
    meta = w.guide.meta.text()
    assert "<b>Idlib &lt;exodus&gt;</b>" in meta and "source: afp.jsonl" in meta
    assert "href='https://example.org/a?x=1&amp;y=2'" in meta and "date: 2020-02-06" in meta
    assert "group: idlib-story" in meta
    start = TEXT.index("Idlib")
    w.article.select_range(start, start + 5)
    qtbot.keyClick(w.article, "2")  # a LOCATION, selected after labelling
    assert w.guide.label == "LOCATION"
    rendered = w.guide.guideline.toPlainText()
    assert rendered.startswith("LOCATION (key 2)")  # a heading, not "### LOCATION"
    assert "###" not in rendered and "|---|" not in rendered  # the guidelines' table is a table
    assert "Generic type words" in rendered
    w.desk.label_palette.buttons["FIGURE"].click()
    assert w.guide.label == "FIGURE" and w.guide.guideline.toPlainText().startswith("FIGURE (key 3)")
    w.guide.close()  # its own close button
    assert not w.actions_by_name["guide"].isChecked()
    w.actions_by_name["guidelines"].trigger()  # Help > Guidelines: the same panel, rendered
    assert w.guide.isVisible() and w.actions_by_name["guide"].isChecked()
    w.guide.show()
    w.resize(1340, 820)


def _lines_breaking(browser, word: str) -> list[str]:
    """Blocks of the rendered guide in which a line break falls inside `word`."""
    doc = browser.document()
    doc.documentLayout().documentSize()  # laid out at the browser's width
    broken, block = [], doc.begin()
    while block.isValid():
        at = block.text().find(word)
        layout = block.layout()
        if at >= 0 and any(at < layout.lineAt(n).textStart() < at + len(word) for n in range(layout.lineCount())):
            broken.append(block.text())
        block = block.next()
    return broken


def test_the_guidelines_table_never_breaks_a_word_in_the_docks_width(qtbot, tmp_path: Path):
    path = tmp_path / "guide.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib")])
    w = MainWindow(path, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.actions_by_name["guide"].trigger()
    w.desk.label_palette.buttons["FIGURE"].click()
    qtbot.waitUntil(lambda: w.guide.guideline.viewport().width() > 0)
    assert w.guide.width() < 300  # the dock as it opens beside the article
    for word in ("ATTRIBUTION", "organisation", "government", "repeatedly"):
        assert _lines_breaking(w.guide.guideline, word) == [], word
