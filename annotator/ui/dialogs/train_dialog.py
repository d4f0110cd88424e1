"""Train dialog: trains the project's suggestion model in a separate process, with progress and held-out scores.

A process, not a thread: spaCy's training holds the GIL for most of a step, and the window
must stay responsive for the minute or so it takes. Closing the dialog stops the training;
nothing is stored until a model is complete.
"""
from __future__ import annotations

import multiprocessing
import queue
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.wording import plural
from annotator.services.project import ProjectStore
from annotator.services.training import MIN_DOCUMENTS, TrainingSettings, labelled_documents, train_in_process


class TrainDialog(QDialog):
    """Choose a layer, train, watch progress, read the scores on the documents kept aside."""

    trained = Signal()  # a new model is in the project file

    def __init__(self, project: Path, layers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Train the suggestion model")
        self.project = Path(project)
        self._process: multiprocessing.Process | None = None
        self.layer = QComboBox()
        self.layer.addItems(layers)
        self.counts = _labelled_counts(self.project, layers)
        self.layer_note = QLabel()
        self.layer.currentTextChanged.connect(self._on_layer_changed)
        trainable = [name for name in layers if self.counts.get(name, 0) >= MIN_DOCUMENTS]
        if trainable:  # open on a layer that can train: the one with most labelled documents
            self.layer.setCurrentText(max(trainable, key=lambda name: self.counts[name]))
        self._on_layer_changed(self.layer.currentText())
        self.epochs = QSpinBox(minimum=1, maximum=100, value=TrainingSettings().epochs)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.output = QPlainTextEdit(readOnly=True)
        self.output.setFont(QFont("monospace"))
        self.output.setPlaceholderText(
            f"Trains spaCy NER on the layer's labelled documents (at least {MIN_DOCUMENTS}), keeps a fifth aside "
            "and reports its scores on them. Training again replaces the model.")
        self.start_button = QPushButton("&Train")
        self.start_button.clicked.connect(self.start)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Learn from layer:", self.layer)
        form.addRow("", self.layer_note)
        form.addRow("Epochs:", self.epochs)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.bar, QLabel("Result:"), self.output, self.buttons):
            layout.addWidget(widget)
        self.resize(560, 360)
        self._messages = None
        self._timer = QTimer(self, interval=150)
        self._timer.timeout.connect(self._poll)

    def _on_layer_changed(self, name: str) -> None:
        """Say how many labelled documents the layer has, and whether that is enough to train."""
        n = self.counts.get(name, 0)
        self.layer_note.setText(plural(n, "labelled document") + (
            "" if n >= MIN_DOCUMENTS else f": too few, training needs at least {MIN_DOCUMENTS}"))

    def start(self) -> None:
        if self._process is not None or not self.layer.currentText():
            return
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no Qt state is forked
        self._messages = context.Queue()
        self._process = context.Process(target=train_in_process, daemon=True, args=(
            str(self.project), self.layer.currentText(), self.epochs.value(), self._messages))
        self._process.start()
        self.start_button.setEnabled(False)
        self.bar.setRange(0, 0)  # busy until the first step reports
        self.output.setPlainText(f"Training on {self.layer.currentText()!r}…")
        self._timer.start()

    def is_running(self) -> bool:
        return self._process is not None

    def _poll(self) -> None:
        while self._messages is not None:
            try:
                message = self._messages.get_nowait()
            except queue.Empty:
                break
            self._handle(message)
        if self._process is not None and not self._process.is_alive() and self._messages.empty():
            code = self._process.exitcode
            self._finish()
            self.output.setPlainText(f"Not trained: the training process ended unexpectedly (exit code {code})")

    def _handle(self, message: tuple) -> None:
        kind = message[0]
        if kind == "progress":
            self.bar.setRange(0, message[2])
            self.bar.setValue(message[1])
            return
        self._finish()
        self.output.setPlainText(message[1] if kind == "done" else f"Not trained: {message[1]}")
        if kind == "done":
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.trained.emit()

    def _finish(self) -> None:
        self._timer.stop()
        if self._process is not None:
            self._process.join(timeout=5)
        self._process, self._messages = None, None
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)

    def reject(self) -> None:
        """Close; a training still running is stopped (nothing is stored until it is complete)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join(timeout=5)
            self._finish()
        super().reject()


def _labelled_counts(project: Path, layers: list[str]) -> dict[str, int]:
    """Labelled documents per layer (as training counts them); a layer it cannot read counts none."""
    counts: dict[str, int] = {}
    try:
        with ProjectStore(project, create=False) as store:
            for name in layers:
                try:
                    counts[name] = len(labelled_documents(store, name))
                except AnnotatorError:
                    counts[name] = 0
    except AnnotatorError:
        pass
    return counts
