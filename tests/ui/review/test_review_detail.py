"""The review unit detail read as a reviewer sees it: Arabic span text between its quotes, and the
versions in the order of their keys. Layout checks measure where Qt puts each glyph."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QToolTip

from annotator.core.model import NewArticle, Span, Status
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from annotator.ui.base.quoting import quoted

TEXT = "نزوح جماعي من إدلب\n\nقالت الأمم المتحدة إن 350 شخصا نزحوا."
IDLIB, UN = "إدلب", "المتحدة"


def quotes_around(html: str, word: str) -> list[bool]:
    """For every quoted `word` in the rich text, whether its opening quote is drawn left of it and
    its closing quote right of it (the lines are left to right)."""
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setTextWidth(4000)
    doc.documentLayout().documentSize()  # lays the text out
    found = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()

        def x(start: int, length: int) -> tuple[float, float]:
            rects = [r.boundingRect() for r in layout.glyphRuns(start, length)]
            return min(r.left() for r in rects), max(r.right() for r in rects)

        at = text.find(word)
        while at >= 0:
            opening, closing = text.rfind("“", 0, at), text.find("”", at)
            left, right = x(at, len(word))
            found.append(x(opening, 1)[1] <= left and right <= x(closing, 1)[0])
            at = text.find(word, at + 1)
        block = block.next()
    return found


def test_quoted_isolates_the_text_so_its_quotes_stay_on_either_side(qapp):
    assert quoted(IDLIB) == "“\u2068إدلب\u2069”"
    lines = [f"<b>[1]</b> ana: <b>LOCATION</b> “{IDLIB}”<br><b>[0]</b> reject all"]
    assert quotes_around(lines[0], IDLIB) == [False]  # the trial's “”إدلب: what isolation fixes
    assert quotes_around(f"<b>[1]</b> ana: <b>LOCATION</b> {quoted(IDLIB)}<br><b>[0]</b> reject all", IDLIB) == [True]


@pytest.fixture
def arabic_review(qtbot, tmp_path: Path) -> MainWindow:
    """ana and ben agree on إدلب; only ana labelled المتحدة (a "missing" unit). ana's إدلب has a
    note starting with a digit: the tooltip's next line begins like the detail's "[1]" lines, the
    case where the closing quote went over to the Arabic side."""
    path = tmp_path / "ar-review.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib (ar)", lang="ar")])
        [doc] = [s.id for s in store.summaries("ana")]
        for who, pieces in {"ana": [(IDLIB, "LOCATION"), (UN, "ACTOR")], "ben": [(IDLIB, "LOCATION")]}.items():
            for piece, label in pieces:
                start = TEXT.index(piece)
                note = "2 sources: the city, not the province" if (who, piece) == ("ana", IDLIB) else ""
                store.add_span(Span(doc, start, start + len(piece), label, annotator=who, note=note))
            store.set_status(doc, who, Status.DONE)
    settings = AppSettings()
    settings.reviewer = "rita"
    w = MainWindow(path, settings, "rita")
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    w.actions_by_name["review_mode"].trigger()
    return w


def _select(window, word: str) -> None:
    session = window.review.session
    session.select(next(i for i, u in enumerate(session.units) if TEXT[u.start:u.end] == word))


def test_review_detail_keeps_arabic_span_text_between_its_quotes(qtbot, arabic_review):
    _select(arabic_review, IDLIB)
    assert quotes_around(arabic_review.review.detail.text(), IDLIB) == [True]  # one version, both names on its line
    _select(arabic_review, UN)
    qtbot.keyClick(arabic_review.review.article, "1")  # take ana's: the "Decided" line quotes it too
    _select(arabic_review, UN)
    assert quotes_around(arabic_review.review.detail.text(), UN) == [True, True]


def test_review_detail_lists_versions_in_the_order_of_their_keys(arabic_review):
    _select(arabic_review, UN)  # ben's "no span" version is the first candidate of the unit
    doc = QTextDocument()
    doc.setHtml(arabic_review.review.detail.text())
    lines = doc.toPlainText().replace("\u2028", "\n").splitlines()
    versions = [line.split(":")[0] for line in lines if line.startswith("[")]
    assert versions == ["[1] ana", "[2] ben", "[0] reject all (no span here)"]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip window
def test_article_hover_tooltip_keeps_arabic_span_text_between_its_quotes(qtbot, arabic_review):
    arabic_review.actions_by_name["review_mode"].trigger()  # back to annotating, as ana
    arabic_review.switch_annotator("ana")
    view = arabic_review.article
    qtbot.waitUntil(lambda: bool(view.token_ranges))
    view.viewport().repaint()
    start = TEXT.index(IDLIB)
    cursor = view.textCursor()
    cursor.setPosition(start + 1)
    point = view.cursorRect(cursor).center()
    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(QToolTip.isVisible)
    assert IDLIB in QToolTip.text()
    assert quotes_around(QToolTip.text(), IDLIB) == [True]
