"""Export dialog: choose format, layer, split and folder; the export runs as a BackgroundTask (its own store)."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD
from annotator.services.exporting import (EXPORTERS, ExportError, ExportOptions, check_output_folder, default_layer,
                                         default_out, export_options, folder_for_format)
from annotator.services.project import ProjectStore
from annotator.ui.base.background import BackgroundTask, Progress


def _throttled(progress: Progress) -> Callable[[int, int], None]:
    """At most ~100 progress signals per export, whatever the corpus size."""
    last = [-1]

    def report(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != last[0] or done == total:
            last[0] = percent
            progress(done, total, "")
    return report


class ExportDialog(QDialog):
    """Export options, a progress bar, then the report summary (or the one error line)."""

    export_finished = Signal(object)  # the ExportReport, or None when the export was refused, failed or was cancelled

    def __init__(self, project_path: Path, annotators: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export training data")
        self.project_path = Path(project_path)
        self.report = None
        self._task: BackgroundTask | None = None
        self._stop = threading.Event()
        self._build_form(annotators)
        self._build_result()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.bar)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)
        self._on_format_changed()
        self._on_split_toggled(False)
        self.resize(660, 600)

    # -- building --------------------------------------------------------------------------
    def _build_form(self, annotators: list[str]) -> None:
        self.format = _combo([(e.title or name, name) for name, e in EXPORTERS.items()])
        self.format_hint = QLabel(wordWrap=True)
        people = [a for a in annotators if a != GOLD]
        self.source = _combo([(name, name) for name in people] + [(f"{GOLD} (reviewers' adjudicated layer)", GOLD)])
        self.source.setCurrentIndex(self.source.findData(_default_layer(annotators)))
        self.status = _combo([("Done documents only (adjudicated, for gold)", "done"),
                              ("All documents, whatever their status", "all")])
        self.split = QCheckBox("Split into train / dev / test")
        self.shares = [self._spin(value, 0, 100, "%") for value in (80, 10, 10)]
        self.seed = self._spin(0, 0, 2**31 - 1, "")
        self.scheme = _combo([("IOB2", "iob2"), ("BILOU", "bilou")])
        self.strict = QCheckBox("Stop at a span off token boundaries (instead of growing it to its tokens)")
        self.out = QLineEdit()
        self._out_edited = False
        self._format = self.format.currentData()
        self.out.textEdited.connect(self._on_out_edited)
        self.out_hint = QLabel(wordWrap=True)  # why the chosen folder would be refused, before Export is clicked
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._on_choose_clicked)
        self.form = QFormLayout()
        self.form.addRow("Format", _column(self.format, self.format_hint))
        self.form.addRow("Layer", self.source)
        self.form.addRow("Documents", self.status)
        self.form.addRow("", self.split)
        self.form.addRow("Train, dev, test", _row(*self.shares))
        self.form.addRow("Seed", self.seed)
        self.form.addRow("CoNLL tags", self.scheme)
        self.form.addRow("", self.strict)
        self.form.addRow("Output folder", _column(_row(self.out, choose), self.out_hint))
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.split.toggled.connect(self._on_split_toggled)

    def _build_result(self) -> None:
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.result = QPlainTextEdit(readOnly=True)
        self.result.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.result.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the summary is laid out in columns
        self.result.setPlaceholderText("The summary of the export appears here; details go to report.json "
                                       "beside the data.")
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button = self.buttons.addButton("Show folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.show_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.show_button.clicked.connect(self._on_show_clicked)
        self.close_button.clicked.connect(self.reject)

    @staticmethod
    def _spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setValue(value)
        box.setSuffix(suffix)
        return box

    # -- options ---------------------------------------------------------------------------
    def options(self) -> ExportOptions:
        """The export the form describes; raises AnnotatorError with one line when it is not valid."""
        fmt = self.format.currentData()
        folder = self.out.text().strip()
        if not folder:
            raise AnnotatorError("choose an output folder")
        split = ",".join(str(s.value()) for s in self.shares) if self.split.isChecked() else None
        return export_options(fmt, Path(folder).expanduser(), self.source.currentData(), self.status.currentData(),
                              split, self.seed.value(), self.scheme.currentData() if fmt == "conll" else None,
                              self.strict.isChecked())

    def _on_format_changed(self) -> None:
        fmt = self.format.currentData()
        self.format_hint.setText(EXPORTERS[fmt].description)
        self.scheme.setEnabled(fmt == "conll")
        if not self._out_edited:
            self.out.setText(str(default_out(fmt)))
        else:  # a folder named after the format follows it (services.exporting.folder_for_format)
            self.out.setText(folder_for_format(self.out.text(), self._format, fmt))
        self._format = fmt
        self._check_folder()

    def _check_folder(self) -> None:
        """Say now, under the folder, what Export would refuse (the export's own rule, check_output_folder)."""
        folder = self.out.text().strip()
        try:
            if folder:
                check_output_folder(Path(folder).expanduser(), self.format.currentData())
        except ExportError as exc:
            self.out_hint.setText(str(exc))
        else:
            self.out_hint.clear()
        self.out_hint.setVisible(bool(self.out_hint.text()))

    def _on_split_toggled(self, on: bool) -> None:
        for box in (*self.shares, self.seed):
            box.setEnabled(on)

    def _on_out_edited(self, _text: str) -> None:
        self._out_edited = True
        self._check_folder()

    def _on_choose_clicked(self) -> None:
        start = self.out.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Export into folder", str(Path(start).parent))
        if chosen:
            self.out.setText(chosen)
            self._out_edited = True
            self._check_folder()

    # -- running ---------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        try:
            options = self.options()
            check_output_folder(options.out, options.format)  # refused here at once, as the export would
        except AnnotatorError as exc:
            self.result.setPlainText(str(exc))
            self.export_finished.emit(None)
            return
        self.report = None
        self.result.setPlainText("Exporting…")
        self.bar.setRange(0, 0)  # busy until the first document is written
        self._set_running(True)
        stop = self._stop = threading.Event()

        def work(store: ProjectStore, progress: Progress) -> object:
            from annotator.services.exporting import export_corpus  # spaCy loads here, off the GUI thread

            return export_corpus(store, options, progress=_throttled(progress), should_stop=stop.is_set)

        self._task = BackgroundTask(self.project_path, work, self)
        self._task.progress.connect(self._on_task_progress)
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)
        self._task.start()

    def _on_task_progress(self, done: int, total: int, _what: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _on_task_succeeded(self, report: object) -> None:
        self.report = report
        self._check_folder()
        self.result.setPlainText(report.summary())  # type: ignore[attr-defined]
        self._end()
        self.show_button.setEnabled(True)
        self.export_finished.emit(report)

    def _on_task_failed(self, message: str) -> None:
        self.result.setPlainText(message)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self._end()
        self.export_finished.emit(None)

    def _end(self) -> None:
        self._task = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.format, self.source, self.status, self.split, self.strict, self.out):
            widget.setEnabled(not running)
        self.close_button.setText("Cancel" if running else "Close")
        if running:
            self.show_button.setEnabled(False)
        self._on_split_toggled(self.split.isChecked() and not running)
        self.scheme.setEnabled(not running and self.format.currentData() == "conll")

    def _on_show_clicked(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.out)))  # type: ignore[attr-defined]

    def is_running(self) -> bool:
        return self._task is not None

    def reject(self) -> None:
        """Close, or while exporting: cancel (the export stops at the next document, writes nothing)."""
        if self._task is not None:
            self._stop.set()
            self.result.setPlainText("Cancelling…")
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._task is not None:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)


def _default_layer(annotators: list[str]) -> str:
    """The command line's default layer (services.exporting); when it needs naming, the first annotator."""
    try:
        return default_layer(annotators)
    except ExportError:
        return next((a for a in annotators if a != GOLD), GOLD)


def _row(*widgets: QWidget) -> QWidget:
    """Widgets side by side in one form row."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return box


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    """A combo box of (text shown, value) items."""
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    return box


def _column(*widgets: QWidget) -> QWidget:
    """Widgets one under the other in one form row (a choice and its explanation)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box
