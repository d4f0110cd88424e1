"""Agreement dialog: annotator pairs, a per-label chart and the disagreement ranking, measured off the GUI thread."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QProgressBar, QScrollArea, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from annotator.core.wording import plural
from annotator.core.agreement import AgreementReport, DocumentDisagreement, PairAgreement
from annotator.services.agreement import labelled_annotators, measure_agreement
from annotator.services.project import ProjectStore
from annotator.ui.base.background import BackgroundTask, Progress
from annotator.ui.review.label_chart import LabelChart, figure
from annotator.ui.base.tables import RowsModel, read_only_table

_DISPLAY, _ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Measured:
    """What the worker hands back: the report, the label colours, and why it is empty (when it is)."""

    report: AgreementReport
    colours: dict[str, str]
    empty_reason: str = ""


def measure(store: ProjectStore, progress: Progress) -> Measured:
    """The dialog's background work; label colours are read here so the GUI thread never touches the store."""
    colours = {label.name: label.colour for label in store.labels()}
    report = measure_agreement(store, lambda done, total: progress(done, total, ""))
    return Measured(report, colours, "" if report.pairs else _why_empty(store))


def _why_empty(store: ProjectStore) -> str:
    if store.document_count() == 0:
        return ("This project has no documents yet. Import articles, have two or more annotators label the same "
                "ones and mark them done; their agreement then shows here.")
    names = sorted({name for found in labelled_annotators(store).values() for name in found})
    if len(names) < 2:
        who = f"Only {names[0]} has" if names else "Nobody has"
        return (f"{who} labelled documents so far (labelled = marked done). Agreement compares two or more "
                "annotators on the same documents.")
    who = f"{', '.join(names[:-1])} and {names[-1]}"
    return (f"{who} have labelled documents, but no document has been labelled by two of them yet. "
            "Give some documents to more than one annotator.")


class PairTableModel(RowsModel[PairAgreement]):
    """One row per annotator pair; sorts itself (pairs grow as n²/2 with the team)."""

    HEADERS = ("Annotator A", "Annotator B", "Documents", "Exact F1", "Overlap F1", "Token kappa")
    TIPS = ("", "", "Documents both annotators labelled (marked done)",
            "Spans equal in start, end and label", "Spans of the same label that overlap, matched one to one",
            "Cohen's kappa over per-token labels; below 0 is worse than chance")
    FIGURES = ("exact_f1", "overlap_f1", "token_kappa")  # columns 3, 4, 5

    def set_pairs(self, pairs: list[PairAgreement]) -> None:
        self.set_rows(pairs)

    def pair(self, row: int) -> PairAgreement:
        return self.rows[row]

    def sort_key(self, column: int, descending: bool) -> Callable[[PairAgreement], Any]:
        missing = -2.0 if descending else 2.0  # undefined figures go last either way: they never hide the weakest pair

        def key(p: PairAgreement) -> tuple[Any, ...]:
            if column >= 3:
                value = getattr(p, self.FIGURES[column - 3])
                return (missing if value is None else value, p.a, p.b)
            return ((p.a, p.b), (p.b, p.a), (p.documents, p.a, p.b))[column]

        return key

    def cell(self, p: PairAgreement, col: int, role: int) -> Any:
        if role == _DISPLAY:
            return (p.a, p.b, str(p.documents), *(figure(getattr(p, k)) for k in self.FIGURES))[col]
        if role == _ALIGN and col >= 2:
            return int(_NUMBER)
        if role == Qt.ItemDataRole.ToolTipRole and col >= 3 and getattr(p, self.FIGURES[col - 3]) is None:
            return "Undefined: neither annotator made a span there, or every token has the same value."
        return None


class RankingModel(RowsModel[DocumentDisagreement]):
    """Documents labelled by two or more annotators, most disagreement first (the order the report gives)."""

    HEADERS = ("Title", "Disagreement", "Labelled by")

    def set_documents(self, documents: list[DocumentDisagreement]) -> None:
        self.set_rows(documents)

    def document_id(self, row: int) -> int:
        return self.rows[row].id

    def cell(self, d: DocumentDisagreement, col: int, role: int) -> Any:
        if role == _DISPLAY:
            title = " ".join(d.title.split()) or f"(untitled #{d.id})"
            return (title, f"{d.disagreement:.3f}", ", ".join(d.annotators))[col]
        if role == _ALIGN and col == 1:
            return int(_NUMBER)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{d.title}\n#{d.id} · disagreement {d.disagreement:.3f} (1 − mean exact F1 of its pairs)"
                    f"\nLabelled by {', '.join(d.annotators)}\nDouble-click or Enter: open it in review")
        if role == Qt.ItemDataRole.UserRole:
            return d.id
        return None


class AgreementDialog(QDialog):
    """Measures agreement in the background, then shows the pairs, one pair per label, and the ranking."""

    document_chosen = Signal(int)  # a document id from the ranking, for the main window to open in review

    def __init__(self, project_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between annotators")
        self.report: AgreementReport | None = None
        self._colours: dict[str, str] = {}
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first batch: the tokenizer loads first
        self.heading = QLabel("<big><b>Measuring agreement…</b></big>", alignment=Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel("The first run also loads the tokenizer.", wordWrap=True,
                              alignment=Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()  # page 0: the message (running, empty, failed); page 1: the figures
        self.stack.addWidget(_column(self.heading, self.message, centred=True))
        self.stack.addWidget(self._build_results())
        self.copied = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("Copy as JSON", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(False)
        footer = QHBoxLayout()
        footer.addWidget(self.copied, 1)
        footer.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)
        self.resize(1120, 660)
        self.task = BackgroundTask(Path(project_path), measure, self)  # public: callers wait on task.finished
        self.task.progress.connect(self._on_task_progress)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self._on_task_finished)
        self.task.start()

    def _build_results(self) -> QWidget:
        self.alpha = QLabel()
        self.pair_model, self.ranking_model = PairTableModel(self), RankingModel(self)
        self.pairs = read_only_table(self.pair_model, sortable=True)
        self.ranking = read_only_table(self.ranking_model, stretch=0)
        self.pairs.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.pairs.selectionModel().currentRowChanged.connect(self._on_pairs_current_changed)
        self.ranking.activated.connect(self._on_ranking_activated)  # double-click or Enter
        self.chart = LabelChart()
        self.chart_title = QLabel()
        self.extras = QLabel(wordWrap=True)  # the pair's attribute agreement and relation F1
        self.chart_scroll = QScrollArea(widgetResizable=True)
        self.chart_scroll.setWidget(self.chart)  # many labels make a tall chart: it scrolls instead of squashing
        hint = "<span style='color: gray'>double-click or Enter: review it</span>"
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(_column(QLabel("<b>Annotator pairs</b> <span style='color: gray'>click one to see it per"
                                          " label</span>"), self.pairs, self.chart_title, self.chart_scroll,
                                   self.extras, QWidget(), stretch=(0, 2, 0, 3, 0, 1)))
        splitter.addWidget(_column(QLabel(f"<b>Documents, most disagreement first</b> {hint}", wordWrap=True),
                                   self.ranking, stretch=(0, 1)))
        splitter.setSizes([620, 500])
        return _column(self.alpha, splitter, stretch=(0, 1))

    def _on_task_progress(self, done: int, total: int, _what: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.message.setText(f"Measuring agreement: {done:,} of {plural(total, 'document')}")

    def _on_task_succeeded(self, measured: Measured) -> None:
        self.report, self._colours = measured.report, measured.colours
        self.copy_button.setEnabled(True)
        if measured.empty_reason:
            self.heading.setText("<big><b>Nothing to compare yet</b></big>")
            self.message.setText(measured.empty_reason)
            return
        report = measured.report
        people = len({name for p in report.pairs for name in (p.a, p.b)})
        self.alpha.setText(f"Krippendorff's alpha across all {plural(people, 'annotator')}: "
                           f"<b>{figure(report.alpha)}</b> "
                           f"<span style='color: gray'>{_alpha_words(report.alpha)}</span> &nbsp;·&nbsp; "
                           f"{plural(len(report.documents), 'document')} labelled by two or more")
        self.alpha.setToolTip("Nominal, every token a unit, over every annotator who labelled its document.")
        self.pair_model.set_pairs(report.pairs)
        self.ranking_model.set_documents(report.documents)
        self._fit_columns(report.pairs)
        self.stack.setCurrentIndex(1)
        self.pairs.selectRow(0)

    def _on_task_failed(self, message: str) -> None:
        self.heading.setText("<big><b>Agreement could not be measured</b></big>")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message)

    def _on_task_finished(self) -> None:
        self.bar.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)

    def _on_pairs_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pair = self.pair_model.pair(current.row()) if current.isValid() else None
        self.chart.set_pair(pair, self._colours)
        # as tall as the chart and no taller, so no empty framed area under the axis
        self.chart_scroll.setMaximumHeight(self.chart.sizeHint().height() + 2 * self.chart_scroll.frameWidth())
        self.chart_title.setText("" if pair is None else
                                 f"<b>Per label: {pair.a} / {pair.b}</b> ({plural(pair.documents, 'document')})")
        self.extras.setText(extras_html(pair))

    def _on_ranking_activated(self, index: QModelIndex) -> None:
        self.document_chosen.emit(self.ranking_model.document_id(index.row()))

    def _on_copy_clicked(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(json.dumps(self.report.to_json(), indent=2, ensure_ascii=False))
            self.copied.setText("Copied the report to the clipboard as JSON.")

    def _fit_columns(self, pairs: list[PairAgreement]) -> None:
        """Fixed widths from the names and headers once per report; never per-row measuring of the ranking."""
        fm, view = self.fontMetrics(), self.pairs
        names = ["Annotator A", *(name for p in pairs for name in (p.a, p.b))]
        name_w = min(max(map(fm.horizontalAdvance, names)) + 28, 200)
        for col, title in enumerate(PairTableModel.HEADERS):  # + room for the sort arrow in the header
            view.setColumnWidth(col, name_w if col < 2 else fm.horizontalAdvance(title) + 28)
        # a team of three has three pairs: no tall empty table, the chart gets the room
        view.setMaximumHeight(view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
                              + view.verticalHeader().defaultSectionSize() * len(pairs)
                              + view.horizontalScrollBar().sizeHint().height())
        # the title is what a reviewer reads: the other two columns get just their header's width
        self.ranking.setColumnWidth(1, fm.horizontalAdvance("Disagreement") + 16)
        self.ranking.setColumnWidth(2, fm.horizontalAdvance("alice, bob, chen") + 16)

    def reject(self) -> None:
        if self.task.is_running():
            return  # the measuring cannot be interrupted; closing under it would destroy a running thread
        super().reject()


def extras_html(pair: PairAgreement | None) -> str:
    """Relation F1 and attribute agreement on exactly matched spans, for one pair."""
    if pair is None:
        return ""
    r = pair.relations
    lines = [f"<b>Relations</b> F1 {figure(r.f1)} ({r.a} / {r.b} made, {r.matched} the same)" if r and (r.a or r.b)
             else "<b>Relations</b>: none made by this pair"]
    lines += [f"<b>{name}</b>: {plural(v.items, 'span')} both made, observed {figure(v.observed)}, kappa {figure(v.kappa)}"
              for name, v in pair.attributes.items()]
    return "<br>".join(lines)


def _alpha_words(alpha: float | None) -> str:
    """Krippendorff's own reading of alpha, so a reviewer need not remember the thresholds."""
    if alpha is None:
        return "(undefined: every token has the same value)"
    if alpha >= 0.8:
        return "(reliable: 0.800 and above)"
    return "(tentative: 0.667 to 0.800)" if alpha >= 0.667 else "(low: below 0.667)"


def _column(*widgets: QWidget, stretch: tuple[int, ...] = (), centred: bool = False) -> QWidget:
    """Widgets one under the other, each with its stretch factor, or all in the middle (the messages)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    # side margins keep a message to a readable line length (an alignment flag would break its word wrap)
    layout.setContentsMargins(*((140, 0, 140, 0) if centred else (0, 0, 0, 0)))
    if centred:
        layout.addStretch(1)
    for widget, factor in zip(widgets, stretch or [0] * len(widgets)):
        layout.addWidget(widget, factor)
    if centred:
        layout.addStretch(1)
    return box
