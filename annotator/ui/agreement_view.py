"""Agreement dialog: annotator pairs, a per-label chart and the disagreement ranking, measured off the GUI thread."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QScrollArea, QSplitter, QStackedWidget, QTableView, QVBoxLayout,
                               QWidget)

from annotator.core.agreement import AgreementReport, DocumentDisagreement, PairAgreement
from annotator.services.agreement import measure_agreement
from annotator.storage import ProjectStore
from annotator.storage import review_store as rs
from annotator.ui.background import BackgroundTask, Progress

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_UNKNOWN_LABEL = "#8a8a8a"  # a label in a layer but not in the project's list (merged from elsewhere)


def figure(x: float | None) -> str:
    """A figure as shown everywhere in the dialog: three decimals, an en dash when undefined."""
    return "–" if x is None else f"{x:.3f}"


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
    names = sorted({name for found in rs.labelled_annotators(store).values() for name in found})
    if len(names) < 2:
        who = f"Only {names[0]} has" if names else "Nobody has"
        return (f"{who} labelled documents so far (labelled = marked done). Agreement compares two or more "
                "annotators on the same documents.")
    who = f"{', '.join(names[:-1])} and {names[-1]}"
    return (f"{who} have labelled documents, but no document has been labelled by two of them yet. "
            "Give some documents to more than one annotator.")


class _RowsModel(QAbstractTableModel):
    """A flat table over a list of rows; subclasses say what each column shows."""

    HEADERS: tuple[str, ...] = ()
    TIPS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def _set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        """Rows stay in the order given unless a subclass sorts them."""

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.TIPS):
            return self.TIPS[section] or None
        return None

    def _row(self, index: Index) -> Any:
        return self._rows[index.row()] if index.isValid() and 0 <= index.row() < len(self._rows) else None


class PairTableModel(_RowsModel):
    """One row per annotator pair; sorts itself (pairs grow as n²/2 with the team)."""

    HEADERS = ("Annotator A", "Annotator B", "Documents", "Exact F1", "Overlap F1", "Token kappa")
    TIPS = ("", "", "Documents both annotators labelled (marked done)",
            "Spans equal in start, end and label", "Spans of the same label that overlap, matched one to one",
            "Cohen's kappa over per-token labels; below 0 is worse than chance")
    FIGURES = ("exact_f1", "overlap_f1", "token_kappa")  # columns 3, 4, 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sort_key: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    def set_pairs(self, pairs: list[PairAgreement]) -> None:
        self._set_rows(pairs)

    def pair(self, row: int) -> PairAgreement:
        return self._rows[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._sort_key = (column, order)
        self._sort_rows()
        after = {id(p): i for i, p in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            row = after[id(before[persistent.row()])]
            self.changePersistentIndex(persistent, self.index(row, persistent.column()))
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        missing = -2.0 if descending else 2.0  # undefined figures go last either way: they never hide the weakest pair

        def key(p: PairAgreement) -> tuple[Any, ...]:
            if column >= 3:
                value = getattr(p, self.FIGURES[column - 3])
                return (missing if value is None else value, p.a, p.b)
            return ((p.a, p.b), (p.b, p.a), (p.documents, p.a, p.b))[column]

        self._rows.sort(key=key, reverse=descending)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        p = self._row(index)
        if p is None:
            return None
        col = index.column()
        if role == _DISPLAY:
            return (p.a, p.b, str(p.documents), *(figure(getattr(p, k)) for k in self.FIGURES))[col]
        if role == _ALIGN and col >= 2:
            return int(_NUMBER)
        if role == Qt.ItemDataRole.ToolTipRole and col >= 3 and getattr(p, self.FIGURES[col - 3]) is None:
            return "Undefined: neither annotator made a span there, or every token has the same value."
        return None


class RankingModel(_RowsModel):
    """Documents labelled by two or more annotators, most disagreement first (the order the report gives)."""

    HEADERS = ("Title", "Disagreement", "Labelled by")

    def set_documents(self, documents: list[DocumentDisagreement]) -> None:
        self._set_rows(documents)

    def document_id(self, row: int) -> int:
        return self._rows[row].id

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        d: DocumentDisagreement | None = self._row(index)
        if d is None:
            return None
        col = index.column()
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


class LabelChart(QWidget):
    """Grouped horizontal bars per label (exact F1, overlap F1, token kappa) on a 0..1 axis for one pair."""

    MEASURES = (("exact F1", "exact_f1"), ("overlap F1", "overlap_f1"), ("token kappa", "token_kappa"))
    BAR, GAP, GROUP_GAP, PAD = 11, 2, 12, 8
    GROUP = 3 * BAR + 2 * GAP  # height of one label's three bars, pixels

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pair: PairAgreement | None = None
        self._colours: dict[str, str] = {}
        self.setMinimumWidth(320)

    @property
    def pair(self) -> PairAgreement | None:
        return self._pair

    def set_pair(self, pair: PairAgreement | None, colours: dict[str, str]) -> None:
        self._pair, self._colours = pair, colours
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        labels = len(self._pair.per_label) if self._pair else 1
        return QSize(460, self._top() + labels * (self.GROUP + self.GROUP_GAP) + self.fontMetrics().height() + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def _top(self) -> int:
        return self.PAD + self.fontMetrics().height() + 8  # below the legend

    def _label_width(self) -> int:
        names = [*(self._pair.per_label if self._pair else ()), "LOCATION"]
        return max(self.fontMetrics().horizontalAdvance(n) for n in names) + 20

    def bar_slot(self, group: int, measure: int) -> QRectF:
        """The whole 0..1 width of bar `measure` of the `group`-th label: the geometry paintEvent draws in."""
        left = self.PAD + self._label_width()
        right = self.width() - self.PAD - self.fontMetrics().horizontalAdvance("−0.000") - 8  # room for values
        y = self._top() + self.GROUP_GAP / 2 + group * (self.GROUP + self.GROUP_GAP) + measure * (self.BAR + self.GAP)
        return QRectF(left, y, right - left, self.BAR)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        text = self.palette().windowText().color()
        painter.setPen(text)
        if self._pair is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Select a pair to see its figures per label.")
            return
        self._legend(painter, text)
        self._axis(painter, len(self._pair.per_label), text)
        for group, (name, figures) in enumerate(self._pair.per_label.items()):
            colour = QColor(self._colours.get(name, _UNKNOWN_LABEL))
            first = self.bar_slot(group, 0)
            box = QRectF(self.PAD, first.top(), self._label_width(), self.GROUP)
            painter.fillRect(QRectF(box.left(), box.center().y() - 5, 10, 10), colour)
            painter.setPen(text)
            painter.drawText(box.adjusted(14, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, name)
            for k, (_, attr) in enumerate(self.MEASURES):
                self._bar(painter, k, colour, getattr(figures, attr), self.bar_slot(group, k))

    def _bar(self, painter: QPainter, style: int, colour: QColor, value: float | None, slot: QRectF) -> None:
        """One bar; a negative kappa gets no bar, only its value in red; an undefined figure only its dash."""
        shown = 0.0 if value is None else min(max(value, 0.0), 1.0)
        if shown > 0:
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(_brush(style, colour))
            painter.drawRect(QRectF(slot.left(), slot.top(), shown * slot.width(), slot.height()))
        negative = value is not None and value < 0
        painter.setPen(QColor("#b00020") if negative else self.palette().windowText().color())
        painter.drawText(QRectF(slot.left() + shown * slot.width() + 4, slot.top() - 3, 80, slot.height() + 6),
                         Qt.AlignmentFlag.AlignVCenter, figure(value).replace("-", "−"))

    def _legend(self, painter: QPainter, text: QColor) -> None:
        fm, neutral, x, line = self.fontMetrics(), QColor("#6b6b6b"), float(self.PAD), self.fontMetrics().height()
        for k, (title, _) in enumerate(self.MEASURES):
            painter.setPen(QPen(neutral.darker(130), 1))
            painter.setBrush(_brush(k, neutral))
            painter.drawRect(QRectF(x, self.PAD + 2, 22, line - 4))
            painter.setPen(text)
            painter.drawText(QRectF(x + 28, self.PAD, 200, line), Qt.AlignmentFlag.AlignVCenter, title)
            x += 28 + fm.horizontalAdvance(title) + 18

    def _axis(self, painter: QPainter, groups: int, text: QColor) -> None:
        """Grid lines at 0, 0.25 .. 1 under the bars, their values below."""
        slot, grid = self.bar_slot(0, 0), QColor(text)
        top, bottom = self._top(), self._top() + groups * (self.GROUP + self.GROUP_GAP)
        grid.setAlpha(50)
        for k in range(5):
            x = slot.left() + k / 4 * slot.width()
            painter.setPen(QPen(grid, 1, Qt.PenStyle.SolidLine if k in (0, 4) else Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.setPen(text)
            painter.drawText(QRectF(x - 30, bottom + 2, 60, self.fontMetrics().height()),
                             Qt.AlignmentFlag.AlignHCenter, f"{k / 4:g}")


def _brush(style: int, colour: QColor) -> QBrush:
    """Exact F1 solid, overlap F1 light, kappa hatched: the measures stay apart whatever the label colour."""
    return (QBrush(colour), QBrush(colour.lighter(150)), QBrush(colour, Qt.BrushStyle.BDiagPattern))[style]


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
        self.pairs, self.ranking = _table(self.pair_model), _table(self.ranking_model)
        self.pairs.setSortingEnabled(True)
        self.pairs.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.pairs.selectionModel().currentRowChanged.connect(self._on_pairs_current_changed)
        self.ranking.activated.connect(self._on_ranking_activated)  # double-click or Enter
        self.chart = LabelChart()
        self.chart_title = QLabel()
        self.chart_scroll = QScrollArea(widgetResizable=True)
        self.chart_scroll.setWidget(self.chart)  # many labels make a tall chart: it scrolls instead of squashing
        hint = "<span style='color: gray'>double-click or Enter: review it</span>"
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(_column(QLabel("<b>Annotator pairs</b> <span style='color: gray'>click one to see it per"
                                          " label</span>"), self.pairs, self.chart_title, self.chart_scroll,
                                   QWidget(), stretch=(0, 2, 0, 3, 1)))
        splitter.addWidget(_column(QLabel(f"<b>Documents, most disagreement first</b> {hint}", wordWrap=True),
                                   self.ranking, stretch=(0, 1)))
        splitter.setSizes([620, 500])
        return _column(self.alpha, splitter, stretch=(0, 1))

    def _on_task_progress(self, done: int, total: int, _what: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.message.setText(f"Measuring agreement: {done:,} of {total:,} documents")

    def _on_task_succeeded(self, measured: Measured) -> None:
        self.report, self._colours = measured.report, measured.colours
        self.copy_button.setEnabled(True)
        if measured.empty_reason:
            self.heading.setText("<big><b>Nothing to compare yet</b></big>")
            self.message.setText(measured.empty_reason)
            return
        report = measured.report
        people = len({name for p in report.pairs for name in (p.a, p.b)})
        self.alpha.setText(f"Krippendorff's alpha across all {people} annotators: <b>{figure(report.alpha)}</b> "
                           f"<span style='color: gray'>{_alpha_words(report.alpha)}</span> &nbsp;·&nbsp; "
                           f"{len(report.documents):,} documents labelled by two or more")
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
                                 f"<b>Per label: {pair.a} / {pair.b}</b> ({pair.documents:,} documents)")

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


def _table(model: QAbstractTableModel) -> QTableView:
    """A read-only table in house style: whole rows, fixed row height, no per-row measuring."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    if isinstance(model, RankingModel):
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    else:
        view.horizontalHeader().setStretchLastSection(True)  # a wide pane leaves no blank strip at the right
    return view


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
