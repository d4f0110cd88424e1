"""LabelChart: agreement figures of one annotator pair per label, as grouped horizontal bars."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from annotator.core.agreement import PairAgreement

_UNKNOWN_LABEL = "#8a8a8a"  # a label in a layer but not in the project's list (merged from elsewhere)


def figure(x: float | None) -> str:
    """A figure as shown everywhere in the dialog: three decimals, an en dash when undefined."""
    return "–" if x is None else f"{x:.3f}"


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
