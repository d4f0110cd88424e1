"""Review > Team: a table per annotator, a chart of progress and a pairwise agreement matrix."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from annotator.services.team_stats import AnnotatorStats, team_stats
from annotator.ui.base.background import BackgroundTask

Index = QModelIndex | QPersistentModelIndex
# Okabe-Ito colours: distinct for the common colour-vision deficiencies
DONE, IN_PROGRESS, UNTOUCHED = QColor("#009E73"), QColor("#E69F00"), QColor("#D0D0D0")
HIGH, LOW, NO_FIGURE = QColor("#0072B2"), QColor("#FFFFFF"), QColor("#EEEEEE")


def _fmt(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


class TeamTableModel(QAbstractTableModel):
    """One row per annotator: progress, active hours, speed, precision and recall against gold."""

    COLUMNS = ("Annotator", "Assigned", "Done", "In progress", "Untouched", "Active h", "Spans/h",
               "P (gold)", "R (gold)")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AnnotatorStats] = []

    def set_rows(self, rows: Sequence[AnnotatorStats]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        p = r.progress
        values = (r.name, p.assigned, p.done, p.in_progress, p.untouched, f"{r.hours:.2f}",
                  _fmt(r.spans_per_hour, 1), _fmt(r.precision, 3), _fmt(r.recall, 3))
        return str(values[index.column()])


class ProgressChart(QWidget):
    """A bar per annotator, as long as their assignment: done, in progress, untouched."""

    ROW, PAD = 22, 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AnnotatorStats] = []
        self.setMinimumSize(280, 80)

    def set_rows(self, rows: Sequence[AnnotatorStats]) -> None:
        self.rows = [r for r in rows if r.progress.assigned]
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.PAD * 2 + max(len(self.rows), 1) * self.ROW + self.ROW)

    def _left(self) -> int:
        return self.PAD + max([self.fontMetrics().horizontalAdvance(r.name) for r in self.rows] + [40]) + 8

    def segment(self, row: int, part: str) -> QRectF:
        """Where bar `row`'s part ("done", "in_progress", "untouched") is drawn, in pixels."""
        scale = (self.width() - self._left() - self.PAD) / max(max(r.progress.assigned for r in self.rows), 1)
        p = self.rows[row].progress
        widths = {"done": p.done, "in_progress": p.in_progress, "untouched": p.untouched + p.skipped}
        x = self._left()
        for name in ("done", "in_progress", "untouched"):
            if name == part:
                return QRectF(x, self.PAD + self.ROW + row * self.ROW, widths[name] * scale, self.ROW - 6)
            x += widths[name] * scale
        raise KeyError(part)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        x = self.PAD
        for text, colour in (("done", DONE), ("in progress", IN_PROGRESS), ("untouched", UNTOUCHED)):
            painter.fillRect(QRectF(x, self.PAD + 3, 10, 10), colour)
            painter.drawText(int(x + 14), self.PAD + 12, text)
            x += 24 + self.fontMetrics().horizontalAdvance(text)
        for i, r in enumerate(self.rows):
            for part, colour in (("done", DONE), ("in_progress", IN_PROGRESS), ("untouched", UNTOUCHED)):
                painter.fillRect(self.segment(i, part), colour)
            y = int(self.segment(i, "done").center().y() + self.fontMetrics().ascent() / 2 - 1)
            painter.drawText(self.PAD, y, r.name)
        painter.end()


class AgreementMatrix(QWidget):
    """Exact-match F1 of every pair on the documents both labelled: white 0, blue 1, grey where unmeasured."""

    PAD, CELL = 8, 46

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        self.values: dict[tuple[str, str], float | None] = {}
        self.setMinimumSize(160, 120)

    def set_rows(self, rows: Sequence[AnnotatorStats]) -> None:
        self.names = [r.name for r in rows]
        self.values = {(r.name, other): f1 for r in rows for other, f1 in r.agreement.items()}
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        side = self._left() + len(self.names) * self.CELL + self.PAD
        return QSize(side, self.PAD + self.fontMetrics().height() + 4 + len(self.names) * self.CELL + self.PAD)

    def _left(self) -> int:
        return self.PAD + max([self.fontMetrics().horizontalAdvance(n) for n in self.names] + [30]) + 6

    def cell(self, row: int, column: int) -> QRectF:
        top = self.PAD + self.fontMetrics().height() + 4
        return QRectF(self._left() + column * self.CELL, top + row * self.CELL, self.CELL - 2, self.CELL - 2)

    @staticmethod
    def colour(value: float | None) -> QColor:
        """The fill of a cell: LOW..HIGH in proportion to the F1, NO_FIGURE when there is none."""
        if value is None:
            return NO_FIGURE
        v = max(0.0, min(1.0, value))
        return QColor.fromRgbF(*(LOW.redF() + (HIGH.redF() - LOW.redF()) * v,
                                 LOW.greenF() + (HIGH.greenF() - LOW.greenF()) * v,
                                 LOW.blueF() + (HIGH.blueF() - LOW.blueF()) * v))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        for j, name in enumerate(self.names):
            head = self.cell(0, j)
            painter.drawText(QRectF(head.left(), self.PAD, head.width(), self.fontMetrics().height()),
                             Qt.AlignmentFlag.AlignCenter, name[:6])
        for i, a in enumerate(self.names):
            cell = self.cell(i, 0)
            painter.drawText(QRectF(self.PAD, cell.top(), self._left() - self.PAD - 6, cell.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, a)
            for j, b in enumerate(self.names):
                rect = self.cell(i, j)
                value = 1.0 if a == b else self.values.get((a, b))
                painter.fillRect(rect, self.colour(value) if a != b else QColor("#555555"))
                if a != b:
                    painter.setPen(QColor("white") if value is not None and value > 0.6 else QColor("black"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _fmt(value))
        painter.end()


class TeamDialog(QDialog):
    """The team view; figures computed off the GUI thread on the dialog's own connection."""

    def __init__(self, project: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team")
        self.model = TeamTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.chart, self.matrix = ProgressChart(), AgreementMatrix()
        self.status = QLabel("Counting…")
        pictures = QHBoxLayout()
        pictures.addWidget(self.chart, 3)
        pictures.addWidget(self.matrix, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.status)
        self.resize(820, 560)
        self.task = BackgroundTask(project, lambda store, _progress: team_stats(store), self)
        self.task.succeeded.connect(self.set_rows)
        self.task.failed.connect(self.status.setText)
        self.task.start()

    def set_rows(self, rows: Sequence[AnnotatorStats]) -> None:
        for view in (self.model, self.chart, self.matrix):
            view.set_rows(rows)
        self.table.resizeColumnsToContents()
        assigned = sum(r.progress.assigned for r in rows)
        self.status.setText(f"{len(rows)} annotators; {assigned} assignments; agreement is exact-match F1 on "
                            "the documents both marked done")
