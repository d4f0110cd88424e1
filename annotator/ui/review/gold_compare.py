"""Compare with gold: on an adjudicated document, what review did to each of the annotator's spans."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from annotator.core.feedback import AnnotatorFeedback
from annotator.services.feedback import annotator_feedback
from annotator.services.project import ProjectStore
from annotator.ui.base.quoting import quoted

_COLOURS = {"kept": "#009E73", "relabelled": "#0072B2", "resized": "#E69F00", "removed": "#D55E00",
            "missed": "#CC79A7"}


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def feedback_html(feedback: AnnotatorFeedback, text: str) -> str:
    """The document's outcomes, the gold spans missed and the per-label figures, as rich text."""
    if not feedback.documents:
        return ("<p>This document is not adjudicated yet (or you have not labelled it): "
                "there is no gold to compare with.</p>")
    doc = feedback.documents[0]
    quote = lambda t: escape(text[t[0]:t[1]][:60])
    rows = []
    for span, outcome, gold in doc.outcomes:
        became = "" if gold is None or gold == span else f" → {gold[2]} {quoted(quote(gold))}"
        rows.append(f"<tr><td>{span[2]}</td><td>{quoted(quote(span))}</td>"
                    f"<td><b style='color:{_COLOURS[outcome]}'>{outcome}</b>{became}</td></tr>")
    rows += [f"<tr><td>{g[2]}</td><td>{quoted(quote(g))}</td><td><b style='color:{_COLOURS['missed']}'>missed</b>"
             "</td></tr>" for g in doc.missed]
    counts = doc.counts()
    summary = ", ".join(f"{counts[k]} {k}" for k in ("kept", "relabelled", "resized", "removed", "missed"))
    scores = "".join(f"<tr><td>{name}</td><td>{_fmt(s.precision)}</td><td>{_fmt(s.recall)}</td></tr>"
                     for name, s in feedback.evaluation.per_label("exact").items() if s.tp + s.fp + s.fn)
    return (f"<p>{summary}</p><table cellpadding=3><tr><th>label</th><th>span</th><th>review</th></tr>"
            f"{''.join(rows)}</table><p><b>Against gold</b> (exact spans)</p>"
            f"<table cellpadding=3><tr><th>label</th><th>precision</th><th>recall</th></tr>{scores}</table>")


class GoldCompareDialog(QDialog):
    """The annotator's own spans of one document beside what review made of them."""

    def __init__(self, store: ProjectStore, annotator: str, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        doc = store.document(document_id)
        self.setWindowTitle(f"Compare with gold — {doc.title}")
        self.feedback = annotator_feedback(store, annotator, document_id)
        self.view = QTextBrowser()
        self.view.setHtml(feedback_html(self.feedback, doc.text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(520, 420)
