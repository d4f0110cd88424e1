"""Review > Team: the table, the progress chart and the agreement matrix draw what the figures say."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from annotator.core.model import NewArticle, Span, Status
from annotator.services.team import assign_documents
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts
from annotator.ui.review.team_view import DONE, IN_PROGRESS, NO_FIGURE, UNTOUCHED, AgreementMatrix, TeamDialog

TEXT = "Soldiers of the army clashed with rebels near Hama, killing {} people."


@pytest.fixture
def team_project(tmp_path: Path) -> Path:
    """ana and ben share every document; ana did 4, ben 2 and started one; cem shares none with ana."""
    path = tmp_path / "team.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT.format(i), title=f"T{i}") for i in range(6)])
        assign_documents(store, ["ana", "ben"], tmp_path / "out", overlap_percent=100, seed=2)
        for doc in store.iter_documents():
            soldiers, rebels = doc.text.index("Soldiers"), doc.text.index("rebels")
            store.add_span(Span(doc.id, soldiers, soldiers + 8, "ACTOR", annotator="ana"))
            if doc.id <= 3:
                store.add_span(Span(doc.id, rebels, rebels + 6, "ACTOR", annotator="ben"))
                store.add_span(Span(doc.id, soldiers, soldiers + 8, "ACTOR", annotator="ben"))
            if doc.id <= 4:
                store.set_status(doc.id, "ana", Status.DONE)
            if doc.id <= 2:
                store.set_status(doc.id, "ben", Status.DONE)
        ts.set_stretch_seconds(store, ts.start_stretch(store, 1, "ana"), 1800)
    return path


def test_the_dialog_shows_the_figures_and_draws_them(qtbot, qtmodeltester, team_project):
    dialog = TeamDialog(team_project)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task.succeeded, timeout=20000):
        pass
    dialog.show()
    qtbot.waitExposed(dialog)
    qtmodeltester.check(dialog.model)
    rows = {dialog.model.data(dialog.model.index(r, 0)): [dialog.model.data(dialog.model.index(r, c))
            for c in range(dialog.model.columnCount())] for r in range(dialog.model.rowCount())}
    assert rows["ana"][:6] == ["ana", "6", "4", "2", "0", "0.50"]
    assert rows["ana"][6] == "12.0"  # 6 spans in half an hour
    assert rows["ben"][1:5] == ["6", "2", "1", "3"]
    chart = dialog.chart.grab().toImage()
    ratio = chart.devicePixelRatio()
    for row, part, colour in ((0, "done", DONE), (0, "in_progress", IN_PROGRESS), (1, "untouched", UNTOUCHED)):
        centre = dialog.chart.segment(row, part).center()
        assert chart.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio)) == colour, (row, part)
    assert dialog.chart.segment(0, "done").width() == pytest.approx(2 * dialog.chart.segment(1, "done").width())
    # ana and ben agree on 2 documents: ana has 2 spans, ben 4, 2 in common: F1 = 2*2/6
    matrix = dialog.matrix.grab().toImage()
    f1 = 2 * 2 / 6
    centre = dialog.matrix.cell(0, 1).center()
    got = matrix.pixelColor(int(centre.x() * ratio) - 18, int(centre.y() * ratio) - 15)  # beside the figure
    want = AgreementMatrix.colour(f1)
    assert abs(got.red() - want.red()) <= 2 and abs(got.green() - want.green()) <= 2 and abs(got.blue() - want.blue()) <= 2
    assert got != AgreementMatrix.colour(1.0) and got != AgreementMatrix.colour(0.0)


def test_an_unmeasured_pair_is_grey_not_zero(qtbot):
    from annotator.services.team import Progress
    from annotator.services.team_stats import AnnotatorStats

    matrix = AgreementMatrix()
    qtbot.addWidget(matrix)
    rows = [AnnotatorStats("ana", Progress("ana"), agreement={"ben": 0.0}), AnnotatorStats("ben", Progress("ben"),
            agreement={"ana": 0.0}), AnnotatorStats("cem", Progress("cem"))]
    matrix.set_rows(rows)
    matrix.resize(matrix.sizeHint())
    image = matrix.grab().toImage()
    ratio = image.devicePixelRatio()
    pixel = lambda r, c: image.pixelColor(int((matrix.cell(r, c).left() + 3) * ratio), int((matrix.cell(r, c).top() + 3) * ratio))
    assert pixel(0, 1) == QColor("#FFFFFF") and pixel(0, 2) == NO_FIGURE and pixel(2, 1) == NO_FIGURE
