"""The agreement dialog over real three-annotator projects: figures as measured, chart, ranking, JSON, empty states."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from annotator.core.agreement import LabelAgreement, PairAgreement
from annotator.services.agreement import measure_agreement
from annotator.storage import ProjectStore
from tests.helpers.projects import layered_project
from annotator.ui.review.agreement_view import AgreementDialog, LabelChart, PairTableModel, RankingModel

# (title, text, {annotator: [(phrase, label), ...]}): the disputes of DOMAIN.md, boundary, label and misses
SAME = [("350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib", "LOCATION"), ("UN", "ACTOR"), ("said", "ATTRIBUTION")]
ARTICLES = [
    ("Idlib exodus", "Some 350,000 Syrians have fled Idlib province since December, the UN said on Thursday.", {
        "alice": SAME, "chen": SAME,
        "bob": [("Some 350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib province", "LOCATION"), ("UN", "ACTOR"),
                ("said", "ATTRIBUTION")]}),
    ("Saraqeb strike", "Rebels said 21 civilians were killed near Saraqeb on Monday.", {
        "alice": [("Rebels", "ACTOR"), ("said", "ATTRIBUTION"), ("21", "FIGURE"), ("civilians", "ACTOR"),
                  ("Saraqeb", "LOCATION")],
        "bob": [("Rebels", "ACTOR"), ("said", "ATTRIBUTION"), ("21", "FIGURE"), ("civilians", "ACTOR"),
                ("Saraqeb", "LOCATION")],
        "chen": [("Rebels", "ACTOR"), ("21 civilians", "FIGURE"), ("Saraqeb", "LOCATION")]}),
    ("Aid groups in Amman", "Aid groups based in Amman told Reuters that dozens were missing.", {
        "alice": [("Aid groups", "ACTOR"), ("Amman", "LOCATION"), ("told", "ATTRIBUTION"), ("Reuters", "ACTOR"),
                  ("dozens", "FIGURE")],
        "bob": [("Aid groups", "ACTOR"), ("Amman", "ACTOR"), ("told Reuters", "ATTRIBUTION"), ("dozens", "FIGURE")],
        "chen": [("Aid groups", "ACTOR"), ("Amman", "LOCATION"), ("told", "ATTRIBUTION"), ("Reuters", "ACTOR")]}),
    ("Ariha displaced", "The Red Cross reported at least 40 displaced in Ariha.", {
        "alice": [("Red Cross", "ACTOR"), ("reported", "ATTRIBUTION"), ("40", "FIGURE"), ("Ariha", "LOCATION")],
        "bob": [("Red Cross", "ACTOR"), ("reported", "ATTRIBUTION"), ("at least 40", "FIGURE"),
                ("Ariha", "LOCATION")],
        "chen": [("The Red Cross", "ACTOR"), ("Ariha", "LOCATION")]}),
    ("Border crossing", "Turkish troops closed the border near Atmeh camp, monitors said.", {
        "alice": [("Turkish troops", "ACTOR"), ("Atmeh camp", "LOCATION"), ("monitors", "ACTOR"),
                  ("said", "ATTRIBUTION")],
        "bob": [("Turkish troops", "ACTOR"), ("Atmeh camp", "LOCATION"), ("monitors", "ACTOR"),
                ("said", "ATTRIBUTION")]}),
    ("Only alice so far", "Shelling hit Maarat al-Numan, residents said.", {
        "alice": [("Maarat al-Numan", "LOCATION"), ("residents", "ACTOR"), ("said", "ATTRIBUTION")]}),
]


def build(path: Path, articles: list = ARTICLES) -> Path:
    """A project file where each annotator labelled their documents and marked them done."""
    return layered_project(path, articles)


def figure(x: float | None) -> str:
    """How the dialog must show a figure: three decimals, an en dash when undefined."""
    return "–" if x is None else f"{x:.3f}"


def measured(path: Path):
    with ProjectStore(path) as store:
        return measure_agreement(store)


def open_dialog(qtbot, path: Path) -> AgreementDialog:
    dialog = AgreementDialog(path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=60_000):
        dialog.show()
    return dialog


def double_click(qtbot, view, index) -> None:
    """What a mouse sends: press, release, double-click, release (QTest's mouseDClick sends the third alone)."""
    at, left = view.visualRect(index).center(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(view.viewport(), left, pos=at)
    qtbot.mouseDClick(view.viewport(), left, pos=at)
    qtbot.mouseRelease(view.viewport(), left, pos=at)


def shown(model, row: int) -> list[str]:
    return [model.index(row, col).data() for col in range(model.columnCount())]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return build(tmp_path / "team.annotator.db")


def test_the_pair_table_and_alpha_show_the_measured_figures(qtbot, team):
    report = measured(team)
    dialog = open_dialog(qtbot, team)
    assert dialog.stack.currentIndex() == 1
    model = dialog.pair_model
    assert model.rowCount() == 3
    expected = [[p.a, p.b, str(p.documents), figure(p.exact_f1), figure(p.overlap_f1), figure(p.token_kappa)]
                for p in report.pairs]
    assert [shown(model, row) for row in range(3)] == expected
    assert expected[0][:3] == ["alice", "bob", "5"] and expected[1][:3] == ["alice", "chen", "4"]
    assert f"<b>{figure(report.alpha)}</b>" in dialog.alpha.text() and "3 annotators" in dialog.alpha.text()
    dialog.pairs.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # weakest exact F1 first
    assert [model.index(r, 3).data() for r in range(3)] == sorted(e[3] for e in expected)


def test_the_chart_follows_the_selected_pair_and_paints(qtbot, team):
    report = measured(team)
    dialog = open_dialog(qtbot, team)
    assert dialog.chart.pair == dialog.pair_model.pair(0)  # the first pair is shown without a click
    for row in range(dialog.pair_model.rowCount()):
        rect = dialog.pairs.visualRect(dialog.pair_model.index(row, 0))
        qtbot.mouseClick(dialog.pairs.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        pair = dialog.pair_model.pair(row)
        assert pair == report.pairs[row] and dialog.chart.pair == pair
        assert f"{pair.a} / {pair.b}" in dialog.chart_title.text()
        assert not dialog.chart.grab().isNull()


def test_bars_use_label_colours_clip_a_negative_kappa_and_leave_undefined_figures_out(qtbot):
    chart = LabelChart()
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    pair = PairAgreement("alice", "bob", 2, 0.5, 0.5, -0.1,
                         {"ACTOR": LabelAgreement(1.0, None, -0.25), "EVENT": LabelAgreement(None, None, None)})
    chart.set_pair(pair, {"ACTOR": "#4e79a7"})
    image = chart.grab().toImage()
    exact, overlap, kappa = (chart.bar_slot(0, k) for k in range(3))

    def colour_at(slot, share: float) -> QColor:
        return image.pixelColor(int(slot.left() + share * slot.width()), int(slot.center().y()))

    assert colour_at(exact, 0.5) == QColor("#4e79a7") == colour_at(exact, 0.98)  # 1.0 fills the axis
    background = colour_at(kappa, 0.9)
    for share in (0.4, 0.6):  # between the grid lines at 0.25, 0.5 and 0.75
        assert colour_at(kappa, share) == background == colour_at(overlap, share)  # no bar below 0 nor for –
        assert colour_at(chart.bar_slot(1, 0), share) == background  # a label with no figure at all: no bar


def test_the_ranking_puts_most_disagreement_first_and_opens_a_document(qtbot, team):
    report = measured(team)
    dialog = open_dialog(qtbot, team)
    ranking = dialog.ranking_model
    titles = [ranking.index(r, 0).data() for r in range(ranking.rowCount())]
    assert titles == [d.title for d in report.documents] and "Only alice so far" not in titles
    scores = [float(ranking.index(r, 1).data()) for r in range(ranking.rowCount())]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1] == 0.0
    assert ranking.index(ranking.rowCount() - 1, 0).data() == "Border crossing"  # alice and bob agree fully
    second = ranking.index(1, 0)
    with qtbot.waitSignal(dialog.document_chosen) as chosen:
        double_click(qtbot, dialog.ranking, second)
    assert chosen.args == [report.documents[1].id]
    dialog.ranking.setCurrentIndex(ranking.index(0, 0))
    dialog.ranking.setFocus()
    with qtbot.waitSignal(dialog.document_chosen) as chosen:
        qtbot.keyClick(dialog.ranking, Qt.Key.Key_Return)
    assert chosen.args == [report.documents[0].id]


def test_copy_as_json_puts_the_report_on_the_clipboard(qtbot, team):
    dialog = open_dialog(qtbot, team)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "\n  " in text  # pretty-printed
    assert json.loads(text) == measured(team).to_json()
    assert "Copied" in dialog.copied.text()


def test_models_pass_qt_model_tester(qtmodeltester, team):
    report = measured(team)
    pairs = PairTableModel()
    pairs.set_pairs(report.pairs)
    qtmodeltester.check(pairs)
    pairs.sort(5, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(pairs)
    ranking = RankingModel()
    ranking.set_documents(report.documents)
    qtmodeltester.check(ranking)


def test_an_undefined_figure_shows_a_dash_and_sorts_last():
    pairs = PairTableModel()
    pairs.set_pairs([PairAgreement("alice", "bob", 1, None, None, None, {}),
                     PairAgreement("alice", "chen", 1, 0.25, 0.5, -0.125, {})])
    assert shown(pairs, 0) == ["alice", "bob", "1", "–", "–", "–"]
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        pairs.sort(5, order)
        assert shown(pairs, 1)[1] == "bob" and shown(pairs, 0)[5] == "-0.125"


@pytest.mark.parametrize(("articles", "sentence"), [
    ([], "no documents yet"),
    ([("One", "Rebels said 21 were killed.", {"alice": [("Rebels", "ACTOR")]})], "Only alice has labelled"),
    ([("One", "Rebels said 21 were killed.", {"alice": [("Rebels", "ACTOR")]}),
      ("Two", "Monitors said 5 died.", {"bob": [("Monitors", "ACTOR")]})],
     "alice and bob have labelled documents, but no document has been labelled by two"),
])
def test_too_little_to_compare_shows_a_sentence_not_empty_tables(qtbot, tmp_path, articles, sentence):
    dialog = open_dialog(qtbot, build(tmp_path / "small.annotator.db", articles))
    assert dialog.stack.currentIndex() == 0 and sentence in dialog.message.text()
    assert "Nothing to compare yet" in dialog.heading.text()
    assert dialog.pair_model.rowCount() == 0 and dialog.bar.isHidden()
    assert dialog.copy_button.isEnabled()  # an empty report is still a report


def test_a_file_that_cannot_be_opened_shows_one_line_in_the_dialog(qtbot, tmp_path):
    newer = tmp_path / "newer.annotator.db"
    build(newer, [])
    with ProjectStore(newer) as store:
        store.db.execute("PRAGMA user_version = 999")
    dialog = open_dialog(qtbot, newer)
    text = dialog.message.text()
    assert "could not be measured" in dialog.heading.text() and "newer version" in text and "\n" not in text
    assert not dialog.copy_button.isEnabled() and dialog.buttons.isEnabled()


def test_the_dialog_stays_open_while_measuring(qtbot, team):
    dialog = AgreementDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.task.finished, timeout=60_000):
        assert dialog.task.is_running()  # the thread ends only once its result reached this (GUI) thread
        close = dialog.buttons.button(dialog.buttons.StandardButton.Close)
        assert not close.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
    assert close.isEnabled()
    dialog.reject()
    assert not dialog.isVisible()


def test_the_selected_pair_shows_attribute_agreement_and_relation_f1(qtbot, tmp_path):
    from annotator.core.model import Span
    from annotator.core.relation import Relation
    from annotator.storage import relation_store as rs

    path = build(tmp_path / "attrs.annotator.db", [ARTICLES[0]])
    with ProjectStore(path) as store:
        [doc] = store.iter_documents()
        for who, actor_type in (("alice", "civilians"), ("bob", "militia")):
            start = doc.text.index("said")
            spans = {s.label: s for s in store.spans(doc.id, who)}
            said = spans.get("ATTRIBUTION") or store.add_span(Span(doc.id, start, start + 4, "ATTRIBUTION",
                                                                   annotator=who))
            actor = spans["ACTOR"]
            store.update_span(actor, attrs={"type": actor_type})  # the same span, another type
            rs.add_relation(store, Relation(doc.id, said.id, actor.id, "SOURCE", annotator=who))
    dialog = open_dialog(qtbot, path)
    text = dialog.extras.text()
    assert "<b>Relations</b> F1" in text and "ACTOR.type" in text and "observed 0.000" in text
